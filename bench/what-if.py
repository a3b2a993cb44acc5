#!/usr/bin/env python3
"""What reaching the floor would cost: a written `jobgen new` (one-off)
timed against the C floor of bench/floor.py, for this build with and
without lint-on-render (`--no-lint`) and for a second build (e.g. a
non-PIE one) with and without it, round-robin in one run, three copies
of each binary taken in turn, the order reversed every other round.
Prints medians and the ratios to the floor. Not a test: run it by hand.

usage: bench/what-if.py RUNS JOBGEN OTHER_JOBGEN
e.g.   RUSTFLAGS="-C target-feature=+crt-static -C relocation-model=static" \\
         CARGO_TARGET_DIR=/tmp/nopie cargo build --release
       TMPDIR=/dev/shm bench/what-if.py 200 target/x86_64-unknown-linux-gnu/release/jobgen \\
         /tmp/nopie/x86_64-unknown-linux-gnu/release/jobgen
The folders are written under $TMPDIR (default /tmp).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import floor  # bench/floor.py: the floor program and how it is checked

if len(sys.argv) != 4:
    sys.exit(__doc__)
RUNS = int(sys.argv[1])
BUILDS = {"this": os.path.abspath(sys.argv[2]), "other": os.path.abspath(sys.argv[3])}
ARGS = floor.CASES["one-off"]
NAME = ARGS[0]
CUT = ARGS.index("--")


def main():
    work = tempfile.mkdtemp(prefix="jobgen-what-if-")
    os.environ.update(HOME=work, XDG_CONFIG_HOME=os.path.join(work, ".config"), LANG="C.UTF-8")
    ref = os.path.join(work, "ref")
    os.makedirs(ref)
    pre, post = ARGS[:CUT], ARGS[CUT:]
    subprocess.run([BUILDS["this"], "new", *pre, "-q", *post], cwd=ref, check=True)
    stream = subprocess.run([BUILDS["this"], "new", *pre, "--stdout", *post], cwd=ref,
                            check=True, capture_output=True).stdout
    floor_exe = floor.fresh_copy(floor.build_floor(work, "one-off", os.path.join(ref, NAME), stream), work)
    for build in BUILDS.values():
        other = os.path.join(work, "same-" + str(len(os.listdir(work))))
        os.makedirs(other)
        subprocess.run([build, "new", *pre, "-q", *post], cwd=other, check=True)
        assert floor.same_tree(os.path.join(ref, NAME), os.path.join(other, NAME)), f"{build} writes other bytes"
    copies = {k: floor.fresh_copy(v, work) for k, v in BUILDS.items()}
    out = os.path.join(work, "out")
    os.makedirs(out)
    commands = {
        "floor write": [floor_exe, "write", out, NAME],
        "this build": [copies["this"], "new", *pre, "-o", out, "-q", *post],
        "this build, --no-lint": [copies["this"], "new", *pre, "-o", out, "-q", "--no-lint", *post],
        "other build": [copies["other"], "new", *pre, "-o", out, "-q", *post],
        "other build, --no-lint": [copies["other"], "new", *pre, "-o", out, "-q", "--no-lint", *post],
    }
    times = {k: [] for k in commands}
    for i in range(RUNS):
        order = list(commands.items())
        for key, argv in order if i % 2 == 0 else reversed(order):
            copy = floor.COPIES_OF[argv[0]][i % floor.COPIES]
            wall, _ = floor.run([copy, *argv[1:]], None)
            times[key].append(wall)
            shutil.rmtree(os.path.join(out, NAME))
    base = statistics.median(times["floor write"])
    print(f"{RUNS} interleaved runs each, written under {os.path.dirname(work)} (ms: median; ratio to the floor)")
    for key, t in times.items():
        m = statistics.median(t)
        print(f"  {key:24s} {m * 1e3:6.2f}  {m / base:.2f}x")
    shutil.rmtree(work)


main()
