#!/usr/bin/env python3
"""Runs a command and prints its wall time in seconds and its peak resident memory in MB.

Usage: measure.py CMD [ARG...]   (the command's stdout and stderr go to /dev/null)
"""
import resource
import subprocess
import sys
import time

started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - started
if done.returncode != 0:
    sys.stderr.write(done.stderr.decode(errors="replace"))
    sys.exit(f"failed ({done.returncode}): {' '.join(sys.argv[1:])}")
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
print(f"{wall:.3f} {peak_kb / 1024:.1f}")
