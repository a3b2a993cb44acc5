#!/usr/bin/env python3
"""Fails when build/hot-functions.txt has gone stale: fewer than 90 % of
its stable names are functions of the release binary (a dependency or
toolchain update changes every mangled name). Names ending in
`.llvm.<hash>` (local functions ThinLTO renamed) change with almost any
edit of their module and are counted apart: a stale one only loses its
place in the order. The file only orders code, so a stale one costs speed
(5-9 % of `new --stdout`, README "Speed"), never correctness.
Regenerate with bench/hot-functions.py.

usage: ci/hot_functions.py RELEASE_BINARY
"""
import subprocess
import sys

binary = sys.argv[1]
names = open("build/hot-functions.txt").read().split()
nm = subprocess.run(["nm", binary], capture_output=True, text=True, check=True).stdout
symbols = {p[2] for p in (line.split() for line in nm.splitlines()) if len(p) == 3}
stable = [n for n in names if ".llvm." not in n]
local = [n for n in names if ".llvm." in n]
found = sum(1 for n in stable if n in symbols)
found_local = sum(1 for n in local if n in symbols)
print(f"build/hot-functions.txt in {binary}: {found} of {len(stable)} stable names, "
      f"{found_local} of {len(local)} ThinLTO-local ones")
if not stable or found < 0.9 * len(stable):
    sys.exit("build/hot-functions.txt is stale: run `python3 bench/hot-functions.py` "
             "(needs valgrind) and commit it")
