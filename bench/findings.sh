#!/usr/bin/env bash
# What findings cost, measured the way a user runs valint: the default `full` output and
# `json`, on a capture where every session has a defect (examples/gencapture.rs
# --defects 100), against the same runs with every rule ignored (`--ignore ALL`: the same
# reading, parsing, validation and sequencing, no finding kept or rendered), and the
# serde_json floor (examples/jsonfloor, built with valint's serde_json features, release
# profile). One thread. Commands take turns round after round (the machine's speed drifts);
# each row is the median of ROUNDS, and ratios are taken within a round, then their median.
# Also counts system calls of the default run with strace, when strace is there.
#
#   bench/findings.sh [SIZE=100M] [ROUNDS=3]
# Prints a Markdown table; writes nothing else but bench/.work/.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-100M}
rounds=${2:-3}
work=bench/.work
mkdir -p "$work"
cargo build --quiet --release --bin valint --example gencapture --example jsonfloor
bin=target/release
cap="$work/defects100-$size.ndjson"
[ -f "$cap" ] || "$bin/examples/gencapture" --format ndjson --size "$size" --seed 5 --defects 100 --out "$cap" >/dev/null 2>&1

declare -A cmd=(
  [floor]="$bin/examples/jsonfloor $cap"
  [full]="$bin/valint check --threads 1 $cap"
  [full0]="$bin/valint check --threads 1 --ignore ALL $cap"
  [json]="$bin/valint check --threads 1 --output-format json $cap"
  [json0]="$bin/valint check --threads 1 --output-format json --ignore ALL $cap"
)
order=(floor full full0 json json0)
rm -f "$work"/fnd-*
for _ in $(seq "$rounds"); do
  for k in "${order[@]}"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" ${cmd[$k]} >/dev/null 2>/dev/null || true
    tail -1 "$work/time" >> "$work/fnd-$k"
  done
done
med() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
col() { awk -v c="$2" '{print $c}' "$work/fnd-$1" | med; }
ratio() { paste "$work/fnd-$1" "$work/fnd-$2" | awk '{printf "%.2f\n", $1/$5}' | med; }
findings=$({ "$bin/valint" check --threads 1 --output-format json "$cap" 2>/dev/null || true; } \
  | python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; print(s["errors"]+s["warnings"]+s["infos"])')
echo "Capture: $(du -h "$cap" | cut -f1) NDJSON, gencapture --defects 100 (seed 5), $findings findings."
echo "valint $(git rev-parse --short HEAD), $rounds rounds, one thread, release profile."
echo
echo "| run | wall s | user s | sys s | peak RSS MB | wall / same run, rules ignored |"
echo "|---|---|---|---|---|---|"
for k in "${order[@]}"; do
  r="-"
  case $k in full) r=$(ratio full full0) ;; json) r=$(ratio json json0) ;; esac
  printf '| %s | %s | %s | %s | %.0f | %s |\n' "${cmd[$k]}" "$(col "$k" 1)" "$(col "$k" 2)" \
    "$(col "$k" 3)" "$(awk -v r="$(col "$k" 4)" 'BEGIN{print r/1024}')" "$r"
done
if command -v strace >/dev/null; then
  # shellcheck disable=SC2086
  strace -f -c -o "$work/strace" ${cmd[full]} >/dev/null 2>&1 || true
  echo
  echo "System calls of the default run (strace -c): $(awk '$NF=="madvise"{m=$4} $NF=="ioctl"{i=$4} END{printf "%s madvise, %s ioctl", m+0, i+0}' "$work/strace")."
fi
