"""Four small invented sources (jsonl, csv, rss, txt) with statements, sanctions and contacts.

No two sources give the same (source, id) with different content, so any order of ingesting them
must give the same warehouse; `S3` repeats one `S1` story word for word under its own id (a
duplicated wire), which the marts must handle the same way whichever copy arrives first.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

S1 = [
    ("r1-01", "EU extends sanctions on Russia", "2021-03-01",
     "BRUSSELS (Chancery Wire) - The European Union on Monday extended economic sanctions on "
     "Russia for six months, the EU's foreign policy chief said. \"The measures stay in place,\" "
     "he told reporters."),
    ("r1-02", "Ministers meet in Vienna", "2021-03-02",
     "VIENNA (Chancery Wire) - The foreign ministers of Austria and Slovenia met in Vienna on "
     "Tuesday to discuss border controls, Austria's foreign ministry said."),
    ("r1-03", "Leaders speak by phone", "2021-03-03",
     "WARSAW (Chancery Wire) - The prime ministers of Poland and Lithuania spoke by telephone on "
     "Wednesday about energy supplies, a Polish government spokesman said."),
    ("r1-04", "US imposes sanctions on Iran", "2021-03-04",
     "WASHINGTON (Chancery Wire) - The United States imposed new sanctions on Iran on Thursday, "
     "the Treasury Department said, targeting oil exports."),
]  # fmt: skip
S2 = [
    ("r2-01", "China threatens sanctions", "March 5, 2021",
     "BEIJING (Chancery Wire) - China threatened to impose sanctions on Lithuania on Friday, a "
     "foreign ministry spokesman said, calling the move \"a provocation\"."),
    ("r2-02", "Japan and India hold talks", "March 6, 2021",
     "TOKYO (Chancery Wire) - Japan and India held talks on maritime security in Tokyo on "
     "Saturday, Japan's defence minister said."),
    ("r2-03", "Summit cancelled", "March 7, 2021",
     "NAIROBI (Chancery Wire) - A planned summit between Kenya and Ethiopia was cancelled on "
     "Sunday, Kenya's foreign minister said, without giving a reason."),
]  # fmt: skip
S3 = [
    ("r3-01", "Canada lifts sanctions", "Mon, 08 Mar 2021 10:00:00 GMT",
     "OTTAWA (Chancery Wire) - Canada lifted sanctions on Sudan on Monday, the foreign minister "
     "said, citing progress in talks."),
    ("r3-02", "France and Germany leaders meet", "Tue, 09 Mar 2021 10:00:00 GMT",
     "PARIS (Chancery Wire) - The president of France met the German chancellor in Paris on "
     "Tuesday to discuss the budget, a French official said."),
    ("r3-03", "EU extends sanctions on Russia", "Mon, 01 Mar 2021 12:00:00 GMT",
     S1[0][3]),  # the same wire story as r1-01, carried by another source
]  # fmt: skip
S4 = [
    ("r4-01.txt", "Britain recalls envoy",
     "LONDON (Chancery Wire) - Britain recalled its ambassador to Myanmar on Wednesday, the "
     "foreign secretary said, after talks between the two governments broke down."),
]  # fmt: skip
ALL_IDS = [a[0] for a in S1 + S2 + S3 + S4]


def write_sources(root: Path) -> dict[str, Path]:
    """Write the four sources under `root`; return name -> path (a file or a folder)."""
    root.mkdir(parents=True, exist_ok=True)
    s1 = root / "s1.jsonl"
    s1.write_text("".join(json.dumps({"id": i, "title": t, "date": d, "text": x}) + "\n"
                          for i, t, d, x in S1), encoding="utf-8")
    s2 = root / "s2.csv"
    with open(s2, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "title", "text", "date"])
        for i, t, d, x in S2:
            w.writerow([i, t, x, d])
    s3 = root / "s3.rss"
    items = "".join(f"<item><guid>{i}</guid><title>{t}</title><pubDate>{d}</pubDate>"
                    f"<description><![CDATA[<p>{x}</p>]]></description></item>" for i, t, d, x in S3)
    s3.write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
                  f"<link>http://example.org/</link><description>w</description>{items}</channel></rss>\n",
                  encoding="utf-8")
    s4 = root / "s4"
    s4.mkdir(exist_ok=True)
    for name, title, text in S4:
        (s4 / name).write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    return {"s1": s1, "s2": s2, "s3": s3, "s4": s4}
