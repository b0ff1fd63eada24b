#!/usr/bin/env bash
# Serving benchmark, side by side: llama.cpp's llama-server and our `inference serve`, the same model,
# the same machine, the same load, one after the other, in one run; then one table with both and the
# ratio ours / theirs, plus the raw-engine numbers of both library builds (llama-batched-bench and
# Inference.EngineBenchmark) so that a difference of library build is not read as one of serving loop.
#
#   benchmarks/side-by-side.sh                       # full sweep, c = 1 4 8 16 (about 15 min on 2 idle cores)
#   CONCURRENCY="1 8" REQUESTS=16 benchmarks/side-by-side.sh
#   SHARED_PREFIX=1024 CTX=10240 benchmarks/side-by-side.sh  # agent pattern: one long system prompt + tool schema
#                                                    # (8 slots × ≈1,170 tokens need more than the default 4096 cells)
#   ROUNDS=3 benchmarks/side-by-side.sh              # three rounds, order alternating; every figure the median of its rounds
#
# Settings (environment): PARALLEL (8) CTX (4096) THREADS (all cores) BATCH (our --batch-size, 512)
# PROMPT_TOKENS (106) MAX_TOKENS (128) CONCURRENCY ("1 4 8 16") REQUESTS (0 = max(16, 4c) per level)
# SHARED_PREFIX (0) SKIP_RAW (0) ORDER ("theirs ours"; one name runs one server) ROUNDS (1; even rounds run ORDER reversed)
# OURS_ARGS THEIRS_ARGS (extra flags) OUT_DIR (artifacts/bench/<time>).
# Everything runs on 127.0.0.1 only. Builds are cached: llama.cpp in ~/.cache/inference/llama.cpp-build
# (benchmarks/build-llama-cpp.sh, ~10+ min the first time), the model in ~/.cache/inference/bench.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${INFERENCE_BENCH_CACHE:-$HOME/.cache/inference}
PARALLEL=${PARALLEL:-8}
CTX=${CTX:-4096}
THREADS=${THREADS:-$(nproc)}
BATCH=${BATCH:-512}
PROMPT_TOKENS=${PROMPT_TOKENS:-106}
MAX_TOKENS=${MAX_TOKENS:-128}
CONCURRENCY=${CONCURRENCY:-"1 4 8 16"}
REQUESTS=${REQUESTS:-0}
SHARED_PREFIX=${SHARED_PREFIX:-0}
SKIP_RAW=${SKIP_RAW:-0}
ORDER=${ORDER:-"theirs ours"}
ROUNDS=${ROUNDS:-1}
OURS_ARGS=${OURS_ARGS:-}
THEIRS_ARGS=${THEIRS_ARGS:-}
OURS_PORT=${OURS_PORT:-18080}
THEIRS_PORT=${THEIRS_PORT:-18090}
out=${OUT_DIR:-$repo/artifacts/bench/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"
log() { echo "side-by-side: $*" >&2; }

server_pid=""
cleanup() { if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

# 1. Builds: llama.cpp (cached), then ours.
log "llama.cpp build (cached after the first run)"
llama_bin=$("$repo/benchmarks/build-llama-cpp.sh")
log "dotnet build (Release)"
for project in src/Inference.Server benchmarks/Inference.LoadGenerator benchmarks/Inference.EngineBenchmark; do
  dotnet build "$repo/$project" -c Release --nologo -v quiet >&2
done
inference="$repo/src/Inference.Server/bin/Release/net10.0/inference"
loadgen=(dotnet "$repo/benchmarks/Inference.LoadGenerator/bin/Release/net10.0/Inference.LoadGenerator.dll")
enginebench=(dotnet "$repo/benchmarks/Inference.EngineBenchmark/bin/Release/net10.0/Inference.EngineBenchmark.dll")

# 2. The model: the generated `small` preset (~134M parameters), q8_0, made once per generator version.
generator=$(sed -nE 's/.*const uint GeneratorVersion = ([0-9]+);.*/\1/p' "$repo/src/Inference.Models/TestModelMaker.cs" | head -1)
model="$cache/bench/small-q8_0.v${generator:-0}.gguf"
if [[ ! -f "$model" ]]; then
  log "making $model"
  mkdir -p "$(dirname "$model")"
  "$inference" model make --preset small --quant q8_0 --out "$model.tmp" >&2
  mv "$model.tmp" "$model"
fi

# Model file + KV cache (f16 K and V, every layer, CTX cells), to show what each server uses beyond them.
meta=$("$inference" model inspect "$model" | grep -E '^ +[a-z0-9]+\.(block_count|embedding_length|attention\.head_count|attention\.head_count_kv) ' || true)
value() { echo "$meta" | awk -v key="$1" '$1 ~ ("\\." key "$") { print $3; exit }'; }
n_layer=$(value block_count); n_embd=$(value embedding_length); n_head=$(value attention.head_count); n_head_kv=$(value attention.head_count_kv)
if [[ -n "$n_layer" && -n "$n_embd" && -n "$n_head" && -n "$n_head_kv" ]]; then
  kv_bytes=$(( n_layer * CTX * 2 * (n_embd / n_head * n_head_kv) * 2 ))
  model_kv_bytes=$(( $(stat -c %s "$model") + kv_bytes ))
  log "model $(stat -c %s "$model") bytes + KV cache $kv_bytes bytes (${n_layer} layers, ctx $CTX, f16)"
else
  model_kv_bytes=0
  log "could not read the model's shape from 'inference model inspect'; RSS beyond model + KV will not be shown"
fi

# Engine ceilings: as many sequences as the servers batch at each client concurrency.
levels=$(for c in $CONCURRENCY; do echo $(( c < PARALLEL ? c : PARALLEL )); done | sort -n | uniq | tr '\n' ' ')

# 3. Raw engines, both library builds, same prompt/output lengths.
if [[ "$SKIP_RAW" != 1 ]]; then
  log "raw engine: llama-batched-bench (llama-server's build), parallel $levels"
  npl=$(echo $levels | tr ' ' ',')
  "$llama_bin/llama-batched-bench" -m "$model" -c "$CTX" -b 2048 -ub 512 -npp "$PROMPT_TOKENS" -ntg "$MAX_TOKENS" -npl "$npl" \
    -t "$THREADS" -tb "$THREADS" --kv-unified --output-format jsonl > "$out/raw-llama-batched-bench.jsonl" 2> "$out/raw-llama-batched-bench.log"
  log "raw engine: Inference.EngineBenchmark (our prebuilt libraries), parallel $levels"
  # shellcheck disable=SC2086
  "${enginebench[@]}" --model "$model" --parallel $levels --prompt-tokens "$PROMPT_TOKENS" --output-tokens "$MAX_TOKENS" \
    --threads "$THREADS" > "$out/raw-engine-benchmark.md" 2> "$out/raw-engine-benchmark.log"
fi

wait_healthy() {
  local port=$1
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/health" > /dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { log "server exited; see its log"; return 1; }
    sleep 0.5
  done
  return 1
}

run_load() {
  local label=$1 port=$2 name=$1.r$round
  # shellcheck disable=SC2086
  "${loadgen[@]}" --url "http://127.0.0.1:$port" --label "$label" --concurrency $CONCURRENCY --requests "$REQUESTS" \
    --prompt-tokens "$PROMPT_TOKENS" --max-tokens "$MAX_TOKENS" --shared-prefix-tokens "$SHARED_PREFIX" \
    --pid "$server_pid" --save-detailed --out "$out/$name.json" > "$out/$name.md" 2> "$out/$name.loadgen.log" || log "$label: some requests failed (see $out/$name.md)"
  cat "$out/$name.md" >&2
}

# 4. The servers, one after the other. llama-server: -np = our --parallel, same context, threads and
# unified KV cache, continuous batching on, its default batch sizes (-b 2048 -ub 512). Both keep their
# default per-slot prompt cache (cache_prompt; ours --cache-prompt); llama-server's extra host-RAM prompt
# cache is off (--cache-ram 0): we have none.
for round in $(seq 1 "$ROUNDS"); do
  order=$ORDER
  if (( round % 2 == 0 )); then order=$(echo "$ORDER" | awk '{ for (i = NF; i > 0; i--) printf "%s ", $i }'); fi
  for who in $order; do
    log "round $round of $ROUNDS"
    case "$who" in
      theirs)
        log "llama-server on 127.0.0.1:$THEIRS_PORT"
        "$llama_bin/llama-server" -m "$model" --host 127.0.0.1 --port "$THEIRS_PORT" -np "$PARALLEL" -c "$CTX" \
          -t "$THREADS" -tb "$THREADS" -cb --kv-unified --cache-ram 0 --no-webui --jinja \
          --reasoning-format none $THEIRS_ARGS > "$out/llama-server.r$round.log" 2>&1 &
        server_pid=$!
        wait_healthy "$THEIRS_PORT"
        run_load llama-server "$THEIRS_PORT" ;;
      ours)
        log "inference serve on 127.0.0.1:$OURS_PORT"
        "$inference" serve --model "$model" --host 127.0.0.1 --port "$OURS_PORT" --parallel "$PARALLEL" --ctx-size "$CTX" \
          --threads "$THREADS" --batch-size "$BATCH" $OURS_ARGS > "$out/inference.r$round.log" 2>&1 &
        server_pid=$!
        wait_healthy "$OURS_PORT"
        run_load inference "$OURS_PORT" ;;
    esac
    cleanup
    server_pid=""
    sleep 2
  done
done

# 5. One table.
if [[ " $ORDER " != *" ours "* || " $ORDER " != *" theirs "* ]]; then
  log "ORDER=\"$ORDER\" ran one server: no comparison; its table is above and in $out"
  exit 0
fi

{
  echo "## Side by side: inference vs llama-server ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, threads $THREADS, -np/--parallel $PARALLEL, ctx $CTX)"
  echo
  echo "prompt ≈$PROMPT_TOKENS tokens, $MAX_TOKENS output tokens (ignore_eos), greedy, shared prefix $SHARED_PREFIX tokens; model $(basename "$model")"
  if (( ROUNDS > 1 )); then echo; echo "$ROUNDS rounds, the servers' order alternating; every figure is the median of its rounds (peak RSS: the highest)"; fi
  echo
  # shellcheck disable=SC2046
  "${loadgen[@]}" compare --ours $(ls "$out"/inference.r*.json) --theirs $(ls "$out"/llama-server.r*.json) \
    --engine-benchmark "$out/raw-engine-benchmark.md" --batched-bench "$out/raw-llama-batched-bench.jsonl" \
    --parallel "$PARALLEL" --model-kv-bytes "$model_kv_bytes"
} | tee "$out/side-by-side.md"
log "results in $out"
