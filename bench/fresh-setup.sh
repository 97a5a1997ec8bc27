#!/usr/bin/env bash
# Times the set-up from a fresh Debian 12 machine state: a debootstrap --variant=minbase chroot
# of bookworm (nothing of anymig's installed), with this repository's committed tree copied in.
#
#   bench/fresh-setup.sh demo   time scripts/demo.sh end to end (packages, npm, build, demo run)
#   bench/fresh-setup.sh full   time scripts/bootstrap.sh (the whole package set of scripts/test.sh)
#
# Needs root, debootstrap (installed if missing) and the Debian mirror; leaves the chroot in
# /var/tmp/anymig-fresh/<mode> (delete it afterwards). Prints the wall time and apt's download
# and installed sizes.
set -euo pipefail
mode=${1:?usage: bench/fresh-setup.sh demo|full}
repo=$(cd "$(dirname "$0")/.." && pwd)
top=/var/tmp/anymig-fresh
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
if [ ! -f "$top/base/.done" ]; then
  rm -rf "$top/base"
  debootstrap --variant=minbase bookworm "$top/base" http://deb.debian.org/debian >/dev/null
  touch "$top/base/.done"
fi
root=$top/$mode
rm -rf "$root"
cp -a "$top/base" "$root"
mkdir -p "$root/src"
git -C "$repo" archive HEAD | tar -x -C "$root/src"
# The npm-locked grammar, from the host's `npm ci` when there is one (a chroot may not reach the
# npm registry, e.g. behind a TLS-intercepting proxy whose CA only the host trusts); bootstrap.sh
# then skips npm ci. Time `npm ci` on its own where that applies.
if [ -f "$repo/node_modules/tree-sitter-python/src/parser.c" ]; then
  mkdir -p "$root/src/node_modules"
  cp -a "$repo/node_modules/tree-sitter-python" "$root/src/node_modules/"
  echo "fresh-setup: grammar copied from the host's node_modules (npm ci not timed here)"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
for d in proc sys dev dev/pts; do mount --bind "/$d" "$root/$d"; done
trap 'for d in dev/pts dev sys proc; do umount "$root/$d" 2>/dev/null || true; done' EXIT
case $mode in
  demo) cmd="scripts/demo.sh > /tmp/demo.out" ;;
  full) cmd="scripts/bootstrap.sh" ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
start=$(date +%s.%N)
chroot "$root" /bin/bash -c "cd /src && $cmd"
end=$(date +%s.%N)
pkgs=$(chroot "$root" dpkg-query -W -f='${Installed-Size}\n' | awk '{s+=$1} END {printf "%.0f", s/1024}')
base=$(chroot "$top/base" dpkg-query -W -f='${Installed-Size}\n' | awk '{s+=$1} END {printf "%.0f", s/1024}')
dl=$(du -sm "$root/var/cache/apt/archives" | cut -f1)
printf '%s: %.0f s wall; downloaded %s MB of .deb; installed %s MB over the %s MB minbase\n' \
  "$mode" "$(awk "BEGIN {print $end - $start}")" "$dl" "$((pkgs - base))" "$base"
