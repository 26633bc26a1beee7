"""Fuzz the loader: hostile and broken files never crash it, and no input item is lost.

    .venv/bin/python bench/fuzz_loader.py --n 10000 [--seed 0] [--batch 8]
    .venv/bin/python bench/fuzz_loader.py --n 1000 --full-pipeline     # + load_corpus
    .venv/bin/python bench/fuzz_loader.py --only 4711                  # replay one input

Generates ``--n`` inputs from seeded families (arbitrary bytes, truncated UTF-8, huge
single lines, deeply nested JSON, odd CSV, mixed encodings in one file, BOM variants, NUL
bytes, gzip, zips of mixed entries, article layouts that make parsers backtrack), adds one known-good file to every batch, and reads
each batch with ``dashboard.readers.read_source`` (as a folder on disk, as uploads, or
zipped into one archive), optionally also with the full ``dashboard.load_corpus``
(sentences, actors, dates on whatever loads).

Counted as failures:
- a crash: an exception escaping ``read_source`` / ``load_corpus`` (the batch is then
  replayed input by input to name the culprit), or a batch taking longer than
  ``--timeout`` seconds;
- a lost item: an input file with no outcome (neither an article nor a skipped item), an
  outcome that belongs to no input, a known-good file that did not load in full, a zip
  entry with no outcome, ``given != loaded + skipped``, or ``load_corpus`` frames that
  disagree with ``read_source``;
- a broken invariant: duplicate article ids, empty article text, text that cannot be
  encoded as UTF-8 (lone surrogates), an empty reason, or (full pipeline) a mention or
  date whose offsets do not point at its surface.

Prints a table by family and the peak memory (psutil RSS sampled every 20 ms, and the
kernel's high-water mark), and exits 1 on any failure. Every input is reproducible from
``--seed`` and its index; ``--keep DIR`` saves the inputs of failing batches.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import csv
import gzip
import io
import json
import random
import resource
import shutil
import signal
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

MB = 1 << 20

# --------------------------------------------------------------------------- content

SENTENCES = [
    "أكدت وزيرة الخارجية الكورية الشمالية شو سون هوي أن بلادها ستقف إلى جانب روسيا.",
    "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو تدعم الحوار في المنطقة.",
    "وصل الرئيس المصري عبد الفتاح السيسي إلى الرياض في زيارة رسمية تستمر يومين.",
    "أعلنت الحكومة العراقية اليوم الأحد عن خطة جديدة لإعادة إعمار الموصل.",
    "افتتح معرض الشارقة الدولي للكتاب أبوابه أمام الزوار في الخامس من نوفمبر 2024.",
    "فاز المنتخب المغربي على نظيره التونسي بهدفين مقابل هدف في الدار البيضاء.",
    "وأوضح المتحدث باسم الأمم المتحدة أن المساعدات وصلت إلى غزة صباح الثلاثاء.",
    "ارتفعت أسعار النفط بنسبة 3% بعد قرار منظمة أوبك خفض الإنتاج الشهر المقبل.",
    "التقى ولي العهد السعودي الأمير محمد بن سلمان بالرئيس الفرنسي في باريس.",
    "ذكرت وكالة الأنباء الأردنية (بترا) أن الملك عبد الله الثاني استقبل وفدا أمريكيا.",
    "Le ministre a déclaré que les négociations reprendront à Genève la semaine prochaine.",
    "The talks in Doha ended on 3 November 2024 without an agreement.",
]
CITIES = ["موسكو", "القاهرة", "الرياض", "بغداد", "دبي، الإمارات العربية المتحدة", "الرباط"]
AGENCIES = ["أ ف ب", "واس", "رويترز", "د ب أ", "AFP"]
DATES = [
    "2024-11-01",
    "Fri, 01 Nov 2024 10:00:00 +0000",
    "1 تشرين الثاني/نوفمبر 2024",
    "٥ نوفمبر ٢٠٢٤",
    "2024-11-01T10:00:00+03:00",
    "29 ربيع الآخر 1446 هـ",
    "not a date",
    "",
]
# Characters that stress normalisation, bidi handling and tokenising.
ODD_CHARS = (
    "\u200f\u200e\u202b\u202c\u2066\u2069\u0640\u064b\u064e\u0651\ufeff\u00a0\u3000"
    "\ufdf2\ufefb\U0001f600\u0660\u0669#_@\\\"'\t\r"
)


def sentence_text(rng: random.Random, n: int | None = None) -> str:
    n = n if n is not None else rng.randint(1, 6)
    paras = []
    while n > 0:
        k = min(n, rng.randint(1, 3))
        paras.append(" ".join(rng.choice(SENTENCES) for _ in range(k)))
        n -= k
    return "\n\n".join(paras)


def wire_text(rng: random.Random) -> str:
    return (
        f" date 2024-11-{rng.randint(1, 28):02d} {rng.choice(CITIES)}: "
        f"{sentence_text(rng)}\n\n({rng.choice(AGENCIES)})\n"
    )


def record(rng: random.Random, i: int) -> dict:
    rec = {"id": f"r{i}-{rng.randrange(10**6)}", "text": sentence_text(rng, rng.randint(1, 3))}
    if rng.random() < 0.7:
        rec[rng.choice(["date", "published", "pubDate"])] = rng.choice(DATES)
    if rng.random() < 0.5:
        rec[rng.choice(["title", "headline"])] = rng.choice(SENTENCES)[:40]
    if rng.random() < 0.5:
        rec[rng.choice(["source", "outlet"])] = rng.choice(AGENCIES)
    return rec


def jsonl_text(rng: random.Random, n: int) -> str:
    ascii_only = rng.random() < 0.3
    return "\n".join(json.dumps(record(rng, i), ensure_ascii=ascii_only) for i in range(n)) + "\n"


def csv_text(rng: random.Random, n: int, delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["id", "title", "date", "text", "source"])
    for i in range(n):
        rec = record(rng, i)
        writer.writerow([rec["id"], rec.get("title", ""), rec.get("date", ""), rec["text"], ""])
    return buffer.getvalue()


def json_text(rng: random.Random, n: int) -> str:
    records = [record(rng, i) for i in range(n)]
    doc = records if rng.random() < 0.5 else {"articles": records}
    return json.dumps(doc, ensure_ascii=rng.random() < 0.3, indent=rng.choice([None, 2]))


def valid_document(rng: random.Random) -> tuple[str, str, int]:
    """(extension, text, number of articles) of a well-formed file of a random format."""
    kind = rng.choice(["wire", "plain", "jsonl", "csv", "tsv", "json"])
    n = rng.randint(1, 5)
    if kind == "wire":
        return ".txt", wire_text(rng), 1
    if kind == "plain":
        return rng.choice([".txt", ""]), sentence_text(rng), 1
    if kind == "jsonl":
        return ".jsonl", jsonl_text(rng, n), n
    if kind == "csv":
        return ".csv", csv_text(rng, n), n
    if kind == "tsv":
        return ".tsv", csv_text(rng, n, "\t"), n
    return ".json", json_text(rng, n), n


# --------------------------------------------------------------------------- inputs


@dataclass
class Input:
    """One generated file. ``articles``: exact article count a correct reader must load
    (known-good files only); ``items``: exact outcome count when the generator knows it;
    ``entries``: names inside a generated zip, each of which must have an outcome."""

    index: int
    family: str
    ext: str
    data: bytes
    articles: int | None = None
    items: int | None = None
    entries: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"i{self.index:06d}_{self.family}{self.ext}"


EXTS = [".txt", ".jsonl", ".json", ".csv", ".tsv", ".zip", "", ".gz", ".ndjson", ".jsonl.gz"]
SIGNATURES = [b"PK\x03\x04", b"\x1f\x8b", b"%PDF", b"\x89PNG", b"PK\x05\x06", b"\xef\xbb\xbf"]


def gen_random_bytes(rng: random.Random) -> tuple[str, bytes]:
    size = int(2 ** rng.uniform(0, 17)) - 1  # 0 .. 128 KB, log-uniform
    style = rng.random()
    if style < 0.5:
        data = rng.randbytes(size)
    elif style < 0.8:  # random code points: text-like but hostile
        chars = [
            chr(rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0x600, 0x700)]))
            if rng.random() < 0.7
            else chr(rng.randrange(0, 0x110000))
            for _ in range(size // 3)
        ]
        data = "".join(chars).encode("utf-8", "surrogatepass")
    else:  # a known signature, then garbage
        data = rng.choice(SIGNATURES) + rng.randbytes(size)
    return rng.choice(EXTS), data


def gen_truncated_utf8(rng: random.Random) -> tuple[str, bytes]:
    ext, text, _ = valid_document(rng)
    data = text.encode("utf-8")
    how = rng.random()
    if how < 0.5:  # cut at any byte: often inside a 2-byte Arabic letter
        data = data[: rng.randrange(len(data) + 1)]
    elif how < 0.8:  # bytes dropped in the middle
        for _ in range(rng.randint(1, 20)):
            if not data:
                break
            at = rng.randrange(len(data))
            data = data[:at] + data[at + 1 :]
    else:  # lead bytes without continuation, continuation bytes without lead
        junk = rng.choice([b"\xd8", b"\xd9\xd9", b"\x80", b"\xbf\xbf", b"\xf0\x9f", b"\xc0\xaf"])
        at = rng.randrange(len(data) + 1)
        data = data[:at] + junk + data[at:]
    return ext, data


def gen_huge_line(rng: random.Random, huge_mb: float) -> tuple[str, bytes, int]:
    """A file with one huge line; -> (extension, bytes, number of items in it)."""
    size = int(
        rng.choice([huge_mb, huge_mb, huge_mb / 5, huge_mb / 20]) * MB
        if rng.random() < 0.97
        else 60 * MB  # past the 50 MB caps: refused, memory still bounded
    )
    style = rng.choice(["words", "one token", "x", "spaces"])
    if style == "words":
        unit = (rng.choice(SENTENCES).rstrip(".") + " ").encode()
    elif style == "one token":
        unit = "كلمة".encode()
    elif style == "x":
        unit = b"x"
    else:
        unit = b" "
    line = unit * (size // len(unit))
    kind = rng.choice(["txt", "jsonl", "csv", "json"])
    if kind == "txt":
        return ".txt", line, 1
    good = json.dumps({"text": rng.choice(SENTENCES)}, ensure_ascii=False).encode()
    if kind == "jsonl":
        return ".jsonl", good + b"\n" + b'{"text": "' + line + b'"}\n' + good + b"\n", 3
    if kind == "json":
        return ".json", b'[{"text": "' + line + b'"}, ' + good + b"]", 2
    return ".csv", b"id,text\na," + line + b"\nb," + rng.choice(SENTENCES).encode() + b"\n", 2


def gen_deep_json(rng: random.Random) -> tuple[str, bytes, int | None]:
    """Deeply nested JSON; -> (extension, bytes, items when known: 3 lines in JSONL)."""
    depth = rng.choice([10, 100, 900, 1000, 5000, 50_000, 100_000, 200_000])
    opener, closer = rng.choice([(b"[", b"]"), (b'{"a":', b"}"), (b'[{"x":', b"}]")])
    closed = rng.random() < 0.8
    nest = opener * depth + b"1" + (closer * depth if closed else b"")
    text = json.dumps(rng.choice(SENTENCES), ensure_ascii=False).encode()
    where = rng.choice(["bare", "in record", "as text", "in list"])
    if where == "bare":
        body = nest
    elif where == "in record":
        body = b'{"text": ' + text + b', "meta": ' + nest + b"}"
    elif where == "as text":
        body = b'{"text": ' + nest + b"}"
    else:
        body = b'{"articles": [{"text": ' + text + b"}, " + nest + b"]}"
    if rng.random() < 0.5:
        good = json.dumps({"text": rng.choice(SENTENCES)}, ensure_ascii=False).encode()
        return rng.choice([".jsonl", ".ndjson"]), good + b"\n" + body + b"\n" + good + b"\n", 3
    return ".json", body, None


def gen_odd_csv(rng: random.Random) -> tuple[str, bytes]:
    delimiter = rng.choice([",", ",", ";", "\t", "|"])
    header = rng.choice(
        [
            ["id", "text", "date"],
            ["Headline", "Content", "pubDate", "Outlet"],
            ["\ufefftext"],
            ["text", "text", "title"],
            ["", "", "body"],
            ["title", "date"],  # no text column
            [],
            [f"c{i}" for i in range(rng.choice([50, 5000]))] + ["text"],
        ]
    )
    lines = [delimiter.join(header)]
    for _ in range(rng.randint(0, 12)):
        cells = [rng.choice(SENTENCES) for _ in range(max(1, len(header)))]
        shape = rng.random()
        if shape < 0.2:  # missing cells
            cells = cells[: rng.randint(0, len(cells))]
        elif shape < 0.35:  # extra cells
            cells += [rng.choice(SENTENCES) for _ in range(rng.randint(1, 5))]
        row = []
        for cell in cells:
            q = rng.random()
            if q < 0.15:
                cell = '"' + cell.replace('"', '""') + '"'
            elif q < 0.2:
                cell = '"' + cell  # opens a quote that never closes
            elif q < 0.25:
                cell = cell[:10] + '"' + cell[10:]  # a quote inside an unquoted field
            elif q < 0.3:
                cell = '"' + cell[:10] + "\n" + cell[10:] + '"'  # a newline inside quotes
            elif q < 0.33:
                cell = '"' + cell + '"x'  # text after the closing quote
            elif q < 0.36:
                cell = cell + "\x00"
            row.append(cell)
        lines.append(delimiter.join(row))
        if rng.random() < 0.1:
            lines.append(rng.choice(["", "   ", delimiter * 3]))
    newline = rng.choice(["\n", "\r\n", "\r", "\n"])
    text = newline.join(lines) + rng.choice([newline, ""])
    data = text.encode(rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16"]), "replace")
    return (".tsv" if delimiter == "\t" and rng.random() < 0.5 else ".csv"), data


ENCODINGS = ["utf-8", "cp1256", "iso8859_6", "utf-16-le", "utf-16-be", "latin-1", "cp1252"]


def gen_mixed_encodings(rng: random.Random) -> tuple[str, bytes, int | None]:
    """Lines or paragraphs of one file, each in its own encoding. For JSONL made only of
    one-byte-newline encodings, every line is one item (exact count known)."""
    kind = rng.choice(["jsonl", "csv", "txt"])
    n = rng.randint(2, 8)
    pool = ENCODINGS if rng.random() < 0.3 else ENCODINGS[:3] + ENCODINGS[5:]
    chunks = []
    for i in range(n):
        if kind == "jsonl":
            text = json.dumps(record(rng, i), ensure_ascii=False)
        elif kind == "csv":
            text = f"r{i},{rng.choice(SENTENCES)}" if i else "id,text"
        else:
            text = rng.choice(SENTENCES)
        chunks.append(text.encode(rng.choice(pool), "replace"))
    sep = b"\n\n" if kind == "txt" else b"\n"
    data = sep.join(chunks) + b"\n"
    items = None
    if kind == "jsonl" and not any(e.startswith("utf-16") for e in pool):
        items = n
    return "." + kind if kind != "txt" else ".txt", data, items


BOMS = [
    ("utf-8-sig", b""),
    ("utf-16", b""),  # Python writes the BOM in native order
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-32-be", codecs.BOM_UTF32_BE),
    ("utf-16-le", b""),  # BOM-less UTF-16
    ("utf-16-be", b""),
    ("utf-8", codecs.BOM_UTF16_LE),  # a BOM that lies
    ("utf-8", codecs.BOM_UTF8 + codecs.BOM_UTF8),  # doubled
    ("utf-8", codecs.BOM_UTF32_BE),
    ("cp1256", codecs.BOM_UTF8),
]


def gen_bom(rng: random.Random) -> tuple[str, bytes]:
    ext, text, _ = valid_document(rng)
    encoding, prefix = rng.choice(BOMS)
    how = rng.random()
    if how < 0.1:
        text = ""  # a BOM and nothing else
    elif how < 0.2:
        text = " \n\t "
    elif how < 0.3:
        at = rng.randrange(len(text) + 1)
        text = text[:at] + "\ufeff" + text[at:]  # a BOM in the middle
    data = prefix + text.encode(encoding, "replace")
    if rng.random() < 0.2 and data:
        data = data[: rng.randrange(len(data))]  # odd byte count for UTF-16/32
    return ext, data


def gen_nul_bytes(rng: random.Random) -> tuple[str, bytes]:
    ext, text, _ = valid_document(rng)
    data = bytearray(text.encode("utf-8"))
    how = rng.random()
    if how < 0.4:
        for _ in range(rng.choice([1, 2, 3, 10])):
            data.insert(rng.randrange(len(data) + 1), 0)
    elif how < 0.6:
        at = rng.randrange(len(data) + 1)
        data[at:at] = bytes(rng.choice([100, 1000, 100_000]))
    elif how < 0.8:
        data = bytearray(b"".join(bytes([b, 0]) for b in data))  # ASCII-as-UTF-16 look
    elif how < 0.9:
        data = bytearray(bytes(rng.randint(1, 5)) + data)
    else:
        data = bytearray(bytes(rng.choice([1, 4096, 1 << 20])))  # nothing but NULs
    return ext, bytes(data)


def gen_gzip(rng: random.Random) -> tuple[str, bytes]:
    ext, text, _ = valid_document(rng)
    if not ext or rng.random() < 0.1:
        ext = rng.choice(["", ".zip", ".pdf"])  # not readable through .gz
    data = gzip.compress(text.encode("utf-8"))
    how = rng.random()
    if how < 0.3:
        data = data[: rng.randrange(len(data) + 1)]
    elif how < 0.5:
        at = rng.randrange(len(data))
        data = data[:at] + rng.randbytes(rng.randint(1, 16)) + data[at + 16 :]
    elif how < 0.55:
        data = gzip.compress(bytes(rng.choice([1, 8, 64]) * MB))  # a gzip bomb, small
    return ext + ".gz", data


def gen_layouts(rng: random.Random) -> tuple[str, bytes]:
    """Article files shaped to make the wire/TREC parsers backtrack: long runs of blank
    space where a header, city or agency is looked for, unclosed or repeated tags."""
    n = int(2 ** rng.uniform(8, 20))  # 256 .. 1M characters of the repeated part
    body = rng.choice(SENTENCES)
    shapes = [
        lambda: "date" + " " * n + rng.choice(["", "2024-11-01 موسكو: " + body]),
        lambda: " date 2024-11-01 " + rng.choice([" ", " \t", "a "]) * n + rng.choice(["x", ":"]),
        lambda: f" date 2024-11-01 موسكو: {body}\n(" + " " * n + rng.choice(["x", "x)", ""]),
        lambda: f"{body}\n" + "(" * n,
        lambda: "<DOC>" + "<TEXT>كلمة " * (n // 11),
        lambda: "<DOC>" + "</TEXT><TEXT>" * (n // 13),
        lambda: "<DOC><DOCNO>x</DOCNO><TEXT>" + body + "</TEXT></DOC>\n" * (n // 60 + 1),
        lambda: "<doc>" * (n // 5) + "<TEXT>" + body,
        lambda: "date 2024-11-01" + ":" * n,
        lambda: " date " + "2" * n,
        lambda: " date 2024-11-01 " + "موسكو " * (n // 6) + ": " + body,
    ]
    text = rng.choice(shapes)()
    data = text.encode(rng.choice(["utf-8", "utf-8", "utf-16"]))
    return rng.choice([".txt", "", ".text"]), data


ZIP_ENTRY_NAMES = ["a", "sub/b", "c", "sub/deeper/d", "__MACOSX/._e", ".hidden", "f g"]


def gen_zip_mixed(rng: random.Random) -> tuple[str, bytes, list[str]]:
    """A zip of several small entries of other families; returns the entries whose
    outcome must be present (plain ASCII names)."""
    buffer = io.BytesIO()
    checked = []
    with zipfile.ZipFile(buffer, "w", rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])) as z:
        for k in range(rng.randint(1, 6)):
            pick = rng.random()
            if pick < 0.4:
                ext, text, _ = valid_document(rng)
                data = text.encode("utf-8")
            elif pick < 0.6:
                ext, data = gen_random_bytes(rng)
                data = data[:4096]
            elif pick < 0.75:
                ext, data = gen_bom(rng)
            elif pick < 0.9:
                ext, data = gen_odd_csv(rng)
            else:  # a zip in the zip
                inner = io.BytesIO()
                with zipfile.ZipFile(inner, "w") as iz:
                    iz.writestr("inner.txt", rng.choice(SENTENCES))
                ext, data = ".zip", inner.getvalue()
            name = f"{rng.choice(ZIP_ENTRY_NAMES)}{k}{ext}"
            if rng.random() < 0.05:
                name = rng.choice(["../escape", "/abs/x", "C:/win/y", "a/../../z"]) + ext
            z.writestr(name, data)
            if name.isascii() and ".." not in name and not name.startswith("/"):
                checked.append(name)
    data = buffer.getvalue()
    if rng.random() < 0.1:  # damaged: cut, or bytes overwritten
        if rng.random() < 0.5:
            data = data[: rng.randrange(len(data) + 1)]
        else:
            at = rng.randrange(len(data))
            data = data[:at] + rng.randbytes(rng.randint(1, 32)) + data[at + 32 :]
        checked = []
    return ".zip", data, checked


FAMILIES = [
    # (family, weight)
    ("random_bytes", 16),
    ("truncated_utf8", 14),
    ("huge_line", 0.6),
    ("deep_json", 8),
    ("odd_csv", 14),
    ("mixed_encodings", 12),
    ("bom", 12),
    ("nul_bytes", 10),
    ("gzip", 5),
    ("zip_mixed", 8),
    ("layouts", 4),
]


def make_input(seed: int, index: int, huge_mb: float) -> Input:
    """The ``index``-th input of a run: reproducible from (seed, index) alone."""
    rng = random.Random(seed * 1_000_003 + index)
    names, weights = zip(*FAMILIES, strict=True)
    family = rng.choices(names, weights)[0]
    items = None
    entries: list[str] = []
    if family == "random_bytes":
        ext, data = gen_random_bytes(rng)
    elif family == "truncated_utf8":
        ext, data = gen_truncated_utf8(rng)
    elif family == "huge_line":
        ext, data, items = gen_huge_line(rng, huge_mb)
    elif family == "deep_json":
        ext, data, items = gen_deep_json(rng)
    elif family == "odd_csv":
        ext, data = gen_odd_csv(rng)
    elif family == "mixed_encodings":
        ext, data, items = gen_mixed_encodings(rng)
    elif family == "bom":
        ext, data = gen_bom(rng)
    elif family == "nul_bytes":
        ext, data = gen_nul_bytes(rng)
    elif family == "gzip":
        ext, data = gen_gzip(rng)
    elif family == "layouts":
        ext, data = gen_layouts(rng)
    else:
        ext, data, entries = gen_zip_mixed(rng)
    return Input(index, family, ext, data, items=items, entries=entries)


def make_control(seed: int, batch: int) -> Input:
    """A well-formed file whose articles must all load beside the hostile ones."""
    rng = random.Random(seed * 7_919 + batch + 1)
    ext, text, n = valid_document(rng)
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1256"])
    if encoding == "cp1256" and ext in (".json", ".jsonl", ".csv", ".tsv"):
        encoding = "utf-8"  # records in a legacy code page are read line by line: keep exact
    data = text.encode(encoding, "replace")
    return Input(900_000 + batch, "good", ext or ".txt", data, articles=n, items=n)


# --------------------------------------------------------------------------- checking


class Hang(BaseException):
    """Raised by the alarm: a BaseException so that no reader ``except`` swallows it."""


@contextlib.contextmanager
def time_limit(seconds: float):
    def alarm(signum, frame):
        raise Hang(f"took longer than {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class MemorySampler(threading.Thread):
    """Peak RSS of this process, sampled every ``interval`` seconds."""

    def __init__(self, interval: float = 0.02):
        super().__init__(daemon=True)
        import psutil

        self._process = psutil.Process()
        self._interval = interval
        self._stop = threading.Event()
        self.peak = self.current()
        self.window = self.peak

    def open_window(self) -> int:
        """Start watching a span of work; -> RSS now (``window`` then holds its peak)."""
        self.window = now = self.current()
        return now

    def current(self) -> int:
        return self._process.memory_info().rss

    def run(self) -> None:
        while not self._stop.wait(self._interval):
            now = self.current()
            self.peak = max(self.peak, now)
            self.window = max(self.window, now)

    def stop(self) -> None:
        self._stop.set()


SEPARATORS = (":", "#", "!")


def owner(item: str, keys: dict[str, Input]) -> Input | None:
    """The input an article path or skipped item belongs to: ``key`` itself or
    ``key`` followed by ``:line``, ``#record`` or ``!entry``."""
    if item in keys:
        return keys[item]
    for sep in SEPARATORS:
        at = item.find(sep)
        while at >= 0:
            if item[:at] in keys:
                return keys[item[:at]]
            at = item.find(sep, at + 1)
    return None


