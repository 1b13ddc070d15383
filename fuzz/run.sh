#!/usr/bin/env bash
# Runs every fuzz target for a set time on the stable toolchain (`-s none`: no sanitizer)
# and appends executions, time and crashes to fuzz/RESULTS.md.
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# Seeds: the committed fixtures (testdata/) and fuzz/seeds/ (for transcript, the
# transcripts among the captures are copied into its working corpus, and transcript.dict
# gives it the tokens the reader looks for); the working corpus and any
# crash artifacts go to fuzz/corpus and fuzz/artifacts (not committed). Every crash found
# is copied to fuzz/regressions/, where tests/fuzz_regressions.rs replays it and wants its
# request counts in its EXPECTED table (until it is fixed, keep it in regressions/open/).
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-900}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse bodies markdown har ndjson transcript check chlsj chls saz)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
seeds_for() {
  case $1 in
    parse|bodies) echo ../testdata/rules/*/ ;;
    markdown) echo seeds/markdown ;;
    har) echo ../testdata/captures ;;
    ndjson) echo ../testdata/captures ../testdata/rules/HTTP001 ;;
    transcript) echo seeds/transcript ;;
    check) echo ../testdata/captures ../testdata/rules/*/ seeds/markdown seeds/transcript ;;
    chlsj|chls|saz) echo "seeds/$1" ;;
  esac
}
cargo fuzz build -s none --release >/dev/null
rows=$(mktemp)
for t in "${targets[@]}"; do
  rm -rf "artifacts/$t"
  mkdir -p "corpus/$t" "artifacts/$t"
  extra=()
  if [ "$t" = transcript ]; then
    cp ../testdata/captures/*.txt ../testdata/captures/*.http "corpus/$t/"
    extra=(-dict=transcript.dict)
  fi
  log=$(mktemp)
  # shellcheck disable=SC2046
  cargo fuzz run -s none --release "$t" "corpus/$t" $(seeds_for "$t") -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 "${extra[@]}" >"$log" 2>&1 || true
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  crashes=$(find "artifacts/$t" -type f | wc -l)
  if [ "$execs" = 0 ] && [ "$crashes" = 0 ]; then
    echo "fuzz target $t did not run:" >&2
    tail -20 "$log" >&2
    crashes="did not run"
  fi
  echo "| $(date -u +%F) | $t | $secs | $execs | $rate | $crashes |" | tee -a "$rows"
  if [ "$crashes" -gt 0 ]; then
    cp artifacts/"$t"/* regressions/ 2>/dev/null || true
    tail -40 "$log"
  fi
  rm -f "$log"
done
{
  echo
  echo "## Run of $(date -u +%FT%TZ), $(nproc) cores, targets: ${targets[*]}"
  echo
  echo "| date | target | seconds | executions | exec/s | crashes |"
  echo "|---|---|---|---|---|---|"
  cat "$rows"
} >> RESULTS.md
rm -f "$rows"
