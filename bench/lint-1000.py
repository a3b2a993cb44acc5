#!/usr/bin/env python3
"""Time `jobgen lint` over 1,000 job folders (copies of the checked-in
examples, under distinct names), whole process, median of a few runs. Not a
test: run it by hand on a quiet machine.

usage: bench/lint-1000.py [FOLDERS] [JOBGEN]   (defaults: 1000, target/release/jobgen)
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
jobgen = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "target/release/jobgen")
sources = [d for d in ("examples/cloud-sql-restore-ojeomneo", "examples/nightly-backup-ojeomneo",
                       "examples/image-resize-batch", "examples/team/jobs/warehouse-sync-orders")]
work = tempfile.mkdtemp(prefix="jobgen-lint-bench-")
for i in range(count):
    shutil.copytree(sources[i % len(sources)], os.path.join(work, f"team-{i // 100}", f"job-{i}"))
files = sum(len(fs) for _, _, fs in os.walk(work))
times = []
for _ in range(7):
    start = time.perf_counter()
    out = subprocess.run([jobgen, "lint", work], capture_output=True, text=True)
    times.append(time.perf_counter() - start)
    if out.returncode != 0:
        sys.exit(f"lint failed:\n{out.stdout}{out.stderr}")
shutil.rmtree(work)
print(out.stdout.strip().splitlines()[-1])
print(f"{count} folders, {files} files: median {statistics.median(times) * 1000:.0f} ms, "
      f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {len(times)} runs")
