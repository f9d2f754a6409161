#!/usr/bin/env bash
# Issue 14's target: a 10,000-job site builds in the same order of time as a batch of html.
#   1. `jdgen batch --format html` of N jobs (default 10,000): wall time and peak memory;
#   2. `jdgen site --base-url` of the same manifest: every page, the careers page, one page
#      per filter value, the sitemap, robots.txt, the Atom feed and the three job-board feeds;
#   3. the same site built again in place (nothing changed: every file compared, none written);
#   4. the ratio site / batch (target: at most 1.5).
# Each run writes into a folder that did not exist before, in RAM (/dev/shm) when there is one,
# so the figures are jdgen's work rather than the disk's; runs alternate and the best of R
# (default 3) is kept, since two other engineers share this machine's 2 cores.
#
# Usage: bench/site.sh [N] [R]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-10000}
rounds=${2:-3}

cargo build --release --quiet
bin=$PWD/target/release/jdgen
root=/tmp
if [[ -d /dev/shm && -w /dev/shm ]]; then root=/dev/shm; fi
work=$(mktemp -d "$root/jdgen-site-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 bench/manifest.py "$jobs" >"$work/jobs.yaml"
python3 bench/manifest.py 200 >"$work/warm.yaml"
"$bin" batch "$work/warm.yaml" --out-dir "$work/warm" --format html 2>/dev/null

measure() { python3 bench/measure.py "$bin" "$@"; }
best() { sort -n | head -n 1; }

echo "machine: $(nproc) cores; jdgen $("$bin" --version | cut -d' ' -f2); writing to $root"
batch_runs=() site_runs=() again_runs=()
for round in $(seq "$rounds"); do
    batch_runs+=("$(measure batch "$work/jobs.yaml" --out-dir "$work/batch-$round" --format html)")
    site_runs+=("$(measure site "$work/jobs.yaml" --out-dir "$work/site-$round" --base-url https://careers.example.com/ --date 2026-11-20)")
    again_runs+=("$(measure site "$work/jobs.yaml" --out-dir "$work/site-$round" --base-url https://careers.example.com/ --date 2026-11-20)")
    files=$(find "$work/site-$round" -type f | wc -l)
    size=$(du -sm "$work/site-$round" | cut -f1)
    rm -rf "$work/batch-$round" "$work/site-$round"
done
read -r batch_wall batch_peak < <(printf '%s\n' "${batch_runs[@]}" | best)
read -r site_wall site_peak < <(printf '%s\n' "${site_runs[@]}" | best)
read -r again_wall again_peak < <(printf '%s\n' "${again_runs[@]}" | best)
echo "batch --format html, $jobs jobs:        ${batch_wall} s, peak ${batch_peak} MB (best of $rounds)"
echo "site --base-url, $jobs jobs:            ${site_wall} s, peak ${site_peak} MB ($files files, ${size} MB)"
echo "the same site again, nothing changed:   ${again_wall} s, peak ${again_peak} MB"
python3 -c "import sys; s, b = map(float, sys.argv[1:]); print(f'site / batch: {s / b:.2f}x (target: at most 1.5x)')" "$site_wall" "$batch_wall"
