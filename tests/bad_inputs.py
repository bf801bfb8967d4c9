"""Builds a folder of real bad inputs, and a few good ones beside them, with the tools that make such files.

Every file is written the way it would arrive: random bytes from os.urandom, a
zip from zipfile, gzip members from gzip, a WARC from warcio's WARCWriter cut
short, feeds and HTML as text, pipes and links from os. `build(root)` returns
what a run over the folder must report (`BAD`: file -> words its reason must
hold) and store (`STORED`: file -> title and a piece of its text).
"""
from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

MB = 1_000_000

# --- good articles ---------------------------------------------------------

TEXT_ARTICLE = """---
title: Night ferry returns to the Tagus
outlet: Coastline Post
published: 2026-03-10
---
The night ferry between Lisbon and Barreiro will run again from Monday, the operator said on Tuesday.

The service was suspended in January after two engines failed within a week.

Commuters had asked for its return in a petition signed by 12,000 people."""

HTML_BODY = [
    "Rescue teams in Bergen reached the last of the stranded hikers on Sunday morning, the county police said.",
    "The group of eleven had been caught by a snowstorm on the Ulriken plateau on Saturday afternoon.",
    "Two of the hikers were taken to hospital with mild hypothermia; the others walked down with the rescuers.",
    "Police urged walkers to check the mountain forecast, which had warned of the storm two days earlier.",
]
HTML_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Hikers rescued near Bergen | Fjord Herald</title>
<meta property="og:title" content="Hikers rescued near Bergen">
<meta property="og:site_name" content="Fjord Herald">
<meta property="article:published_time" content="2026-03-08T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<main><article><h1>Hikers rescued near Bergen</h1>
""" + "\n".join(f"<p>{p}</p>" for p in HTML_BODY) + """
</article></main>
<footer>Copyright 2026 Fjord Herald. All rights reserved.</footer>
</body></html>"""

# Malformed but readable: unclosed <p>, <b> and <i>, no </body> or </html>. Lenient parsing keeps it.
UNCLOSED_PAGE = """<html><head><title>Bridge opens over the Douro</title>
<body><article><h1>Bridge opens over the Douro
<p>The new road bridge over the Douro opened on Monday after four years of work, the city council said.
<p>Engineers said the deck could carry 40,000 vehicles a day, twice the load of the old crossing.
<p>The mayor thanked residents for their patience during the works <b>and promised <i>quieter streets"""

FEED_ITEM = """<item><title>{title}</title><link>https://tidewater.example/{slug}</link>
<pubDate>Mon, 09 Mar 2026 07:30:00 +0000</pubDate><guid>https://tidewater.example/{slug}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded></item>"""
FEED_ENTRIES = [
    ("Harbour dredging starts in Aveiro", "dredging",
     "<p>Dredging of the inner harbour in Aveiro began on Monday and will last six weeks, the port authority said.</p>"
     "<p>Fishing boats will use the northern quay while the work goes on.</p>"),
    ("Tram line 28 closed for repairs", "tram-28",
     "<p>Lisbon's tram line 28 will be closed for track repairs from 16 to 22 March, the transport company said.</p>"
     "<p>Replacement buses will run every ten minutes along the route.</p>"),
]


def rss(items: str, title: str = "Tidewater News") -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{title}</title><link>https://tidewater.example/</link><description>Local news</description>\n"
            f"{items}</channel></rss>")


JSONL_GOOD = [
    {"id": "g-1", "title": "Wind farm approved off Viana", "outlet": "Atlantic Wire", "published": "2026-03-05",
     "text": "Portugal's environment agency approved a floating wind farm off Viana do Castelo on Thursday.\n\n"
             "The 20 turbines are due to supply power to 90,000 homes from 2028."},
    {"id": "g-2", "title": "Library reopens in Braga", "outlet": "Atlantic Wire", "published": "2026-03-06",
     "text": "Braga's municipal library reopened on Friday after an 18-month renovation that cost 4 million euros.\n\n"
             "The building now has a children's wing and a café on the ground floor."},
]

# --- encodings: each file must read back as exactly this text ---------------

