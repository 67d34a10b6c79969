"""`make bench`: run every benchmark script in this folder and print their figures.

Each benchmark is a standalone script (`bench_*.py`) taking `--shared`; a missing shared corpus
makes the ones that need it say so and skip, rather than fail the whole run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ("bench_extraction.py", "bench_build.py", "bench_dbt_scale.py")
# the fault campaign is not a throughput figure and takes 10-20 minutes: `make reliability`
SKIP = ("bench_reliability.py",)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    ap.add_argument("--only", help="run just this benchmark file name")
    args = ap.parse_args()
    scripts = [HERE / name for name in ORDER if (HERE / name).exists()]
    scripts += sorted(p for p in HERE.glob("bench_*.py") if p.name not in ORDER + SKIP)
    if args.only:
        scripts = [p for p in scripts if p.name == args.only]
    failed = 0
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        rc = subprocess.run([sys.executable, str(script), "--shared", args.shared]).returncode
        if rc:
            print(f"{script.name} exited {rc}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
