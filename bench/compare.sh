#!/usr/bin/env bash
# Measures valint against the floor (serde_json parse only) and against the schema-only
# tools people would use instead (check-jsonschema from PyPI, ajv-cli from npm, installed
# here into bench/.work/), on files written by examples/gencapture.rs. Writes
# bench/RESULTS.md with the commands, the machine, medians of RUNS runs, and ratios.
#
#   bench/compare.sh [SIZE=1G] [RUNS=3] [SCHEMA_SAMPLE=20M]
#   FLAT=1 bench/compare.sh ...   also checks a capture 4x the size (memory flatness)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1G}
runs=${2:-3}
sample=${3:-20M}
work=bench/.work
mkdir -p "$work"
cargo build --release --bin valint --example gencapture --example jsonfloor
bin=target/release
gen() { "$bin/examples/gencapture" --format "$1" --size "$2" --seed "$3" --defects 5 --out "$4"; }

echo "== generating captures ($size)"
[ -f "$work/capture-$size.ndjson" ] || gen ndjson "$size" 1 "$work/capture-$size.ndjson"
[ -f "$work/capture-$size.har" ] || gen har "$size" 2 "$work/capture-$size.har"
quarter=$(( $(stat -c %s "$work/capture-$size.ndjson") / 4 ))
for i in 1 2 3 4; do
  [ -f "$work/part$i-$size.ndjson" ] || gen ndjson "$quarter" $((10 + i)) "$work/part$i-$size.ndjson"
done
bytes=$(stat -c %s "$work/capture-$size.ndjson")
events=$(wc -l < "$work/capture-$size.ndjson")
parts_bytes=$(cat "$work"/part?-"$size".ndjson | wc -c)

