"""The field-name vocabulary of structured exports: which names each article field goes by.

The names live in ``data/record_fields.tsv`` (a ``field``/``name`` table, read through
``dashboard.datafiles``), so the columns of a new export are added there, not in code.
Names are matched case-insensitively after stripping spaces and a byte-order mark; for
each field the first listed name a record holds a value under wins. The pseudo-field
``records`` lists the keys under which a JSON document holds its list of records.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from dashboard.datafiles import DataFileError, read_table, resolve

#: The article fields a record can fill (``RawArticle``'s, ``doc_id`` as "id").
ARTICLE_FIELDS = ("id", "text", "title", "date", "source", "dateline")
_RECORDS = "records"
#: The shipped table (``data/record_fields.tsv``).
FIELD_NAMES_TABLE = "record_fields.tsv"


def normal_field_name(key: str) -> str:
    """The form a record key or CSV header cell is matched in: stripped, lower-case."""
    return key.strip().lstrip("\ufeff").lower()


def read_field_names(table: str | Path = FIELD_NAMES_TABLE) -> dict[str, tuple[str, ...]]:
    """Field -> its names, in order, from a ``field``/``name`` table; every article field and
    ``records`` must have names, and no other field may appear (:class:`DataFileError`)."""
    names: dict[str, list[str]] = {}
    for field, name in read_table(table, ("field", "name"), header=True):
        if field not in (*ARTICLE_FIELDS, _RECORDS):
            raise DataFileError(f"{resolve(table)}: unknown field {field!r} (name {name!r})")
        names.setdefault(field, []).append(normal_field_name(name))
    missing = [f for f in (*ARTICLE_FIELDS, _RECORDS) if f not in names]
    if missing:
        raise DataFileError(f"{resolve(table)}: no names for {', '.join(missing)}")
    return {field: tuple(dict.fromkeys(listed)) for field, listed in names.items()}


@cache
def _names() -> dict[str, tuple[str, ...]]:
    return read_field_names()


def aliases(field: str) -> tuple[str, ...]:
    """The names of an article field (one of ``ARTICLE_FIELDS``), in order of preference.

    >>> aliases("title")[:2]
    ('title', 'headline')
    """
    return _names()[field]


def collection_keys() -> tuple[str, ...]:
    """Keys under which a JSON document holds its list of records (``articles``, ``data``...)."""
    return _names()[_RECORDS]


class FieldNameMemo:
    """Record keys -> field names (:func:`normal_field_name`), memoised: an export repeats
    the same dozen keys on every line. Bounded (``max_size`` keys, each at most 100
    characters), so records with endless distinct keys cannot grow it."""

    def __init__(self, max_size: int = 4096) -> None:
        self.names: dict[str, str] = {}
        self.max_size = max_size

    def name(self, key: str) -> str:
        """The field name of ``key``, remembered while there is room."""
        name = normal_field_name(key)
        if len(self.names) < self.max_size and len(key) <= 100:
            self.names[key] = name
        return name


#: The memo every reader shares (keys are the same across files of one export).
FIELD_NAMES = FieldNameMemo()
