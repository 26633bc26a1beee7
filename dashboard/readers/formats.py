"""Which files are read, as what, and which are passed over (with the reason shown to users).

- ``.txt``, ``.text`` and files without an extension: one article (wire layout or plain
  text; a ``<DOC>`` file may hold several);
- ``.jsonl``/``.ndjson``: one article per line; ``.json``: a list of records,
  ``{"articles": [...]}`` or one record; ``.csv``/``.tsv``: one article per row;
- ``.zip``: every file inside, read in memory (never extracted), one level of nested zips;
- ``.gz`` of any of the above but a zip (``news.jsonl.gz``), decompressed as it is read,
  with the caps of a zip entry;
- anything else is skipped: "'.pdf' is not a supported format: ...".

Hidden files and folders (name starting with '.'), macOS ``__MACOSX`` folders and
``._*`` resource forks, ``Thumbs.db`` and ``desktop.ini`` are metadata a file manager or
archiver added, not articles: they are skipped with a reason (a hidden folder is one
skipped item, its content is not listed). A file the user names directly is always read.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from dashboard.readers.model import Limits

TEXT, JSONL, JSON, CSV, TSV, ZIP = "text", "jsonl", "json", "csv", "tsv", "zip"
_KINDS = {
    ".txt": TEXT,
    ".text": TEXT,
    "": TEXT,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".jsonlines": JSONL,
    ".json": JSON,
    ".csv": CSV,
    ".tsv": TSV,
    ".zip": ZIP,
}
SUPPORTED = "use .txt, .jsonl, .json, .csv or .zip"
_SYSTEM_FILES = {"thumbs.db", "desktop.ini"}


def kind_of(name: str) -> str | None:
    """The reader for a file name (by extension, case-insensitive), or None if unsupported."""
    return _KINDS.get(PurePosixPath(name).suffix.lower())


def unsupported_reason(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return f"{suffix} is not a supported format: {SUPPORTED}"


def passed_over(name: str, is_dir: bool = False) -> str | None:
    """Why a file or folder found inside a folder or archive is not read, or None to read it.

    ``name`` is the last part of the path (for archive entries, any part may be checked).
    """
    lowered = name.lower()
    if name == "__MACOSX":
        return "macOS metadata folder (__MACOSX), not articles"
    if name.startswith("._"):
        return "macOS resource fork (._ file), not an article"
    if name.startswith("."):
        return "hidden folder, not read" if is_dir else "hidden file, not read"
    if lowered in _SYSTEM_FILES:
        return "system file, not an article"
    return None


def size_cap(kind: str, limits: Limits, in_archive: bool) -> int | None:
    """Largest uncompressed size read for a file of ``kind`` (None: streamed, no cap)."""
    if kind in (TEXT, ZIP):
        return limits.article_bytes if kind == TEXT or in_archive else None
    if kind == JSON:
        return limits.json_bytes
    return limits.stream_entry_bytes if in_archive else None