@dataclass
class Tally:
    inputs: int = 0
    bytes: int = 0
    largest: int = 0
    loaded: int = 0
    skipped: int = 0
    crashes: int = 0
    lost: int = 0
    broken: int = 0
    reasons: Counter = field(default_factory=Counter)


@dataclass
class Failure:
    kind: str  # crash / lost / invariant
    inputs: list[Input]
    detail: str


def encodable(text: str | None) -> bool:
    if text is None:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


Outcomes = dict[int, list[str | None]]  # input index -> None per article, reason per skip


def check_read(
    result,
    inputs: list[Input],
    keys: dict[str, Input],
    strip: str,
    per_input: Outcomes,
    inexact: set[int],
) -> list[Failure]:
    """Every input accounted for, every outcome owned by one input, invariants hold.

    Fills ``per_input`` with each input's outcomes. Inputs in ``inexact`` are only
    required to have an outcome (a big file zipped may be refused whole as a bomb)."""
    failures = []
    if result.given != len(result.articles) + len(result.skipped):
        failures.append(
            Failure(
                "lost",
                inputs,
                f"given {result.given} != {len(result.articles)} + {len(result.skipped)}",
            )
        )
    ids = Counter(a.article_id for a in result.articles)
    dups = [i for i, c in ids.items() if c > 1]
    if dups:
        failures.append(Failure("invariant", inputs, f"duplicate article ids {dups[:3]}"))
    failures += _check_articles(result, inputs, keys, strip, per_input)
    failures += _check_skips(result, inputs, keys, per_input)
    for inp in inputs:
        failures += _check_input(result, inp, keys, strip, per_input, inexact)
    return failures


