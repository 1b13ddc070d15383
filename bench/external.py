#!/usr/bin/env python3
"""Prepare the inputs for the schema-only tools in bench/compare.sh.

From an NDJSON capture written by examples/gencapture.rs (records with a `body`), writes
into OUT:
  bodies.ndjson          the request bodies, one per line (what valint checks);
  data/<eventType>.json  the same bodies as one JSON array per eventType;
  schemas/               copies of valint's schemas/, `$id` kept (ajv resolves by id);
  schemas-local/         copies without `$id`, refs resolved relative to the file
                         (check-jsonschema, which would otherwise try to fetch the ids);
  wrap/<eventType>.json  `{"type":"array","items":{"$ref":"<eventType>.json"}}`, so one
                         run of a tool validates every body of that type against
                         valint's own per-event schema.
Bodies that are not valid JSON (injected syntax defects) are left out of data/ (the tools
would reject the whole array); their count is printed.
"""
import json, os, shutil, sys

src, out, schemas = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(out + "/data", exist_ok=True)
for d in ("schemas", "schemas-local", "wrap", "wrap-local"):
    shutil.rmtree(f"{out}/{d}", ignore_errors=True)
    os.makedirs(f"{out}/{d}")
by_type, bad, n = {}, 0, 0
with open(src, "rb") as f, open(out + "/bodies.ndjson", "wb") as bodies:
    for line in f:
        try:
            rec = json.loads(line)
        except ValueError:
            bad += 1
            continue
        body = rec.get("body")
        if isinstance(body, str):
            try:
                body = json.loads(body)
            except ValueError:
                bad += 1
                continue
        if not isinstance(body, dict):
            bad += 1
            continue
        bodies.write(json.dumps(body, separators=(",", ":")).encode() + b"\n")
        by_type.setdefault(str(body.get("eventType")), []).append(body)
        n += 1
for t, items in by_type.items():
    with open(f"{out}/data/{t}.json", "w") as f:
        json.dump(items, f, separators=(",", ":"))
known = set()
for name in os.listdir(schemas):
    if not name.endswith(".json"):
        continue
    known.add(name[:-5])
    doc = json.load(open(os.path.join(schemas, name)))
    json.dump(doc, open(f"{out}/schemas/{name}", "w"))
    doc.pop("$id", None)
    json.dump(doc, open(f"{out}/schemas-local/{name}", "w"))
for t in by_type:
    if t not in known:
        continue
    json.dump({"$schema": "https://json-schema.org/draft/2020-12/schema",
               "$id": f"https://valint.invalid/schemas/wrap-{t}.json",
               "type": "array", "items": {"$ref": f"{t}.json"}},
              open(f"{out}/wrap/{t}.json", "w"))
    json.dump({"$schema": "https://json-schema.org/draft/2020-12/schema",
               "type": "array", "items": {"$ref": f"{t}.json"}},
              open(f"{out}/schemas-local/wrap-{t}.json", "w"))
print(f"{n} bodies in {len(by_type)} event types; {bad} records left out (not JSON)")
