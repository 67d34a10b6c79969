"""Write the hostile-input corpus into a folder at test time (nothing big is committed).

`make_bad_inputs(folder)` returns, per file name, what reading it must give: how many articles
and which rejections (reason prefixes, in order). Ten short, invented, news-like articles
(`GOOD_IDS`) are spread over the good files in every format, so a test can check that all of
them come through intact while everything around them is rejected for a specific reason.

Run as a script to materialise the corpus for manual poking: `python make_bad_inputs.py DIR`.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import sys
from pathlib import Path
from typing import TypedDict

HUGE_BYTES = 100 * 1024 * 1024  # the "100 MB article"
LONG_LINE_CHARS = 10 * 1024 * 1024  # "a body of one 10 MB line"
CANARY = "CANARY-SECRET-7f3a9e"  # content of a local file an XXE feed points at; must never appear


class Expected(TypedDict):
    articles: int
    rejections: list[str]


GOOD = [
    ("good-01", "Ministers agree to resume border talks", "March 3, 2021",
     "VIENNA (Chancery Wire) - The foreign ministers of Austria and Slovenia agreed on Tuesday to "
     "resume talks on their shared border, Austria's foreign minister said. \"We will meet again "
     "in May,\" she told reporters after the meeting."),
    ("good-02", "Port strike ends after pay deal", "2021-03-04",
     "LISBON (Chancery Wire) - Dock workers in Lisbon ended a week-long strike on Wednesday after "
     "accepting a pay offer, the union said in a statement."),
    ("good-03", "Central bank holds rates steady", "Thu, 04 Mar 2021 09:30:00 +0000",
     "OSLO (Chancery Wire) - Norway's central bank kept its key rate unchanged on Thursday, its "
     "governor said, adding that inflation was close to target."),
    ("good-04", "Envoy to visit capital next week", "Mar 5, 2021",
     "NAIROBI (Chancery Wire) - A United Nations envoy will visit Nairobi next week to meet "
     "government officials, a UN spokesman said on Friday."),
    ("good-05", "Talks on fishing quotas stall", "6 March 2021",
     "REYKJAVIK (Chancery Wire) - Negotiations between Iceland and the Faroe Islands on fishing "
     "quotas stalled on Saturday, Iceland's fisheries minister said."),
    ("good-06", "Trade ministers sign accord", "March 7, 2021  ",
     "SANTIAGO (Chancery Wire) - Chile and Peru signed a trade accord on Sunday, Chile's trade "
     "minister said, calling it \"a step toward a common market\"."),
    ("good-07", "Parliament approves budget", None,
     "TALLINN (Chancery Wire) - Estonia's parliament approved the 2021 budget on Monday, the "
     "finance minister said, after a debate that lasted two days."),
    ("good-08", "Leaders hold phone call on energy", None,
     "WARSAW (Chancery Wire) - The prime ministers of Poland and Lithuania spoke by telephone on "
     "Tuesday about energy supplies, a Polish government spokesman said."),
    ("good-09", "Summit postponed over weather", "Wed, 10 Mar 2021 12:00:00 GMT",
     "HELSINKI (Chancery Wire) - A regional summit planned for Helsinki was postponed on Wednesday "
     "because of a snowstorm, Finland's foreign ministry said."),
    ("good-10", "Minister condemns cyber attack", "Thu, 11 Mar 2021 08:15:00 GMT",
     "RIGA (Chancery Wire) - Latvia's defence minister condemned a cyber attack on government "
     "websites on Thursday and said the country would respond with its allies."),
]  # fmt: skip
GOOD_IDS = [g[0] for g in GOOD]


def _record(i: int) -> dict[str, str | None]:
    gid, title, date, text = GOOD[i]
    return {"id": gid, "title": title, "text": text, "date": date}


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def _rss(items: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}<rss version="2.0"><channel>'
        f"<title>Test feed</title><link>http://example.org/</link><description>t</description>"
        f"{items}</channel></rss>\n"
    )


def _rss_item(gid: str, title: str, date: str, text: str) -> str:
    return (
        f"<item><guid>{gid}</guid><title>{title}</title><pubDate>{date}</pubDate>"
        f"<description><![CDATA[<p>{text}</p>]]></description></item>"
    )


def _html_page(title: str, text: str, canonical: str | None = None) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paras = "".join(f"<p>{s.strip()}.</p>" for s in text.split(". ") if s.strip())
    filler = "".join(
        f"<p>Officials said further details would follow in the coming days, and paragraph {n} of "
        f"the report described the background of the talks at length.</p>"
        for n in range(3)
    )
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{link}"
        f'<meta property="article:published_time" content="2021-03-09T10:00:00Z"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paras}{filler}</article>"
        f"<footer>Copyright</footer></body></html>"
    )


def _write_huge_jsonl(path: Path) -> None:
    """One small record, one 100 MB record (written in chunks), one small record."""
    chunk = ("The minister said the talks would continue. " * 24_000)[: 1024 * 1024]
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "huge-before", "title": "Before", "text": "A minister said so."}) + "\n")
        f.write('{"id": "huge-article", "title": "Huge", "text": "')
        for _ in range(HUGE_BYTES // len(chunk)):
            f.write(chunk)
        f.write('"}\n')
        f.write(json.dumps({"id": "huge-after", "title": "After", "text": "A spokesman said so."}) + "\n")


def make_bad_inputs(folder: str | os.PathLike[str], *, big: bool = True) -> dict[str, Expected]:
    """Write the hostile corpus into `folder`; return the expected outcome per file name.
    `big=False` leaves out the three large files (100 MB, 10 MB, 2 MB) for tests that don't need them."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    exp: dict[str, Expected] = {}

    def put(
        name: str, content: str | bytes, articles: int, *rejections: str, encoding: str = "utf-8"
    ) -> None:
        data = content if isinstance(content, bytes) else content.encode(encoding)
        (root / name).write_bytes(data)
        exp[name] = {"articles": articles, "rejections": list(rejections)}

    # --- the ten good articles, one or more per format --------------------------------------
    put("good.jsonl", _jsonl([_record(i) for i in range(4)]), 4)
    header = "id,title,text,date\r\n"
    rows = "".join(
        '{},"{}","{}","{}"\r\n'.format(*(v.replace('"', '""') for v in (gid, t, body, d or "")))
        for gid, t, d, body in [(GOOD[i][0], GOOD[i][1], GOOD[i][2], GOOD[i][3]) for i in (4, 5)]
    )
    put("good.csv", header + rows, 2)
    put("good-07.txt", f"{GOOD[6][1]}\n\n{GOOD[6][3]}\n", 1)
    put("good-08.html", _html_page(GOOD[7][1], GOOD[7][3], canonical="https://example.org/news/good-08"), 1)
    put("good.rss", _rss("".join(_rss_item(*GOOD[i][:3], GOOD[i][3]) for i in (8, 9))), 2)

    # --- structurally broken ------------------------------------------------------------------
    ok = {"title": "Fine", "text": "The mayor said the bridge would reopen.", "date": "2021-01-01"}
    put(
        "truncated_lines.jsonl",
        json.dumps({"id": "trunc-1", **ok}) + "\n"
        + '{"id": "trunc-2", "title": "Half a rec\n'
        + json.dumps({"id": "trunc-3", **ok}) + "\n"
        + '{"id": "trunc-4", "text": "cut at the end of the fi',
        2, "invalid json", "invalid json",
    )  # fmt: skip
    full = json.dumps([{"id": f"arr-{i}", **ok} for i in range(1, 4)], indent=1)
    put("cut_array.json", full[: full.index('"arr-3"') + 20], 2, "invalid json")
    put("array_of_scalars.json", '[1, "two", null]', 0, "json record is a int", "json record is a str",
        "json record is a NoneType")  # fmt: skip
    put(
        "broken_quotes.csv",
        "id,title,text,date\n"
        'csv-1,"Embedded, comma","Line one said the envoy.\nLine two, after a newline.",2021-02-01\n'
        'csv-2,Broken,"text with a "stray" quote",2021-02-02\n'
        "csv-3,Plain,The governor said the roads are open.,2021-02-03\n"
        "csv-4,Too many,fields here,2021-02-04,extra\n"
        'csv-5,Unclosed,"this quote never closes,2021-02-05\n'
        "csv-6,Swallowed,by the unclosed quote above,2021-02-06\n",
        2, "broken csv row", "csv row has 5 fields", "broken csv row",
    )  # fmt: skip
    rng = random.Random(7)
    put("binary.txt", bytes(rng.randrange(256) for _ in range(4096)), 0, "binary or undecodable content")
    no_nul = bytes(rng.randrange(1, 256) for _ in range(4096))
    put("binary_without_nul.txt", no_nul, 0, "binary or undecodable content")
    put("repeated_byte.txt", b"\xa5" * 10000, 0, "binary or undecodable content")
    put("empty.jsonl", "\n  \n\n", 0, "empty file")
    put("zero.txt", b"", 0, "empty file")
    put("unsupported.docx", b"PK\x03\x04 not really a document", 0, "unsupported file type")
    put("not_a_feed.xml", '<?xml version="1.0"?><catalog><book id="1">x</book></catalog>', 0,
        "not an RSS or Atom feed")  # fmt: skip

    # --- size attacks: the 100 MB file is written streaming ------------------------------------
    if big:
        _write_huge_jsonl(root / "huge_article.jsonl")
        exp["huge_article.jsonl"] = {"articles": 2, "rejections": ["record too large"]}
        with open(root / "one_long_line.txt", "w", encoding="utf-8") as f:
            piece = "word " * 200_000
            for _ in range(LONG_LINE_CHARS // len(piece)):
                f.write(piece)
        exp["one_long_line.txt"] = {"articles": 0, "rejections": ["body too large"]}
        put("big_body.jsonl", json.dumps({"id": "big", "text": "x" * 2_000_001}) + "\n", 0, "body too large")

    # --- encodings ------------------------------------------------------------------------------
    accented = (
        "ZÜRICH (Chancery Wire) - Le ministre a déclaré que les négociations reprendraient, said an aide."
    )
    put("utf16.txt", codecs.BOM_UTF16_LE + accented.encode("utf-16-le"), 1)
    put("latin1.txt", accented.encode("latin-1"), 1)
    latin_feed = (
        '<rss version="2.0"><channel><title>Notícias</title><link>http://example.org/</link>'
        "<description>Últimas</description><item><link>http://example.org/a1</link>"
        "<title>Ministro fala à imprensa</title><pubDate>Mon, 08 Mar 2021 10:00:00 GMT</pubDate>"
        "<description>O ministro disse que as negociações continuarão.</description></item>"
        "</channel></rss>"
    )
    put("latin1_no_decl.rss", latin_feed.encode("latin-1"), 1)

    # --- odd but loadable content ---------------------------------------------------------------
    dates = ["31/31/2017", "1850-01-01", "2999-01-01", "not a date"]
    put("bad_dates.jsonl", _jsonl([{"id": f"date-{i}", "text": "The envoy said so.", "date": d}
                                   for i, d in enumerate(dates)]), 4)  # fmt: skip
    dups = [
        {"id": "dup-1", "text": "First version: the minister said yes."},
        {"id": "dup-1", "text": "Second version: the minister said no."},
    ]
    put("duplicates.jsonl", _jsonl(dups), 2)
    injection = [
        {"id": "'; drop table raw.articles; --", "title": "Robert'); DROP TABLE students;--",
         "text": "He said \"'; delete from audit.rejected_inputs; --\" and left; 'quoted' \"twice\"."},
        {"id": "../../etc/passwd", "text": "The spokesman said the path is just a string."},
        {"id": 'quote"semi;colon\'s', "text": "A; b; c. The official said \"no comment\"; then left."},
    ]  # fmt: skip
    put("injection.jsonl", _jsonl(injection), 3)
    put("no_body.jsonl", _jsonl([{"id": "nb-1", "title": "Only a title"}, {"id": "nb-2", "text": "   \n\t"},
                                 {"title": "No id", "text": "The mayor said hello."}]), 0,
        "record has no body", "record has no body", "record has no identity")  # fmt: skip

    # --- HTML without an article ----------------------------------------------------------------
    scripts = (
        "<html><head><script>var a = 1;</script></head>"
        "<body><script>document.write('x')</script></body></html>"
    )
    put("scripts_only.html", scripts, 0, "no article text found")

    # --- XML attacks ----------------------------------------------------------------------------
    lol = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    bomb_item = "<item><guid>bomb</guid><title>&lol9;</title><description>&lol9;</description></item>"
    put("bomb.rss", _rss(bomb_item, prolog=f"<!DOCTYPE rss [{lol}]>\n"), 0, "unsafe xml: entity declarations")
    canary = root / ".canary-secret"  # hidden: the folder walk skips it, only an XXE could read it
    canary.write_text(CANARY + "\n", encoding="utf-8")
    xxe_prolog = (
        f'<!DOCTYPE rss [<!ENTITY secret SYSTEM "file://{canary.resolve()}">'
        '<!ENTITY passwd SYSTEM "file:///etc/passwd">]>\n'
    )
    xxe_item = (
        "<item><guid>xxe</guid><title>&secret;</title><description>&passwd; &secret;</description></item>"
    )
    put("xxe.rss", _rss(xxe_item, prolog=xxe_prolog), 0, "unsafe xml: entity declarations")

    # --- a symlink out of the folder ------------------------------------------------------------
    try:
        os.symlink("/etc/hostname", root / "link_outside.txt")
        exp["link_outside.txt"] = {"articles": 0, "rejections": ["symlink points outside the source folder"]}
    except (OSError, NotImplementedError):
        pass
    return exp


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "bad_inputs_out"
    outcome = make_bad_inputs(target)
    print(json.dumps(outcome, indent=1))
