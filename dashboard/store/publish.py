"""``publish(store_or_source, out)``: a read-only copy of a store for a deployment.

The copy holds only what the current generation lists, with no file over
``max_file_bytes`` (50 MB by default: what a Git host accepts without LFS): a batch whose
files are larger is split into batches of whole articles. Its manifest is marked
``published``; an ingest refuses it (update the original store and publish again).
A source that is not a store is first ingested into a temporary store.

``aggregates(store_folder)``, when given, returns further corpus-level tables the copy
carries (``dataset -> table``, e.g. ``dashboard.query.aggregates.published_aggregates``:
tables a deployment would otherwise compute at its first question). They are written
beside the frames and listed in the manifest's ``corpus``.
"""

from __future__ import annotations

import math
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from dashboard.ingest.progress import Progress
from dashboard.store.files import read_file, write_file
from dashboard.store.manifest import (
    BatchEntry,
    Manifest,
    StoreError,
    is_store,
    read_manifest,
    write_manifest,
)

MAX_FILE_BYTES = 50 * 1000 * 1000
#: ``aggregates(store_folder) -> {dataset: table}``: what a published copy carries besides
#: the frames.
Aggregates = Callable[[Path], Mapping[str, pa.Table]]


def publish(
    source: str | Path,
    out: str | Path,
    max_file_bytes: int = MAX_FILE_BYTES,
    workers: int | None = None,
    progress: Progress | None = None,
    aggregates: Aggregates | None = None,
) -> Manifest:
    """Write the published store of ``source`` (a store folder, or anything ``ingest``
    takes) to the new or empty folder ``out``, with the tables of ``aggregates`` when
    given; its manifest."""
    target = Path(out)
    if target.exists() and any(target.iterdir()):
        raise StoreError(f"{target}: the folder is not empty; publish into a new folder")
    if is_store(Path(source)):
        return _copy(Path(source), target, max_file_bytes, aggregates)
    from dashboard.store.writer import ingest

    with tempfile.TemporaryDirectory(prefix="ane-publish-") as tmp:
        ingest(source, Path(tmp) / "store", workers=workers, progress=progress)
        return _copy(Path(tmp) / "store", target, max_file_bytes, aggregates)


def _copy(
    folder: Path, target: Path, max_file_bytes: int, aggregates: Aggregates | None
) -> Manifest:
    manifest = read_manifest(folder)
    target.mkdir(parents=True, exist_ok=True)
    batches: dict[str, BatchEntry] = {}
    for name, batch in sorted(manifest.batches.items()):
        parts = _parts_needed(folder, batch, max_file_bytes)
        if parts == 1:
            batches[name] = BatchEntry(
                files={d: _copy_file(folder, target, rel) for d, rel in batch.files.items()},
                articles=batch.articles,
                analysed=batch.analysed,
            )
        else:
            batches.update(_split(folder, target, name, batch, parts))
    corpus = {}
    for dataset, rel in manifest.corpus.items():
        if (folder / rel).stat().st_size > max_file_bytes:
            raise StoreError(
                f"{folder}: {rel} is over {max_file_bytes:,} bytes and cannot be split"
            )
        corpus[dataset] = _copy_file(folder, target, rel)
    owner = f"published{manifest.generation:06d}"
    for dataset, table in (aggregates(folder) if aggregates else {}).items():
        corpus[dataset] = write_file(target, owner, dataset, table)
        if (target / corpus[dataset]).stat().st_size > max_file_bytes:
            raise StoreError(f"{target}: the aggregate {dataset} is over {max_file_bytes:,} bytes")
    holder = {}
    for name, batch in sorted(batches.items(), reverse=True):  # an input's first part wins
        if "articles" in batch.files:
            inputs = read_file(target, batch.files["articles"], ["input"]).column("input")
            holder.update(dict.fromkeys(pc.unique(inputs).to_pylist(), name))
    inputs = [replace(e, batch=holder.get(e.name, e.batch)) for e in manifest.inputs]
    published = replace(
        manifest, inputs=inputs, batches=batches, corpus=corpus, superseded=[], published=True
    )
    write_manifest(target, published)
    return published


def _copy_file(folder: Path, target: Path, rel: str) -> str:
    (target / rel).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / rel, target / rel)
    return rel


def _parts_needed(folder: Path, batch: BatchEntry, max_file_bytes: int) -> int:
    """Into how many parts of whole articles the batch must be cut (a margin of a tenth:
    parts differ in size)."""
    largest = max((folder / rel).stat().st_size for rel in batch.files.values())
    return max(1, math.ceil(largest * 1.1 / max_file_bytes))


def _split(
    folder: Path, target: Path, name: str, batch: BatchEntry, parts: int
) -> dict[str, BatchEntry]:
    """The batch cut into ``parts`` batches by article id (each article's rows together)."""
    tables = {d: read_file(folder, rel) for d, rel in batch.files.items()}
    ids = pc.unique(
        pa.chunked_array(
            [t.column("article_id").cast(pa.string()) for t in tables.values() if t.num_rows]
        )
    )
    ids = ids.take(pc.sort_indices(ids))
    size = math.ceil(len(ids) / parts)
    out: dict[str, BatchEntry] = {}
    for i in range(parts):
        group = ids[i * size : (i + 1) * size]
        if not len(group):
            break
        part_name = f"{name}p{i:03d}"
        files, counts = {}, {}
        for dataset, table in tables.items():
            rows = table.filter(pc.is_in(table.column("article_id").cast(pa.string()), group))
            counts[dataset] = rows.num_rows
            if rows.num_rows:
                files[dataset] = write_file(target, part_name, dataset, rows)
        out[part_name] = BatchEntry(
            files=files, articles=counts.get("articles", 0), analysed=counts.get("analysed", 0)
        )
    return out
