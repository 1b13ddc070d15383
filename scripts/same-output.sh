#!/usr/bin/env bash
# Shows that a change left every user-visible output alone: builds BASE_REV and the working
# tree, runs both binaries on the same inputs in every output format, and compares stdout,
# stderr and the exit code byte for byte.
#
# Inputs: every file under testdata/ (fixtures, captures, generated captures), the seeds and
# Adobe's docs pages in ../shared when they are there, a capture made by
# examples/gencapture.rs (2 MB NDJSON and HAR, seed 11, 30 % defects), and a pre-commit-style
# run of several files at once. Formats: full, concise, json, json-lines, sarif, github,
# junit, plus --statistics, --threads 1, and the `rules`, `explain`, `man` and `--help` texts.
#
# Usage: scripts/same-output.sh BASE_REV     (for example HEAD~3, or a tag)
# Prints one line per difference and a total; exits 1 when anything differs.
# Build directories live under target/same-output/ (reused between runs).
set -uo pipefail

base_rev=${1:?usage: scripts/same-output.sh BASE_REV}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
work="$repo/target/same-output"
mkdir -p "$work"
base_sha=$(git rev-parse --verify "$base_rev^{commit}") || exit 2

# The base: a worktree at BASE_REV, built into its own target directory.
base_tree="$work/tree-$base_sha"
if [ ! -d "$base_tree" ]; then
  git worktree add --detach "$base_tree" "$base_sha" >/dev/null 2>&1 || {
    echo "cannot make a worktree at $base_sha" >&2
    exit 2
  }
fi
echo "building base $base_sha ..." >&2
(cd "$base_tree" && CARGO_TARGET_DIR="$work/target-base" cargo build --quiet --bin valint) || exit 2
base_bin="$work/target-base/debug/valint"
echo "building the working tree ..." >&2
cargo build --quiet --bin valint --example gencapture || exit 2
new_bin="$repo/target/debug/valint"

# A generated capture (deterministic for a seed), made by the working tree's generator.
gen="$work/gen"
mkdir -p "$gen"
for fmt in ndjson har; do
  [ -f "$gen/capture.$fmt" ] || "$repo/target/debug/examples/gencapture" --format "$fmt" \
    --size 2M --seed 11 --defects 30 --out "$gen/capture.$fmt" >/dev/null
done

inputs=()
while IFS= read -r f; do inputs+=("$f"); done < <(
  find testdata -type f ! -name '*.snap' ! -name 'README.md' ! -name '*.json' | sort
)
if [ -d ../shared ]; then
  while IFS= read -r f; do inputs+=("$f"); done < <(
    find ../shared/seeds ../shared/reference/adobe-docs -type f -name '*.md' | sort
  )
else
  echo "note: ../shared is absent; the seeds and Adobe's pages are not compared" >&2
fi
inputs+=("$gen/capture.ndjson" "$gen/capture.har")

out_base="$work/out-base"
out_new="$work/out-new"
rm -rf "$out_base" "$out_new"
mkdir -p "$out_base" "$out_new"
runs=0
diffs=0

# run NAME ARGS...: runs both binaries with ARGS and compares what they print.
run() {
  local name=$1
  shift
  runs=$((runs + 1))
  local b="$out_base/$name" n="$out_new/$name"
  env -u GITHUB_STEP_SUMMARY NO_COLOR=1 "$base_bin" "$@" >"$b.out" 2>"$b.err"
  echo "exit $?" >>"$b.err"
  env -u GITHUB_STEP_SUMMARY NO_COLOR=1 "$new_bin" "$@" >"$n.out" 2>"$n.err"
  echo "exit $?" >>"$n.err"
  if ! cmp -s "$b.out" "$n.out" || ! cmp -s "$b.err" "$n.err"; then
    diffs=$((diffs + 1))
    echo "DIFFERS: valint $*"
  fi
}

formats=(full concise json json-lines sarif github junit)
i=0
for f in "${inputs[@]}"; do
  i=$((i + 1))
  for fmt in "${formats[@]}"; do
    run "$i-$fmt" check --output-format "$fmt" "$f"
  done
  run "$i-stats" check --statistics "$f"
  run "$i-t1" check --threads 1 --output-format json "$f"
done
# Several files in one run, as pre-commit passes them.
multi=(testdata/captures/*.har testdata/captures/*.ndjson testdata/captures/split/*)
for fmt in "${formats[@]}"; do
  run "multi-$fmt" check --output-format "$fmt" "${multi[@]}"
done
run "rules" rules
run "rules-json" rules --json
while read -r code _; do
  run "explain-$code" explain "$code"
done < <("$base_bin" rules)
run "man" man
run "help" --help
run "check-help" check --help

echo "$runs runs on ${#inputs[@]} inputs: $diffs differ (outputs in $work/out-{base,new})"
# When rule docs changed on purpose, every SARIF output differs in the rules' help texts:
# say how many SARIF outputs differ in nothing else.
if [ "$diffs" -gt 0 ] && command -v python3 >/dev/null; then
  python3 - "$out_base" "$out_new" <<'PY'
import json, os, sys
base, new = sys.argv[1:3]
only_help = beyond = 0
for name in sorted(os.listdir(base)):
    if not name.endswith("sarif.out"):
        continue
    a, b = open(os.path.join(base, name), "rb").read(), open(os.path.join(new, name), "rb").read()
    if a == b:
        continue
    try:
        ja, jb = json.loads(a), json.loads(b)
    except ValueError:
        beyond += 1
        continue
    for j in (ja, jb):
        for run in j.get("runs", []):
            for rule in run["tool"]["driver"].get("rules", []):
                rule.pop("help", None)
    if ja == jb:
        only_help += 1
    else:
        beyond += 1
print(f"SARIF outputs that differ only in the rules' help (their explain text): {only_help}; beyond it: {beyond}")
PY
fi
[ "$diffs" -eq 0 ]
