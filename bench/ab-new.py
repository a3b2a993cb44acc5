#!/usr/bin/env python3
"""A/B of two jobgen builds in one run: `new --no-input` writing a new
folder, `new --no-input --force` replacing one, and `new --no-input
--stdout`, alternating A and B (ABBA) so both see the same machine load.
Both binaries are copied into one temporary folder first (see the comment
there). Prints medians, the difference and the ratio. Not a test: this
machine is shared and noisy.

usage: bench/ab-new.py RUNS A_BINARY B_BINARY
e.g.   bench/ab-new.py 300 /tmp/old/jobgen target/x86_64-unknown-linux-gnu/release/jobgen
The folders are written under $TMPDIR (default /tmp).
"""
import os
import shutil
import statistics
import sys
import tempfile
import time

if len(sys.argv) != 4:
    sys.exit(__doc__)
runs = int(sys.argv[1])
builds = {"A": os.path.abspath(sys.argv[2]), "B": os.path.abspath(sys.argv[3])}
for b in builds.values():
    if not os.access(b, os.X_OK):
        sys.exit(f"{b} is not an executable")

devnull = os.open(os.devnull, os.O_WRONLY)
work = tempfile.mkdtemp(prefix="jobgen-ab-")
# Both builds are timed as copies in one folder: how a binary was written
# (by the linker, or by a copy) changes how the kernel maps it, which
# moved timings by 5-10 % on this machine (README, Speed).
for b, path in list(builds.items()):
    builds[b] = os.path.join(work, f"jobgen-{b}")
    shutil.copy(path, builds[b])


def run(argv):
    """Spawns argv with stdout and stderr to /dev/null; returns seconds."""
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{argv} failed")
    return elapsed


MODES = ("create", "replace", "stdout")
times = {(b, m): [] for b in builds for m in MODES}
try:
    for i in range(runs):
        # ABBA: neither build always runs right after the other's writes.
        order = ["A", "B"] if i % 2 == 0 else ["B", "A"]
        for b in order:
            binary = builds[b]
            parent = os.path.join(work, f"{b}{i}")
            os.makedirs(parent)
            argv = [binary, "new", "cloud-sql-restore-ojeomneo", "--no-input", "-o", parent]
            times[(b, "create")].append(run(argv))
            times[(b, "replace")].append(run(argv + ["--force"]))
            times[(b, "stdout")].append(run(argv[:4] + ["--stdout"]))
            shutil.rmtree(parent)
finally:
    shutil.rmtree(work, ignore_errors=True)

print(f"{runs} runs each, alternating; medians in ms")
for m in MODES:
    a = statistics.median(times[("A", m)]) * 1000
    b = statistics.median(times[("B", m)]) * 1000
    print(f"  {m:8} A {a:6.2f}  B {b:6.2f}  B-A {b - a:+6.2f}  B/A {b / a:5.2f}")
