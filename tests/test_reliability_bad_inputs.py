"""Hostile input through the real CLI: `chancery build` over the hostile corpus (100 MB record
included) and, at the same time, over hostile URLs on a local server.

Per build it checks: exit 0; the ten good articles and their facts land; every bad item has a
specific row in audit.rejected_inputs (or, like the SQL-looking ids, is stored verbatim as data);
peak memory; that the build writes nowhere but the warehouse folder (a Python audit hook in every
process of the build, dbt included, logs each file opened for writing) and never opens the canary
file the XXE feed points at. The network build runs in the background while the file build runs,
so the 60 s deadline of the trickling server costs no extra wall time.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from bad_inputs import hostile_server as hs
from bad_inputs.make_bad_inputs import CANARY, GOOD, make_bad_inputs
from reliability.build import BuildResult, run_build, start_build
from reliability.snapshot import connect, inconsistencies

from ingestion import limits
from ingestion.extraction import extract_article

AUDIT_HOOK = Path(__file__).parent / "reliability" / "audit_hook"
REPO = Path(__file__).resolve().parents[1]
MAX_RSS_MB = 1536
GOOD_SOURCE_IDS = [g[0] for g in GOOD if g[0] not in ("good-07", "good-08")] + [
    "good-07.txt", "https://example.org/news/good-08"]
SQLISH_IDS = ["'; drop table raw.articles; --", "../../etc/passwd", "quote\"semi;colon's"]


def _slow_drip(h: BaseHTTPRequestHandler) -> None:
    """Headers at once, then one byte every 0.5 s for two minutes: only the deadline stops it."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    for _ in range(240):
        h.wfile.write(b"<")
        h.wfile.flush()
        time.sleep(0.5)


# path on the hostile server -> reason prefix the rejection must carry
NET_CASES: dict[str, str] = {
    "/slow": "fetch failed: timed out",
    "/to-file": "fetch failed: refused url scheme 'file'",
    "/to-canary": "fetch failed: refused url scheme 'file'",
    "/chain": "fetch failed: too many redirects",
    "/endless": "fetch failed: response too large",
    "/declared-huge": "fetch failed: response too large",
}
NET_SCHEMES = {"file:///etc/passwd": "unsupported source scheme 'file'",
               "ftp://127.0.0.1/feed.xml": "unsupported source scheme 'ftp'"}


def _routes(canary: Path) -> dict[str, Callable[[BaseHTTPRequestHandler], None]]:
    return {"/slow": _slow_drip, "/to-file": hs.redirect("file:///etc/passwd"),
            "/to-canary": hs.redirect(f"file://{canary}"), "/chain": hs.chain,
            "/endless": hs.endless, "/declared-huge": hs.declared_huge}


def _snapshot_tree(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.lstat().st_size, p.lstat().st_mtime_ns)
            for p in root.rglob("*")}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, dbt_manifest: Path) -> Iterator[dict]:
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    expected = make_bad_inputs(data, big=True)
    canary = (data / ".canary-secret").resolve()
    day_ago = time.time() - 86_400
    os.utime(canary, (day_ago, canary.stat().st_mtime))  # any read now moves atime (relatime)
    canary_atime = canary.stat().st_atime_ns
    www = root / "www"
    www.mkdir()
    (www / "good.rss").write_bytes((data / "good.rss").read_bytes())
    server = hs.HostileServer(www)
    server.routes.update(_routes(canary))
    net_sources = [server.url("/good.rss"), *(server.url(p) for p in NET_CASES), *NET_SCHEMES]
    net_wh = root / "net" / "warehouse.duckdb"
    net_proc = start_build(net_sources, net_wh)
    try:
        cwd, tmp = root / "cwd", root / "tmp"
        cwd.mkdir()
        tmp.mkdir()
        wh = root / "wh" / "warehouse.duckdb"
        audit_log = root / "audit.jsonl"
        before_data = _snapshot_tree(data)
        result: BuildResult = run_build([data], wh, cwd=cwd, measure=True, env={
            "PYTHONPATH": os.pathsep.join([str(AUDIT_HOOK), os.environ.get("PYTHONPATH", "")]),
            "CHANCERY_AUDIT_LOG": str(audit_log),
            "CHANCERY_AUDIT_WATCH": os.pathsep.join([str(canary), "/etc/passwd"]),
            "TMPDIR": str(tmp),
        })
        after_data = _snapshot_tree(data)
        net_out, net_err = net_proc.communicate(timeout=limits.HTTP_TOTAL_TIMEOUT * 4)
        log_lines = audit_log.read_text().splitlines() if audit_log.exists() else []
        events = [json.loads(line) for line in log_lines]
        yield {
            "root": root, "data": data, "expected": expected, "wh": wh, "result": result, "cwd": cwd,
            "tmp": tmp, "events": events, "data_unchanged": before_data == after_data,
            "canary": canary, "canary_atime": (canary_atime, canary.stat().st_atime_ns),
            "net": (net_proc.returncode, net_out, net_err), "net_wh": net_wh, "server": server,
        }
    finally:
        if net_proc.poll() is None:
            net_proc.kill()
            net_proc.wait()
        server.close()


