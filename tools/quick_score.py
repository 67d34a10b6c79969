#!/usr/bin/env python3
"""Fast dev loop: run extract_article on the gold dev articles (cased and lower-cased) and score
with the shared scorer, building the same per-article structures its load_system builds from the
marts (which carry our extracted rows 1:1).

usage: tools/quick_score.py [--shared ../shared] [--diff] [--only cased|lower] [--json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingestion.extraction import extract_article  # noqa: E402


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("gold_score", shared / "gold" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def article_date(row: dict) -> date | None:
    for k in ("date_iso", "article_date"):
        if row.get(k):
            try:
                return date.fromisoformat(row[k][:10])
            except ValueError:
                pass
    return None


def system_rows(sc, articles: list[dict], dates: dict[str, date | None]) -> dict:
    """Per article: what score.load_system would read back from the marts."""
    out = defaultdict(lambda: {"statements": [], "sanctions": [], "contacts": []})
    for a in articles:
        x = extract_article(a["text"], a.get("title"), dates.get(a["id"]) or article_date(a))
        art = out[a["id"]]
        for s in x.statements:
            art["statements"].append({"speaker": s.speaker_name, "kind": s.speaker_kind,
                                      "country": s.speaker_country_code})
        for s in x.sanctions:
            art["sanctions"].append({"imposer": s.imposer_code, "target": s.target_code,
                                     "action": s.action,
                                     "date": str(s.event_date) if s.event_date else None})
        for c in x.contacts:
            art["contacts"].append({"participants": {p.actor_code for p in c.participants},
                                    "mode": c.mode, "status": c.status,
                                    "date": str(c.event_date) if c.event_date else None})
    for art in out.values():  # the same dedup as load_system
        seen, uniq = set(), []
        for s in art["sanctions"]:
            k = (sc.code(s["imposer"]), sc.code(s["target"]), s["action"])
            if k not in seen:
                seen.add(k)
                uniq.append(s)
        art["sanctions"] = uniq
        seen, uniq = set(), []
        for s in art["statements"]:
            k = sc.norm_name(s["speaker"])
            if k not in seen:
                seen.add(k)
                uniq.append(s)
        art["statements"] = uniq
    return out


def print_table(label: str, res: dict) -> None:
    print(f"--- {label}")
    for kind in ("statements", "sanctions", "contacts"):
        r = res[kind]
        extra = "".join(f"  {k}={r[k]}" for k in ("date_accuracy", "mode_accuracy") if k in r)
        print(f"{kind:10s} gold={r['gold']:4d} system={r['system']:4d} P={r['precision']:.3f} "
              f"R={r['recall']:.3f} F1={r['f1']:.3f}{extra}")


def diff(sc, gold_rows: list[dict], system: dict) -> None:
    for g in gold_rows:
        s = system.get(g["id"], {"statements": [], "sanctions": [], "contacts": []})
        lines = []
        for kind, match in (("statements", sc.speaker_match), ("sanctions", sc.sanction_match),
                            ("contacts", sc.contact_match)):
            gl = sc.expand_gold_sanctions(g[kind]) if kind == "sanctions" else g[kind]
            sl = s[kind]
            pairs = sc.greedy(gl, sl, match)
            mg = {gi for gi, _ in pairs}
            ms = {si for _, si in pairs}
            for gi, si in pairs:
                if kind != "statements" and gl[gi].get("date") and sl[si].get("date") != gl[gi]["date"]:
                    lines.append(f"  DATE {kind}: gold {gl[gi]['date']} sys {sl[si].get('date')} "
                                 f"{_short(kind, gl[gi])}")
                if kind == "contacts" and sl[si].get("mode") != gl[gi]["mode"]:
                    lines.append(f"  MODE gold {gl[gi]['mode']} sys {sl[si].get('mode')} "
                                 f"{_short(kind, gl[gi])}")
            for gi, x in enumerate(gl):
                if gi not in mg:
                    lines.append(f"  MISS {kind}: {_short(kind, x)}")
            for si, x in enumerate(sl):
                if si not in ms:
                    lines.append(f"  FP   {kind}: {_short(kind, x)}")
        if lines:
            print(f"== {g['id']} {g.get('article_date')}")
            print("\n".join(lines))


def _short(kind: str, x: dict) -> str:
    if kind == "statements":
        return f"{x['speaker']} ({x.get('kind')}, {x.get('country')})"
    if kind == "sanctions":
        return f"{x['imposer']} -> {x['target']} {x['action']} {x.get('date')} | {x.get('evidence', '')[:90]}"
    return (f"{sorted(x['participants'])} {x.get('mode')} {x.get('status')} {x.get('date')} | "
            f"{x.get('evidence', '')[:90]}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1] / ".." / "shared"))
    ap.add_argument("--diff", action="store_true")
    ap.add_argument("--only", choices=("cased", "lower"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    shared = Path(args.shared)
    sc = load_scorer(shared)
    gold_rows = [json.loads(line) for line in open(shared / "gold" / "dev.jsonl") if line.strip()]
    dates = {g["id"]: date.fromisoformat(g["article_date"]) if g.get("article_date") else None
             for g in gold_rows}
    results = {}
    for label, fname in (("cased", "dev_articles.jsonl"), ("lower", "dev_articles_lowertok.jsonl")):
        if args.only and args.only != label:
            continue
        arts = [json.loads(line) for line in open(shared / "gold" / fname) if line.strip()]
        system = system_rows(sc, arts, dates)
        res = sc.score(gold_rows, system)
        results[label] = res
        print_table(label, res)
        if args.diff and (args.only or label == "cased"):
            diff(sc, gold_rows, system)
    if args.json:
        print(json.dumps(results, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
