"""Structured exports -> articles: JSON Lines, JSON and CSV, one article per record.

Field names are matched case-insensitively, first present alias wins (see ``ALIASES``):
id, date (published, pubDate, ...), source (outlet, agency, ...), title (headline),
text (content, body, article, ...), dateline (city). A record without text is skipped
with a reason; everything else is optional. Unparseable dates leave the date unknown
(the record still loads).

Items: each non-blank JSONL line, each JSON record, each non-blank CSV row is one item.
A file that yields no record at all (empty, binary, no text column, invalid JSON) is one
skipped item. Ids: the record's own id, else ``file.jsonl:LINE``, ``file.csv:LINE`` (the
line the row starts on) or ``file.json#N`` (N-th record, from 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from dashboard.readers.dates import parse_date_string
from dashboard.readers.decode import (
    EMPTY,
    NotText,
    decode_bytes,
    decode_legacy,
    mostly_utf8,
    reads_as_text,
    sniff_encoding,
)
from dashboard.readers.model import Blob, Limits, RawArticle, Skip
from dashboard.readers.streams import CountedReader, TooLarge, human_size, read_capped
from dashboard.readers.streams import iter_byte_lines as _iter_byte_lines
from dashboard.readers.wire import ArticleFields

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "articleid", "doc_id", "docid", "docno", "guid", "uuid", "_id"),
    "text": (
        "text",
        "content",
        "body",
        "article",
        "article_text",
        "full_text",
        "fulltext",
        "maintext",
        "story",
        "article_body",
    ),
    "title": ("title", "headline", "heading", "header"),
    "date": (
        "date",
        "published",
        "pubdate",
        "pub_date",
        "published_at",
        "publishedat",
        "publish_date",
        "published_date",
        "date_published",
        "publication_date",
        "datetime",
        "date_time",
        "time",
        "timestamp",
        "created_at",
        "date_extracted",
        "time_raw",
    ),
    "source": ("source", "outlet", "agency", "publisher", "site", "source_name", "newspaper"),
    "dateline": ("dateline", "city", "place"),
}
NO_TEXT = "has no article text (no text, content, body or article field)"
_COLLECTION_KEYS = ("articles", "data", "items", "records", "documents", "docs", "results", "news")
_HEAD = 64 * 1024
_ENCODING_NAMES = {"utf-8": "UTF-8", "cp1256": "Windows-1256", "cp1252": "Windows-1252"}
# JSON can spell lone UTF-16 surrogates ("\ud800"); no text may hold them (they cannot be
# encoded as UTF-8, so they would break hashing, Parquet and the browser).
_SURROGATE = re.compile("[\ud800-\udfff]")
# parse_date_string looks at this many characters of a date field.
_DATE_HEAD = 200


def _clean(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD (the replacement character)."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def may_hold_surrogates(json_text: str) -> bool:
    """False when parsing ``json_text`` cannot give a string with a lone surrogate.

    Decoded text holds none (strict UTF-8 rejects them, the lenient decoders replace
    them), so only a ``\\u`` escape can make one; a line without any skips the
    per-field scan for them.
    """
    return "\\u" in json_text


# Record keys -> field names (stripped, lower-case), memoised: an export repeats the same
# dozen keys on every line. Bounded, so records with endless distinct keys cannot grow it.
_FIELD_NAMES: dict[str, str] = {}
_FIELD_NAMES_MAX = 4096


def _field_name(key: str) -> str:
    name = key.strip().lstrip("\ufeff").lower()
    if len(_FIELD_NAMES) < _FIELD_NAMES_MAX and len(key) <= 100:
        _FIELD_NAMES[key] = name
    return name


def _json_error(err: Exception, where: str = "line") -> str:
    """Plain words for why ``json.loads`` failed: "is not valid JSON (...)" and the like.
    ``where``: "line" reports the position as in a whole file, "column" within one line."""
    if isinstance(err, json.JSONDecodeError):
        at = f"column {err.colno}" if where == "column" else f"line {err.lineno} column {err.colno}"
        return f"is not valid JSON ({err.msg}, {at})"
    if isinstance(err, RecursionError):
        return "is nested too deeply (about 1,000 levels of [ ] or { }) to be an article"
    if "digits" in str(err):
        return "holds a number thousands of digits long; not read"
    return f"is not valid JSON ({str(err)[:200]})"


def _label(encoding: str) -> str:
    return _ENCODING_NAMES.get(encoding, encoding.upper())


def _scalar(value: Any) -> Any:
    """Unwrap ``{"$date": ...}`` (MongoDB exports) and ``{"name": ...}`` (NewsAPI source)."""
    for _ in range(2):
        if isinstance(value, Mapping):
            for key in ("$date", "$numberLong", "name", "title", "value"):
                if key in value:
                    value = value[key]
                    break
            else:
                return None
    return value


def _str_value(value: Any, clean: bool = True) -> str | None:
    if type(value) is str:  # the usual case, first: what the general path does to a str
        return (_clean(value) if clean else value).strip() or None
    value = _scalar(value)
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str | int | float):
        return _clean(str(value)).strip() or None
    return None


def _text_value(value: Any, clean: bool = True) -> str | None:
    if type(value) is str:
        return (_clean(value) if clean else value).strip() or None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n\n".join(v.strip() for v in value if v.strip())  # paragraphs
    if isinstance(value, str):
        return _clean(value).strip() or None
    return None


@lru_cache(maxsize=8192)
def _date_head(head: str) -> dt.date | None:
    return parse_date_string(head)


def _date_value(value: Any, clean: bool = True) -> dt.date | None:
    if type(value) is str:
        # parse_date_string reads the first 200 characters only; exports repeat dates,
        # so the parse is memoised on them.
        return _date_head(value[:_DATE_HEAD])
    return parse_date_string(_scalar(value))


def _first(fields: dict[str, Any], names: tuple[str, ...], convert, clean: bool) -> Any:
    """The converted value of the first of ``names`` in ``fields`` that converts to a value."""
    for name in names:
        if name in fields:
            value = convert(fields[name], clean)
            if value is not None:
                return value
    return None


def record_fields(record: Mapping, clean: bool = True) -> ArticleFields | str:
    """Map one record (JSON object or CSV row) to article fields, or a reason it has none.

    ``clean=False`` promises that no string in ``record`` holds a lone surrogate
    (``may_hold_surrogates`` of its JSON said so), which skips the scan for them.
    """
    fields: dict[str, Any] = {}
    known = _FIELD_NAMES.get
    for key, value in record.items():
        if isinstance(key, str):
            fields.setdefault(known(key) or _field_name(key), value)

    text = _first(fields, ALIASES["text"], _text_value, clean)
    if text is None:
        if any(name in fields for name in ALIASES["text"]):
            return "has an empty text field"
        return NO_TEXT
    return ArticleFields(
        text=text,
        date=_first(fields, ALIASES["date"], _date_value, clean),
        dateline=_first(fields, ALIASES["dateline"], _str_value, clean),
        source=_first(fields, ALIASES["source"], _str_value, clean),
        title=_first(fields, ALIASES["title"], _str_value, clean),
        doc_id=_first(fields, ALIASES["id"], _str_value, clean),
    )


def to_article(fields: ArticleFields, default_id: str, path: str | None) -> RawArticle:
    """An article from parsed fields; the record's own id wins over ``default_id``."""
    return RawArticle(
        article_id=fields.doc_id or default_id,
        date=fields.date,
        dateline=fields.dateline,
        source=fields.source,
        title=fields.title,
        text=fields.text,
        path=path,
    )


