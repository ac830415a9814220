#!/usr/bin/env bash
# Check every folder of ../shared with a frozen copy of HEAD, two folders at a time:
#   bash tools/check_shared.sh OUTDIR [REV]
# writes OUTDIR/{bulk,corpus,more,seeds}.jsonl (one document a line), the input of
# bench/population.py, bench/reading.py --from-check and tools/findings_diff.py. The copy of REV
# (default HEAD) lets the tree be edited while the check runs. Needs the repo's venv active.
set -euo pipefail
out=${1:?usage: check_shared.sh OUTDIR [REV]}
rev=${2:-HEAD}
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${YUSUAN_SHARED:-$repo/../shared}
[ -d "$shared/bulk" ] || shared=/work/shared
mkdir -p "$out/src"
git -C "$repo" archive "$rev" yusuan | tar -x -C "$out/src"
git -C "$repo" rev-parse "$rev" > "$out/REV"
run() { PYTHONPATH="$out/src" python -m yusuan check "$shared/$1" --format json --exit-zero -o "$out/$1.jsonl" 2>"$out/$1.err"; }
run bulk & b=$!
{ run corpus; run more; run seeds; } & o=$!
wait $b $o
wc -l "$out"/*.jsonl
