#!/usr/bin/env python3
"""Writes the `spec` of every PrometheusRule in the given YAML files as a
Prometheus rule file (JSON, which is YAML) into OUT_DIR, for `promtool check
rules`. usage: rule_files.py OUT_DIR FILE..."""
import json
import os
import sys

import yaml

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
n = 0
for path in sys.argv[2:]:
    with open(path) as f:
        for doc in yaml.safe_load_all(f):
            if isinstance(doc, dict) and doc.get("kind") == "PrometheusRule":
                n += 1
                with open(os.path.join(out, f"{n}.rules.json"), "w") as w:
                    json.dump(doc["spec"], w)
print(f"{n} PrometheusRule(s) from {len(sys.argv) - 2} file(s)")
if n == 0:
    sys.exit("no PrometheusRule found")
