#!/usr/bin/env python3
"""Validates a stream of Backstage catalog entities (YAML documents; jobgen
writes them as JSON, which is YAML) against @backstage/catalog-model's JSON
Schemas in .venv/share/backstage/ (ci/fetch_backstage_schema.sh).

usage: validate_backstage.py SCHEMA_DIR FILE    exit 1 on the first invalid entity
"""
import json
import sys
from pathlib import Path

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

schemas = Path(sys.argv[1])
registry = Registry()
loaded = {}
for f in schemas.glob("*.json"):
    schema = json.loads(f.read_text())
    loaded[schema["$id"]] = schema
    registry = registry.with_resource(schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7))
component = loaded["ComponentV1alpha1"]
validator = jsonschema.Draft7Validator(component, registry=registry)
docs = [d for d in Path(sys.argv[2]).read_text().split("---\n") if d.strip()]
for i, doc in enumerate(docs):
    entity = json.loads(doc)
    errors = sorted(validator.iter_errors(entity), key=lambda e: list(e.path))
    if errors:
        for e in errors:
            print(f"entity {i} ({entity.get('metadata', {}).get('name')}): {list(e.path)}: {e.message}")
        sys.exit(1)
print(f"{len(docs)} entities valid")
