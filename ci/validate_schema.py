#!/usr/bin/env python3
"""Validate YAML/JSON files (config, values, recorded answers) against the
JSON Schema that `jobgen schema` prints.

usage: validate_schema.py SCHEMA.json FILE...
       validate_schema.py --self-test SCHEMA.json   (proves the check can fail)
"""
import json
import sys

import jsonschema
import yaml


def check(validator, doc):
    return [f"{'/'.join(map(str, e.path)) or '.'}: {e.message}" for e in validator.iter_errors(doc)]


def main(argv):
    self_test = argv[:1] == ["--self-test"]
    if self_test:
        argv = argv[1:]
    with open(argv[0]) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    if self_test:
        bad = {"backof-limit": 3, "pattern": "batch", "ttl": -1, "files": {"configmap": "maybe"}}
        found = check(validator, bad)
        if len(found) < 4:
            print(f"self-test FAILED: expected 4 errors, got {found}")
            return 1
        print(f"self-test ok: the schema rejects {len(found)} planted errors")
        return 0
    failed = 0
    for path in argv[1:]:
        with open(path) as f:
            doc = yaml.safe_load(f) or {}
        for err in check(validator, doc):
            failed += 1
            print(f"FAIL {path}: {err}")
    print(f"{len(argv) - 1} files checked against the jobgen schema, {failed} errors")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
