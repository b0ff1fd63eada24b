#!/usr/bin/env bash
# Fetches the pinned llama.cpp natives (release v0.5.0, as built by node-llama-cpp 3.22.1)
# with `npm pack`, verifies each tarball against the integrity pinned below, and unpacks the
# shared libraries into DEST. Does nothing when DEST already holds the pinned release.
#
#   build/fetch-natives.sh cpu  DEST     # @node-llama-cpp/linux-x64
#   build/fetch-natives.sh cuda DEST     # @node-llama-cpp/linux-x64-cuda (needs the CUDA 13 runtime)
#   build/fetch-natives.sh source DEST   # llama.cpp source of the same release (llama.h, llama-server)
set -euo pipefail

flavor=${1:?usage: fetch-natives.sh cpu|cuda|source DEST}
dest=${2:?usage: fetch-natives.sh cpu|cuda|source DEST}
dest=${dest%/}

version=3.22.1
case "$flavor" in
  cpu)    package="@node-llama-cpp/linux-x64@$version"
          integrity="sha512-5uCCDNqWCNfaAm8aR/Uzxbo4HBpKgNF91kCHPepKhgMgV2OAmatoefbOlMihsqCiH2Od35E/eUHQCFbfRBJuOg==" ;;
  cuda)   package="@node-llama-cpp/linux-x64-cuda@$version"
          integrity="sha512-8rQCjyNNLZJUFit+YpjwlC4hwkKgOMIkB2wuycKBf8NU2O3ySKbiWZQ8aw9ku2nUTXjSnUIrE6KB88itduTBuA==" ;;
  source) package="node-llama-cpp@$version"
          integrity="sha512-bltIipuWmc123H7tMIgDGKSsSrhmhlQYeVUC48XTjVW7XGJJiJJyCdlTMzQ/LiWoPkGDpcL4FviDpgw7qfTiDw==" ;;
  *) echo "fetch-natives: unknown flavor '$flavor' (cpu, cuda or source)" >&2; exit 2 ;;
esac

stamp="$dest/.pinned"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$package $integrity" ]]; then
  exit 0
fi

# One fetch at a time per destination (parallel builds share the cache).
mkdir -p "$(dirname "$dest")"
exec 9>"$dest.lock"
flock 9
if [[ -f "$stamp" && "$(cat "$stamp")" == "$package $integrity" ]]; then
  exit 0
fi

command -v npm >/dev/null || { echo "fetch-natives: npm is needed to fetch $package" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "fetch-natives: npm pack $package" >&2
(cd "$work" && npm pack "$package" --silent >/dev/null 2>"$work/npm.log") || { cat "$work/npm.log" >&2; exit 1; }
tarball=$(ls "$work"/*.tgz)
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [[ "$actual" != "$integrity" ]]; then
  echo "fetch-natives: integrity mismatch for $package" >&2
  echo "  pinned: $integrity" >&2
  echo "  got:    $actual" >&2
  exit 1
fi

mkdir -p "$work/x"
tar xzf "$tarball" -C "$work/x"
rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
if [[ "$flavor" == source ]]; then
  command -v git >/dev/null || { echo "fetch-natives: git is needed to unpack the llama.cpp source bundle" >&2; exit 1; }
  git clone -q "$work/x/package/llama/gitRelease.bundle" "$dest.tmp/llama.cpp" 2>/dev/null
  cp "$work/x/package/llama/llama.cpp.info.json" "$dest.tmp/"
else
  # Keep the libraries together: they find each other through RUNPATH $ORIGIN.
  find "$work/x/package/bins" -name '*.so*' -exec cp {} "$dest.tmp/" \;
fi
rm -rf "$dest" && mv "$dest.tmp" "$dest"
echo "$package $integrity" > "$stamp"
echo "fetch-natives: $package -> $dest" >&2
