#!/usr/bin/env python3
"""A/B of two jobgen builds in one run: `new --no-input` writing a new
folder, `new --no-input --force` replacing one, `new --no-input
--stdout`, and a cron job written (`--pattern cron`), alternating A and B (ABBA) so both see the same machine load.
Each binary is timed as three copies in one temporary folder (see the
comment there), every copy once per round, the rounds in alternating
order. Prints each build's median over its copies' runs, the spread of
the copies' own medians, the difference and the ratio. Not a test: this
machine is shared and noisy.

usage: bench/ab-new.py ROUNDS A_BINARY B_BINARY
e.g.   bench/ab-new.py 300 /tmp/old/jobgen target/release/jobgen
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
# moved timings by 5-10 % on this machine, and even byte-identical copies
# made one after another differ by up to 8 % (where their pages landed),
# so each build is timed as three copies.
COPIES = 3
copies = {}
for b, path in builds.items():
    for c in range(COPIES):
        copies[(b, c)] = os.path.join(work, f"jobgen-{b}{c}")
        shutil.copy(path, copies[(b, c)])


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


MODES = ("create", "replace", "stdout", "cron")
times = {(key, m): [] for key in copies for m in MODES}
keys = list(copies)
try:
    for i in range(runs):
        # The order alternates (and reverses every other round), so no copy
        # always runs right after another's writes.
        order = keys if i % 2 == 0 else keys[::-1]
        for key in order:
            binary = copies[key]
            parent = os.path.join(work, f"{key[0]}{key[1]}-{i}")
            os.makedirs(parent)
            argv = [binary, "new", "cloud-sql-restore-ojeomneo", "--no-input", "-o", parent]
            times[(key, "create")].append(run(argv))
            times[(key, "replace")].append(run(argv + ["--force"]))
            times[(key, "stdout")].append(run(argv[:4] + ["--stdout"]))
            cron = [binary, "new", "nightly-backup-ojeomneo", "--no-input", "--pattern", "cron",
                    "--schedule", "0 2 * * *", "-o", parent]
            times[(key, "cron")].append(run(cron))
            shutil.rmtree(parent)
finally:
    shutil.rmtree(work, ignore_errors=True)


def build_median(b, m):
    """The median over every run of the build's copies, and the lowest and
    highest of the copies' own medians, in ms."""
    runs_of = [times[((b, c), m)] for c in range(COPIES)]
    each = [statistics.median(r) * 1000 for r in runs_of]
    return statistics.median([t for r in runs_of for t in r]) * 1000, min(each), max(each)


print(f"{runs} rounds of {COPIES} copies of each build, alternating; medians in ms [copies' medians]")
for m in MODES:
    (a, alo, ahi), (b, blo, bhi) = build_median("A", m), build_median("B", m)
    print(f"  {m:8} A {a:6.2f} [{alo:.2f}-{ahi:.2f}]  B {b:6.2f} [{blo:.2f}-{bhi:.2f}]  "
          f"B-A {b - a:+6.2f}  B/A {b / a:5.2f}")
