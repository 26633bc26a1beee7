"""Readers: files, folders, zips and uploads -> raw articles plus a list of what was skipped.

    from dashboard.readers import read_source
    result = read_source("seeds/")            # or a file, a zip, a list, uploads
    result.articles   # list[RawArticle]: article_id, date, dateline, source, title, text, path
    result.skipped    # list[(item, reason)]
    result.given      # items found == len(articles) + len(skipped)

Formats (``formats``): wire-layout or plain ``.txt`` (``wire``), ``.jsonl``, ``.json``,
``.csv``/``.tsv`` (``records``, ``csvfile``; field names in ``fieldnames``, a record
to an article in ``record_fields``), ``.zip`` read in memory with caps (``archive``).
Encodings (``decode``): UTF-8 with or without BOM, UTF-16/32 with BOM, BOM-less UTF-16,
Windows-1256 and other legacy code pages via charset-normalizer. Dates in metadata:
``dashboard.readers.dates.parse_date_string``.
"""

from dashboard.readers.dates import parse_date_string
from dashboard.readers.model import DEFAULT_LIMITS, Limits, RawArticle, ReadResult
from dashboard.readers.sources import read_source

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "RawArticle",
    "ReadResult",
    "parse_date_string",
    "read_source",
]
