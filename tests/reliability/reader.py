"""A BI-like reader process: `python reader.py WAREHOUSE STOPFILE OUT.json`.

Until STOPFILE exists it opens the published file read-only (external access off) once per
query round, reads the marts' counts and runs the consistency rules, then closes it. It records
every error and every inconsistent snapshot; a correct build never causes either.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reliability.snapshot import connect, inconsistencies, mart_tables  # noqa: E402


def main(path: str, stop: str, out: str) -> None:
    reads = errors = bad = 0
    messages: list[str] = []
    snapshots: set[tuple] = set()
    started = time.monotonic()
    while not Path(stop).exists():
        try:
            con = connect(path)
            try:
                counts = tuple((t, con.execute(f"select count(*) from marts.{t}").fetchone()[0])
                               for t in mart_tables(con))
                broken = inconsistencies(con)
            finally:
                con.close()
            reads += 1
            snapshots.add(counts)
            if broken or not counts:
                bad += 1
                messages.append(f"inconsistent: {broken or 'no marts'}")
        except Exception as exc:  # any error at all is a failure of the publish protocol
            errors += 1
            messages.append(f"{type(exc).__name__}: {str(exc)[:200]}")
        time.sleep(0.02)
    Path(out).write_text(json.dumps({
        "reads": reads, "errors": errors, "inconsistent": bad, "messages": messages[:10],
        "distinct_snapshots": len(snapshots), "seconds": time.monotonic() - started,
    }))


if __name__ == "__main__":
    main(*sys.argv[1:4])