def _check_articles(
    result, inputs: list[Input], keys: dict[str, Input], strip: str, per_input: Outcomes
) -> list[Failure]:
    """Each article comes from one input and has encodable, non-blank fields."""
    failures = []
    for article in result.articles:
        path = article.path or ""
        if strip and path.startswith(strip):
            path = path[len(strip) :]
        found = owner(path, keys)
        if found is None:
            failures.append(Failure("lost", inputs, f"article from no input: path {path!r}"))
            continue
        per_input[found.index].append(None)
        bad = [
            name
            for name in ("article_id", "text", "title", "source", "dateline")
            if not encodable(getattr(article, name))
        ]
        if not article.text.strip() or bad:
            failures.append(
                Failure("invariant", [found], f"article {article.article_id!r}: bad {bad}")
            )
    return failures


def _check_skips(
    result, inputs: list[Input], keys: dict[str, Input], per_input: Outcomes
) -> list[Failure]:
    """Each skipped item comes from one input and has a reason in plain, encodable words."""
    failures = []
    for item, reason in result.skipped:
        found = owner(item, keys)
        if found is None:
            failures.append(Failure("lost", inputs, f"skipped item from no input: {item!r}"))
            continue
        per_input[found.index].append(reason)
        if not isinstance(reason, str) or not reason.strip() or not encodable(item + reason):
            failures.append(Failure("invariant", [found], f"bad skip {item!r}: {reason!r}"))
    return failures


