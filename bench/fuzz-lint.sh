#!/usr/bin/env bash
# Fuzzes what lint reads for a fixed time: the proptest targets in src/lint/docx.rs (the
# DOCX reader on well-formed, cut, byte-flipped and random inputs, nested up to 400 deep,
# and lint on arbitrary Markdown), run again and again with a fresh seed each round.
# A failing case is saved to target/fuzz-lint/ with its seed and proptest's minimal input.
#
# Usage: bench/fuzz-lint.sh [SECONDS]   (default 300; FUZZ_CASES cases per target per round, default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
cases=${FUZZ_CASES:-2000}
echo "== building the library's tests (release)"
bin=$(cargo test --release --lib --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["kind"] == ["lib"]:
        print(m["executable"])' | tail -1)
out=target/fuzz-lint
mkdir -p "$out"
start=$(date +%s)
rounds=0
failures=0
while (($(date +%s) - start < seconds)); do
    seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
    if ! PROPTEST_CASES=$cases PROPTEST_RNG_SEED=$seed PROPTEST_DISABLE_FAILURE_PERSISTENCE=1 \
        "$bin" lint::docx::tests::fuzz --test-threads 2 >"$out/round.txt" 2>&1; then
        failures=$((failures + 1))
        cp "$out/round.txt" "$out/failure-$seed.txt"
        echo "failure with seed $seed: $out/failure-$seed.txt"
    fi
    rounds=$((rounds + 1))
done
elapsed=$(($(date +%s) - start))
echo "fuzz-lint: $rounds rounds x 2 targets x $cases cases = $((rounds * 2 * cases)) inputs in ${elapsed} s; $failures failing rounds"
((failures == 0))
