#!/usr/bin/env python3
"""Writes build/hot-functions.txt: the functions a release jobgen runs for
the commands people run most, in the order they first run. build.rs hands
the file to the linker (lld's --symbol-ordering-file), which places those
functions side by side: a run then touches a few dozen pages of code
instead of functions scattered over 5 MB (README, "Speed").

The names are mangled Rust symbols; they stay valid while the code and
the dependencies stay put. After a dependency update or a large change,
rerun this (it prints how many of the old names the binary still has) and
commit the file. A stale file costs speed, never correctness: the linker
ignores names it does not find.

Needs valgrind (callgrind) and nm. Not a test: run it by hand.

usage: bench/hot-functions.py [JOBGEN]   (default: target/HOST/release/jobgen)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import built  # bench/built.py: where cargo puts jobgen

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "build", "hot-functions.txt")
JOBGEN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else built.jobgen())

ONE_OFF = ["cloud-sql-restore-ojeomneo", "--no-input", "--image", "postgres:16.4"]
CRON = ["nightly-backup-ojeomneo", "--no-input", "--pattern", "cron", "--schedule", "0 2 * * *",
        "--monitoring", "--image", "postgres:16.4"]
COMMAND = ["--", "sh", "-c", "pg_restore --version"]


def commands(work):
    """The profiled commands, most frequent first (bench/floor.py's cases,
    then the repository commands on what they wrote)."""
    cron = os.path.join(work, "nightly-backup-ojeomneo")
    return [
        ["new", *ONE_OFF, "--stdout", *COMMAND],
        ["new", *ONE_OFF, "-o", work, *COMMAND],
        ["new", *CRON, "-o", work, *COMMAND],
        ["check", cron],
        ["update", "--dry-run", cron],
        ["lint", work],
    ]


def text_symbols(binary):
    out = subprocess.run(["nm", binary], capture_output=True, text=True, check=True).stdout
    return {p[2] for p in (line.split() for line in out.splitlines())
            if len(p) == 3 and p[1] in "tTwW"}


def executed(binary, argv, work, n):
    """The functions callgrind saw run, in the order it first met them."""
    out = os.path.join(work, f"callgrind.{n}")
    subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no",
                    f"--callgrind-out-file={out}", binary, *argv],
                   cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    names = {}
    with open(out) as f:
        for line in f:
            m = re.match(r"c?fn=\((\d+)\) (.+)", line)
            if m:
                names.setdefault(int(m.group(1)), m.group(2).strip())
    return [names[k] for k in sorted(names)]


def main():
    for tool in ("valgrind", "nm"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed")
    symbols = text_symbols(JOBGEN)
    if os.path.exists(OUT):
        old = open(OUT).read().split()
        found = sum(1 for s in old if s in symbols)
        print(f"the current file: {found} of {len(old)} names are in {JOBGEN}")
    work = tempfile.mkdtemp(prefix="jobgen-hot-")
    try:
        order, seen = [], set()
        for n, argv in enumerate(commands(work)):
            for name in executed(JOBGEN, argv, work, n):
                if name in symbols and name not in seen:
                    seen.add(name)
                    order.append(name)
            print(f"{' '.join(argv[:2])}: {len(order)} functions so far")
    finally:
        shutil.rmtree(work)
    with open(OUT, "w") as f:
        f.write("".join(name + "\n" for name in order))
    print(f"wrote {len(order)} names to {os.path.relpath(OUT, ROOT)}")


main()