def _reader(blob: Blob, stream) -> CountedReader:
    cap = blob.cap
    reason = f"unpacks to more than {human_size(cap)}; not read further" if cap else ""
    return CountedReader(stream, cap, reason, blob.budget)


def _text_lines(
    read, head: bytes, encoding: str, bom: int, fallback: str | None, limits: Limits
) -> Iterator[tuple[int, str, str | None]]:
    """Yield ``(line_number, text, problem)``; ``problem`` says why a line is unusable.

    Lines are split on the bytes, so each is decoded on its own: a UTF-8 file with one
    Windows-1256 line loses nothing (that line is decoded with the fallback code page).
    """
    if encoding.startswith(("utf-16", "utf-32")):
        # Multi-byte newlines: read whole (bounded) and split the decoded text.
        rest = read_capped(read, limits.json_bytes)
        if rest is None:
            raise TooLarge(
                f"is {encoding.upper()} and larger than {human_size(limits.json_bytes)}; "
                "save it as UTF-8 to read it line by line"
            )
        text = (head + rest).decode(encoding, errors="replace").lstrip("\ufeff")
        for number, line in enumerate(text.split(_line_separator(text[:_HEAD])), start=1):
            yield number, line, None
        return
    sep = _line_separator(head).encode()
    detections = 0  # charset detection per bad line is slow: a few tries, then give up
    for number, raw in _iter_byte_lines(read, limits.line_bytes, first=head[bom:], sep=sep):
        if raw is None:
            yield number, "", f"is longer than {human_size(limits.line_bytes)}"
            continue
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            text = None
        if text is None and encoding == "utf-8":
            # A UTF-8 line with a broken character or two (not a line in a code page).
            text = mostly_utf8(raw, min_evidence=16)
        if text is not None:
            yield number, text, None
            continue
        if fallback is None and detections < 10:
            detections += 1
            found = decode_legacy(raw)
            fallback = found[1] if found else None
        if fallback is not None:
            text = raw.decode(fallback, errors="replace")
            if reads_as_text(text):
                yield number, text, None
                continue
        yield number, raw.decode(encoding, errors="replace"), f"is not valid {_label(encoding)}"


