#!/usr/bin/env bash
# Submits a NanoCity calibration to Slurm as a dependency chain: one job array of SHARDS tasks
# per generation (examples/calibrate-array.sbatch), one more for the posterior predictive
# check, then a one-task job that writes the final posterior.csv and calibration.json.
#
#   NANOCITY_TARGETS=examples/targets-identifiability.toml NANOCITY_OUT=output/cal \
#     examples/calibrate-chain.sh 10          # 10 tasks per generation
#
# Each array job starts when the one before it has finished (afterok). The chain has as many
# arrays as the targets file's `generations` (its at most) plus one; when ABC stops earlier,
# the arrays left find the calibration complete and end at once. A task that dies can be
# resubmitted alone (sbatch --array=7 …) before the next array starts: it resumes its shard.
# NANOCITY_WAIT=1 waits for the final job (sbatch --wait) and exits with its status;
# NANOCITY_SBATCH_ARGS adds options to every sbatch (e.g. "--chdir=/shared/proj --output=…").
# shellcheck disable=SC2086
set -euo pipefail
shards=${1:?usage: calibrate-chain.sh SHARDS}
here=$(cd "$(dirname "$0")" && pwd)
targets=${NANOCITY_TARGETS:-examples/targets-identifiability.toml}
generations=$(grep -E '^[[:space:]]*generations[[:space:]]*=' "$targets" | head -1 | grep -oE '[0-9]+' | head -1 || true)
generations=${generations:-8}
export NANOCITY_TARGETS="$targets"
previous=""
for step in $(seq 0 "$generations"); do
  previous=$(sbatch --parsable --array="0-$((shards - 1))" ${previous:+--dependency=afterok:$previous} \
    --job-name="nanocity-calibrate-$step" ${NANOCITY_SBATCH_ARGS:-} "$here/calibrate-array.sbatch")
  echo "step $step: job array $previous"
done
bin=${NANOCITY_BIN:-nanocity}
out=${NANOCITY_OUT:-output/calibration}
final=(sbatch --parsable --dependency="afterok:$previous" --job-name=nanocity-calibrate-final ${NANOCITY_SBATCH_ARGS:-}
       --wrap "\"$bin\" calibrate ${NANOCITY_ARGS:-worlds/default.toml} --targets \"$targets\" --out \"$out\" --resume --quiet")
if [ "${NANOCITY_WAIT:-0}" = 1 ]; then
  id=$("${final[@]}" --wait)  # under set -e a failed final job ends the script with its status
  echo "final: job $id, done"
else
  echo "final: job $("${final[@]}")"
fi
