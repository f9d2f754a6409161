#!/usr/bin/env python3
"""Runs a command with a time limit; prints wall seconds, peak resident MB and exit code.

Usage: lint_measure.py SECONDS CMD [ARG...]   (output discarded; "timeout" when the limit is hit)
"""
import resource
import subprocess
import sys
import time

limit = float(sys.argv[1])
started = time.perf_counter()
try:
    done = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=limit)
    code = str(done.returncode)
except subprocess.TimeoutExpired:
    code = "timeout"
wall = time.perf_counter() - started
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux; the largest child so far
print(f"{wall:.2f} {peak_kb / 1024:.0f} {code}")