ENCODED = {
    "encodings/utf8.txt": ("utf-8", "Plain UTF-8: the café in Zürich reopened — prices in € stay the same."),
    "encodings/utf8-bom.txt": ("utf-8-sig", "UTF-8 with a BOM: “naïve” plans for a crème brûlée festival, "
                                            "said the mayor’s office — tickets cost €12."),
    "encodings/utf16-bom.txt": ("utf-16", "UTF-16 with a BOM: the façade of the Noël café in Genève was repainted "
                                          "in “ochre” — at a cost of €4,000."),
    "encodings/utf16le-nobom.txt": ("utf-16-le", "UTF-16 little-endian without a BOM: the naïve café owner in "
                                                  "Málaga won the regional prize for his crème brûlée."),
    "encodings/utf16be-nobom.txt": ("utf-16-be", "UTF-16 big-endian without a BOM: a Zürich bakery sold its "
                                                  "last Linzer torte, the façade stays and the café opens in May."),
    "encodings/latin1.txt": ("latin-1", "Latin-1: the café in Besançon reopened on Friday. Its naïve mural, "
                                        "painted in 1954 by a garçon from the Jura, was restored for £300 and "
                                        "«much love», the owner said. Noël lunches start at 12 o'clock."),
    "encodings/cp1252.txt": ("cp1252", "Windows-1252: “We’re not naïve,” the café owner said — the €4 coffee "
                                        "stays… for now. ‘Prices rise in spring,’ she added."),
}

# --- what a run must say about each bad input -------------------------------


@dataclass
class Built:
    root: Path
    missing: Path
    bad: dict[str, tuple[str, ...]]                  # source (relative) -> words its reason holds
    stored: dict[str, tuple[str | None, str]]        # source (relative) -> (title, piece of the text)

    def inputs(self) -> list[str]:
        return [str(self.root), str(self.missing)]

    def rel(self, source: str) -> str:
        return os.path.relpath(source, self.root) if source.startswith(str(self.root) + os.sep) else source


def build(root: Path) -> Built:
    root.mkdir(parents=True, exist_ok=True)
    for folder in ("good", "encodings", "bad", "partial", "unreadable"):
        (root / folder).mkdir(exist_ok=True)
    stored = _good(root) | _encodings(root)
    bad: dict[str, tuple[str, ...]] = {}
    for make in (_binary, _empty, _too_large, _gzip, _warc, _html, _xml_feeds, _json, _wrong_encodings):
        more_bad, more_stored = make(root)
        bad |= more_bad
        stored |= more_stored
    bad |= _unreadable(root)
    missing = root.parent / f"{root.name}-does-not-exist.txt"
    bad[str(missing)] = ("no such file",)
    return Built(root=root, missing=missing, bad=bad, stored=stored)


