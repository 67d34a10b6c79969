"""Load the reviewed dictionaries in `data/` once per process (cached), in canonical token form."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from ingestion.extraction.normalize import canonical

DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line.split("\t"))
    return out


def _surfaces(field: str) -> list[str]:
    return [canonical(s) for s in field.split("|") if s.strip() and s.strip() != "-"]


@functools.cache
def lexicons() -> dict:
    return yaml.safe_load((DATA / "lexicons.yaml").read_text(encoding="utf-8"))


@functools.cache
def countries() -> list[tuple[str, str, str, list[str]]]:
    """(type, code, canonical_name, surfaces)."""
    return [(r[0], r[1], r[2], _surfaces(r[3])) for r in _rows("countries.tsv")]


@functools.cache
def bodies() -> list[tuple[str, str, str, list[str]]]:
    return [(r[0], r[1], r[2], _surfaces(r[3])) for r in _rows("bodies.tsv")]


@functools.cache
def titles() -> list[tuple[str, str, str, list[str]]]:
    """(title, organization, country_hint, surfaces)."""
    return [(r[0], r[1], r[2], _surfaces(r[3])) for r in _rows("titles.tsv")]


@functools.cache
def people() -> list[tuple[str, str, str | None, list[str]]]:
    """(code, full_name, organization, surfaces incl. the full name)."""
    out = []
    for r in _rows("people.tsv"):
        full = canonical(r[1])
        surf = [full, *_surfaces(r[3])]
        out.append((r[0], full, None if r[2] == "-" else r[2], surf))
    return out


@functools.cache
def first_names(generated: bool = True) -> frozenset[str]:
    """Given names: the hand-written first_names.yaml, plus (unless `generated` is False) the
    list tools/build_given_names.py derives from Faker's locales."""
    data = yaml.safe_load((DATA / "first_names.yaml").read_text(encoding="utf-8"))
    names = set(data["names"].split())
    if generated:
        names.update(given_names())
    return frozenset(names)


@functools.cache
def given_names() -> dict[str, str]:
    """The generated list (data/given_names.tsv), read once: name -> "m", "f" or "-"."""
    return {r[0]: r[1] for r in _rows("given_names.tsv")}


@functools.cache
def name_genders() -> dict[str, str]:
    """Given name -> "f" or "m" where its use is clear (for "he said" / "she said")."""
    data = yaml.safe_load((DATA / "given_name_genders.yaml").read_text(encoding="utf-8"))
    out = {n: g for n, g in given_names().items() if g in ("f", "m")}
    out.update(dict.fromkeys(data["female"].split(), "f"))  # (the hand-written file decides)
    out.update(dict.fromkeys(data["male"].split(), "m"))
    return out


@functools.cache
def codes() -> dict[str, tuple[str, str | None]]:
    """event key -> (cameo, plover)."""
    out = {}
    for r in _rows("codes.tsv"):
        out[r[0]] = (r[1], None if r[2] == "-" else r[2])
    return out
