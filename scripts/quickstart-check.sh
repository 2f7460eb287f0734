#!/usr/bin/env bash
# Runs every command line of the README's Quick start, in order, in a fresh clone of this
# repository, the way a new user would after `export PATH=...release:$PATH` (the one-time
# apt-get line and `swift test` aside; `swift run -c release nanocity` becomes the built
# binary, which is the same program). Fails on the first line that exits non-zero, naming it.
# Usage: NANOCITY_BIN=.build/release/nanocity bash scripts/quickstart-check.sh
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${NANOCITY_BIN:-$root/.build/release/nanocity}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/clone" || exit 1
mkdir -p "$work/bin" && ln -s "$bin" "$work/bin/nanocity"
export PATH="$work/bin:$PATH"
# The Quick start section's code blocks, one command per line.
awk '/^## Quick start/{on=1; next} /^## /{on=0} on && /^```/{block=!block; next} on && block' "$root/README.md" > "$work/lines"
n=0; fail=0
while IFS= read -r line; do
  cmd=${line%%#*}                       # drop the comment
  cmd=$(echo "$cmd" | sed 's/[[:space:]]*$//')
  [ -z "$cmd" ] && continue
  case "$cmd" in
    apt-get*|"swift test"*) echo "skip  $cmd"; continue ;;
  esac
  cmd=${cmd/swift run -c release nanocity/nanocity}
  if [[ "$cmd" == *"--video"* ]] && ! command -v ffmpeg >/dev/null; then
    if [ "${CI:-}" = true ]; then echo "FAIL  ffmpeg missing for: $cmd"; fail=1; continue; fi
    echo "skip  (no ffmpeg) $cmd"; continue
  fi
  n=$((n + 1))
  start=$SECONDS
  if (cd "$work/clone" && bash -c "$cmd" > "$work/out" 2> "$work/err"); then
    echo "ok    $((SECONDS - start)) s  $cmd"
  else
    echo "FAIL  exit $?: $cmd"; tail -5 "$work/err"; fail=1
  fi
done < "$work/lines"
[ "$n" -ge 10 ] || { echo "FAIL  only $n Quick-start lines found"; fail=1; }
exit $fail
