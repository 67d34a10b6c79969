#!/usr/bin/env python3
"""Fingerprint of every extraction output field over the ISOT corpus, compared with a saved
baseline, so a speed change can prove it left the output identical (prints what differs).

usage: bench/extraction_fingerprint.py [--shared ../shared] [--save] [--baseline PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import isot_corpus  # noqa: E402

from ingestion.extraction import extract_article  # noqa: E402


def canonical(x: object) -> str:
    """One JSON line holding every field of an ArticleExtraction (dates as ISO strings)."""
    return json.dumps(dataclasses.asdict(x), sort_keys=True, default=str, ensure_ascii=False)


def run(corpus: Path, limit: int) -> dict[str, list[str]]:
    """Canonical dump per article per file, in file order."""
    out: dict[str, list[str]] = {}
    for label, docs in isot_corpus.variants(corpus, limit):
        dumps = [canonical(extract_article(*d)) for d in docs]
        out[label] = dumps
    return out


def _diff(old: str, new: str) -> str:
    """Top-level fields whose values differ, with a short view of both sides."""
    a, b = json.loads(old), json.loads(new)
    parts = []
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            old_v, new_v = json.dumps(a.get(k))[:600], json.dumps(b.get(k))[:600]
            parts.append(f"    {k}:\n      old {old_v}\n      new {new_v}")
    return "\n".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1] / ".." / "shared"))
    ap.add_argument("--baseline", default="/tmp/chancery_extraction_fingerprint.json",
                    help="where --save writes and a plain run reads the baseline")
    ap.add_argument("--save", action="store_true", help="write the baseline instead of comparing")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    got = run(Path(args.shared) / "corpus", args.limit)
    if args.save:
        Path(args.baseline).write_text(json.dumps(got), encoding="utf-8")
        for label, dumps in got.items():
            h = hashlib.sha256("\n".join(dumps).encode()).hexdigest()[:16]
            print(f"{label}: {len(dumps)} articles saved, sha256 {h}")
        return 0
    base = json.loads(Path(args.baseline).read_text(encoding="utf-8"))
    bad = 0
    for label, dumps in got.items():
        old = base.get(label, [])
        n = min(len(old), len(dumps))
        diffs = [i for i in range(n) if old[i] != dumps[i]]
        h = hashlib.sha256("\n".join(dumps).encode()).hexdigest()[:16]
        same = not diffs and len(old) == len(dumps)
        print(f"{label}: {len(dumps)} articles, sha256 {h}: "
              f"{'IDENTICAL' if same else f'{len(diffs)} differ'}")
        for i in diffs[:10]:
            print(f"  article {i}:\n{_diff(old[i], dumps[i])}")
        bad += len(diffs) + abs(len(old) - len(dumps))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
