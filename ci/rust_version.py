#!/usr/bin/env python3
"""The least Rust version jobgen can claim: the highest `rust-version` that
jobgen's own (non-dev) dependencies declare, from `cargo metadata`. Fails if
Cargo.toml states less. No older toolchain can be installed here, so this is
how the minimum is determined; the code's own needs (edition 2024: 1.85;
let-chains: 1.88) are below it; the build's own (cargo's `host-tuple`
target in .cargo/config.toml: 1.91) is counted.
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
# The build's own need: .cargo/config.toml builds for `host-tuple`, which
# cargo understands from 1.91 (rust-lang/cargo#16032, in 1.91's beta).
if '"host-tuple"' in open(".cargo/config.toml").read():
    declared.append(((1, 91), ".cargo/config.toml (build.target = \"host-tuple\")", "1.91"))
need, who, text = max(declared)
ours = re.search(r'^rust-version = "([0-9.]+)"', open("Cargo.toml").read(), re.M).group(1)
print(f"dependencies need Rust {text} ({who}); Cargo.toml says {ours}")
if version(ours) < need:
    sys.exit("Cargo.toml's rust-version is below what a dependency needs")