def _line_separator(head: str | bytes) -> str:
    """``"\r"`` for old Mac files (lines end in a lone CR), else ``"\n"`` (CRLF included:
    the CR left at the end of a line is blank space to JSON and CSV).

    Decided by how the first line ends: a CR-ended CSV may hold LFs inside quoted cells,
    as many as it has lines, so counting would not do.
    """
    cr, lf = (b"\r", b"\n") if isinstance(head, bytes) else ("\r", "\n")
    first_cr, first_lf = head.find(cr), head.find(lf)
    if first_cr < 0 or 0 <= first_lf < first_cr or first_cr == len(head) - 1:
        return "\n"
    return "\n" if head[first_cr + 1 : first_cr + 2] == lf else "\r"


def _open_lines(blob: Blob, stream, limits: Limits):
    """-> (line iterator, encoding) or a reason (str) the file cannot be read as lines."""
    reader = _reader(blob, stream)
    head = reader.read(_HEAD)
    if not head:
        return EMPTY
    try:
        encoding, bom, fallback = sniff_encoding(head)
    except NotText as err:
        return err.reason
    return _text_lines(reader.read, head, encoding, bom, fallback, limits), encoding


def _record_article(
    record: Any, item: str, where: str, path: str | None, clean: bool = True
) -> RawArticle | Skip:
    """One record (a JSONL line, an element of a JSON list, a CSV row) as an article with
    ``item`` as its default id, or a Skip whose reason starts with ``where`` ("line 3").
    ``clean``: as in :func:`record_fields`."""
    if not isinstance(record, dict):
        return Skip(item, f"{where} is not a JSON object")
    fields = record_fields(record, clean)
    if isinstance(fields, str):
        return Skip(item, f"{where} {fields}")
    return to_article(fields, item, path)


