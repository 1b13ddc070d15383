#!/usr/bin/env bash
# What findings cost, measured the way a user runs valint: the default `full` output and
# `json`, on a capture where every session has a defect (examples/gencapture.rs
# --defects 100), against the same runs with the rules that report those findings ignored
# (`--ignore` with exactly the codes the capture gets: the same reading, parsing,
# validation and sequencing by every other rule, no finding kept or rendered). Also: a clean
# capture of the same size (--defects 0) with every rule on, against the serde_json floor
# (examples/jsonfloor, built with valint's serde_json features, release profile). One
# thread. Commands take turns round after round (the machine's speed drifts); each row is
# the median of ROUNDS, and ratios are taken within a round, then their median. Also counts
# system calls of the default run with strace, when strace is there.
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
clean="$work/defects0-$size.ndjson"
[ -f "$cap" ] || "$bin/examples/gencapture" --format ndjson --size "$size" --seed 5 --defects 100 --out "$cap" >/dev/null 2>&1
[ -f "$clean" ] || "$bin/examples/gencapture" --format ndjson --size "$size" --seed 6 --defects 0 --out "$clean" >/dev/null 2>&1

# The codes the defective capture gets, and how many findings.
read -r codes findings < <({ "$bin/valint" check --threads 1 --output-format json "$cap" 2>/dev/null || true; } \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); c=sorted({f["code"] for f in d["findings"]}); print(",".join(c), len(d["findings"]))')

declare -A cmd=(
  [floor]="$bin/examples/jsonfloor $clean"
  [clean]="$bin/valint check --threads 1 --output-format json $clean"
  [full]="$bin/valint check --threads 1 $cap"
  [full0]="$bin/valint check --threads 1 --ignore $codes $cap"
  [json]="$bin/valint check --threads 1 --output-format json $cap"
  [json0]="$bin/valint check --threads 1 --output-format json --ignore $codes $cap"
)
declare -A label=(
  [floor]="floor: jsonfloor, clean capture"
  [clean]="clean capture, every rule on, \`--output-format json\`"
  [full]="default \`full\`"
  [full0]="default \`full\`, the findings' rules ignored"
  [json]="\`--output-format json\`"
  [json0]="\`--output-format json\`, the findings' rules ignored"
)
order=(floor clean full full0 json json0)
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
# Ratio of user CPU seconds within each round (wall times on a shared machine include
# waiting for the CPU), then the median.
ratio() { paste "$work/fnd-$1" "$work/fnd-$2" | awk '{printf "%.2f\n", $2/$6}' | med; }
echo "Captures: $(du -h "$cap" | cut -f1) NDJSON, gencapture --defects 100 (seed 5): $findings findings"
echo "of $(echo "$codes" | tr ',' '\n' | wc -l) rules ($codes); and a clean one of the same size (--defects 0, seed 6)."
echo "valint $(git rev-parse --short HEAD), $rounds rounds, one thread (\`--threads 1\`), release profile."
echo
echo "| run | wall s | user s | sys s | peak RSS MB | user / comparison |"
echo "|---|---|---|---|---|---|"
for k in "${order[@]}"; do
  r="-"
  case $k in
    full) r="$(ratio full full0) of the run with its rules ignored" ;;
    json) r="$(ratio json json0) of the run with its rules ignored" ;;
    clean) r="floor / valint: $(paste "$work/fnd-floor" "$work/fnd-clean" | awk '{printf "%.2f\n", $2/$6}' | med)" ;;
  esac
  printf '| %s | %s | %s | %s | %.0f | %s |\n' "${label[$k]}" "$(col "$k" 1)" "$(col "$k" 2)" \
    "$(col "$k" 3)" "$(awk -v r="$(col "$k" 4)" 'BEGIN{print r/1024}')" "$r"
done
if command -v strace >/dev/null; then
  # shellcheck disable=SC2086
  strace -f -c -o "$work/strace" ${cmd[full]} >/dev/null 2>&1 || true
  echo
  # madvise and ioctl were the issue's (a purge and a terminal query per finding); the
  # findings' temporary file adds lseek, read and write.
  echo "System calls of the default run (strace -c): $(awk '$NF=="total"{t=$4} $NF=="madvise"{m=$4} $NF=="ioctl"{i=$4} $NF=="lseek"{l=$4} $NF=="read"{r=$4} $NF=="write"{w=$4} END{printf "%s in all: %s madvise, %s ioctl, %s lseek, %s read, %s write", t+0, m+0, i+0, l+0, r+0, w+0}' "$work/strace")."
fi