def test_build_exits_0_with_bounded_memory(runs: dict) -> None:
    r: BuildResult = runs["result"]
    assert r.returncode == 0, r.stderr
    assert r.maxrss_mb is not None and r.maxrss_mb < MAX_RSS_MB, f"peak RSS {r.maxrss_mb:.0f} MB"
    print(f"\nhostile corpus build: {r.seconds:.1f} s, peak RSS {r.maxrss_mb:.0f} MB")


def test_the_ten_good_articles_and_their_facts_land(runs: dict) -> None:
    con = connect(runs["wh"])
    try:
        titles = {t for (t,) in con.execute("select title from marts.dim_articles").fetchall()}
        assert {g[1] for g in GOOD} <= titles
        keys = dict(con.execute("select source_id, article_key from raw.articles "
                                "where source_id in (select unnest(?::varchar[]))",
                                [GOOD_SOURCE_IDS]).fetchall())
        assert set(keys) == set(GOOD_SOURCE_IDS)
        for sid, key in keys.items():
            body, title, published = con.execute(
                "select body, title, published_at from raw.articles where article_key = ?", [key]).fetchone()
            direct = extract_article(body, title, published.date() if published else None)
            for table, facts in (("statements", direct.statements), ("sanctions", direct.sanctions),
                                 ("contacts", direct.contacts)):
                n = con.execute(f"select count(*) from extracted.{table} where article_key = ?",
                                [key]).fetchone()[0]
                assert n == len(facts), (sid, table, n, len(facts))
        n_facts = con.execute(
            "select (select count(*) from marts.fct_statements where article_key in (select unnest($k))) + "
            "(select count(*) from marts.fct_diplomatic_contacts where article_key in (select unnest($k)))",
            {"k": list(keys.values())}).fetchone()[0]
        assert n_facts >= 3
        assert inconsistencies(con) == {}
    finally:
        con.close()


def test_every_bad_item_is_rejected_with_its_specific_reason(runs: dict) -> None:
    con = connect(runs["wh"])
    try:
        rows = con.execute("select source, location, reason from audit.rejected_inputs").fetchall()
        loaded = dict(con.execute("select source, count(*) from raw.articles group by 1").fetchall())
    finally:
        con.close()
    by_source: dict[str, list[str]] = {}
    for source, location, reason in rows:
        assert location and reason, (source, location, reason)
        by_source.setdefault(source, []).append(reason)
    for name, exp in runs["expected"].items():
        got = sorted(by_source.get(name, []))
        # rejections are keyed by (location, reason): the same reason twice at one place is one row
        want = sorted(exp["rejections"])
        assert len(got) == len(want), (name, got, want)
        for prefix in want:
            assert any(r.startswith(prefix) for r in got), (name, prefix, got)
        distinct_ids = exp["articles"] - (1 if name == "duplicates.jsonl" else 0)
        assert loaded.get(name, 0) == distinct_ids, (name, loaded.get(name))
    assert set(by_source) <= set(runs["expected"]), set(by_source) - set(runs["expected"])


