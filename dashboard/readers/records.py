"""Structured exports in JSON -> articles: JSON Lines and JSON, one article per record.

Field names are matched as ``dashboard.readers.fieldnames`` says (id, date, source,
title, text, dateline and their aliases); a record becomes an article through
``dashboard.readers.record_fields``. A record without text is skipped with a reason;
everything else is optional. CSV exports are read by ``dashboard.readers.csvfile``.

Items: each non-blank JSONL line and each JSON record is one item. A file that yields no
record at all (empty, binary, invalid JSON) is one skipped item. Ids: the record's own
id, else ``file.jsonl:LINE`` or ``file.json#N`` (N-th record, from 1).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from dashboard.readers.decode import NotText, decode_bytes
from dashboard.readers.fieldnames import collection_keys
from dashboard.readers.lines import capped_reader, open_lines
from dashboard.readers.model import Blob, Limits, RawArticle, Skip
from dashboard.readers.record_fields import (
    NO_TEXT,
    may_hold_surrogates,
    record_article,
    record_fields,
    to_article,
)
from dashboard.readers.streams import human_size, read_capped


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


def read_jsonl(blob: Blob, limits: Limits) -> Iterator[RawArticle | Skip]:
    """One item per non-blank line: an article, or a skip naming the line."""
    with blob.open() as stream:
        opened = open_lines(blob, stream, limits)
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
            yield record_article(
                record, item, f"line {number}", blob.path, may_hold_surrogates(line)
            )
        if not seen:
            yield Skip(blob.name, "the file holds only blank lines")


def _lowered(mapping: dict) -> dict[str, Any]:
    """The string keys of ``mapping`` lower-cased (of keys equal but for case, the last wins)."""
    return {k.lower(): v for k, v in mapping.items() if isinstance(k, str)}


def _records_under(lowered: dict[str, Any]) -> list | None:
    for key in collection_keys():
        if isinstance(lowered.get(key), list):
            return lowered[key]
    return None


def _collection(doc: Any) -> list | None:
    """The list of records in a parsed JSON document, or None."""
    if isinstance(doc, list):
        return doc
    if not isinstance(doc, dict):
        return None
    lowered = _lowered(doc)
    found = _records_under(lowered)
    for value in lowered.values():  # one level down: {"response": {"docs": [...]}}
        if found is not None:
            break
        if isinstance(value, dict):
            found = _records_under(_lowered(value))
    return found


def read_json(blob: Blob, limits: Limits) -> Iterator[RawArticle | Skip]:
    """A list of records, ``{"articles": [...]}`` (or data/items/...), or one record."""
    with blob.open() as stream:
        data = read_capped(capped_reader(blob, stream).read, limits.json_bytes)
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
    yield from _document_items(blob, doc)


def _document_items(blob: Blob, doc: Any) -> Iterator[RawArticle | Skip]:
    """The items of a parsed JSON document: one per record, or the document as one record."""
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
        yield record_article(record, f"{blob.name}#{number}", f"record {number}", blob.path)
