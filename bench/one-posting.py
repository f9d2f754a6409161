#!/usr/bin/env python3
"""One posting against `jdgen --version`: issue 13's goal is at most 2x the time.

Scripts call `jdgen generate` in loops, so the fixed cost of one run matters. Runs each
command N times, interleaved (so a busy machine slows both alike), and prints the median
wall time of each and the ratio. Build first: cargo build --release.

    python3 bench/one-posting.py [N]
"""
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
JDGEN = str(ROOT / "target" / "release" / "jdgen")
JOB = str(ROOT / "tests" / "fixtures" / "typical-job.yaml")
COMMANDS = {
    "jdgen --version": [JDGEN, "--version"],
    "generate (no facts)": [JDGEN, "generate", "-r", "product-manager", "-l", "senior"],
    "generate (typical job)": [JDGEN, "generate", "--job", JOB, "-r", "scrum-master", "-l", "head"],
    "generate (typical job, US)": [
        JDGEN, "generate", "--job", JOB, "-r", "project-manager", "-l", "lead",
        "--set", "location={city: New York, country: US}",
    ],
}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    times = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, command in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["jdgen --version"])
    print(f"median of {runs} runs each, interleaved")
    worst = 0.0
    for name, samples in times.items():
        median = statistics.median(samples)
        worst = max(worst, median / base)
        print(f"{name:28} {median * 1000:6.2f} ms  {median / base:4.2f}x --version")
    print(f"goal: one posting in at most 2x --version: {'met' if worst <= 2 else 'NOT met'} (worst {worst:.2f}x)")


if __name__ == "__main__":
    main()
