#!/usr/bin/env python3
"""Compare two `jobgen lint` binaries over the same 1,000 job folders (copies
of the checked-in examples), runs interleaved so machine noise hits both
alike. Prints each binary's median wall time and peak memory, and the ratio
NEW/OLD. Not a test: run it by hand.

usage: bench/lint-compare.py OLD NEW [FOLDERS] [RUNS]   (defaults: 1000 folders, 9 runs each)
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

old, new = (os.path.abspath(p) for p in sys.argv[1:3])
count = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 9
sources = ["examples/cloud-sql-restore-ojeomneo", "examples/nightly-backup-ojeomneo",
           "examples/image-resize-batch", "examples/team/jobs/warehouse-sync-orders"]
work = tempfile.mkdtemp(prefix="jobgen-lint-compare-")
for i in range(count):
    shutil.copytree(sources[i % len(sources)], os.path.join(work, f"team-{i // 100}", f"job-{i}"))


def run(binary):
    """Wall seconds and peak RSS (KiB) of one lint run."""
    start = time.perf_counter()
    p = subprocess.Popen([binary, "lint", work], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{binary} lint failed")
    return wall, usage.ru_maxrss


times = {old: [], new: []}
memory = {old: [], new: []}
run(old), run(new)  # warm the file cache
for _ in range(runs):
    for binary in (old, new):
        wall, rss = run(binary)
        times[binary].append(wall)
        memory[binary].append(rss)
shutil.rmtree(work)
for name, binary in (("old", old), ("new", new)):
    print(f"{name}: median {statistics.median(times[binary]) * 1000:.0f} ms, "
          f"peak {max(memory[binary]) / 1024:.1f} MiB ({binary})")
ratio = statistics.median(times[new]) / statistics.median(times[old])
print(f"new/old time: {ratio:.3f}; memory: {max(memory[new]) / max(memory[old]):.3f} ({count} folders, {runs} runs each)")
