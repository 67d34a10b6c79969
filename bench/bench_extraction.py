#!/usr/bin/env python3
"""Extraction throughput on one core: articles/s over the ISOT Reuters corpus, cased and
lower-cased/tokenized (prints figures; not a timed assertion).

usage: bench/bench_extraction.py [--shared ../shared] [--limit N] [--passes N]

Several passes per variant, because this host's speed drifts by up to ±20 % between identical
runs: the median pass is the figure to quote, the best one shows what the code does undisturbed.
CHANCERY_PURE_PYTHON=1 measures the Python sources instead of the compiled build (setup.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import isot_corpus  # noqa: E402

from ingestion.extraction import COMPILED, EXTRACTOR_VERSION, extract_article  # noqa: E402

# Single-process goal on an idle machine (cpu figure), cased and lower-cased alike. Idle 2-core
# figures: 690 / 738 articles/s before the 2026-11 performance pass; see the git log for after.
# A speed change must leave the output identical: bench/extraction_fingerprint.py checks that.
TARGET = 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1] / ".." / "shared"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()
    corpus = Path(args.shared) / "corpus"
    t0 = time.perf_counter()
    extract_article("Warm-up: Moscow said on Tuesday it would meet Washington.", None, None)
    build = "compiled (Cython, setup.py)" if COMPILED else "Python sources"
    # (how CPython was built moves these figures by about 20 %: see tools/pick_python.sh)
    print(f"Python {sys.version.split()[0]} at {os.path.realpath(sys.executable)}")
    print(f"extractor {EXTRACTOR_VERSION}, {build}: import + dictionaries {time.perf_counter() - t0:.2f}s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (figures drop when busy); "
          f"target >= {TARGET:,} articles/s per core on both")
    for label, docs in isot_corpus.variants(corpus, args.limit):
        mb = sum(len(d[0]) for d in docs) / 1e6
        rates = []
        for _ in range(max(1, args.passes)):
            counts = [0, 0, 0]
            c = time.process_time()
            for body, title, d in docs:
                x = extract_article(body, title, d)
                counts[0] += len(x.statements)
                counts[1] += len(x.sanctions)
                counts[2] += len(x.contacts)
            rates.append(len(docs) / (time.process_time() - c))
        med = statistics.median(rates)
        print(f"{label:9s} {len(docs)} articles ({mb:.1f} MB), cpu per pass: "
              f"{', '.join(f'{r:,.0f}' for r in rates)} articles/s; median {med:,.0f} "
              f"({mb * med / len(docs):.2f} MB/s), best {max(rates):,.0f}; "
              f"statements={counts[0]} sanctions={counts[1]} contacts={counts[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