def _check_input(
    result,
    inp: Input,
    keys: dict[str, Input],
    strip: str,
    per_input: Outcomes,
    inexact: set[int],
) -> list[Failure]:
    """One input has its outcomes: at least one, as many as it has items, its good
    articles loaded, and one for every entry of a zip."""
    failures = []
    got = per_input.get(inp.index, [])
    if not got:
        failures.append(Failure("lost", [inp], "no article and no skipped item"))
    loaded = got.count(None)
    if inp.articles is not None and loaded != inp.articles:
        why = [r for r in got if r][:2]
        failures.append(
            Failure("lost", [inp], f"good file: {loaded} of {inp.articles} loaded {why}")
        )
    if inp.items is not None and len(got) != inp.items and inp.index not in inexact:
        failures.append(Failure("lost", [inp], f"{len(got)} outcomes for {inp.items} items"))
    key = next(k for k, v in keys.items() if v is inp)
    for entry in inp.entries:
        entry_key = f"{key}!{entry}"
        if not any(
            (a.path or "").removeprefix(strip).startswith(entry_key) for a in result.articles
        ) and not any(i.startswith(entry_key) for i, _ in result.skipped):
            failures.append(Failure("lost", [inp], f"zip entry {entry!r} has no outcome"))
    return failures


def check_corpus(corpus, result) -> list[str]:
    """load_corpus agrees with read_source, and offsets point at their surfaces."""
    problems = []
    if len(corpus.articles) != len(result.articles):
        problems.append(f"{len(corpus.articles)} article rows for {len(result.articles)} loaded")
    if len(corpus.skipped) != len(result.skipped):
        problems.append(f"{len(corpus.skipped)} skipped rows for {len(result.skipped)} skipped")
    if set(corpus.articles["article_id"]) != {a.article_id for a in result.articles}:
        problems.append("article ids differ from read_source")
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"], strict=True))
    for name in ("mentions", "dates"):
        df = corpus.frames()[name]
        for aid, start, end, surface in zip(
            df["article_id"], df["start"], df["end"], df["surface"], strict=True
        ):
            if texts[aid][int(start) : int(end)] != surface:
                problems.append(f"{name}: text[{start}:{end}] != {surface!r} in {aid!r}")
                break
    sentences = corpus.sentences
    for aid, start, end, text in zip(
        sentences["article_id"],
        sentences["start"],
        sentences["end"],
        sentences["text"],
        strict=True,
    ):
        if texts[aid][int(start) : int(end)] != text:
            problems.append(f"sentences: text[{start}:{end}] != sentence text in {aid!r}")
            break
    return problems


