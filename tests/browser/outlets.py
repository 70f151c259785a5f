#!/usr/bin/env python3
"""Writes a small corpus where three outlets copy each other: each of the first four seed
articles is printed first by one outlet and copied by the next ones a day or two later.
Usage: outlets.py OUT.jsonl (run from the project root)."""
import glob
import json
import sys

OUTLETS = ["Origin Post", "Copy Daily", "Aggregator Hub"]

with open(sys.argv[1], "w", encoding="utf-8") as out:
    for n, path in enumerate(sorted(glob.glob("seeds/*.txt"))[:4]):
        text = open(path, encoding="utf-8").read()
        for k in range(3 if n % 2 == 0 else 2):
            o = OUTLETS[(n + k) % 3]
            out.write(json.dumps({"id": f"s{n}-{k}", "source": o, "date": f"2024-01-{10 * n + k + 1:02d}T08:00:00Z",
                                  "title": f"Story {n}", "text": text}) + "\n")
