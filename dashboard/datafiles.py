"""One validated loader for the project's plain-text data files (``data/``).

Language knowledge lives in ``data/`` as small text files (CAMeL Tools keeps its
character maps the same way): word lists (``stopwords_ar.txt``), tables
(``lexicon_ar.tsv``, ``gazetteers/*.tsv``), patterns. They share one syntax:

- UTF-8; a line whose first non-blank character is ``#`` is a comment; blank lines are
  skipped;
- a table's fields are tab-separated; :func:`read_table` checks the number of fields on
  every line and says which file and line is wrong (:class:`DataFileError`);
- a table may start with a header line naming its columns (``header=True``): it must
  name exactly the columns asked for.

Everything that reads such a file goes through here, so a malformed file fails loudly
with its name and line instead of silently dropping rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from dashboard.paths import data_file


class DataFileError(ValueError):
    """A data file is missing or malformed; the message names the file and the line."""


def resolve(name: str | Path) -> Path:
    """``name`` relative to the data folder (``"gazetteers/aliases.tsv"``), or a path."""
    path = Path(name)
    return path if path.is_absolute() else data_file(*path.parts)


def content_lines(name: str | Path, *, required: bool = True) -> Iterator[tuple[int, str]]:
    """(line number, line) of every line that is not blank and not a ``#`` comment.

    The line keeps its inner spacing; only the line break and trailing spaces are cut.
    A missing file raises :class:`DataFileError`, or yields nothing when ``required`` is
    false (optional lists such as an analyst's additions).
    """
    path = resolve(name)
    if not path.exists():
        if required:
            raise DataFileError(f"{path}: data file not found")
        return
    with path.open(encoding="utf-8") as fh:
        for number, raw in enumerate(fh, start=1):
            line = raw.rstrip("\r\n").rstrip(" ")
            stripped = line.lstrip()
            if stripped and not stripped.startswith("#"):
                yield number, line


def read_lines(name: str | Path, *, required: bool = True) -> list[str]:
    """The content lines of a list file, stripped (one entry a line)."""
    return [line.strip() for _, line in content_lines(name, required=required)]


def read_words(name: str | Path, *, required: bool = True) -> list[str]:
    """Every whitespace-separated word of the content lines (a word list)."""
    return [w for _, line in content_lines(name, required=required) for w in line.split()]


def read_table(
    name: str | Path,
    columns: Sequence[str],
    *,
    header: bool = False,
    min_fields: int | None = None,
    required: bool = True,
) -> list[tuple[str, ...]]:
    """The rows of a tab-separated table, each a tuple of ``len(columns)`` strings.

    ``header``: the first content line names the columns and must equal ``columns``.
    ``min_fields``: rows may leave the last columns out (they become ``""``); by default
    every row has all of them. More fields than columns is always an error.
    """
    want = len(columns)
    least = want if min_fields is None else min_fields
    rows: list[tuple[str, ...]] = []
    lines = content_lines(name, required=required)
    if header:
        first = next(lines, None)
        if first is None:
            if required:
                raise DataFileError(f"{resolve(name)}: empty table, expected a header")
            return rows
        number, line = first
        if tuple(line.split("\t")) != tuple(columns):
            raise DataFileError(
                f"{resolve(name)} line {number}: header {line.split(chr(9))} "
                f"is not the expected columns {list(columns)}"
            )
    for number, line in lines:
        fields = line.split("\t")
        if not least <= len(fields) <= want:
            raise DataFileError(
                f"{resolve(name)} line {number}: {len(fields)} tab-separated fields, "
                f"expected {want} ({', '.join(columns)})"
            )
        rows.append(tuple(fields) + ("",) * (want - len(fields)))
    return rows