def _good(root: Path) -> dict[str, tuple[str | None, str]]:
    (root / "good/article.txt").write_text(TEXT_ARTICLE, encoding="utf-8")
    (root / "good/page.html").write_text(HTML_PAGE, encoding="utf-8")
    items = "".join(FEED_ITEM.format(title=t, slug=s, body=b) for t, s, b in FEED_ENTRIES)
    (root / "good/feed.rss").write_text(rss(items), encoding="utf-8")
    (root / "good/articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in JSONL_GOOD), encoding="utf-8")
    (root / "good/unclosed-tags.html").write_text(UNCLOSED_PAGE, encoding="utf-8")
    return {
        "good/article.txt": ("Night ferry returns to the Tagus", "The night ferry between Lisbon and Barreiro"),
        "good/page.html": ("Hikers rescued near Bergen", HTML_BODY[2]),
        "good/feed.rss#0": (FEED_ENTRIES[0][0], "Dredging of the inner harbour in Aveiro"),
        "good/feed.rss#1": (FEED_ENTRIES[1][0], "Replacement buses will run every ten minutes"),
        "good/articles.jsonl:1": (JSONL_GOOD[0]["title"], "floating wind farm"),
        "good/articles.jsonl:2": (JSONL_GOOD[1]["title"], "children's wing"),
        "good/unclosed-tags.html": ("Bridge opens over the Douro", "could carry 40,000 vehicles a day"),
    }


def _encodings(root: Path) -> dict[str, tuple[str | None, str]]:
    for name, (encoding, text) in ENCODED.items():
        (root / name).write_bytes(text.encode(encoding))
    return {name: (None, text) for name, (_, text) in ENCODED.items()}


def _binary(root: Path):
    junk = os.urandom(64 * 1024)
    # A BOM at the start would send it to a Unicode decoder first; junk is junk either way.
    junk = (b"\x89" + junk[1:]) if junk[:1] in (b"\xef", b"\xfe", b"\xff", b"\x00") else junk
    (root / "bad/junk.txt").write_bytes(junk)
    (root / "bad/junk.jsonl").write_bytes(os.urandom(64 * 1024))
    (root / "bad/photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(2048))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(20):
            archive.writestr(f"story-{i}.txt", f"Story {i}: " + " ".join(os.urandom(8).hex() for _ in range(300)))
    (root / "bad/archive.txt").write_bytes(buffer.getvalue())
    return {
        "bad/junk.txt": ("binary data",),
        "bad/junk.jsonl": ("binary data",),
        "bad/archive.txt": ("binary data",),
        "bad/photo.jpg": ("not a news format", ".jpg"),
    }, {}


def _empty(root: Path):
    for name in ("empty.txt", "empty.html", "empty.jsonl", "empty.json", "empty.rss"):
        (root / "bad" / name).write_bytes(b"")
    (root / "bad/blank.txt").write_text(" \n\n\t  \r\n   \n")
    names = ("empty.txt", "empty.html", "empty.jsonl", "empty.json", "empty.rss", "blank.txt")
    return {f"bad/{name}": ("empty file",) for name in names}, {}


def _text_chunks(total: int):
    line = ("The council met again on Tuesday to discuss the harbour budget, officials said. " * 12 + "\n").encode()
    chunk = line * (MB // len(line) + 1)
    written = 0
    while written < total:
        piece = chunk[: total - written]
        written += len(piece)
        yield piece


def _too_large(root: Path):
    with open(root / "bad/huge.txt", "wb") as handle:  # 50 MB of real text, written a chunk at a time
        for piece in _text_chunks(50 * MB):
            handle.write(piece)
    # A small gzip that inflates past the limit: refused without inflating it all.
    with gzip.open(root / "bad/bomb.txt.gz", "wb", compresslevel=1) as handle:
        for piece in _text_chunks(25 * MB):
            handle.write(piece)
    return {"bad/huge.txt": ("too large", "50.0 MB"), "bad/bomb.txt.gz": ("too large",)}, {}


def _gzip(root: Path):
    whole = gzip.compress(" ".join(f"Paragraph {i} of a long report." for i in range(5000)).encode())
    (root / "bad/truncated.txt.gz").write_bytes(whole[: len(whole) // 2])
    (root / "bad/not-gzip-inside.txt.gz").write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(512))
    return {"bad/truncated.txt.gz": ("truncated or corrupt gzip",),
            "bad/not-gzip-inside.txt.gz": ("truncated or corrupt gzip",)}, {}


WARC_PAGES = [
    ("https://lagoon.example/news/floods", "Floods close the coastal road",
     ["Heavy rain closed the coastal road between Espinho and Ovar on Wednesday, the civil protection agency said.",
      "Drivers were sent inland through Santa Maria da Feira while crews cleared mud from the carriageway.",
      "The road is expected to reopen on Thursday evening if the rain eases."]),
    ("https://lagoon.example/news/market", "Fish market moves to new hall",
     ["The Matosinhos fish market moved into its new hall on Tuesday, two years after the old one burned down.",
      "Traders said the new hall was brighter and cooler, but that parking was still a problem.",
      "The city council paid 7 million euros towards the building."]),
    ("https://lagoon.example/news/lost", "This page is cut short",
     ["This third page is written whole but the archive is cut in the middle of its record.",
      "Nothing of it may be stored, because a cut page is not the page that was published.",
      "A re-run must not store it either."]),
]


def _page_html(title: str, paragraphs: list[str]) -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<article><h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>")


def write_warc(path: Path, pages, *, compress: bool) -> list[int]:
    """A WARC of HTML responses; returns each record's start offset and the end offset."""
    offsets = []
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=compress)
        for url, title, paragraphs in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(_page_html(title, paragraphs).encode()),
                http_headers=headers, warc_headers_dict={"WARC-Date": "2026-03-04T10:00:00Z"})
            offsets.append(handle.tell())
            writer.write_record(record)
        offsets.append(handle.tell())
    return offsets


def _cut(path: Path, at: int) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(at)


def _warc(root: Path):
    path = root / "partial/truncated.warc.gz"
    offsets = write_warc(path, WARC_PAGES, compress=True)
    _cut(path, (offsets[2] + offsets[3]) // 2)  # inside the third gzip member
    early = root / "bad/truncated-early.warc"
    offsets = write_warc(early, WARC_PAGES[:2], compress=False)
    _cut(early, offsets[1] // 2)  # inside the first record's HTML
    (root / "bad/junk.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(4096))
    return {
        "partial/truncated.warc.gz": ("truncated or corrupt WARC after 2 pages",),
        "bad/truncated-early.warc": ("truncated or corrupt WARC", "cut short"),
        "bad/junk.warc.gz": ("truncated or corrupt",),
    }, {
        "partial/truncated.warc.gz#0": ("Floods close the coastal road", WARC_PAGES[0][2][1]),
        "partial/truncated.warc.gz#1": ("Fish market moves to new hall", WARC_PAGES[1][2][0]),
    }


def _html(root: Path):
    (root / "bad/no-main-text.html").write_text(
        "<!doctype html><html><head><title>Gallery</title></head><body>"
        "<div class='gallery'><img src='a.jpg'><img src='b.jpg'><img src='c.jpg'></div></body></html>")
    # Tag soup: stray brackets, unclosed and misnested tags, a comment that never ends.
    (root / "bad/garbage.html").write_text(
        "<html><body><div><p><<<>>> </td></tr></table> <<p>> <b><i></b></i> "
        "<!-- -- <script>var x = '<p>';</script><div><span></span>")
    return {"bad/no-main-text.html": ("no main text",), "bad/garbage.html": ("no main text",)}, {}


def _xml_feeds(root: Path):
    (root / "bad/no-entries.rss").write_text(rss("", title="Quiet Gazette"))
    (root / "bad/broken.xml").write_text(
        '<?xml version="1.0"?>\n<catalog><book id="1"><title>Unclosed</book><price>3</price></catalog>')
    first = FEED_ITEM.format(title="Ferry fares frozen", slug="fares",
                             body="<p>Ferry fares on the Tagus will not rise this year, the operator said on Friday.</p>"
                                  "<p>Season tickets stay at 40 euros a month.</p>")
    cut = '<item><title>Second story cut off</title><link>https://tidewater.example/cut</link><description>The mayor said'
    (root / "partial/broken-feed.rss").write_text(rss(first + cut).split("</channel>")[0])
    return {
        "bad/no-entries.rss": ("feed has no entries",),
        "bad/broken.xml": ("not a valid feed", "mismatched tag", "line 2"),
        "partial/broken-feed.rss": ("malformed or truncated feed XML", "entries recovered: 2"),
        "partial/broken-feed.rss#1": ("feed entry has no text",),
    }, {"partial/broken-feed.rss#0": ("Ferry fares frozen", "Season tickets stay at 40 euros")}


MIXED_JSONL = [
    json.dumps({"id": "m-1", "title": "Dunes fenced off at Costa Nova", "published": "2026-03-02",
                "text": "Parts of the dunes at Costa Nova were fenced off on Monday to let the grass grow back."}),
    '{"id": "m-2", "text": "This line stops in the middle of a string',
    json.dumps({"text": "A record with text but no id cannot be stored under a stable name."}),
    json.dumps({"id": "m-4", "title": "A record with no text"}),
    "[1, 2, 3]",
    json.dumps({"id": "m-6", "text": "A record whose date is not a date.", "published": "last Tuesday"}),
    json.dumps({"id": "m-7", "title": "Surf school opens in Espinho",
                "text": "A surf school for children opened on Espinho's north beach on Saturday."}),
    "",
    '"just a string"',
    json.dumps({"id": "m-1", "text": "A different article that reuses the id of the first line."}),
]


def _json(root: Path):
    (root / "partial/mixed.jsonl").write_text("\n".join(MIXED_JSONL) + "\n", encoding="utf-8")
    # The first line is JSON but not an object: the file is still JSON Lines, not one JSON document.
    (root / "partial/array-first.jsonl").write_text(
        "[1, 2]\n" + json.dumps({"id": "a-2", "title": "Lighthouse keeper retires",
                                 "text": "The last keeper of the Aveiro lighthouse retired on Sunday after 31 years."})
        + "\n", encoding="utf-8")
    (root / "bad/malformed.json").write_text('{"id": "x1", "text": "The council met on Tuesday", "title": ')
    (root / "bad/not-articles.json").write_text(json.dumps({"settings": {"theme": "dark"}, "version": 3}))
    return {
        "partial/mixed.jsonl:2": ("invalid JSON",),
        "partial/mixed.jsonl:3": ("missing required field 'id'",),
        "partial/mixed.jsonl:4": ("missing required field 'text'",),
        "partial/mixed.jsonl:5": ("expected a JSON object", "list"),
        "partial/mixed.jsonl:6": ("not an ISO date", "last Tuesday"),
        "partial/mixed.jsonl:9": ("expected a JSON object", "str"),
        "partial/mixed.jsonl:10": ("'m-1' is already used by a different article",),
        "partial/array-first.jsonl:1": ("expected a JSON object", "list"),
        "bad/malformed.json": ("invalid JSON", "line 1"),
        "bad/not-articles.json": ("missing required field",),
    }, {
        "partial/mixed.jsonl:1": ("Dunes fenced off at Costa Nova", "fenced off on Monday"),
        "partial/mixed.jsonl:7": ("Surf school opens in Espinho", "north beach"),
        "partial/array-first.jsonl:2": ("Lighthouse keeper retires", "after 31 years"),
    }


def _wrong_encodings(root: Path):
    # A UTF-8 byte-order mark, then Latin-1 bytes: the mark lies.
    (root / "bad/lying-bom.txt").write_bytes(b"\xef\xbb\xbf" + "Le café de la gare a fermé.".encode("latin-1"))
    # A UTF-8 article with a paragraph pasted in from a Latin-1 file: no one decoding reads both.
    (root / "bad/mixed-encoding.txt").write_bytes(
        "The café’s owner — Zoë Müller — said prices in € would stay.\n\n".encode("utf-8")
        + "Elle a ajouté: « le naïf, c'est moi ».\n".encode("latin-1"))
    return {"bad/lying-bom.txt": ("bad utf-8 text after its byte-order mark",),
            "bad/mixed-encoding.txt": ("mixed text encodings",)}, {}


def permissions_enforced(folder: Path) -> bool:
    """Whether a chmod 000 file is unreadable for this user (not for root or CAP_DAC_OVERRIDE)."""
    probe = folder / ".probe"
    probe.write_text("x")
    probe.chmod(0)
    try:
        probe.read_bytes()
        return False
    except PermissionError:
        return True
    finally:
        probe.chmod(0o600)
        probe.unlink()


def _unreadable(root: Path) -> dict[str, tuple[str, ...]]:
    folder = root / "unreadable"
    os.mkfifo(folder / "pipe.txt")  # no writer: opening it would block the run for ever
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    bad = {
        "unreadable/pipe.txt": ("not a regular file", "named pipe"),
        "unreadable/dangling.txt": ("cannot read", "broken symbolic link"),
        "unreadable/loop.txt": ("cannot read", "symbolic links"),
    }
    if permissions_enforced(folder):  # else (root) test_permission_denied_as_an_unprivileged_user
        make_locked(folder)
        bad["unreadable/locked.txt"] = ("permission denied",)
        bad["unreadable/locked-folder"] = ("cannot list folder", "permission denied")
    return bad


def make_locked(folder: Path) -> None:
    """A chmod 000 file and a chmod 000 folder (holding a good file) in `folder`."""
    (folder / "locked.txt").write_text("A story nobody may read: the file's mode is 000.")
    (folder / "locked.txt").chmod(0)
    (folder / "locked-folder").mkdir()
    (folder / "locked-folder/inside.txt").write_text("A story in a folder nobody may list.")
    (folder / "locked-folder").chmod(0)


def unlock(folder: Path) -> None:
    """Give back the modes that make_locked took, so that the folder can be deleted."""
    for path in (folder / "locked.txt", folder / "locked-folder"):
        if path.exists():
            path.chmod(0o700)
