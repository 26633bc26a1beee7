"""One record (a JSON object or a CSV row) -> article fields -> a ``RawArticle``.

Field names are those of ``dashboard.readers.fieldnames``. Values are converted
leniently: ``{"$date": ...}`` (MongoDB) and ``{"name": ...}`` (NewsAPI) are unwrapped, a
list of strings as text is a list of paragraphs, numbers become strings, unparseable
dates leave the date unknown. A record without text gets a reason instead of fields.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from dashboard.readers.dates import parse_date_string
from dashboard.readers.fieldnames import FIELD_NAMES, aliases
from dashboard.readers.model import RawArticle, Skip
from dashboard.readers.wire import ArticleFields

NO_TEXT = "has no article text (no text, content, body or article field)"
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


def _first(
    fields: dict[str, Any], names: tuple[str, ...], convert: Callable[[Any, bool], Any], clean: bool
) -> Any:
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
    known, name_of = FIELD_NAMES.names.get, FIELD_NAMES.name
    for key, value in record.items():
        if isinstance(key, str):
            fields.setdefault(known(key) or name_of(key), value)

    text_names = aliases("text")
    text = _first(fields, text_names, _text_value, clean)
    if text is None:
        if any(name in fields for name in text_names):
            return "has an empty text field"
        return NO_TEXT
    return ArticleFields(
        text=text,
        date=_first(fields, aliases("date"), _date_value, clean),
        dateline=_first(fields, aliases("dateline"), _str_value, clean),
        source=_first(fields, aliases("source"), _str_value, clean),
        title=_first(fields, aliases("title"), _str_value, clean),
        doc_id=_first(fields, aliases("id"), _str_value, clean),
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


def record_article(
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