# --------------------------------------------------------------------------- running


def zipped(inputs: list[Input]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for inp in inputs:
            archive.writestr(inp.name, inp.data)
    return buffer.getvalue()


def run_batch(
    inputs: list[Input],
    mode: str,
    work: Path,
    full: bool,
    timeout: float,
    sampler: MemorySampler | None = None,
) -> tuple[Outcomes, list[Failure], float, int]:
    """Read ``inputs`` together in ``mode`` (folder/uploads/zipped); -> (outcomes per
    input, failures, seconds, RSS growth while the loader ran)."""
    from dashboard import load_corpus
    from dashboard.readers import read_source

    folder = work / "batch"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    strip = ""
    keys: dict[str, Input]
    inexact: set[int] = set()
    if mode == "folder":
        for inp in inputs:
            (folder / inp.name).write_bytes(inp.data)
        source: object = folder
        strip = f"{folder}/"
        keys = {inp.name: inp for inp in inputs}
    elif mode == "uploads":
        source = [(inp.name, inp.data) for inp in inputs]
        keys = {inp.name: inp for inp in inputs}
    else:  # zipped: the good file beside the archive, the rest inside it
        good = [inp for inp in inputs if inp.family == "good"]
        rest = [inp for inp in inputs if inp.family != "good"]
        (folder / "batch.zip").write_bytes(zipped(rest))
        for inp in good:
            (folder / inp.name).write_bytes(inp.data)
        source = folder
        strip = f"{folder}/"
        keys = {f"batch.zip!{inp.name}": inp for inp in rest} | {inp.name: inp for inp in good}
        inexact = {inp.index for inp in rest if len(inp.data) >= MB}
    before = sampler.open_window() if sampler else 0
    started = time.perf_counter()
    failures: list[Failure] = []
    outcomes: Outcomes = defaultdict(list)
    try:
        with time_limit(timeout):
            result = read_source(source)
            failures += check_read(result, inputs, keys, strip, outcomes, inexact)
            if full:
                corpus = load_corpus(source, use_cache=False, workers=1)
                failures += [Failure("lost", inputs, p) for p in check_corpus(corpus, result)]
    except (Exception, Hang) as err:
        kind = "hang" if isinstance(err, Hang) else "crash"
        failures.append(Failure(kind, inputs, f"{type(err).__name__}: {err}"[:300]))
    seconds = time.perf_counter() - started
    growth = max(sampler.window, sampler.current()) - before if sampler else 0
    return outcomes, failures, seconds, growth


def blame(inputs: list[Input], work: Path, full: bool, timeout: float) -> list[Failure]:
    """Replay each input alone (as an upload) to find which one crashes or hangs."""
    found = []
    for inp in inputs:
        _, failures, _, _ = run_batch([inp], "uploads", work, full, timeout)
        found += [f for f in failures if f.kind in ("crash", "hang")]
    return found


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000, help="inputs to generate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=int, default=8, help="hostile inputs per batch")
    parser.add_argument(
        "--full-pipeline", action="store_true", help="also run load_corpus on every batch"
    )
    parser.add_argument("--huge-mb", type=float, default=20.0, help="size of a huge line")
    parser.add_argument(
        "--timeout",
        type=float,
        help="seconds a batch may take before it counts as a hang "
        "(default 120, or 900 with --full-pipeline)",
    )
    parser.add_argument("--only", type=int, nargs="*", help="replay these input indexes")
    parser.add_argument("--keep", type=Path, help="save the inputs of failing batches here")
    args = parser.parse_args()
    if args.timeout is None:
        args.timeout = 900.0 if args.full_pipeline else 120.0
    return args


@dataclass
class FuzzRun:
    """What a run found so far: per-family tallies, failures, the slowest batches."""

    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    failures: list[Failure] = field(default_factory=list)
    slowest: list[tuple[float, int, list[str]]] = field(default_factory=list)
    top_growth: tuple[int, list[str]] = (0, [])
    batches: int = 0

    def count_outcomes(self, inputs: list[Input], outcomes: Outcomes) -> None:
        for inp in inputs:
            t = self.tallies[inp.family]
            t.inputs += 1
            t.bytes += len(inp.data)
            t.largest = max(t.largest, len(inp.data))
            for outcome in outcomes.get(inp.index, []):
                if outcome is None:
                    t.loaded += 1
                else:
                    t.skipped += 1
                    t.reasons[outcome.split("(")[0].strip()[:70]] += 1

    def count_failures(self, failures: list[Failure], mode: str, keep: Path | None) -> None:
        for failure in failures:
            # A failure of one input counts in its family; of a whole batch, in "(batch)".
            family = failure.inputs[0].family if len(failure.inputs) == 1 else "(batch)"
            t = self.tallies[family]
            if failure.kind in ("crash", "hang"):
                t.crashes += 1
            elif failure.kind == "lost":
                t.lost += 1
            else:
                t.broken += 1
            print(
                f"FAIL {failure.kind}: {failure.detail} — inputs "
                f"{[i.index for i in failure.inputs]} ({mode})",
                file=sys.stderr,
            )
            if keep:
                keep.mkdir(parents=True, exist_ok=True)
                for inp in failure.inputs:
                    (keep / inp.name).write_bytes(inp.data)
        self.failures += failures


def _run_batch_of(
    run: FuzzRun,
    args: argparse.Namespace,
    number: int,
    at: int,
    indexes: list[int],
    work: Path,
    sampler: MemorySampler,
) -> None:
    """Generate, read and check one batch (hostile inputs and a good control file)."""
    inputs = [make_input(args.seed, i, args.huge_mb) for i in indexes[at : at + args.batch]]
    inputs.append(make_control(args.seed, number))
    modes = ["folder"] * 7 + ["uploads"] * 2 + ["zipped"]
    mode = "uploads" if args.only else random.Random(args.seed * 31 + number).choice(modes)
    outcomes, batch_failures, seconds, growth = run_batch(
        inputs, mode, work, args.full_pipeline, args.timeout, sampler
    )
    run.batches += 1
    named = [f"{i.name}({len(i.data):,} B)" for i in inputs]
    if growth > run.top_growth[0]:
        run.top_growth = (growth, named)
    run.slowest = sorted([*run.slowest, (seconds, number, named)], reverse=True)[:5]
    if any(f.kind in ("crash", "hang") for f in batch_failures) and len(inputs) > 1:
        culprits = blame(inputs, work, args.full_pipeline, args.timeout)
        batch_failures = [f for f in batch_failures if f.kind not in ("crash", "hang")]
        batch_failures += culprits or [
            Failure("crash", inputs, "crashes together, not alone (mode " + mode + ")")
        ]
    run.count_outcomes(inputs, outcomes)
    run.count_failures(batch_failures, mode, args.keep)


def _print_families(run: FuzzRun) -> None:
    header = (
        f"{'family':<16}{'inputs':>8}{'MB':>9}{'largest':>10}{'loaded':>9}{'skipped':>9}"
        f"{'crashes':>9}{'lost':>6}{'broken':>8}"
    )
    print(header)
    print("-" * len(header))
    total = Tally()
    for family in [name for name, _ in FAMILIES] + ["good", "(batch)"]:
        t = run.tallies.get(family)
        if t is None:
            continue
        print(
            f"{family:<16}{t.inputs:>8,}{t.bytes / MB:>9.1f}{t.largest / MB:>9.1f}M"
            f"{t.loaded:>9,}{t.skipped:>9,}{t.crashes:>9}{t.lost:>6}{t.broken:>8}"
        )
        for name in ("inputs", "bytes", "loaded", "skipped", "crashes", "lost", "broken"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
        total.largest = max(total.largest, t.largest)
    print("-" * len(header))
    print(
        f"{'total':<16}{total.inputs:>8,}{total.bytes / MB:>9.1f}{total.largest / MB:>9.1f}M"
        f"{total.loaded:>9,}{total.skipped:>9,}{total.crashes:>9}{total.lost:>6}{total.broken:>8}"
    )


def main() -> int:
    args = _arguments()
    sampler = MemorySampler()
    baseline = sampler.current()
    from dashboard import load_corpus  # noqa: F401  (imports counted in the baseline)
    from dashboard.readers import read_source  # noqa: F401

    if args.full_pipeline:  # models and gazetteers load once, before measuring
        load_corpus([("warm.txt", SENTENCES[0].encode())], use_cache=False, workers=1)
    baseline = sampler.current()
    sampler.peak = baseline
    sampler.start()

    indexes = args.only if args.only else list(range(args.n))
    run = FuzzRun()
    work = Path(tempfile.mkdtemp(prefix="fuzz-loader-"))
    started = time.perf_counter()
    try:
        for number, at in enumerate(range(0, len(indexes), args.batch)):
            _run_batch_of(run, args, number, at, indexes, work, sampler)
            if run.batches % 50 == 0:
                done = min(at + args.batch, len(indexes))
                print(
                    f"  {done:,}/{len(indexes):,} inputs, {time.perf_counter() - started:,.0f} s, "
                    f"peak RSS {sampler.peak / MB:,.0f} MB, failures {len(run.failures)}",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        sampler.stop()
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    high_water = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    print()
    what = "read_source + load_corpus" if args.full_pipeline else "read_source"
    print(
        f"fuzz_loader: {len(indexes):,} hostile inputs + {run.batches:,} good files in "
        f"{run.batches:,} batches, seed {args.seed}, {what}"
    )
    _print_families(run)
    print()
    print(
        f"time {elapsed:,.1f} s ({len(indexes) / max(elapsed, 1e-9):,.0f} inputs/s); "
        f"RSS baseline {baseline / MB:,.0f} MB, peak sampled {sampler.peak / MB:,.0f} MB "
        f"(+{(sampler.peak - baseline) / MB:,.0f} MB), kernel high-water {high_water / MB:,.0f} MB"
    )
    print(
        f"largest RSS growth while the loader ran (inputs already in memory): "
        f"{run.top_growth[0] / MB:,.0f} MB, batch: {', '.join(run.top_growth[1])}"
    )
    print("slowest batches:")
    for seconds, number, names in run.slowest:
        print(f"  {seconds:7.2f} s  batch {number}: {', '.join(names)}")
    print("most common skip reasons per family:")
    for family, t in sorted(run.tallies.items()):
        common = "; ".join(f"{r} ×{c}" for r, c in t.reasons.most_common(3))
        print(f"  {family}: {common}")
    if run.failures:
        print(f"\nFAILED: {len(run.failures)} failures (details above, on stderr)")
        return 1
    print("\nOK: no crash, no lost item")
    return 0


if __name__ == "__main__":
    sys.exit(main())
