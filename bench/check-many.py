#!/usr/bin/env python3
"""Time `jobgen check` over many generated job folders (a third of them
edited by hand), whole process, against `jobgen lint` over the same folders
in the same run (alternating, median of a few runs each). Not a test: run
it by hand on a quiet machine.

usage: bench/check-many.py [FOLDERS] [JOBGEN]   (defaults: 300, target/release/jobgen)
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
jobgen = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "target/release/jobgen")
patterns = [[], ["--pattern", "cron"], ["--pattern", "parallel"]]
work = tempfile.mkdtemp(prefix="jobgen-check-bench-")
for i in range(count):
    team = os.path.join(work, f"team-{i // 50}")
    subprocess.run([jobgen, "new", f"restore-db{i}", "--no-input", "-o", team, *patterns[i % 3]],
                   check=True, capture_output=True)
    if i % 3 == 0:
        job = os.path.join(team, f"restore-db{i}", "job.yaml")
        text = open(job).read().replace("backoffLimit: 3", "backoffLimit: 5 # edited", 1)
        open(job, "w").write(text)


def timed(*args):
    start = time.perf_counter()
    out = subprocess.run([jobgen, *args, work], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"{args[0]} failed:\n{out.stdout}{out.stderr}")
    return elapsed, out.stdout


checks, lints = [], []
for _ in range(7):
    t, check_out = timed("check")
    checks.append(t)
    t, _ = timed("lint")
    lints.append(t)
shutil.rmtree(work)
print(check_out.strip().splitlines()[-1])
c, l = statistics.median(checks), statistics.median(lints)
print(f"check: {count} folders, median {c * 1000:.0f} ms ({c * 1000 / count:.2f} ms a folder)")
print(f"lint:  {count} folders, median {l * 1000:.0f} ms ({l * 1000 / count:.2f} ms a folder)")
print(f"check / lint = {c / l:.1f}")
