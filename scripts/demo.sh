#!/usr/bin/env bash
# The main job on the bundled example: sets up only what the Python path needs (no LLVM, no
# Chromium: scripts/bootstrap.sh --python-only), builds only the anymig binary, shows what
# `check` finds, the diff `migrate` would make and its summary, then migrates a copy and
# checks again. (scripts/test.sh sets up and builds everything.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --python-only
if [ ! -f build/CMakeCache.txt ]; then  # an existing build (e.g. scripts/test.sh's) is reused as it is
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DANYMIG_CLANG=OFF -DANYMIG_TESTS=OFF >/dev/null
fi
cmake --build build -j"$(nproc)" --target anymig >/dev/null
example=examples/asyncio-app
work=$(mktemp -d)
cp -r "$example" "$work/"
cd "$work/asyncio-app"
echo "== anymig check src (before): legacy sites"
"$OLDPWD/build/anymig" check src || echo "(exit $? : legacy sites remain)"
echo
echo "== anymig migrate --diff src"
"$OLDPWD/build/anymig" migrate --diff src || true
echo
echo "== anymig migrate src, then check again: only what the pack cannot migrate, with reasons"
"$OLDPWD/build/anymig" migrate src >/dev/null 2>&1 || true
"$OLDPWD/build/anymig" check src || echo "(exit $? : these sites need a person)"
echo
echo "(the migrated copy is in $work/asyncio-app)"
