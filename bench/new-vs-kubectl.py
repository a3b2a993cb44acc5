#!/usr/bin/env python3
"""Whole-process wall time and peak memory of `jobgen new --no-input` (the
whole folder written to disk), of `jobgen new --no-input --stdout` (the same
render, no disk) and of `kubectl create job --dry-run=client -o yaml` (one
object to stdout), run alternately in one process so all see the same
machine load. Prints the medians and the ratios. Not a test: this machine is
shared and noisy, so compare ratios within one run.

usage: bench/new-vs-kubectl.py [RUNS] [JOBGEN]   (defaults: 200, target/release/jobgen)
The folders are written under $TMPDIR (default /tmp).
"""
import os
import shutil
import statistics
import sys
import tempfile
import time

import built  # bench/built.py: where cargo puts jobgen

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
jobgen = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else built.jobgen())
kubectl = shutil.which("kubectl")
if not os.access(jobgen, os.X_OK):
    sys.exit(f"{jobgen} not found: run `cargo build --release` first")
if kubectl is None:
    sys.exit("kubectl not found on PATH")

devnull = os.open(os.devnull, os.O_WRONLY)
work = tempfile.mkdtemp(prefix="jobgen-bench-")


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


def peak_kib(argv):
    """Peak RSS through GNU time: a child's ru_maxrss taken straight from
    this Python process would count Python's own pages from before exec."""
    out = os.path.join(work, "time.out")
    pid = os.posix_spawn("/usr/bin/time", ["/usr/bin/time", "-f", "%M", "-o", out] + argv, os.environ,
                         file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    os.waitpid(pid, 0)
    with open(out) as f:
        return int(f.read().split()[-1])


def jobgen_argv(i):
    # Into a folder that exists, as `jobgen new NAME` in a jobs repository:
    # making the parent is setup, not part of the measured command.
    parent = os.path.join(work, str(i))
    os.makedirs(parent, exist_ok=True)
    return [jobgen, "new", "cloud-sql-restore-ojeomneo", "--no-input", "-o", parent]


stdout_argv = [jobgen, "new", "cloud-sql-restore-ojeomneo", "--no-input", "--stdout"]
kubectl_argv = [kubectl, "create", "job", "cloud-sql-restore-ojeomneo", "--image=busybox:1.36",
                "--dry-run=client", "-o", "yaml"]

# Warm the page cache for both binaries.
for i in range(5):
    run(jobgen_argv(f"warm{i}"))
    run(kubectl_argv)

j_times, s_times, k_times = [], [], []
for i in range(runs):
    j_times.append(run(jobgen_argv(i)))
    s_times.append(run(stdout_argv))
    k_times.append(run(kubectl_argv))
has_time = os.access("/usr/bin/time", os.X_OK)
j_mem = [peak_kib(jobgen_argv(f"mem{i}")) for i in range(10)] if has_time else [0]
k_mem = [peak_kib(kubectl_argv) for _ in range(10)] if has_time else [0]
shutil.rmtree(work)

jm, sm, km = (statistics.median(t) for t in (j_times, s_times, k_times))


def row(label, times, mem=None):
    p90 = statistics.quantiles(times, n=10)[-1]
    line = f"{label:<42} median {statistics.median(times) * 1000:6.2f} ms, p90 {p90 * 1000:6.2f} ms"
    print(line + (f", peak RSS {max(mem) / 1024:.1f} MiB" if mem else ""))


print(f"runs: {runs} each, alternating")
row("jobgen new --no-input (folder written)", j_times, j_mem)
row("jobgen new --no-input --stdout (no disk)", s_times)
row("kubectl create job --dry-run=client", k_times, k_mem)
print(f"ratio: jobgen is {km / jm:.1f}x faster writing the folder, {km / sm:.1f}x with --stdout")
