#!/usr/bin/env python3
"""Interrupts `jobgen update .` over many folders at random moments, with
the release build (the debug build the tests use runs too differently to
show some races). After every run: the run ended (a run still going after
10 s is a hang, and the script stops there), no temporary folder is left,
every folder is whole, and a run that exited 130 named exactly the
folders whose job.yaml has the run's new TTL. Some signals land before
the handler is installed and kill the run outright; those are counted
apart. Run it after changing src/interrupt.rs.

usage: bench/interrupt-stress.py [ROUNDS] [MAX_DELAY_S] [JOBGEN]
       (defaults: 600, 0.02, target/release/jobgen); on tmpfs
       (TMPDIR=/dev/shm) most of a run is the threads, not the disk
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import built  # bench/built.py: where cargo puts jobgen

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 600
max_delay = float(sys.argv[2]) if len(sys.argv) > 2 else 0.02
jobgen = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else built.jobgen("release")

work = tempfile.mkdtemp(prefix="jobgen-stress-")
names = [f"job-{i:02}" for i in range(20)]
for name in names:
    subprocess.run([jobgen, "new", name, "--no-input", "-q"], cwd=work, check=True,
                   stderr=subprocess.DEVNULL)

random.seed(1)
counts = {"cancelled (130)": 0, "finished (0)": 0, "killed before the handler": 0}
try:
    for r in range(rounds):
        ttl = str(5000 + r)
        run = subprocess.Popen([jobgen, "update", ".", "--ttl", ttl], cwd=work,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(random.uniform(0, max_delay))
        run.send_signal(random.choice([signal.SIGINT, signal.SIGTERM, signal.SIGHUP]))
        if r % 3 == 0:
            time.sleep(random.uniform(0, 0.002))
            run.send_signal(signal.SIGINT)
        try:
            _, err = run.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            run.kill()
            sys.exit(f"round {r}: still running after 10 s (a hang)")
        err = err.decode()
        if run.returncode == 130:
            counts["cancelled (130)"] += 1
        elif run.returncode == 0:
            counts["finished (0)"] += 1
        elif run.returncode < 0:
            counts["killed before the handler"] += 1
        else:
            sys.exit(f"round {r}: exit {run.returncode}: {err}")
        left = sorted(n for n in os.listdir(work) if n not in names)
        if left:
            sys.exit(f"round {r}: left behind: {left}")
        changed = set()
        for name in names:
            job = open(os.path.join(work, name, "job.yaml")).read()
            if "kind: Job" not in job:
                sys.exit(f"round {r}: {name}/job.yaml is not whole")
            if f"ttlSecondsAfterFinished: {ttl}\n" in job:
                changed.add(name)
        if run.returncode == 130:
            said = set()
            if "had been written" in err:
                part = err.split("cancelled; ")[1].split(" had been written")[0]
                said = {p.strip().rstrip("/").split("/")[-1] for p in part.split(",")}
            if said != changed:
                sys.exit(f"round {r}: said {sorted(said)}, changed {sorted(changed)}: {err}")
finally:
    shutil.rmtree(work, ignore_errors=True)
print(f"{rounds} rounds, none hung, every report exact: {counts}")
