#!/usr/bin/env python3
"""Validate custom resources against their CRD's openAPIV3Schema, strictly.

The API server prunes unknown fields of a custom resource instead of
rejecting them, so a typo would vanish silently. Here every object schema
that lists properties gets additionalProperties: false (unless it preserves
unknown fields), so unknown fields are errors.

usage: validate_crd.py CRD.yaml FILE.yaml...   (checks documents of the CRD's kind)
       validate_crd.py --self-test CRD.yaml    (proves the check can fail)
"""
import copy
import sys

import jsonschema
import yaml


def strict(schema):
    """Copy of schema with unknown fields refused wherever properties are listed."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node \
                    and not node.get("x-kubernetes-preserve-unknown-fields"):
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def load_crd(path):
    with open(path) as f:
        crd = yaml.safe_load(f)
    group = crd["spec"]["group"]
    kind = crd["spec"]["names"]["kind"]
    schemas = {
        f"{group}/{v['name']}": jsonschema.Draft7Validator(strict(v["schema"]["openAPIV3Schema"]))
        for v in crd["spec"]["versions"]
        if v.get("served")
    }
    return kind, schemas


def errors_in(doc, kind, schemas):
    if schemas.get(doc.get("apiVersion")) is None:
        return [f"apiVersion {doc.get('apiVersion')} is not served for {kind}; served: {sorted(schemas)}"]
    return [f"{'/'.join(map(str, e.path)) or '.'}: {e.message}"
            for e in schemas[doc["apiVersion"]].iter_errors(doc)]


def main(argv):
    if argv[:1] == ["--self-test"]:
        kind, schemas = load_crd(argv[1])
        bad = {"apiVersion": next(iter(schemas)), "kind": kind, "metadata": {"name": "x"},
               "spec": {"unknownField": 1}}
        found = errors_in(bad, kind, schemas)
        if len(found) < 1:
            print(f"self-test FAILED: expected an error for an unknown field, got {found}")
            return 1
        print(f"self-test ok: {kind} check rejects {len(found)} planted errors")
        return 0
    kind, schemas = load_crd(argv[0])
    checked, failed = 0, 0
    for path in argv[1:]:
        with open(path) as f:
            for doc in yaml.safe_load_all(f):
                if not doc or doc.get("kind") != kind:
                    continue
                checked += 1
                for err in errors_in(doc, kind, schemas):
                    failed += 1
                    print(f"FAIL {path}: {kind} {doc['metadata'].get('name')}: {err}")
    print(f"{kind}: {checked} checked against the CRD schema (strict), {failed} errors")
    return 1 if failed or not checked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
