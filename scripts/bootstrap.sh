#!/usr/bin/env bash
# Installs everything anymig needs to build and test on a fresh Debian 12 machine.
# Debian packages come from apt, the tree-sitter runtime and Python grammar sources from the npm
# registry (pinned by the committed package-lock.json). Nothing else is downloaded.
#
#   scripts/bootstrap.sh                the whole set: build, tests, C/C++ front end, packaging
#   scripts/bootstrap.sh --python-only  only what building the Python path needs (scripts/demo.sh):
#                                       no LLVM/Clang, no Chromium, no test-only packages
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# Building the anymig binary (the Python path).
PKGS=(
  build-essential cmake ninja-build pkg-config patch
  libxxhash-dev nlohmann-json3-dev libtomlplusplus-dev libcli11-dev libdtl-dev libyaml-cpp-dev libinih-dev
  # grammar
  nodejs
)
if [ "${1:-}" != "--python-only" ]; then
  PKGS+=(
    ccache git catch2
    # behavioural and corpus tests (Debian's interpreter and its packages)
    python3 python3-anyio python3-trio python3-pytest python3-pytest-asyncio python3-jsonschema libpython3.11-testsuite
    # Debian corpus test (tests/scripts/test_corpus_debian.py): packages with heavy asyncio use
    python3-aiohttp python3-websockets python3-uvicorn python3-starlette python3-httpx python3-httpcore
    python3-aiosqlite python3-aiofiles python3-aioredis python3-asyncpg python3-janus python3-aiostream
    # isort/black round trip (imports placed as the project sorts them), headless LSP client test
    python3-isort black neovim
    # C/C++ front end
    llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19 clang-tidy-19 clang-tools-19 libboost-thread-dev
    # libFuzzer target and sanitizer runtime (tests/fuzz/)
    libclang-rt-19-dev
    # the realistic C++ test project (test-inputs/cpp-project) uses non-thread Boost too
    libboost-filesystem-dev libboost-date-time-dev
    # HTML report browser test
    chromium
    # packages: the man page (help2man), the .deb (dpkg-shlibdeps), the wheel (setuptools, wheel, venv, pip)
    help2man dpkg-dev python3-setuptools python3-wheel python3-venv python3-pip
  )
fi

# npm: part of some nodejs builds (e.g. NodeSource's); Debian's own nodejs needs the npm package.
command -v npm >/dev/null || PKGS+=(npm)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Python grammar (tree-sitter-python 0.23.6, ABI 14) and the tree-sitter runtime's C source
# (vendored by the node binding tree-sitter 0.22.4) from npm, exactly as locked. --ignore-scripts:
# the binding's install script (node-gyp) never runs; CMake compiles the runtime's lib.c itself.
if [ ! -f node_modules/tree-sitter-python/src/parser.c ] ||
   [ ! -f node_modules/tree-sitter/vendor/tree-sitter/lib/src/lib.c ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
echo "bootstrap: ok"