def read_jsonl(blob: Blob, limits: Limits) -> Iterator[RawArticle | Skip]:
    """One item per non-blank line: an article, or a skip naming the line."""
    with blob.open() as stream:
        opened = _open_lines(blob, stream, limits)
        if isinstance(opened, str):
            yield Skip(blob.name, opened)
            return
        lines, _ = opened
        seen = 0
        for number, line, problem in lines:
            if problem is None and (not line or line.isspace()):
                continue
            seen += 1
            item = f"{blob.name}:{number}"
            if problem:
                yield Skip(item, f"line {number} {problem}")
                continue
            try:
                record = json.loads(line)
            except (ValueError, RecursionError) as err:  # JSONDecodeError is a ValueError
                yield Skip(item, f"line {number} {_json_error(err, 'column')}")
                continue
            yield _record_article(
                record, item, f"line {number}", blob.path, may_hold_surrogates(line)
            )
        if not seen:
            yield Skip(blob.name, "the file holds only blank lines")


def _collection(doc: Any) -> list | None:
    """The list of records in a parsed JSON document, or None."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        lowered = {k.lower(): v for k, v in doc.items() if isinstance(k, str)}
        for key in _COLLECTION_KEYS:
            if isinstance(lowered.get(key), list):
                return lowered[key]
        for value in lowered.values():  # one level down: {"response": {"docs": [...]}}
            if isinstance(value, dict):
                inner = {k.lower(): v for k, v in value.items() if isinstance(k, str)}
                for key in _COLLECTION_KEYS:
                    if isinstance(inner.get(key), list):
                        return inner[key]
    return None


def read_json(blob: Blob, limits: Limits) -> Iterator[RawArticle | Skip]:
    """A list of records, ``{"articles": [...]}`` (or data/items/...), or one record."""
    with blob.open() as stream:
        data = read_capped(_reader(blob, stream).read, limits.json_bytes)
    if data is None:
        yield Skip(
            blob.name,
            f"is larger than {human_size(limits.json_bytes)}; a .json file is read whole, "
            "so save big exports as JSON Lines (.jsonl)",
        )
        return
    try:
        text, _ = decode_bytes(data)
    except NotText as err:
        yield Skip(blob.name, err.reason)
        return
    del data  # the document is held three times at most: text, then parsed objects
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data" and text.lstrip().startswith("{"):
            # JSON Lines saved with a .json name: read it line by line.
            encoded = text.encode("utf-8")
            del text
            memory = Blob(blob.name, blob.path, lambda: io.BytesIO(encoded), depth=blob.depth)
            yield from read_jsonl(memory, limits)
            return
        yield Skip(blob.name, _json_error(err))
        return
    except (ValueError, RecursionError) as err:
        yield Skip(blob.name, _json_error(err))
        return
    del text
    records = _collection(doc)
    if records is None:
        fields = record_fields(doc) if isinstance(doc, dict) else NO_TEXT
        if isinstance(fields, str):
            yield Skip(
                blob.name,
                'holds no articles: expected a list of records, {"articles": [...]} '
                "or one record with a text field",
            )
        else:
            yield to_article(fields, blob.name, blob.path)
        return
    if not records:
        yield Skip(blob.name, "holds an empty list: no articles")
        return
    for number, record in enumerate(records, start=1):
        yield _record_article(record, f"{blob.name}#{number}", f"record {number}", blob.path)


def _csv_error(err: csv.Error) -> str:
    """Plain words for the csv module's complaint about a row."""
    message = str(err)
    if "new-line character" in message:
        return "is not valid CSV: a line break inside a cell that is not in quotes"
    if "field larger than field limit" in message:
        return f"is not valid CSV: a cell is larger than {human_size(csv.field_size_limit())}"
    return f"is not valid CSV ({message})"


def _delimiter(head: str, default: str) -> str:
    first_line = head.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: (counts[d], d == default))
    return best if counts[best] else default


def _ensure_field_limit(limit: int) -> None:
    # The csv module's default (128 KB) is smaller than a long article.
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


