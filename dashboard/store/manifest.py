"""``manifest.json``: what a store holds, and the only list of files a reader opens.

Schema (format version 1)::

    {
      "format": "arabic-news-explorer-store", "format_version": 1,
      "store_id": "<16 hex>", "generation": 3, "updated": "<UTC ISO time>",
      "analysis_version": "<hex>", "linking_version": "<hex>", "source": "<abs path>",
      "inputs": [   # in source order (folders walked in sorted order)
        {"name": "sub/a.jsonl", "size": 1234, "digest": "<blake2b hex>",
         "batch": "b000002", "given": 10, "skipped": [["sub/a.jsonl:7", "reason"]],
         "too_long": []},
        {"name": "", "digest": "", "skipped": [["notes.pdf", "reason"]], ...}  # passed over
      ],
      "batches": {"b000002": {"files": {"articles": "data/...parquet", ...},
                              "articles": 10, "analysed": 9}},
      "corpus": {"actors": "data/...parquet", "mentions": "data/...parquet"},
      "superseded": [["data/...parquet", <unix time>]],  # deleted after a grace period
      "published": false          # true: a read-only copy (``publish``) that ingest refuses
    }

``write_manifest`` replaces the file atomically (a temporary file, fsync, ``os.replace``),
so a reader sees the old manifest or the new one, never a mix.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from dashboard.store.versions import FORMAT, FORMAT_VERSION, SUPPORTED_FORMAT_VERSIONS

MANIFEST = "manifest.json"
#: Temporary files a manifest is written to before it replaces the old one.
MANIFEST_TMP_PREFIX = ".manifest-"
#: What a store folder may hold besides the manifest (anything else: not a store).
STORE_ENTRIES = frozenset({MANIFEST, "data", "lock"})


class StoreError(Exception):
    """A folder that cannot be used as a store; the message names the folder and why."""


@dataclass
class InputEntry:
    """One input file: its name under the source, size, content digest, and the batch
    holding its articles; ``given`` items read, ``skipped`` (item, reason) pairs of the
    readers, ``too_long`` those of articles too long to analyse. An item passed over
    before reading (a hidden file, a PDF) is an entry without name or digest."""

    name: str
    size: int
    digest: str
    batch: str
    given: int = 0
    skipped: list[list[str]] = field(default_factory=list)
    too_long: list[list[str]] = field(default_factory=list)


@dataclass
class BatchEntry:
    """One batch: its file per dataset, its article rows and its analysed articles."""

    files: dict[str, str]
    articles: int = 0
    analysed: int = 0


@dataclass
class Manifest:
    """The parsed ``manifest.json`` (see the module docstring)."""

    store_id: str
    generation: int = 0
    analysis_version: str = ""
    linking_version: str = ""
    source: str = ""
    inputs: list[InputEntry] = field(default_factory=list)
    batches: dict[str, BatchEntry] = field(default_factory=dict)
    corpus: dict[str, str] = field(default_factory=dict)
    superseded: list[list] = field(default_factory=list)
    updated: str = ""
    published: bool = False
    format_version: int = FORMAT_VERSION

    def files(self) -> set[str]:
        """Every data file this manifest lists (relative to the store folder)."""
        listed = {f for b in self.batches.values() for f in b.files.values()}
        return listed | set(self.corpus.values())

    def to_json(self) -> str:
        body = {"format": FORMAT, **asdict(self)}
        return json.dumps(body, ensure_ascii=False, indent=1)


def new_manifest() -> Manifest:
    """The manifest of an empty store with a fresh id."""
    return Manifest(store_id=secrets.token_hex(8))


def _parse(folder: Path, raw: bytes) -> Manifest:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise StoreError(f"{folder}: {MANIFEST} is damaged (not valid JSON: {exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(
            f"{folder}: not an Arabic News Explorer store ({MANIFEST} is another program's)"
        )
    version = data.get("format_version")
    if version not in SUPPORTED_FORMAT_VERSIONS:
        raise StoreError(
            f"{folder}: store format version {version!r} is not supported by this version "
            f"of the dashboard (it reads version {', '.join(map(str, SUPPORTED_FORMAT_VERSIONS))}"
            "); upgrade the dashboard, or ingest the sources again into a new folder"
        )
    try:
        data.pop("format")
        data["inputs"] = [InputEntry(**e) for e in data["inputs"]]
        data["batches"] = {k: BatchEntry(**b) for k, b in data["batches"].items()}
        manifest = Manifest(**data)
        if not isinstance(manifest.generation, int) or not manifest.store_id:
            raise TypeError("generation or store_id")
    except (KeyError, TypeError, AttributeError) as exc:
        raise StoreError(
            f"{folder}: {MANIFEST} is damaged (missing or wrong field: {exc})"
        ) from exc
    return manifest


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the store ``folder``; :class:`StoreError` when it is missing,
    damaged, another program's, or of an unsupported format version."""
    path = folder / MANIFEST
    if not folder.is_dir():
        raise StoreError(f"{folder}: no such folder")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"{folder}: not a store (it has no {MANIFEST})") from None
    except OSError as exc:
        raise StoreError(f"{folder}: {MANIFEST} could not be read ({exc.strerror})") from exc
    return _parse(folder, raw)


def is_store(path: Path) -> bool:
    """True when ``path`` is a folder with a manifest (valid or not: opening says which)."""
    return path.is_dir() and (path / MANIFEST).is_file()


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Replace ``folder``'s manifest atomically (write, fsync, rename, fsync the folder)."""
    manifest.updated = datetime.now(UTC).isoformat(timespec="seconds")
    fd, tmp = tempfile.mkstemp(prefix=MANIFEST_TMP_PREFIX, suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(manifest.to_json())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, folder / MANIFEST)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
