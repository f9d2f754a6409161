#!/usr/bin/env bash
# Issue 4's speed and memory targets, measured in one run on this machine:
#   1. N jobs (default 10,000) x (Markdown + DOCX): wall time, writing to a RAM file system
#      (/dev/shm: jdgen's own work) and to the disk (/tmp: plus the kernel's cost of creating
#      2N files there, shown beside it as the time a bare loop takes to write as many files);
#   2. M jobs (default 20,000) x (Markdown + DOCX): peak resident memory;
#   3. `pandoc -f markdown -t docx`, one process per file, on K (default 40) of the Markdown
#      files batch wrote: time per document, against jdgen's.
# Every batch writes into a folder that did not exist before, as a recruiter's run would.
#
# Usage: bench/batch.sh [N] [M] [K]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-10000}
memory_jobs=${2:-20000}
pandoc_files=${3:-40}

cargo build --release --quiet
bin=$PWD/target/release/jdgen
disk=$(mktemp -d "${TMPDIR:-/tmp}/jdgen-bench.XXXXXX")
ram=""
if [[ -d /dev/shm && -w /dev/shm ]]; then ram=$(mktemp -d /dev/shm/jdgen-bench.XXXXXX); fi
trap 'rm -rf "$disk" ${ram:+"$ram"}' EXIT

python3 bench/manifest.py "$jobs" >"$disk/jobs.yaml"
python3 bench/manifest.py "$memory_jobs" >"$disk/memory-jobs.yaml"
python3 bench/manifest.py 200 >"$disk/warm.yaml"
"$bin" batch "$disk/warm.yaml" --out-dir "$disk/warm" --format md,docx 2>/dev/null

measure() { python3 bench/measure.py "$bin" batch "$1" --out-dir "$2" --format md,docx; }

echo "machine: $(nproc) cores; jdgen $("$bin" --version | cut -d' ' -f2)"
if [[ -n $ram ]]; then
    read -r ram_wall ram_peak < <(measure "$disk/jobs.yaml" "$ram/speed")
    echo "batch, $jobs jobs x (md + docx), to RAM (/dev/shm):  ${ram_wall} s, peak ${ram_peak} MB"
fi
read -r disk_wall disk_peak < <(measure "$disk/jobs.yaml" "$disk/speed")
bare=$(python3 bench/write_files.py "$disk/bare" $((jobs * 2)))
rm -rf "$disk/bare"
echo "batch, $jobs jobs x (md + docx), to disk (${TMPDIR:-/tmp}):   ${disk_wall} s, peak ${disk_peak} MB"
echo "  (writing $((jobs * 2)) files of 6 KB there through temp names and renames, nothing else: ${bare} s)"
read -r _ memory_peak < <(measure "$disk/memory-jobs.yaml" "${ram:-$disk}/memory")
rm -rf "${ram:-$disk}/memory"
echo "batch, $memory_jobs jobs x (md + docx): peak ${memory_peak} MB"

if command -v pandoc >/dev/null; then
    mkdir -p "$disk/pandoc"
    mapfile -t sample < <(find "$disk/speed" -name 'job-*.md' | sort | head -n "$pandoc_files")
    started=$(date +%s.%N)
    for md in "${sample[@]}"; do
        pandoc -f markdown -t docx -o "$disk/pandoc/$(basename "$md" .md).docx" "$md"
    done
    ended=$(date +%s.%N)
    python3 - "$started" "$ended" "${#sample[@]}" "$jobs" "$disk_wall" ${ram:+"$ram_wall"} <<'PY'
import sys
started, ended, count, jobs, *walls = map(float, sys.argv[1:])
pandoc = (ended - started) / count
print(f"pandoc -f markdown -t docx: {pandoc * 1000:.1f} ms per document (one process per file, {int(count)} files)")
for where, wall in zip(["disk", "RAM"], walls):
    jdgen = wall / jobs
    print(f"jdgen ({where}): {jdgen * 1000:.3f} ms per document (Markdown and DOCX): {pandoc / jdgen:.0f}x faster")
PY
    echo "size of job-00000.docx: jdgen $(stat -c %s "$disk/speed/job-00000.docx") bytes," \
        "pandoc $(stat -c %s "$disk/pandoc/job-00000.docx") bytes"
else
    echo "pandoc is not installed: no comparison (apt-get install pandoc)"
fi
