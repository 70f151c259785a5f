"""Validates SARIF logs against the SARIF 2.1.0 JSON schema (sarif-schema-2.1.0.json beside
this file), formats included: a `uri` with a raw space or `%` is an error. Exits 1 on any
error, listing them.

Usage: python3 validate.py LOG.sarif...
"""

import json
import pathlib
import sys

import jsonschema

schema = json.loads((pathlib.Path(__file__).parent / "sarif-schema-2.1.0.json").read_text())
validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
# Without rfc3987 the uri formats would not be checked at all: make sure they are.
if validator.is_valid({"version": "2.1.0", "runs": [], "$schema": "not a uri"}):
    sys.exit("validate.py: the jsonschema uri format checks are missing (install rfc3987)")
failed = 0
for path in sys.argv[1:]:
    log = json.loads(pathlib.Path(path).read_text())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    for e in errors:
        print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    print(f"{path}: {len(errors)} schema errors")
    failed += bool(errors)
sys.exit(1 if failed else 0)
