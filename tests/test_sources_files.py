"""File readers: every format of CONTRACT.md "Sources", encodings, identities, walking rules."""

from __future__ import annotations

import codecs
import json
import os
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.records import RawArticle, Rejection
from ingestion.sources import iter_source

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample"
SAMPLE_EXPECTED = REPO / "tests" / "fixtures" / "sample_expected.json"

CASED = (
    "MOSCOW (Chancery Wire) - Russia's foreign minister spoke by telephone with his Turkish "
    'counterpart on Tuesday, the ministry said. "We agreed to meet in Ankara," he said.'
)
LOWER = (
    "moscow ( chancery wire ) - russia s foreign minister spoke by telephone with his turkish "
    "counterpart on tuesday , the ministry said . we agreed to meet in ankara , he said ."
)


def run(spec: str | Path) -> tuple[list[RawArticle], list[Rejection]]:
    items = list(iter_source(str(spec)))
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, Rejection)]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


# --- the shipped sample corpus -----------------------------------------------------------------


@pytest.mark.skipif(not SAMPLE_EXPECTED.exists(), reason="sample corpus fixture not in this checkout")
def test_sample_corpus_gives_the_expected_identities_dates_and_rejects() -> None:
    expected = json.loads(SAMPLE_EXPECTED.read_text())
    arts, rejs = run(SAMPLE)
    got = {(os.path.relpath(a.location.split(":")[0], SAMPLE), a.source_id): a for a in arts}
    want = {(e["file"], e["id"]): e for e in expected["articles"]}
    assert set(got) == set(want)
    for key, e in want.items():
        article = got[key]
        # the article's own calendar date (2018-05-24T08:12:00+09:00 is the 24th, though the 23rd in UTC)
        assert article.published_at is not None, key
        assert article.metadata["published_local_date"] == e["article_date"], key
        if e.get("title"):
            assert article.title == e["title"], key
    assert len(rejs) == expected["rejects_total"]
    want_rejects = sorted(expected["rejects"], key=lambda e: (e["file"], e["line"] or 0))
    for r, e in zip(sorted(rejs, key=lambda r: r.location), want_rejects, strict=True):
        assert os.path.relpath(r.location.split(":")[0], SAMPLE) == e["file"]
        if e["line"]:
            assert r.location.endswith(f":line {e['line']}")


# --- JSON Lines / JSON ---------------------------------------------------------------------------


