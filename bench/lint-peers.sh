#!/usr/bin/env bash
# Issue 11's table, measured again: `jdgen lint` against joblint's trigger terms, alex and
# gender-decoder, and on the 45 real postings of tests/corpus/ (see bench/lint_peers.py).
#
# Usage: bench/lint-peers.sh
#   JDGEN_BEFORE=/path/to/older/jdgen  also measures an older binary on the trigger terms
#   JOBLINT_DIR=/path/to/joblint       a checkout of rowanmanning/joblint with `npm install` run
#                                      in it: re-runs joblint on the postings
#   ALEX="npx alex"                    re-runs alex (npm package `alex`, 11.x) on the sentences
#                                      and postings
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
args=("$PWD/target/release/jdgen")
[[ -n ${JDGEN_BEFORE:-} ]] && args+=(--before "$JDGEN_BEFORE")
[[ -n ${JOBLINT_DIR:-} ]] && args+=(--joblint "$JOBLINT_DIR")
[[ -n ${ALEX:-} ]] && args+=(--alex "$ALEX")
python3 bench/lint_peers.py "${args[@]}"