class _CsvRows:
    """Rows of a CSV stream with the physical lines they span.

    Iterating yields ``(start_line, end_line, cells)``, or ``(start, end, csv.Error)`` for a
    row the csv module rejects. ``bad_lines`` lists lines that did not decode, and
    ``unclosed`` tells, once iteration ends, whether the last row opened a quote that never
    closed (the csv module then silently reads the rest of the file into one cell; an odd
    number of quote characters across a multi-line last row gives it away).
    """

    def __init__(self, lines, delimiter: str):
        self._lines = lines
        self._delimiter = delimiter
        self.bad_lines: list[int] = []
        self.unclosed = False
        self._quotes = 0

    def _source(self) -> Iterator[str]:
        for number, line, problem in self._lines:
            if problem:
                self.bad_lines.append(number)
            self._quotes += line.count('"')
            yield line + "\n"

    def __iter__(self):
        source = self._source()
        first = next(source, None)
        if first is None:
            return

        def rejoined() -> Iterator[str]:
            yield first
            yield from source

        rows = csv.reader(rejoined(), delimiter=_delimiter(first, self._delimiter))
        previous = 0  # the physical line the previous row ended on
        while True:
            quotes_before = self._quotes
            try:
                row: list[str] | csv.Error = next(rows)
            except StopIteration:
                return
            except csv.Error as err:
                row = err
            start, previous = previous + 1, max(rows.line_num, previous + 1)
            if isinstance(row, list) and previous > start:
                # Only the last row can hold an unclosed quote; it is known when the
                # source is exhausted, which the next ``next(rows)`` will tell.
                self.unclosed = (self._quotes - quotes_before) % 2 == 1
            else:
                self.unclosed = False
            yield start, previous, row


def _csv_record(
    blob: Blob,
    header: list[str],
    row: list[str],
    start: int,
    end: int,
    bad_lines: list[int],
    encoding: str,
) -> RawArticle | Skip:
    item = f"{blob.name}:{start}"
    if any(start <= n <= end for n in bad_lines):
        return Skip(item, f"row at line {start} is not valid {_label(encoding)} text")
    record: dict[str, str] = {}
    for name, cell in zip(header, row, strict=False):
        if name and not record.get(name):  # a repeated column: the first non-empty wins
            record[name] = cell
    return _record_article(record, item, f"row at line {start}", blob.path)


def read_csv(blob: Blob, limits: Limits, delimiter: str = ",") -> Iterator[RawArticle | Skip]:
    """A header row naming the fields, then one article per row (``.tsv``: tab-separated).

    Blank rows are not items; short rows leave fields empty and extra cells are ignored.
    """
    _ensure_field_limit(limits.line_bytes)
    with blob.open() as stream:
        opened = _open_lines(blob, stream, limits)
        if isinstance(opened, str):
            yield Skip(blob.name, opened)
            return
        lines, encoding = opened
        rows = _CsvRows(lines, delimiter)
        header: list[str] | None = None
        seen = 0
        # Each row's outcome is held back one step: the last row may turn out unclosed.
        pending: tuple[int, RawArticle | Skip] | None = None
        for start, end, row in rows:
            if pending is not None:
                yield pending[1]
                pending = None
            if isinstance(row, csv.Error):
                seen += 1
                yield Skip(f"{blob.name}:{start}", f"row at line {start} {_csv_error(row)}")
                continue
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().lstrip("\ufeff").lower() for cell in row]
                if not any(name in header for name in ALIASES["text"]):
                    shown = ", ".join(h for h in header if h)[:200] or "none"
                    yield Skip(
                        blob.name,
                        f"has no article text column (columns: {shown}); "
                        "expected one of text, content, body, article",
                    )
                    return
                continue
            seen += 1
            pending = start, _csv_record(blob, header, row, start, end, rows.bad_lines, encoding)
        if pending is not None:
            start, outcome = pending
            if rows.unclosed:
                outcome = Skip(
                    f"{blob.name}:{start}",
                    f'row at line {start} opens a quote (") that is never closed, so the rest '
                    "of the file ran into it; not read",
                )
            yield outcome
        if header is None and not seen:
            yield Skip(blob.name, "the file holds only blank lines")
        elif header is not None and not seen:
            yield Skip(blob.name, "has a header row but no articles")
