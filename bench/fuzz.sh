#!/usr/bin/env bash
# Runs each fuzz target (fuzz/fuzz_targets/) for a fixed time with cargo-fuzz and libFuzzer,
# seeded from the examples and the built-in catalog, and reports executions and crashes.
#
# A crash, a stack overflow, an input slower than 10 s or one using more than 2 GB is a
# finding: libFuzzer saves it to fuzz/artifacts/TARGET/. Keep each one, once fixed, as a
# regression input in tests/fixtures/fuzz/TARGET/ (tests/it/fuzz_regressions.rs runs them).
#
# Needs the nightly toolchain and cargo-fuzz (cargo install cargo-fuzz).
# Usage: bench/fuzz.sh [SECONDS per target, default 60] [TARGET ...]
# FUZZ_FLAGS adds libFuzzer flags, e.g. FUZZ_FLAGS="-len_control=0 -timeout=2" to try long
# inputs at once and call anything slower than 2 s a finding.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(job_file manifest_yaml manifest_csv markdown templates catalog_folder)
fi
command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz is not installed: cargo install cargo-fuzz" >&2; exit 2; }
rustup toolchain list | grep -q '^nightly' || { echo "needs the nightly toolchain: rustup toolchain install nightly" >&2; exit 2; }

# Seeds: what real inputs look like, so the fuzzer starts from the interesting shapes.
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds"/{job_file,manifest_yaml,manifest_csv,markdown,templates,catalog_folder}
for file in examples/job.yaml examples/company.yaml tests/fixtures/*.yaml; do
    cp "$file" "$seeds/job_file/${file//\//_}"
done
cp examples/batch.yaml "$seeds/manifest_yaml/"
python3 bench/manifest.py 3 >"$seeds/manifest_yaml/typical.yaml"
printf 'id,role,level,company.name,location.city,location.country,salary.min,salary.max,salary.currency,benefits\npm-berlin,product-manager,senior,Northwind Health,Berlin,DE,78000,"96,000",EUR,30 days of holiday;Pension\n"sm, ""remote""",scrum-master,lead,Acme,,,,,,"a\nb"\n' \
    >"$seeds/manifest_csv/typical.csv"
cargo run --quiet --release -- generate --job examples/job.yaml >"$seeds/markdown/posting.md"
printf '# T\n\n- [a](https://x.example) *b* **c** `d`\n  1. e\n     > f\n\n| g | h |\n|---|---|\n| i | j |\n\n<b>k</b> ![l](m.png)\n' \
    >"$seeds/markdown/shapes.md"
for role in templates/*.md.hbs; do
    name=$(basename "$role" .md.hbs)
    { cat "$role"; printf '\0'; cat templates/partials/benefits.md.hbs; printf '\0'; cat templates/partials/compensation.md.hbs; } \
        >"$seeds/templates/$name"
    { cat "$role"; printf '\0'; cat templates/partials/about-team.md.hbs; printf '\0'; cat profiles/senior.yaml; } \
        >"$seeds/catalog_folder/$name"
done

mkdir -p fuzz/logs
found=0
printf '%-16s %8s %12s %10s  %s\n' target seconds executions "exec/s" findings
for target in "${targets[@]}"; do
    corpus=fuzz/corpus/$target
    mkdir -p "$corpus" "fuzz/artifacts/$target"
    cp -n "$seeds/$target"/* "$corpus/" 2>/dev/null || true
    before=$(find "fuzz/artifacts/$target" -type f | wc -l)
    # -s none: no sanitizer; the code is safe Rust but for libyaml (a translation checked by
    # its own fuzzing), and an uninstrumented build runs several times as many inputs.
    cargo +nightly fuzz run -s none "$target" "$corpus" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 ${FUZZ_FLAGS:-} >"fuzz/logs/$target.log" 2>&1 || true
    after=$(find "fuzz/artifacts/$target" -type f | wc -l)
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "fuzz/logs/$target.log" | grep -o '[0-9]*$' || echo 0)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "fuzz/logs/$target.log" | grep -o '[0-9]*$' || echo 0)
    printf '%-16s %8s %12s %10s  %s\n' "$target" "$seconds" "${runs:-0}" "${rate:-0}" "$((after - before)) new in fuzz/artifacts/$target"
    found=$((found + after - before))
done
[[ $found -eq 0 ]] || { echo "findings: see fuzz/artifacts and fuzz/logs" >&2; exit 1; }
