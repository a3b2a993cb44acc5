#!/usr/bin/env python3
"""jobgen against the floor: a minimal C program that writes exactly the
bytes `jobgen new` writes, the way src/write.rs writes them (a temporary
folder beside the target, one write per file, then renameat2 with
RENAME_NOREPLACE), or prints exactly the `--stdout` stream. The floor's
output is checked byte for byte against jobgen's before anything is timed.

Timed round-robin in one run (so machine noise hits all alike): /bin/true,
the floor and jobgen (written and --stdout) for a one-off and a cron job,
and `kubectl create job --dry-run=client -o yaml` when kubectl is
installed. Prints medians, the 10th-90th percentile spread, the ratios to
the floor and to kubectl, and peak RSS. Not a test: run it by hand.

usage: bench/floor.py [RUNS] [JOBGEN]   (defaults: 200, target/release/jobgen)
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import built  # bench/built.py: where cargo puts jobgen

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
JOBGEN = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else built.jobgen())
CASES = {
    "one-off": ["cloud-sql-restore-ojeomneo", "--no-input", "--image", "postgres:16.4", "--",
                "sh", "-c", "pg_restore --version"],
    "cron": ["nightly-backup-ojeomneo", "--no-input", "--pattern", "cron", "--schedule", "0 2 * * *",
             "--image", "postgres:16.4", "--", "sh", "-c", "pg_dump --version"],
}

FLOOR_C = r"""
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/fs.h>
%(data)s
/* floor stdout | floor write DIR NAME */
int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "stdout") == 0) {
        return write(1, STREAM, sizeof STREAM - 1) == (ssize_t)(sizeof STREAM - 1) ? 0 : 1;
    }
    if (argc < 4) return 2;
    char tmp[4096], target[4096], path[8192];
    snprintf(tmp, sizeof tmp, "%%s/.%%s.jobgen-new-%%d", argv[2], argv[3], (int)getpid());
    snprintf(target, sizeof target, "%%s/%%s", argv[2], argv[3]);
    if (mkdir(tmp, 0777) != 0) return 1;
    for (int i = 0; i < NFILES; i++) {
        snprintf(path, sizeof path, "%%s/%%s", tmp, NAMES[i]);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd < 0) return 1;
        if (write(fd, DATA[i], SIZES[i]) != (ssize_t)SIZES[i]) return 1;
        close(fd);
    }
    return syscall(SYS_renameat2, AT_FDCWD, tmp, AT_FDCWD, target, RENAME_NOREPLACE) == 0 ? 0 : 1;
}
"""


def c_bytes(data: bytes) -> str:
    return '"' + "".join(f"\\x{b:02x}" for b in data) + '"'


def build_floor(work, name, folder, stream):
    files = sorted(os.listdir(folder))
    blobs = [open(os.path.join(folder, f), "rb").read() for f in files]
    data = (
        f"#define NFILES {len(files)}\n"
        f"static const char *NAMES[] = {{{', '.join(c_bytes(f.encode()) for f in files)}}};\n"
        f"static const char *DATA[] = {{{', '.join(c_bytes(b) for b in blobs)}}};\n"
        f"static const size_t SIZES[] = {{{', '.join(str(len(b)) for b in blobs)}}};\n"
        f"static const char STREAM[] = {c_bytes(stream)};\n"
    )
    src = os.path.join(work, f"floor-{name}.c")
    exe = os.path.join(work, f"floor-{name}")
    open(src, "w").write(FLOOR_C % {"data": data})
    subprocess.run(["cc", "-O2", "-o", exe, src], check=True)
    return exe


def same_tree(a, b):
    fa, fb = sorted(os.listdir(a)), sorted(os.listdir(b))
    return fa == fb and all(open(os.path.join(a, f), "rb").read() == open(os.path.join(b, f), "rb").read() for f in fa)


def run(argv, cwd):
    """Wall seconds of one run (and ru_maxrss, which for a child of a
    Python process is Python's own size at the spawn: see peak_rss)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ,
                         file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    os.close(devnull)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(argv)}")
    return wall, usage.ru_maxrss


def peak_rss(argv):
    """Peak RSS in KiB through /usr/bin/time, whose own small size is what a
    child inherits as its starting high-water mark; None without it."""
    if not os.path.exists("/usr/bin/time"):
        return None
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], capture_output=True, text=True)
    return int(out.stderr.strip().splitlines()[-1])


