#!/usr/bin/env bash
# A run that fills a real disk (a 300 KiB tmpfs): it must exit 3 with the manifest saying
# `failed: …` (not `running`), leave no temporary file, and every CSV it wrote must end on a
# whole row. Needs root to mount the tmpfs; under CI=true a missing privilege is a failure,
# elsewhere the check is skipped with a note.
set -uo pipefail
bin=${NANOCITY_BIN:-nanocity}
work=$(mktemp -d)
trap 'umount "$work/full" 2>/dev/null; rm -rf "$work"' EXIT
mkdir "$work/full"
if ! mount -t tmpfs -o size=300k tmpfs "$work/full" 2>/dev/null; then
  if [ "${CI:-}" = true ]; then echo "full-disk: cannot mount a tmpfs (needs root)"; exit 1; fi
  echo "full-disk: skipped (cannot mount a tmpfs here; needs root)"; exit 0
fi
fail=0
check() { if eval "$1"; then echo "ok    $2"; else echo "FAIL  $2"; fail=1; fi; }
out="$work/full/run"
"$bin" run --ticks 2000 --frame-every 10 --out "$out" --quiet >/dev/null 2>"$work/err"
rc=$?
check '[ "$rc" -eq 3 ]' "exit 3 when the disk fills (got $rc: $(head -c 200 "$work/err"))"
check 'grep -q "\"status\": \"failed: " "$out/manifest.json"' "manifest says failed ($(grep -o '"status": "[^"]*' "$out/manifest.json" | head -c 120))"
check 'python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$out/manifest.json"' "manifest is valid JSON"
check '[ ! -e "$out/manifest.json.tmp" ]' "no manifest.json.tmp left"
for f in metrics.csv events.csv; do
  if [ -s "$out/$f" ]; then check '[ "$(tail -c 1 "$out/$f" | od -An -c | tr -d " ")" = "\n" ]' "$f ends on a whole row"; fi
done
# A sweep on the full disk: an output error is exit 3 as well.
"$bin" sweep --vary guards.count=1,2 --replicates 2 --ticks 50 --keep runs --out "$work/full/sweep" --quiet >/dev/null 2>&1
rc=$?
check '[ "$rc" -eq 3 ]' "sweep on a full disk fails with an output error (exit $rc)"
exit $fail