def test_jsonl_field_aliases_and_metadata(tmp_path: Path) -> None:
    rows = [
        {"id": "a1", "title": "T", "text": CASED, "date": "December 31, 2017 ", "subject": "worldNews"},
        {"source_id": "a2", "headline": "H", "body": CASED, "published": "2017-12-30T10:00:00Z"},
        {
            "guid": "a3",
            "content": CASED,
            "published_at": "Fri, 29 Dec 2017 10:00:00 +0100",
            "url": "http://x/3",
        },
        {"url": "http://x/4", "Text": CASED, "pubDate": "Dec 28, 2017", "Title": "Cased keys"},
        {"id": 5, "text": CASED, "date": "28 December 2017"},
    ]
    f = write(tmp_path / "feed.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    arts, rejs = run(f)
    assert not rejs
    assert [a.source_id for a in arts] == ["a1", "a2", "a3", "http://x/4", "5"]
    assert [a.title for a in arts] == ["T", "H", None, "Cased keys", None]
    assert [a.published_at for a in arts] == [
        datetime(2017, 12, 31), datetime(2017, 12, 30, 10), datetime(2017, 12, 29, 9),
        datetime(2017, 12, 28), datetime(2017, 12, 28),
    ]  # fmt: skip
    assert (
        arts[0].metadata == {"subject": "worldNews", "published_local_date": "2017-12-31"}
        and arts[0].published_raw == "December 31, 2017 "
    )
    assert arts[2].url == "http://x/3" and arts[0].url is None
    assert {a.source for a in arts} == {"feed.jsonl"} and {a.source_kind for a in arts} == {"jsonl"}
    assert arts[1].location == f"{f}:line 2"
    assert all(a.body == CASED for a in arts)  # verbatim


def test_cased_and_lowercased_bodies_load_alike(tmp_path: Path) -> None:
    f = write(
        tmp_path / "two.jsonl",
        json.dumps({"id": "c", "title": "Ministers talk", "text": CASED, "date": "2018-01-02"}) + "\n"
        + json.dumps({"id": "l", "title": "ministers talk", "text": LOWER, "date": "2018-01-02"}) + "\n",
    )  # fmt: skip
    arts, rejs = run(f)
    assert not rejs and [a.body for a in arts] == [CASED, LOWER]
    assert arts[0].published_at == arts[1].published_at


def test_truncated_jsonl_line_rejected_others_kept(tmp_path: Path) -> None:
    good = json.dumps({"id": "g", "text": CASED})
    f = write(
        tmp_path / "t.jsonl", f"{good}\n" + '{"id": "bad", "text": "cut he\n' + good.replace('"g"', '"h"')
    )
    arts, rejs = run(f)
    assert [a.source_id for a in arts] == ["g", "h"]
    assert (
        len(rejs) == 1 and rejs[0].reason.startswith("invalid json") and rejs[0].location.endswith(":line 2")
    )


def test_json_object_array_and_cut_array(tmp_path: Path) -> None:
    obj = write(tmp_path / "one.json", json.dumps({"id": "o", "text": CASED}))
    arr = write(
        tmp_path / "many.json", json.dumps([{"id": f"m{i}", "text": CASED} for i in range(3)], indent=2)
    )
    text = arr.read_text()
    cut = write(tmp_path / "cut.json", text[: text.index('"m2"') + 10])
    assert [a.source_id for a in run(obj)[0]] == ["o"]
    assert [a.source_id for a in run(arr)[0]] == ["m0", "m1", "m2"]
    arts, rejs = run(cut)
    assert [a.source_id for a in arts] == ["m0", "m1"]
    assert len(rejs) == 1 and "invalid json" in rejs[0].reason and "not read" in rejs[0].reason


def test_utf16_and_bom_files_decode(tmp_path: Path) -> None:
    rec = json.dumps(
        {"id": "u", "title": "Zürich talks", "text": "Le ministre a déclaré: " + CASED}, ensure_ascii=False
    )
    j16 = tmp_path / "u16.jsonl"
    j16.write_bytes(codecs.BOM_UTF16_LE + (rec + "\n").encode("utf-16-le"))
    j8 = tmp_path / "u8.json"
    j8.write_bytes(codecs.BOM_UTF8 + rec.encode("utf-8"))
    c16 = tmp_path / "u16.csv"
    quoted = CASED.replace('"', '""')
    c16.write_bytes(codecs.BOM_UTF16_BE + f'id,title,text\nu,Zürich talks,"{quoted}"\n'.encode("utf-16-be"))
    t16 = tmp_path / "u16.txt"
    t16.write_bytes("Zürich talks\n\nLe ministre a déclaré. ".encode("utf-16"))
    for f in (j16, j8, c16, t16):
        arts, rejs = run(f)
        assert not rejs and len(arts) == 1, f
        assert arts[0].title == "Zürich talks", f
        assert "\ufeff" not in arts[0].body


# --- CSV ----------------------------------------------------------------------------------------


def test_isot_csv_layout_uses_row_numbers(tmp_path: Path) -> None:
    big = "The envoy said talks would go on. " * 6000  # > the csv module's default 131072 field limit
    lines = ["title,text,subject,date"]
    lines.append(f'"First","{CASED.replace(chr(34), 2 * chr(34))}","worldNews","December 31, 2017 "')
    lines.append('"Second, with comma","Line one said X.\nLine two.","politicsNews","Dec 30, 2017"')
    lines.append(f'"Third","{big}","worldNews","30 December 2017"')
    f = write(tmp_path / "True.csv", "\n".join(lines) + "\n")
    arts, rejs = run(f)
    assert not rejs
    assert [a.source_id for a in arts] == ["row-0", "row-1", "row-2"]
    assert arts[0].body == CASED and arts[1].body == "Line one said X.\nLine two."
    assert arts[0].metadata == {"subject": "worldNews", "published_local_date": "2017-12-31"} and arts[
        0
    ].published_at == datetime(2017, 12, 31)
    assert arts[2].location == f"{f}:row 2" and len(arts[2].body) == len(big)


def test_csv_semicolons_blank_lines_and_no_body_column(tmp_path: Path) -> None:
    semi = write(
        tmp_path / "semi.csv", "id;headline;body;published_at\nb1;Head;Body said x.;2018-02-14\n\nb2;H2;B2;\n"
    )
    arts, rejs = run(semi)
    assert not rejs and [(a.source_id, a.title) for a in arts] == [("b1", "Head"), ("b2", "H2")]
    nobody = write(tmp_path / "nobody.csv", "id,title\n1,x\n")
    arts, rejs = run(nobody)
    assert not arts and rejs[0].reason.startswith("csv has no body column")


# --- TXT / HTML / feeds -------------------------------------------------------------------------


def test_txt_identity_title_block_and_file_name_date(tmp_path: Path) -> None:
    plain = write(tmp_path / "talks-2018-05-16.txt", LOWER + "\nsecond line .\n")
    titled = write(tmp_path / "titled.txt", "Ministers talk by phone\n\n" + CASED + "\n")
    arts, rejs = run(tmp_path)
    assert not rejs
    by_id = {a.source_id: a for a in arts}
    p = by_id["talks-2018-05-16.txt"]
    assert p.title is None and p.body == plain.read_text() and p.published_at == datetime(2018, 5, 16)
    assert p.metadata["date_from"] == "file name" and p.source == p.source_id
    t = by_id["titled.txt"]
    assert t.title == "Ministers talk by phone" and t.body == CASED + "\n" and t.published_at is None
    assert titled.name == t.source


def test_html_file(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Ministers talk | Wire</title><meta property='og:title' content='Ministers talk'>"
        "<link rel='canonical' href='https://wire.example/ministers-talk'>"
        "<meta property='article:published_time' content='2018-01-02T09:00:00Z'></head><body>"
        "<nav>Home | World</nav><script>track()</script><article><h1>Ministers talk</h1>"
        + "".join(f"<p>{CASED} Paragraph {i}.</p>" for i in range(3))
        + "</article><footer>(c) Wire</footer></body></html>"
    )
    arts, rejs = run(write(tmp_path / "page.html", page))
    assert not rejs and len(arts) == 1
    a = arts[0]
    assert a.source == "page.html" and a.source_id == "https://wire.example/ministers-talk"
    assert a.title == "Ministers talk" and a.published_at == datetime(2018, 1, 2) and a.source_kind == "html"
    assert "spoke by telephone" in a.body and "track()" not in a.body and "<p>" not in a.body


RSS091 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><link>http://old.example/</link><description>d</description>
<item><title>Caf\xe9 talks</title><link>http://old.example/1</link>
<description>The mayor said so.</description></item>
</channel></rss>"""
RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://rdf.example/"><title>RDF</title><link>http://rdf.example/</link>
<description>d</description></channel>
<item rdf:about="http://rdf.example/1"><title>One</title><link>http://rdf.example/1</link>
<description>&lt;p&gt;The envoy &lt;b&gt;said&lt;/b&gt; yes.&lt;/p&gt;</description>
<dc:date>2018-01-02T10:00:00Z</dc:date></item>
</rdf:RDF>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2018-01-03T00:00:00Z</updated>
<entry><id>tag:a,2018:1</id><title>Entry</title><link href="http://a.example/1"/>
<published>2018-01-03T08:00:00+01:00</published><summary>Short.</summary>
<content type="html">&lt;p&gt;The minister said the talks went well.&lt;/p&gt;
&lt;script&gt;x()&lt;/script&gt;</content>
</entry><entry><title>No id no link</title><updated>2018-01-03T09:00:00Z</updated>
<summary>A spokesman said so.</summary></entry>
</feed>"""


def test_feed_files_rss091_rdf_atom(tmp_path: Path) -> None:
    (tmp_path / "old.rss").write_bytes(RSS091.encode("latin-1"))
    write(tmp_path / "rdf.xml", RDF)
    write(tmp_path / "a.atom", ATOM)
    arts, rejs = run(tmp_path)
    assert not rejs
    by_src = {}
    for a in arts:
        by_src.setdefault(a.source, []).append(a)
    atom = by_src["a.atom"]
    assert atom[0].source_id == "tag:a,2018:1" and atom[0].url == "http://a.example/1"
    assert atom[0].body == "The minister said the talks went well." and atom[0].published_at == datetime(
        2018, 1, 3, 7
    )
    assert atom[1].source_id.startswith("sha1:") and atom[1].body == "A spokesman said so."
    assert atom[0].location.endswith("a.atom:item 1")
    (rdf,) = by_src["rdf.xml"]
    assert rdf.source_id == "http://rdf.example/1" and rdf.body == "The envoy said yes."
    (old,) = by_src["old.rss"]
    assert old.title == "Café talks" and old.source_id == "http://old.example/1"


# --- walking: folders, globs, symlinks, determinism ---------------------------------------------


def test_folder_walk_is_recursive_sorted_and_skips_hidden_and_docs(tmp_path: Path) -> None:
    for name in ("b/z.jsonl", "a.jsonl", "b/a/y.jsonl", ".hidden/x.jsonl", ".x.jsonl"):
        write(tmp_path / name, json.dumps({"id": name, "text": CASED}) + "\n")
    write(tmp_path / "README.md", "# docs")
    write(tmp_path / "notes.pdf", "%PDF")
    arts, rejs = run(tmp_path)
    assert [a.source_id for a in arts] == ["a.jsonl", "b/a/y.jsonl", "b/z.jsonl"]
    assert [(r.source, r.reason) for r in rejs] == [("notes.pdf", "unsupported file type '.pdf'")]
    assert list(iter_source(str(tmp_path))) == list(iter_source(str(tmp_path)))  # deterministic


def test_glob_spec(tmp_path: Path) -> None:
    for name in ("x/1.jsonl", "x/2.jsonl", "x/3.txt", "y/4.jsonl"):
        write(tmp_path / name, json.dumps({"id": name, "text": CASED}) + "\n")
    arts, _ = run(tmp_path / "x" / "*.jsonl")
    assert [a.source_id for a in arts] == ["x/1.jsonl", "x/2.jsonl"]
    arts, _ = run(str(tmp_path) + "/**/*.jsonl")
    assert [a.source_id for a in arts] == ["x/1.jsonl", "x/2.jsonl", "y/4.jsonl"]


def test_symlinks_never_lead_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "secret.jsonl", json.dumps({"id": "secret", "text": "SECRET said"}) + "\n")
    root = tmp_path / "root"
    write(root / "in.jsonl", json.dumps({"id": "in", "text": CASED}) + "\n")
    os.symlink(outside / "secret.jsonl", root / "link.jsonl")
    os.symlink(outside, root / "linkdir")
    os.symlink(root / "in.jsonl", root / "alias.jsonl")  # inside: allowed
    arts, rejs = run(root)
    assert sorted(a.source for a in arts) == ["alias.jsonl", "in.jsonl"]
    assert sorted((r.source, r.reason) for r in rejs) == [
        ("link.jsonl", "symlink points outside the source folder"),
        ("linkdir", "symlinked folder not followed"),
    ]


