#!/usr/bin/env bash
# Lint's speed and memory (issue 13, items 3 and 4), measured in one run on this machine:
# `jdgen lint` on the inputs bench/lint_inputs.py writes: wall time, MB/s, peak resident
# memory and exit code. Lint's work must be linear in its input: 1, 2 and 4 MB of one
# finding a line take 1x, 2x and 4x the time.
#
# Usage: bench/lint-speed.sh            (builds the release binary)
#        JDGEN_BEFORE=/path/to/old/jdgen bench/lint-speed.sh   (also times an older binary,
#        each run cut off after LIMIT seconds, default 120)
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${LIMIT:-120}
cargo build --release --quiet
after=$PWD/target/release/jdgen
dir=$(mktemp -d "${TMPDIR:-/tmp}/jdgen-lint-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
python3 bench/lint_inputs.py "$dir" >/dev/null

echo "machine: $(nproc) cores; jdgen $("$after" --version | cut -d' ' -f2)"
printf '%-22s %10s | %-30s' input size "this build: s, MB/s, MB, exit"
[[ -n ${JDGEN_BEFORE:-} ]] && printf ' | %s' "before: s, MB/s, MB, exit"
echo
row() {
    local name=$1 size=$2
    shift 2
    local mb
    mb=$(python3 -c "print($size / 1048576)")
    printf '%-22s %8.1f MB' "$name" "$mb"
    for bin in "$after" ${JDGEN_BEFORE:+"$JDGEN_BEFORE"}; do
        read -r wall peak code < <(python3 bench/lint_measure.py "$limit" "$bin" lint "$@")
        local rate
        rate=$(python3 -c "print(f'{$mb / max($wall, 0.001):.1f}')")
        if [[ $code == timeout ]]; then
            printf ' | > %ss (cut off), %s MB, -' "$limit" "$peak"
        else
            printf ' | %6s s, %7s MB/s, %5s MB, %s' "$wall" "$rate" "$peak" "$code"
        fi
    done
    echo
}
for f in rockstar-1mb.md rockstar-2mb.md rockstar-4mb.md lines-60mb.md postings-10mb.md nested-3000.docx nested-100000.docx; do
    row "$f" "$(stat -c %s "$dir/$f")" "$dir/$f"
done
row "corpus (45 files)" "$(cat "$dir"/corpus/*.md | wc -c)" "$dir"/corpus/*.md
