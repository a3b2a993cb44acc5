#!/usr/bin/env python3
"""The least Rust version jobgen can claim: the highest of what the code
itself needs (edition 2024: 1.85; let-chains in `if let ... && ...`: 1.88)
and the `rust-version` that jobgen's own (non-dev) dependencies declare,
from `cargo metadata`. Fails unless Cargo.toml states exactly that: less
would promise a toolchain that cannot build jobgen, more would turn away
one that can. No older toolchain can be installed here, so this is how
the minimum is determined.
usage: ci/rust_version.py"""
import json
import re
import subprocess
import sys

meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1"],
                                 check=True, capture_output=True, text=True).stdout)
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
packages = {p["id"]: p for p in meta["packages"]}
root = meta["resolve"]["root"]


def normal(dep):
    return any(k["kind"] != "dev" for k in dep.get("dep_kinds", []))


seen, stack = set(), [root]
while stack:
    for dep in nodes[stack.pop()]["deps"]:
        if normal(dep) and dep["pkg"] not in seen:
            seen.add(dep["pkg"])
            stack.append(dep["pkg"])


def version(v):
    return tuple(int(x) for x in v.split("."))


declared = [(version(packages[i]["rust_version"]), packages[i]["name"], packages[i]["rust_version"])
            for i in seen if packages[i].get("rust_version")]
# The code's own need: let-chains (stable in 1.88, edition 2024 only).
declared.append(((1, 88), "jobgen's own code (let-chains)", "1.88"))
need, who, text = max(declared)
ours = re.search(r'^rust-version = "([0-9.]+)"', open("Cargo.toml").read(), re.M).group(1)
print(f"jobgen needs Rust {text} ({who}); Cargo.toml says {ours}")
if version(ours) < need:
    sys.exit("Cargo.toml's rust-version is below what jobgen needs")
if version(ours) > need:
    sys.exit(f"Cargo.toml's rust-version is above what jobgen needs: say {text}")
