"""CSV and TSV exports -> articles: a header row naming the fields, then one article a row.

Field names are matched as ``dashboard.readers.fieldnames`` says; a row becomes an article
through ``dashboard.readers.record_fields``. Each non-blank row is one item, its id the
record's own or ``file.csv:LINE`` (the line the row starts on). A file that yields no
row at all (empty, binary, no text column) is one skipped item.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from dashboard.readers.fieldnames import aliases, normal_field_name
from dashboard.readers.lines import Line, encoding_label, open_lines
from dashboard.readers.model import Blob, Limits, RawArticle, Skip
from dashboard.readers.record_fields import record_article
from dashboard.readers.streams import human_size

#: One row as the csv module read it: (first line, last line, cells or the csv error).
Row = tuple[int, int, list[str] | csv.Error]


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


class CsvRows:
    """Rows of a CSV stream with the physical lines they span.

    Iterating yields ``(start_line, end_line, cells)``, or ``(start, end, csv.Error)`` for a
    row the csv module rejects. ``bad_lines`` lists lines that did not decode, and
    ``unclosed`` tells, once iteration ends, whether the last row opened a quote that never
    closed (the csv module then silently reads the rest of the file into one cell; an odd
    number of quote characters across a multi-line last row gives it away).
    """

    def __init__(self, lines: Iterator[Line], delimiter: str):
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

    def __iter__(self) -> Iterator[Row]:
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
        return Skip(item, f"row at line {start} is not valid {encoding_label(encoding)} text")
    record: dict[str, str] = {}
    for name, cell in zip(header, row, strict=False):
        if name and not record.get(name):  # a repeated column: the first non-empty wins
            record[name] = cell
    return record_article(record, item, f"row at line {start}", blob.path)


def _no_text_column(blob: Blob, header: list[str]) -> Skip | None:
    """The skip for a header row naming no text column, or None."""
    if any(name in header for name in aliases("text")):
        return None
    shown = ", ".join(h for h in header if h)[:200] or "none"
    return Skip(
        blob.name,
        f"has no article text column (columns: {shown}); "
        "expected one of text, content, body, article",
    )


def _unclosed(blob: Blob, start: int) -> Skip:
    return Skip(
        f"{blob.name}:{start}",
        f'row at line {start} opens a quote (") that is never closed, so the rest '
        "of the file ran into it; not read",
    )


def read_csv(blob: Blob, limits: Limits, delimiter: str = ",") -> Iterator[RawArticle | Skip]:
    """A header row naming the fields, then one article per row (``.tsv``: tab-separated).

    Blank rows are not items; short rows leave fields empty and extra cells are ignored.
    """
    _ensure_field_limit(limits.line_bytes)
    with blob.open() as stream:
        opened = open_lines(blob, stream, limits)
        if isinstance(opened, str):
            yield Skip(blob.name, opened)
            return
        lines, encoding = opened
        rows = CsvRows(lines, delimiter)
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
                header = [normal_field_name(cell) for cell in row]
                refused = _no_text_column(blob, header)
                if refused is not None:
                    yield refused
                    return
                continue
            seen += 1
            pending = start, _csv_record(blob, header, row, start, end, rows.bad_lines, encoding)
        if pending is not None:
            yield _unclosed(blob, pending[0]) if rows.unclosed else pending[1]
        if not seen:
            yield Skip(
                blob.name,
                "the file holds only blank lines"
                if header is None
                else "has a header row but no articles",
            )
