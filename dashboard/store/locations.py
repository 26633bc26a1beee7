"""Where the dashboard's corpora live (DESIGN.md, "The store", "Where").

* ``DASHBOARD_STORE=DIR`` — a store opened read-only: nothing is ingested or written
  (a deployment commits a published store and names it here). It wins over
  ``DASHBOARD_CORPUS``; when both are set the location names the source it ignored, so
  that the dashboard can say so.
* ``DASHBOARD_CORPUS=SOURCE`` (else the repository's ``seeds/``) — a source the server
  keeps a store of, at ``$DASHBOARD_CACHE/stores/<hash of the absolute source path>``
  (``DASHBOARD_CACHE`` else ``data/cache``), brought up to date by an ingest in a child
  process (``dashboard.store.child``). The cache's size cap (``dashboard.cache``) evicts
  only its own entries, never this folder.
* an upload — its files and a store in a temporary folder (:func:`new_upload`), deleted
  when the upload is dropped.

A relative path in either variable is taken from the repository root when it exists
there (a deployment runs from a checkout), else from the current folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath

from dashboard.paths import REPO_ROOT, cache_dir

STORE_ENV = "DASHBOARD_STORE"
CORPUS_ENV = "DASHBOARD_CORPUS"
#: The folder under the cache that holds the stores of named sources.
STORES = "stores"
#: Prefix of an upload's temporary folder (in the system's temporary folder).
UPLOAD_PREFIX = "ane-upload-"


@dataclass(frozen=True)
class Location:
    """Where the default corpus lives: its store folder and, unless the store is only
    read, the source ingested into it. ``ignored_corpus``: the value of
    ``DASHBOARD_CORPUS`` when ``DASHBOARD_STORE`` won over it (else empty)."""

    store: Path
    source: Path | None = None
    ignored_corpus: str = ""

    @property
    def read_only(self) -> bool:
        """True for a store named by ``DASHBOARD_STORE``: opened, never ingested into."""
        return self.source is None


def named_path(value: str, root: Path = REPO_ROOT) -> Path:
    """A path from an environment variable: ``~`` expanded; a relative path from ``root``
    when it exists there, else from the current folder."""
    path = Path(value.strip()).expanduser()
    if path.is_absolute():
        return path
    beside = root / path
    return beside if beside.exists() else Path.cwd() / path


def store_for_source(source: str | Path, cache: Path | None = None) -> Path:
    """The folder of the store the server keeps for ``source``:
    ``<cache>/stores/<16 hex of the absolute, resolved source path>``."""
    absolute = str(Path(source).expanduser().resolve())
    name = hashlib.blake2b(absolute.encode("utf-8"), digest_size=8).hexdigest()
    return (cache if cache is not None else cache_dir()) / STORES / name


def default_location(environ: Mapping[str, str] | None = None) -> Location:
    """The default corpus's location from ``environ`` (default: ``os.environ``); see the
    module docstring."""
    env = os.environ if environ is None else environ
    store = env.get(STORE_ENV, "").strip()
    corpus = env.get(CORPUS_ENV, "").strip()
    if store:
        return Location(store=named_path(store), ignored_corpus=corpus)
    source = named_path(corpus) if corpus else REPO_ROOT / "seeds"
    return Location(store=store_for_source(source), source=source)


def source_signature(source: Path) -> tuple[int, int, int]:
    """(files, bytes, latest modification in ns) of a source file or folder: a cheap
    sign that its inputs may have changed since the last ingest (the ingest itself
    compares contents); (0, 0, 0) for a missing source."""
    if source.is_file():
        stat = source.stat()
        return 1, stat.st_size, stat.st_mtime_ns
    files = size = latest = 0
    for folder, _, names in os.walk(source):
        for name in names:
            try:
                stat = os.stat(os.path.join(folder, name))
            except OSError:  # vanished meanwhile
                continue
            files, size, latest = files + 1, size + stat.st_size, max(latest, stat.st_mtime_ns)
    return files, size, latest


@dataclass(frozen=True)
class Upload:
    """An upload's folders, under one temporary folder ``root``: ``source`` holds the
    uploaded files (the child ingest reads them from disk), ``store`` their store."""

    root: Path

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def store(self) -> Path:
        return self.root / "store"

    def remove(self) -> None:
        """Delete the upload's files and store (missing is fine)."""
        shutil.rmtree(self.root, ignore_errors=True)


def new_upload(files: Iterable[tuple[str, bytes]], prefix: str = UPLOAD_PREFIX) -> Upload:
    """Write uploaded ``(name, content)`` files into a new temporary folder (the system's
    temporary folder: writable even where the checkout is not) and return its
    :class:`Upload`; the store folder is made by the ingest. A name keeps only its last
    part (a browser's name is not a path to follow), and a name given twice gets a
    number."""
    upload = Upload(Path(tempfile.mkdtemp(prefix=prefix)))
    upload.source.mkdir()
    taken: set[str] = set()
    for name, content in files:
        safe = upload_name(name, taken)
        taken.add(safe)
        (upload.source / safe).write_bytes(content)
    return upload


def upload_name(name: str, taken: set[str]) -> str:
    """``name``'s last path part, not hidden and not yet in ``taken`` ("a.txt", then
    "a-2.txt"): what an uploaded file is saved as."""
    last = PurePath(name.replace("\\", "/")).name.lstrip(".") or "upload"
    stem, dot, suffix = last.rpartition(".")
    if not dot:
        stem, suffix = last, ""
    candidate, n = last, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}.{suffix}" if suffix else f"{stem}-{n}"
    return candidate
