#!/usr/bin/env python3
"""Fails when build/hot-functions.txt has gone stale: fewer than 90 % of
its names are functions of the release binary (after a dependency or
toolchain update the mangled names change). The file only orders code, so
a stale one costs speed (5-9 % of `new --stdout`, README "Speed"), never
correctness; this keeps the speed. Regenerate with bench/hot-functions.py.

usage: ci/hot_functions.py RELEASE_BINARY
"""
import subprocess
import sys

binary = sys.argv[1]
names = open("build/hot-functions.txt").read().split()
nm = subprocess.run(["nm", binary], capture_output=True, text=True, check=True).stdout
symbols = {p[2] for p in (line.split() for line in nm.splitlines()) if len(p) == 3}
found = sum(1 for n in names if n in symbols)
print(f"{found} of {len(names)} names of build/hot-functions.txt are functions of {binary}")
if not names or found < 0.9 * len(names):
    sys.exit("build/hot-functions.txt is stale: run `python3 bench/hot-functions.py` "
             "(needs valgrind) and commit it")
