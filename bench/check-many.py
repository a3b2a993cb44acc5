#!/usr/bin/env python3
"""Time `jobgen check`, `jobgen update --dry-run`, `jobgen lint` and `jobgen ls` over many
generated job folders (a third of them edited by hand), whole process, in
the same run (alternating, median of a few runs each): wall time, and CPU
time (user + system, all threads) per folder. Not a test: run it by hand.

usage: bench/check-many.py [FOLDERS] [JOBGEN]   (defaults: 300, target/release/jobgen)
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import built  # bench/built.py: where cargo puts jobgen

count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
jobgen = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else built.jobgen())
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


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(*args):
    start, start_cpu = time.perf_counter(), cpu()
    out = subprocess.run([jobgen, *args, work], capture_output=True, text=True)
    elapsed, used = time.perf_counter() - start, cpu() - start_cpu
    if out.returncode not in (0, 1) or (out.returncode == 1 and args[0] != "check"):
        sys.exit(f"{args[0]} failed:\n{out.stdout}{out.stderr}")
    return elapsed, used, out.stdout


commands = {"check": ["check"], "update --dry-run": ["update", "--dry-run"], "lint": ["lint"], "ls": ["ls"]}
wall = {c: [] for c in commands}
cpus = {c: [] for c in commands}
for _ in range(7):
    for name, args in commands.items():
        t, c, out = timed(*args)
        wall[name].append(t)
        cpus[name].append(c)
        if name == "check":
            check_out = out
shutil.rmtree(work)
print(check_out.strip().splitlines()[-1])
for name in commands:
    w, c = statistics.median(wall[name]), statistics.median(cpus[name])
    print(f"{name:17s} {count} folders: wall {w * 1000:.0f} ms ({w * 1000 / count:.2f} ms a folder), "
          f"CPU {c * 1000:.0f} ms ({c * 1000 / count:.2f} ms a folder)")
print(f"check / lint (wall) = {statistics.median(wall['check']) / statistics.median(wall['lint']):.1f}")
print(f"ls / check (wall) = {statistics.median(wall['ls']) / statistics.median(wall['check']):.2f}")
