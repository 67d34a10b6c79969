"""The two ISOT Reuters files the extraction benches read, as extract_article arguments."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

FILES = (("cased", "isot_true_reuters.jsonl"), ("lowertok", "isot_true_reuters_lowertok.jsonl"))

Doc = tuple[str, str | None, date | None]


def variants(corpus: Path, limit: int = 0) -> Iterator[tuple[str, list[Doc]]]:
    """(label, [(body, title, article date), ...]) per file present; an absent file is announced
    and skipped, so a bench runs on whatever part of ../shared exists."""
    for label, fname in FILES:
        path = corpus / fname
        if not path.exists():
            print(f"{label}: {path} absent, skipped")
            continue
        rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
        if limit:
            rows = rows[:limit]
        yield label, [(r["text"], r.get("title"),
                       date.fromisoformat(r["date_iso"]) if r.get("date_iso") else None) for r in rows]
