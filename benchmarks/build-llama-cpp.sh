#!/usr/bin/env bash
# Builds llama.cpp's llama-server and llama-batched-bench from the pinned source we bind to
# (build/fetch-natives.sh source), once, into a cache outside the repository.
#
#   benchmarks/build-llama-cpp.sh            # prints the directory holding the two binaries
#
# The build matches our prebuilt libraries (node-llama-cpp 3.22.1 = llama.cpp v0.5.0) as closely
# as a single-variant build can: on x86-64 their runtime picks a libggml-cpu-<variant>.so; we build
# the haswell-class ISA (SSE4.2 AVX AVX2 FMA F16C BMI2) without -march=native, and without OpenMP
# (the prebuilt libraries use ggml's own thread pool). Override with LLAMA_CMAKE_EXTRA="...".
# Offline: no curl, no OpenSSL, no web UI download.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${INFERENCE_BENCH_CACHE:-$HOME/.cache/inference}
src_dir="$cache/llama.cpp-source"
build_dir="$cache/llama.cpp-build"
jobs=${JOBS:-2}

"$repo/build/fetch-natives.sh" source "$src_dir" >&2
src="$src_dir/llama.cpp"

flags=(-DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF
       -DGGML_NATIVE=OFF -DGGML_SSE42=ON -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON
       -DGGML_OPENMP=OFF
       -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF
       -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF)
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
