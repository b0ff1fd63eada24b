#!/usr/bin/env bash
# Builds llama.cpp's llama-server and llama-batched-bench from the pinned source we bind to
# (build/fetch-natives.sh source), once, into a cache outside the repository.
#
#   benchmarks/build-llama-cpp.sh            # prints the directory holding the two binaries
#
# The build matches our prebuilt libraries (node-llama-cpp 3.22.1 = llama.cpp v0.5.0) as closely
# as a single-variant build can: on x86-64 their runtime loads the libggml-cpu-<variant>.so with the
# highest score this CPU supports (ggml's cpu-feats.cpp); we build that variant's ISA (haswell: SSE4.2
# AVX AVX2 FMA F16C BMI2; zen4 adds AVX-512 with VBMI, VNNI and BF16; ...) without -march=native, and
# without OpenMP (the prebuilt libraries use ggml's own thread pool). The build is redone when the
# variant changes (another machine). Override with LLAMA_CMAKE_EXTRA="...".
# Offline: no curl, no OpenSSL, no web UI download.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${INFERENCE_BENCH_CACHE:-$HOME/.cache/inference}
src_dir="$cache/llama.cpp-source"
build_dir="$cache/llama.cpp-build"
jobs=${JOBS:-2}

"$repo/build/fetch-natives.sh" source "$src_dir" >&2
src="$src_dir/llama.cpp"

# ggml's x86-64 CPU variants (ggml/src/CMakeLists.txt, GGML_CPU_ALL_VARIANTS) and the score of each feature
# (ggml_backend_cpu_x86_score); a variant needs every one of its features, the highest total wins.
variants=("x64:" "sse42:SSE42" "sandybridge:SSE42 AVX" "ivybridge:SSE42 AVX F16C" "piledriver:SSE42 AVX F16C FMA"
  "haswell:SSE42 AVX F16C FMA AVX2 BMI2" "skylakex:SSE42 AVX F16C FMA AVX2 BMI2 AVX512"
  "cannonlake:SSE42 AVX F16C FMA AVX2 BMI2 AVX512 AVX512_VBMI" "cascadelake:SSE42 AVX F16C FMA AVX2 BMI2 AVX512 AVX512_VNNI"
  "icelake:SSE42 AVX F16C FMA AVX2 BMI2 AVX512 AVX512_VBMI AVX512_VNNI"
  "cooperlake:SSE42 AVX F16C FMA AVX2 BMI2 AVX512 AVX512_VNNI AVX512_BF16"
  "zen4:SSE42 AVX F16C FMA AVX2 BMI2 AVX512 AVX512_VBMI AVX512_VNNI AVX512_BF16"
  "alderlake:SSE42 AVX F16C FMA AVX2 BMI2 AVX_VNNI"
  "sapphirerapids:SSE42 AVX F16C FMA AVX2 BMI2 AVX512 AVX512_VBMI AVX512_VNNI AVX512_BF16 AMX_TILE AMX_INT8")
declare -A weight=([FMA]=1 [F16C]=2 [SSE42]=4 [BMI2]=8 [AVX]=16 [AVX2]=32 [AVX_VNNI]=64 [AVX512]=128
  [AVX512_VBMI]=256 [AVX512_BF16]=512 [AVX512_VNNI]=1024 [AMX_TILE]=0 [AMX_INT8]=2048)
declare -A cpuinfo_flags=([FMA]="fma" [F16C]="f16c" [SSE42]="sse4_2" [BMI2]="bmi2" [AVX]="avx" [AVX2]="avx2"
  [AVX_VNNI]="avx_vnni" [AVX512]="avx512f avx512cd avx512vl avx512dq avx512bw" [AVX512_VBMI]="avx512vbmi"
  [AVX512_BF16]="avx512_bf16" [AVX512_VNNI]="avx512_vnni" [AMX_TILE]="amx_tile" [AMX_INT8]="amx_int8")
cpu_flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | cut -d: -f2) "
variant=haswell variant_features="SSE42 AVX F16C FMA AVX2 BMI2" best=-1
if [[ "$(uname -m)" == x86_64 && "$cpu_flags" != "  " ]]; then
  for entry in "${variants[@]}"; do
    name=${entry%%:*} features=${entry#*:} score=1 supported=1
    for feature in $features; do
      for flag in ${cpuinfo_flags[$feature]}; do [[ "$cpu_flags" == *" $flag "* ]] || supported=0; done
      score=$(( score + weight[$feature] ))
    done
    if (( supported && score > best )); then variant=$name variant_features=$features best=$score; fi
  done
fi
echo "build-llama-cpp: this CPU's prebuilt variant is $variant ($variant_features)" >&2

flags=(-DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DGGML_NATIVE=OFF -DGGML_OPENMP=OFF
       -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF
       -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF)
for feature in $variant_features; do flags+=("-DGGML_$feature=ON"); done
# shellcheck disable=SC2206
flags+=(${LLAMA_CMAKE_EXTRA:-})

stamp="$build_dir/.built"
want="$(cat "$src_dir/.pinned") ${flags[*]}"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$build_dir/bin/llama-server" && -x "$build_dir/bin/llama-batched-bench" ]]; then
  echo "$build_dir/bin"
  exit 0
fi

echo "build-llama-cpp: configuring $src -> $build_dir (${flags[*]})" >&2
cmake -S "$src" -B "$build_dir" -G Ninja "${flags[@]}" >&2
echo "build-llama-cpp: building llama-server llama-batched-bench with -j$jobs (about 10 minutes on 2 cores)" >&2
cmake --build "$build_dir" --target llama-server llama-batched-bench -j "$jobs" >&2
echo "$want" > "$stamp"
echo "$build_dir/bin"