def test_sql_looking_input_is_stored_verbatim_and_every_table_survives(runs: dict) -> None:
    con = connect(runs["wh"])
    try:
        ids = {i for (i,) in con.execute("select source_id from marts.dim_articles").fetchall()}
        assert set(SQLISH_IDS) <= ids
        body = con.execute("select body from raw.articles where source_id = ?", [SQLISH_IDS[0]]).fetchone()[0]
        assert "'; delete from audit.rejected_inputs; --" in body
        title = con.execute("select title from marts.dim_articles where source_id = ?",
                            [SQLISH_IDS[0]]).fetchone()[0]
        assert title == "Robert'); DROP TABLE students;--"
        tables = {f"{s}.{t}" for s, t in con.execute(
            "select table_schema, table_name from information_schema.tables").fetchall()}
        for t in ("raw.articles", "audit.rejected_inputs", "marts.dim_articles", "marts.fct_statements",
                  "marts.fct_sanctions", "marts.fct_diplomatic_contacts", "marts.bridge_contact_participants",
                  "marts.dim_actors"):
            assert t in tables
        assert con.execute("select count(*) from audit.rejected_inputs").fetchone()[0] > 10
    finally:
        con.close()


def test_nothing_is_written_outside_the_warehouse_folder(runs: dict) -> None:
    events = runs["events"]
    assert events, "the audit hook logged nothing: it was not loaded"
    allowed = [runs["wh"].parent, runs["tmp"], REPO / "dbt_project" / "target", REPO / "dbt_project" / "logs",
               Path("/dev")]
    written = {e["path"] for e in events if e["write"]}
    outside = sorted(p for p in written if not any(Path(p).is_relative_to(a) for a in allowed))
    assert not outside, outside
    assert runs["data_unchanged"], "the source folder was modified"
    assert list(runs["cwd"].iterdir()) == [], "the build wrote into its working directory"


def test_external_entities_never_read_local_files(runs: dict) -> None:
    opened = [e for e in runs["events"] if not e["write"]]
    assert not [e for e in opened if e["path"] == str(runs["canary"])]
    before, after = runs["canary_atime"]
    assert before == after, "the canary file was read"
    con = connect(runs["wh"])
    try:
        for table, col in (("raw.articles", "body"), ("raw.articles", "title"),
                           ("audit.rejected_inputs", "detail")):
            hits = con.execute(f"select count(*) from {table} where {col} like '%{CANARY}%' "
                               f"or {col} like '%root:x:0:0%'").fetchone()[0]
            assert hits == 0, table
    finally:
        con.close()


def test_hostile_urls_are_refused_capped_and_timed_out_end_to_end(runs: dict) -> None:
    rc, out, err = runs["net"]
    assert rc == 0, err
    server: hs.HostileServer = runs["server"]
    con = connect(runs["net_wh"])
    try:
        reasons = dict(con.execute("select source, reason from audit.rejected_inputs").fetchall())
        titles = {t for (t,) in con.execute("select title from marts.dim_articles").fetchall()}
    finally:
        con.close()
    for path, prefix in NET_CASES.items():
        assert reasons.get(server.url(path), "").startswith(prefix), (path, reasons.get(server.url(path)))
    for url, prefix in NET_SCHEMES.items():
        assert reasons.get(url, "").startswith(prefix), (url, reasons.get(url))
    assert {GOOD[8][1], GOOD[9][1]} <= titles  # the good feed on the same server still lands
    assert server.hits("/chain") <= limits.HTTP_MAX_REDIRECTS + 1
    before, after = runs["canary_atime"]
    assert before == after


def test_url_sources_never_leak_local_files(runs: dict) -> None:
    con = connect(runs["net_wh"])
    try:
        n = con.execute("select count(*) from raw.articles where body like '%root:x:0:0%' "
                        f"or body like '%{CANARY}%'").fetchone()[0]
    finally:
        con.close()
    assert n == 0


def test_reader_has_no_external_access(runs: dict) -> None:
    con = connect(runs["wh"])
    try:
        with pytest.raises(Exception, match="(?i)external|permission"):
            con.execute(f"select * from read_csv('{runs['canary']}')").fetchall()
    finally:
        con.close()


def test_audit_hook_sees_writes(tmp_path: Path) -> None:
    """The audit hook itself works (a silent hook would make the write check vacuous)."""
    log = tmp_path / "log"
    code = f"open({str(tmp_path / 'x')!r}, 'w').write('1')"
    subprocess.run(["python3", "-c", code], check=True, env={
        **os.environ, "PYTHONPATH": str(AUDIT_HOOK), "CHANCERY_AUDIT_LOG": str(log)})
    assert json.loads(log.read_text().splitlines()[0])["path"] == str(tmp_path / "x")
