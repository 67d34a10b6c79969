"""`make eval`: build the gold dev articles (cased and lower-cased) through the real pipeline and
score both warehouses with the shared scorer, so the figures quoted in the README are reproducible.

Usage: python tools/eval.py [--shared ../shared] [--out data/eval]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = (("cased", "dev_articles.jsonl"), ("lowertok", "dev_articles_lowertok.jsonl"))
KINDS = ("statements", "sanctions", "contacts")


def build_and_score(shared: Path, out: Path, name: str, articles: str) -> dict:
    """Build one warehouse from scratch with `chancery build`, then run score.py against it."""
    db = out / f"{name}.duckdb"
    for stale in (db, out / ".chancery-build"):
        if stale.is_dir():
            shutil.rmtree(stale)
        elif stale.exists():
            stale.unlink()
    chancery = shutil.which("chancery") or str(ROOT / ".venv" / "bin" / "chancery")
    subprocess.run([chancery, "build", "--source", str(shared / "gold" / articles), "--warehouse", str(db)],
                   check=True, stdout=subprocess.DEVNULL)
    score = subprocess.run([sys.executable, str(shared / "gold" / "score.py"), "--gold",
                            str(shared / "gold" / "dev.jsonl"), "--db", str(db)],
                           check=True, capture_output=True, text=True)
    return json.loads(score.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ROOT / "data" / "eval"))
    args = ap.parse_args()
    shared, out = Path(args.shared).resolve(), Path(args.out).resolve()
    if not (shared / "gold" / "dev.jsonl").exists():
        print(f"eval: no gold set under {shared}/gold; pass --shared", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    results = {name: build_and_score(shared, out, name, articles) for name, articles in VARIANTS}
    print(f"{'variant':9s} {'type':10s} {'gold':>5s} {'sys':>5s} {'P':>6s} {'R':>6s} {'F1':>6s} "
          f"{'date':>6s} {'mode':>6s}")
    for name, res in results.items():
        for kind in KINDS:
            r = res[kind]
            fmt = lambda v: f"{v:6.3f}" if isinstance(v, (int, float)) else f"{'-':>6s}"  # noqa: E731
            print(f"{name:9s} {kind:10s} {r['gold']:5d} {r['system']:5d} {fmt(r['precision'])} "
                  f"{fmt(r['recall'])} {fmt(r['f1'])} {fmt(r.get('date_accuracy'))} "
                  f"{fmt(r.get('mode_accuracy'))}")
    gaps = {k: round(results["cased"][k]["f1"] - results["lowertok"][k]["f1"], 3) for k in KINDS}
    print("F1 gap cased - lowertok:", json.dumps(gaps))
    (out / "scores.json").write_text(json.dumps(results, indent=2, sort_keys=True))
    print(f"scores written to {out / 'scores.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