def main():
    work = tempfile.mkdtemp(prefix="jobgen-floor-")
    env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=os.path.join(work, ".config"), LANG="C.UTF-8")
    os.environ.update(env)
    jobgen = JOBGEN
    commands = {"/bin/true": (["/bin/true"], None)}
    for case, args in CASES.items():
        name = args[0]
        ref = os.path.join(work, f"ref-{case}")
        os.makedirs(ref)
        cut = args.index("--")
        pre, post = args[:cut], args[cut:]
        subprocess.run([jobgen, "new", *pre, "-q", *post], cwd=ref, check=True)
        stream = subprocess.run([jobgen, "new", *pre, "--stdout", *post], cwd=ref, check=True,
                                capture_output=True).stdout
        floor = build_floor(work, case, os.path.join(ref, name), stream)
        check = os.path.join(work, f"check-{case}")
        os.makedirs(check)
        subprocess.run([floor, "write", check, name], check=True)
        assert same_tree(os.path.join(ref, name), os.path.join(check, name)), f"{case}: floor differs"
        out = subprocess.run([floor, "stdout"], check=True, capture_output=True).stdout
        assert out == stream, f"{case}: floor stream differs"
        commands[f"floor write {case}"] = ([floor, "write", "{dir}", name], "dir")
        commands[f"jobgen new {case}"] = ([jobgen, "new", *pre, "-o", "{dir}", "-q", *post], "dir")
        commands[f"floor --stdout {case}"] = ([floor, "stdout"], None)
        commands[f"jobgen --stdout {case}"] = ([jobgen, "new", *pre, "--stdout", *post], None)
    if shutil.which("kubectl"):
        commands["kubectl create job --dry-run"] = (
            [shutil.which("kubectl"), "create", "job", "cloud-sql-restore-ojeomneo", "--image=postgres:16.4",
             "--dry-run=client", "-o", "yaml", "--", "sh", "-c", "pg_restore --version"], None)
    times = {k: [] for k in commands}
    rss = {k: 0 for k in commands}
    for i in range(RUNS):
        for label, (argv, needs_dir) in commands.items():
            cwd = work
            if needs_dir:
                d = os.path.join(work, "runs", f"{i}-{len(times[label])}-{abs(hash(label))}")
                os.makedirs(d)
                argv = [a.replace("{dir}", d) for a in argv]
            wall, _ = run(argv, cwd)
            times[label].append(wall)
            if i == 0:
                if needs_dir:
                    d = os.path.join(work, "rss", label.replace(" ", "-"))
                    os.makedirs(d)
                    argv = [a.replace(os.path.dirname(a), d) if a.startswith(os.path.join(work, "runs")) else a
                            for a in argv]
                rss[label] = peak_rss(argv)
        if i % 50 == 49:
            shutil.rmtree(os.path.join(work, "runs"), ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)

    def med(k):
        return statistics.median(times[k]) * 1000

    def spread(k):
        q = statistics.quantiles(times[k], n=10)
        return q[0] * 1000, q[-1] * 1000

    print(f"{RUNS} interleaved runs each (ms: median, 10th-90th percentile; peak RSS)")
    for k in commands:
        lo, hi = spread(k)
        peak = "?" if rss[k] is None else f"{rss[k] / 1024:5.1f} MiB"
        print(f"  {k:<32} {med(k):6.2f}  [{lo:5.2f}-{hi:5.2f}]  {peak}")
    print("ratios to the floor:")
    for case in CASES:
        print(f"  {case}: new written {med(f'jobgen new {case}') / med(f'floor write {case}'):.2f}x, "
              f"--stdout {med(f'jobgen --stdout {case}') / med(f'floor --stdout {case}'):.2f}x")
    if "kubectl create job --dry-run" in commands:
        kubectl = med("kubectl create job --dry-run")
        print("ratios to kubectl create job --dry-run:")
        for case in CASES:
            print(f"  {case}: new written {med(f'jobgen new {case}') / kubectl:.3f}x, "
                  f"--stdout {med(f'jobgen --stdout {case}') / kubectl:.3f}x")


if __name__ == "__main__":
    main()
