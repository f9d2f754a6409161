#!/usr/bin/env python3
"""The file system's own cost, for context: writes N files of SIZE bytes into DIR, each through a
temporary name and a rename (as jdgen does), and prints the seconds it took.

Usage: write_files.py DIR N [SIZE]
"""
import os
import sys
import time

folder, count = sys.argv[1], int(sys.argv[2])
data = b"x" * (int(sys.argv[3]) if len(sys.argv) > 3 else 6000)
os.makedirs(folder, exist_ok=True)
started = time.perf_counter()
for index in range(count):
    temporary = os.path.join(folder, f".tmp-{index}")
    with open(temporary, "wb") as file:
        file.write(data)
    os.rename(temporary, os.path.join(folder, f"file-{index}"))
print(f"{time.perf_counter() - started:.3f}")