# median wall seconds and median peak RSS (KB) of $runs runs of a command
measure() {
  local t=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || true
    t+=("$(tail -1 "$work/time")")
  done
  local wall rss
  wall=$(printf '%s\n' "${t[@]}" | awk '{print $1}' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  rss=$(printf '%s\n' "${t[@]}" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  echo "$wall $rss"
}
row() { # label wall rss bytes events
  awk -v l="$1" -v w="$2" -v r="$3" -v b="$4" -v e="$5" 'BEGIN{
    printf "| %s | %.2f | %.1f | %.0f | %.1f |\n", l, w, b/1048576/w, e/w, r/1024 }'
}

# One run of a command, appended to $work/times-LABEL as "wall rss".
once() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || true
  tail -1 "$work/time" >> "$work/times-$label"
}
# Median wall seconds and median peak RSS (KB) of the runs of LABEL.
median() {
  local wall rss
  wall=$(awk '{print $1}' "$work/times-$1" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  rss=$(awk '{print $2}' "$work/times-$1" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  echo "$wall $rss"
}

echo "== measuring"
# The floor and valint take turns, round after round: on a shared machine whose speed
# drifts over minutes, their ratio is then measured under the same conditions.
rm -f "$work"/times-*
for _ in $(seq "$runs"); do
  once floor "$bin/examples/jsonfloor" "$work/capture-$size.ndjson"
  once v1 "$bin/valint" check "$work/capture-$size.ndjson" --threads 1 --output-format concise --max-findings 1000
  once vn "$bin/valint" check "$work/capture-$size.ndjson" --output-format concise --max-findings 1000
  once p1 "$bin/valint" check "$work"/part?-"$size".ndjson --threads 1 --output-format concise --max-findings 1000
  once pn "$bin/valint" check "$work"/part?-"$size".ndjson --output-format concise --max-findings 1000
done
read -r f_wall f_rss < <(median floor)
read -r v1_wall v1_rss < <(median v1)
read -r vn_wall vn_rss < <(median vn)
read -r p1_wall p1_rss < <(median p1)
read -r pn_wall pn_rss < <(median pn)
read -r h_wall h_rss < <(measure "$bin/valint" check "$work/capture-$size.har" --output-format concise --max-findings 1000)
har_bytes=$(stat -c %s "$work/capture-$size.har")
har_events=$(grep -o '"startedDateTime"' "$work/capture-$size.har" | wc -l)

echo "== schema-only tools on a $sample sample"
[ -f "$work/sample-$sample.ndjson" ] || gen ndjson "$sample" 3 "$work/sample-$sample.ndjson"
python3 bench/external.py "$work/sample-$sample.ndjson" "$work/ext" schemas > "$work/ext.log"
sample_bytes=$(stat -c %s "$work/ext/bodies.ndjson")
sample_events=$(wc -l < "$work/ext/bodies.ndjson")
if [ ! -x "$work/venv/bin/check-jsonschema" ]; then
  python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q check-jsonschema
fi
if [ ! -x "$work/node/node_modules/.bin/ajv" ]; then
  mkdir -p "$work/node" && (cd "$work/node" && npm install --silent --no-audit --no-fund ajv-cli@5 ajv@8 >/dev/null)
fi
types=$(cd "$work/ext/data" && ls | sed "s/\.json$//" | tr "\n" " ")
cat > "$work/run-cjs.sh" <<S
#!/usr/bin/env bash
cd "$work/ext"
for t in $types; do
  [ -f schemas-local/wrap-\$t.json ] || continue
  ../venv/bin/check-jsonschema --schemafile schemas-local/wrap-\$t.json --base-uri "file://\$PWD/schemas-local/" data/\$t.json || true
done
S
cat > "$work/run-ajv.sh" <<S
#!/usr/bin/env bash
cd "$work/ext"
refs=\$(for f in schemas/*.json; do printf -- '-r %s ' "\$f"; done)
for t in $types; do
  [ -f wrap/\$t.json ] || continue
  ../node/node_modules/.bin/ajv validate --spec=draft2020 --strict=false -s wrap/\$t.json \$(echo "\$refs" | sed "s# -r schemas/\$t.json##") -r schemas/\$t.json -d data/\$t.json >/dev/null 2>&1 || true
done
S
chmod +x "$work/run-cjs.sh" "$work/run-ajv.sh"
read -r c_wall c_rss < <(measure "$work/run-cjs.sh")
read -r a_wall a_rss < <(measure "$work/run-ajv.sh")
read -r s_wall s_rss < <(measure "$bin/valint" check "$work/ext/bodies.ndjson" --output-format concise --max-findings 1000)

# A small capture: start-up, schema compilation and the check, median of 21 runs in ms.
small=testdata/captures/request-log.ndjson
small_ms=$(for _ in $(seq 21); do
  t0=$(date +%s%N); "$bin/valint" check "$small" --output-format concise >/dev/null 2>&1 || true
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
done | sort -n | awk '{a[NR]=$1} END{print a[11]}')

flat=""
flat_note=""
if [ "${FLAT:-0}" = 1 ]; then
  big=$(( bytes * 4 ))
  [ -f "$work/capture-x4.ndjson" ] || gen ndjson "$big" 4 "$work/capture-x4.ndjson"
  read -r x_wall x_rss < <(measure "$bin/valint" check "$work/capture-x4.ndjson" --output-format concise --max-findings 1000)
  flat="| valint check, 4x the size | $(awk -v w="$x_wall" 'BEGIN{printf "%.2f", w}') | | | $(awk -v r="$x_rss" 'BEGIN{printf "%.1f", r/1024}') |"
  flat_note=$(awk -v a="$vn_rss" -v b="$x_rss" 'BEGIN{
    printf "- Peak RSS on the 4x capture is %.0f MB against %.0f MB (%+.0f %%; target: within 10 %%).", b/1024, a/1024, 100*(b-a)/a }')
fi

# What findings cost, and one thread with every rule on against the floor (its own script,
# which builds its own captures): the section RESULTS.md leads with.
findings_table=$(bash bench/findings.sh 100M "$runs")

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
{
  echo "# Benchmark results"
  echo
  echo "## What findings cost (the default run, on a capture with findings)"
  echo
  echo "The default invocation (\`valint check CAPTURE\`, the \`full\` output) and \`--output-format json\`,"
  echo "one thread (\`--threads 1\`), on a capture where every session has a defect, against the"
  echo "same runs with exactly the findings' rules ignored (\`--ignore\` with their codes); every"
  echo "flag used is in the tables. The floor is \`examples/jsonfloor\`: every line parsed to a"
  echo "\`serde_json::Value\` and dropped, built with valint's serde_json features in the release"
  echo "profile. Ratios are of user time, taken within a round, then their median."
  echo
  echo "\`bench/findings.sh 100M $runs\`:"
  echo
  echo "$findings_table"
  echo
  echo "Written by \`bench/compare.sh $size $runs $sample\` on $(date -u +%F), $(nproc) cores ($cpu),"
  echo "$(free -g | awk '/Mem:/{print $2}') GiB. Medians of $runs runs; peak RSS from \`/usr/bin/time -v\`."
  echo "valint $(git rev-parse --short HEAD). Captures from \`examples/gencapture.rs\` (seeded, 5 % of"
  echo "sessions with an injected defect)."
  echo
  echo "## Throughput and memory ($size NDJSON capture: $bytes bytes, $events records)"
  echo
  echo "| command | wall s | MB/s | events/s | peak RSS MB |"
  echo "|---|---|---|---|---|"
  row "serde_json parse to Value, nothing else (examples/jsonfloor)" "$f_wall" "$f_rss" "$bytes" "$events"
  row "valint check, 1 thread" "$v1_wall" "$v1_rss" "$bytes" "$events"
  row "valint check, all threads" "$vn_wall" "$vn_rss" "$bytes" "$events"
  row "valint check, 4 files, 1 thread" "$p1_wall" "$p1_rss" "$parts_bytes" "$events"
  row "valint check, 4 files, all threads" "$pn_wall" "$pn_rss" "$parts_bytes" "$events"
  row "valint check, $size HAR" "$h_wall" "$h_rss" "$har_bytes" "$har_events"
  [ -n "$flat" ] && echo "$flat"
  echo
  awk -v f="$f_wall" -v v1="$v1_wall" -v p1="$p1_wall" -v pn="$pn_wall" -v r="$vn_rss" 'BEGIN{
    printf "- valint on 1 thread runs at %.0f %% of the serde_json floor (target: >= 50 %%).\n", 100*f/v1
    printf "- 4 files: all threads are %.2fx faster than 1 thread (target: >= 1.7x on 2 threads).\n", p1/pn
    printf "- Peak RSS %.0f MB on the %s capture (target: <= 64 MB).\n", r/1024, "'"$size"'" }'
  [ -n "$flat_note" ] && echo "$flat_note"
  echo "- A small capture ($small) checks in $small_ms ms wall time, start-up included (target: < 20 ms)."
  echo
  echo "Round by round (wall seconds). A shared machine's speed can drift over minutes; the"
  echo "commands of one round run back to back, so each round's own ratios are given too:"
  echo
  echo "| round | floor | 1 thread | all threads | 4 files, 1 thread | 4 files, all threads | 1 thread / floor | 4 files: 1 / all |"
  echo "|---|---|---|---|---|---|---|---|"
  paste -d' ' "$work/times-floor" "$work/times-v1" "$work/times-vn" "$work/times-p1" "$work/times-pn" |
    awk '{ printf "| %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f %% | %.2fx |\n", NR, $1, $3, $5, $7, $9, 100*$1/$3, $7/$9 }'
  echo
  echo "## Against schema-only tools ($sample sample: $sample_events bodies, $sample_bytes bytes)"
  echo
  echo "Bodies were extracted from the capture (\`bench/external.py\`) and grouped by eventType into"
  echo "one JSON array per type; each tool validated each array once against a wrapper schema"
  echo "\`{\"type\":\"array\",\"items\":{\"\$ref\":\"<eventType>.json\"}}\` that points at valint's own"
  echo "\`schemas/\` (ajv-cli with the schemas registered by \`\$id\`; check-jsonschema with local copies"
  echo "and \`--base-uri\`). valint checked the same bodies as NDJSON, schemas *and* sequencing rules."
  echo "Bodies that are not JSON were left out for the other tools. $(cat "$work/ext.log")"
  echo
  echo "| command | wall s | MB/s | events/s | peak RSS MB |"
  echo "|---|---|---|---|---|"
  row "check-jsonschema ($("$work/venv/bin/check-jsonschema" --version 2>/dev/null | tail -1))" "$c_wall" "$c_rss" "$sample_bytes" "$sample_events"
  row "ajv-cli $(cd "$work/node" && node -p 'require("ajv-cli/package.json").version')" "$a_wall" "$a_rss" "$sample_bytes" "$sample_events"
  row "valint check (schemas + sequencing)" "$s_wall" "$s_rss" "$sample_bytes" "$sample_events"
  echo
  awk -v c="$c_wall" -v a="$a_wall" -v s="$s_wall" 'BEGIN{
    printf "- valint is %.1fx faster than check-jsonschema (target >= 50x) and %.1fx faster than ajv-cli (target >= 10x).\n", c/s, a/s }'
} > bench/RESULTS.md
cat bench/RESULTS.md
