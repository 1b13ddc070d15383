#!/usr/bin/env bash
# A real test of .pre-commit-hooks.yaml, as a user would meet it:
#   1. installs pre-commit from PyPI into a scratch virtualenv;
#   2. makes a scratch git repository whose .pre-commit-config.yaml uses this repository,
#      at its HEAD commit, as the hook source (`repo: <path>`, `rev: <sha>`);
#   3. shows the `valint` hook (language: rust; pre-commit runs `cargo install` on this
#      repository) rejecting a commit of a bad capture and accepting a good one, and
#      skipping files that are not captures;
#   4. does the same with the `valint-system` hook and a valint binary on PATH.
#
# Needs network access to PyPI and a Rust toolchain. The first run of the rust hook is a
# release build of valint (minutes); set CARGO_TARGET_DIR to reuse a build directory.
# Only committed files count: pre-commit clones the repository at HEAD.
#
# Beyond exit codes, it checks the findings: pre-commit passes every changed file in one
# call, and each file must get the findings it has alone (issue 19), the bad capture its
# two AD001 errors and nothing "after sessionEnd", in either order.
#
# Usage: scripts/test-pre-commit.sh [--keep]   (--keep leaves the scratch directory)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
rev=$(git -C "$repo" rev-parse HEAD)
keep=${1:-}
if ! git -C "$repo" diff --quiet HEAD -- .pre-commit-hooks.yaml; then
  echo "warning: .pre-commit-hooks.yaml has uncommitted changes; pre-commit uses HEAD ($rev)" >&2
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/valint-pre-commit.XXXXXX")
if [ "$keep" = "--keep" ]; then
  echo "scratch directory: $scratch"
else
  trap 'rm -rf "$scratch"' EXIT
fi

step() { printf '\n=== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

step "pre-commit from PyPI into $scratch/venv"
python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit>=3,<5"
pc="$scratch/venv/bin/pre-commit"
"$pc" --version
export PRE_COMMIT_HOME="$scratch/pre-commit-home"

step "scratch repository using $repo @ $rev"
project="$scratch/project"
mkdir -p "$project/captures"
cd "$project"
git init -q -b main
git config user.email "test@example.invalid"
git config user.name "pre-commit test"
git config commit.gpgsign false
cp "$repo/testdata/rules/AD001/valid.jsonl" captures/good.jsonl
cp "$repo/testdata/rules/AD001/invalid.jsonl" captures/bad.jsonl
echo "notes, not a capture" > README.md
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: valint
YAML
git add .pre-commit-config.yaml README.md
git commit -q -m "config" --no-verify
"$pc" install

step "rust hook: installing (cargo install of valint at $rev)"
"$pc" install-hooks

step "rust hook: a commit with only non-capture files is not checked"
echo "more notes" >> README.md
git add README.md
git commit -m "notes" || fail "a commit without captures was rejected"

step "rust hook: committing a bad capture must fail"
git add captures/bad.jsonl
if git commit -m "bad capture"; then fail "the bad capture was committed"; fi
git reset -q captures/bad.jsonl
echo "(rejected, as it should be)"

step "rust hook: committing a good capture must pass"
git add captures/good.jsonl
git commit -m "good capture" || fail "the good capture was rejected"

step "rust hook: pre-commit run on both files"
if out=$("$pc" run valint --verbose --files captures/good.jsonl captures/bad.jsonl 2>&1); then
  echo "$out"
  fail "pre-commit run passed with a bad capture"
fi
echo "$out"
echo "(failed, as it should)"
# The hook's own findings, as pre-commit shows them: the bad capture's real defect.
[ "$(grep -c 'error\[AD001\]' <<<"$out")" -eq 2 ] || fail "expected 2 AD001 in the hook's output"
if grep -q 'SES003' <<<"$out"; then fail "findings of one file leaked into the other (SES003)"; fi

step "system hook: valint on PATH"
bin_dir="$scratch/bin"
mkdir -p "$bin_dir"
valint_bin=$(find "$PRE_COMMIT_HOME" -type f -name valint -path '*/bin/*' | head -n 1)
[ -n "$valint_bin" ] || fail "no valint binary under $PRE_COMMIT_HOME"
ln -s "$valint_bin" "$bin_dir/valint"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: valint-system
YAML
git add .pre-commit-config.yaml
git commit -q -m "system hook" --no-verify
if PATH="$bin_dir:$PATH" "$pc" run valint-system --files captures/bad.jsonl; then
  fail "system hook passed a bad capture"
fi
echo "(failed, as it should)"
PATH="$bin_dir:$PATH" "$pc" run valint-system --files captures/good.jsonl \
  || fail "system hook rejected a good capture"

step "findings: each file together as alone, in either order"
# concise lines of FILE in a run, without CAP001 (the one finding only a pair can have:
# the copies share their first requests byte for byte) and the summary line.
findings() { grep "^$1:" | grep -v 'CAP001' || true; }
for f in captures/good.jsonl captures/bad.jsonl; do
  alone=$("$valint_bin" check --output-format concise "$f" | findings "$f" || true)
  for order in "captures/good.jsonl captures/bad.jsonl" "captures/bad.jsonl captures/good.jsonl"; do
    # shellcheck disable=SC2086
    together=$("$valint_bin" check --output-format concise $order | findings "$f" || true)
    [ "$alone" = "$together" ] || fail "$f: findings with ($order) differ from alone:
--- alone
$alone
--- together
$together"
  done
done
bad_alone=$("$valint_bin" check --output-format concise captures/bad.jsonl || true)
[ "$(grep -c 'error\[AD001\]' <<<"$bad_alone")" -eq 2 ] || fail "bad.jsonl: expected 2 AD001, got:
$bad_alone"
[ -z "$("$valint_bin" check --output-format concise captures/good.jsonl | findings captures/good.jsonl)" ] \
  || fail "good.jsonl has findings"
repeat=$("$valint_bin" check --output-format concise captures/good.jsonl captures/bad.jsonl | grep 'CAP001' || true)
[ "$(grep -c . <<<"$repeat")" -eq 1 ] && grep -q '^captures/bad.jsonl:.*repeats 9 requests of captures/good.jsonl' <<<"$repeat" \
  || fail "expected one CAP001 on bad.jsonl, got: $repeat"
echo "(same findings together as apart; one CAP001 on the later copy)"

step "all pre-commit checks behaved as expected"
