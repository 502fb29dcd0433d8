#!/usr/bin/env bash
# Extract candidate attributions from a sharded corpus (.parquet or .jsonl files, in a
# folder or at an fsspec URL such as s3://bucket/corpus/) on a Slurm cluster: one sbatch job
# array of TASKS tasks, each writing OUTDIR/RANK.jsonl in the output contract.
#
# Run it on a login node, from a checkout of iqtibas on a filesystem the compute nodes see
# (the tasks run in this checkout's .venv, and OUTDIR/logs must be shared too):
#
#   examples/slurm-extract.sh CORPUS OUTDIR PARTITION [TASKS] [TIME]
#   examples/slurm-extract.sh /shared/fineweb2-arb/data /shared/iqtibas/fw2 cpu 256 02:00:00
#
# It returns once the job is submitted.  Run it again when the job is done: it prints the
# counts from every task's stats, and resubmits only the tasks without a completion marker
# (OUTDIR/logs/completions/RANK), so a preempted or failed task is simply done again.
# Extra sbatch options: IQTIBAS_SBATCH="account=nlp qos=high".
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
corpus=$1 out=$2 partition=$3 tasks=${4:-64} limit=${5:-04:00:00}
cd "$(dirname "$0")/.."
scripts/setup cluster
options=()
for option in ${IQTIBAS_SBATCH:-}; do
  options+=(--slurm-option "$option")
done
exec .venv/bin/iqtibas extract "$corpus" -o "$out" --executor slurm --tasks "$tasks" \
  --slurm-partition "$partition" --slurm-time "$limit" "${options[@]}"
