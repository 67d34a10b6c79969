#!/usr/bin/env python3
"""Extraction throughput on one core: articles/s over the ISOT Reuters corpus, cased and
lower-cased/tokenized (prints figures; not a timed assertion).

usage: bench/bench_extraction.py [--shared ../shared] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import isot_corpus  # noqa: E402

from ingestion.extraction import EXTRACTOR_VERSION, extract_article  # noqa: E402

# Single-process goal on an idle machine (cpu figure), cased and lower-cased alike. Idle 2-core
# figures: 690 / 738 articles/s before the 2026-11 performance pass; see the git log for after.
# A speed change must leave the output identical: bench/extraction_fingerprint.py checks that.
TARGET = 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1] / ".." / "shared"))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    corpus = Path(args.shared) / "corpus"
    t0 = time.perf_counter()
    extract_article("Warm-up: Moscow said on Tuesday it would meet Washington.", None, None)
    print(f"extractor {EXTRACTOR_VERSION}: import + dictionaries {time.perf_counter() - t0:.2f}s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (figures drop when busy); "
          f"target >= {TARGET:,} articles/s per core on both")
    for label, docs in isot_corpus.variants(corpus, args.limit):
        mb = sum(len(d[0]) for d in docs) / 1e6
        counts = [0, 0, 0]
        t = time.perf_counter()
        c = time.process_time()
        for body, title, d in docs:
            x = extract_article(body, title, d)
            counts[0] += len(x.statements)
            counts[1] += len(x.sanctions)
            counts[2] += len(x.contacts)
        dt = time.perf_counter() - t
        cpu = time.process_time() - c
        print(f"{label:9s} {len(docs)} articles ({mb:.1f} MB): wall {dt:.2f}s = {len(docs) / dt:,.0f} "
              f"articles/s; cpu {cpu:.2f}s = {len(docs) / cpu:,.0f} articles/s, {mb / cpu:.2f} MB/s; "
              f"statements={counts[0]} sanctions={counts[1]} contacts={counts[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