def test_same_file_name_in_two_folders_keeps_its_keys(tmp_path: Path) -> None:
    content = json.dumps({"id": "k", "text": CASED}) + "\n"
    a = write(tmp_path / "landing" / "batch.jsonl", content)
    b = write(tmp_path / "archive" / "batch.jsonl", content)
    assert run(a)[0][0].key == run(b)[0][0].key


# --- property: any id / body survives a JSON Lines round trip verbatim ------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ident=st.text(min_size=1, max_size=40).filter(lambda s: s.strip()),
    body=st.text(min_size=1, max_size=300).filter(lambda s: s.strip()),
)
def test_ids_and_bodies_round_trip_verbatim(tmp_path: Path, ident: str, body: str) -> None:
    f = tmp_path / "prop.jsonl"
    f.write_text(json.dumps({"id": ident, "text": body}) + "\n", encoding="utf-8")
    (item,) = list(iter_source(str(f)))
    if isinstance(item, Rejection):  # only decoding junk (control characters) may be refused
        assert item.reason == "binary or undecodable content"
        return
    assert item.source_id == ident.strip() and item.body == body


def test_fifo_in_a_folder_is_rejected_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")  # opening it for reading would block the run forever
    write(tmp_path / "ok.jsonl", json.dumps({"id": "ok", "text": CASED}) + "\n")
    arts, rejs = run(tmp_path)
    assert [a.source_id for a in arts] == ["ok"]
    assert [(r.source, r.reason) for r in rejs] == [("pipe.jsonl", "not a regular file")]
