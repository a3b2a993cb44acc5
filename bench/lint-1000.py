#!/usr/bin/env python3
"""Time `jobgen lint` over 1,000 job folders (copies of the checked-in
examples, under distinct names), whole process, median of a few runs. With
the CI venv in .venv it also times kubernetes-validate over 20 of the
folders and prints both per folder. Not a test: run it by hand on a quiet
machine.

usage: bench/lint-1000.py [FOLDERS] [JOBGEN]   (defaults: 1000, target/release/jobgen)
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import built  # bench/built.py: where cargo puts jobgen

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
jobgen = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else built.jobgen())
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
print(out.stdout.strip().splitlines()[-1])
print(f"{count} folders, {files} files: median {statistics.median(times) * 1000:.0f} ms, "
      f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {len(times)} runs")

# Against kubernetes-validate (the CI venv's), per folder: it validates the
# core objects of a sample of the same folders, strictly, at one version.
validator = os.path.abspath(".venv/bin/kubernetes-validate")
if os.path.exists(validator):
    sample = sorted(os.path.join(root, d) for root, dirs, _ in os.walk(work) for d in dirs
                    if d.startswith("job-"))[:20]
    yaml = [os.path.join(d, f) for d in sample for f in sorted(os.listdir(d))
            if f.endswith(".yaml") and f not in ("external-secret.yaml", "prometheus-rule.yaml")]
    kv = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([validator, "--strict", "--quiet", "-k", "1.33.0", *yaml], check=True,
                       capture_output=True)
        kv.append(time.perf_counter() - start)
    per_kv = statistics.median(kv) / len(sample)
    per_jobgen = statistics.median(times) / count
    print(f"kubernetes-validate: {per_kv * 1000:.1f} ms a folder ({len(sample)} folders), "
          f"jobgen lint {per_jobgen * 1000:.2f} ms a folder: {per_kv / per_jobgen:.0f}x")
else:
    print("kubernetes-validate comparison skipped: no .venv (python3 -m venv .venv && "
          ".venv/bin/pip install -r ci/requirements.txt)")
shutil.rmtree(work)
