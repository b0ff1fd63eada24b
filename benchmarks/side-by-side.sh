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
#   ROUNDS=3 benchmarks/side-by-side.sh              # three rounds; every figure the median of its rounds (about 25 min)
#
# Settings (environment): PARALLEL (8) CTX (4096) THREADS (all cores) BATCH (our --batch-size, 512)
# PROMPT_TOKENS (106) MAX_TOKENS (128) CONCURRENCY ("1 4 8 16") REQUESTS (0 = max(16, 4c) per level)
# SHARED_PREFIX (0) SKIP_RAW (0) ORDER ("theirs ours"; one name runs one server) ROUNDS (1)
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

wait_healthy() {
  local port=$1
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/health" > /dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { log "server exited; see its log"; return 1; }
    sleep 0.5
  done
  return 1
}

# 3. Raw engines, both library builds, same prompt/output lengths: one run of each per round.
raw_engine() {
  local who=$1 name=r$round
  # shellcheck disable=SC2086
  case "$who" in
    theirs)
      log "raw engine: llama-batched-bench (llama-server's build), parallel $levels"
      "$llama_bin/llama-batched-bench" -m "$model" -c "$CTX" -b 2048 -ub 512 -npp "$PROMPT_TOKENS" -ntg "$MAX_TOKENS" -npl "$(echo $levels | tr ' ' ',')" \
        -t "$THREADS" -tb "$THREADS" --kv-unified --output-format jsonl > "$out/raw-llama-batched-bench.$name.jsonl" 2> "$out/raw-llama-batched-bench.$name.log" ;;
    ours)
      log "raw engine: Inference.EngineBenchmark (our prebuilt libraries), parallel $levels"
      "${enginebench[@]}" --model "$model" --parallel $levels --prompt-tokens "$PROMPT_TOKENS" --output-tokens "$MAX_TOKENS" \
        --threads "$THREADS" --repeat 1 > "$out/raw-engine-benchmark.$name.md" 2> "$out/raw-engine-benchmark.$name.log" ;;
  esac
}

# 4. The servers at one level: each started fresh, loaded, stopped. llama-server: -np = our --parallel, same
# context, threads and unified KV cache, continuous batching on, its default batch sizes (-b 2048 -ub 512). Both
# keep their default per-slot prompt cache (cache_prompt; ours --cache-prompt); llama-server's extra host-RAM
# prompt cache is off (--cache-ram 0): we have none.
serve_level() {
  local who=$1 c=$2 name=r$round.c$c label port
  case "$who" in
    theirs)
      label=llama-server port=$THEIRS_PORT
      # shellcheck disable=SC2086
      "$llama_bin/llama-server" -m "$model" --host 127.0.0.1 --port "$port" -np "$PARALLEL" -c "$CTX" \
        -t "$THREADS" -tb "$THREADS" -cb --kv-unified --cache-ram 0 --no-webui --jinja \
        --reasoning-format none $THEIRS_ARGS > "$out/$label.$name.log" 2>&1 & ;;
    ours)
      label=inference port=$OURS_PORT
      # shellcheck disable=SC2086
      "$inference" serve --model "$model" --host 127.0.0.1 --port "$port" --parallel "$PARALLEL" --ctx-size "$CTX" \
        --threads "$THREADS" --batch-size "$BATCH" $OURS_ARGS > "$out/$label.$name.log" 2>&1 & ;;
  esac
  server_pid=$!
  log "round $round of $ROUNDS, c=$c: $label on 127.0.0.1:$port"
  wait_healthy "$port"
  "${loadgen[@]}" --url "http://127.0.0.1:$port" --label "$label" --concurrency "$c" --requests "$REQUESTS" \
    --prompt-tokens "$PROMPT_TOKENS" --max-tokens "$MAX_TOKENS" --shared-prefix-tokens "$SHARED_PREFIX" \
    --pid "$server_pid" --save-detailed --out "$out/$label.$name.json" > "$out/$label.$name.md" 2> "$out/$label.$name.loadgen.log" \
    || log "$label: some requests failed (see $out/$label.$name.md)"
  cat "$out/$label.$name.md" >&2
  cleanup
  server_pid=""
  sleep 2
}

# Both servers take each level back to back, so a slow minute of a shared machine weighs on both halves of a
# pair; who goes first alternates from level to level and from round to round.
reversed() { echo "$1" | awk '{ for (i = NF; i > 0; i--) printf "%s ", $i }'; }
for round in $(seq 1 "$ROUNDS"); do
  order=$ORDER
  if (( round % 2 == 0 )); then order=$(reversed "$ORDER"); fi
  if [[ "$SKIP_RAW" != 1 ]]; then
    for who in $order; do raw_engine "$who"; done
  fi
  step=0
  for c in $CONCURRENCY; do
    level_order=$order
    if (( (round + step) % 2 == 0 )); then level_order=$(reversed "$order"); fi
    for who in $level_order; do serve_level "$who" "$c"; done
    step=$(( step + 1 ))
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
  echo; echo "$ROUNDS round(s); in each, both servers run every level back to back (fresh server per level, who goes first alternating);"
  echo "every figure is the median of its rounds (peak RSS: the highest), and 'median of the rounds' own ratios' pairs each round's two runs"
  echo
  # shellcheck disable=SC2046
  "${loadgen[@]}" compare --ours $(ls "$out"/inference.r*.json | sort -V) --theirs $(ls "$out"/llama-server.r*.json | sort -V) \
    --engine-benchmark $(ls "$out"/raw-engine-benchmark.r*.md 2>/dev/null) --batched-bench $(ls "$out"/raw-llama-batched-bench.r*.jsonl 2>/dev/null) \
    --parallel "$PARALLEL" --model-kv-bytes "$model_kv_bytes"
} | tee "$out/side-by-side.md"
log "results in $out"
