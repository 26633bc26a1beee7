"""``ingest(source, store)``: create or update a store incrementally.

What one run does, under the store's lock:

1. list the inputs (``readers.list_inputs``: folders in sorted order) and hash each one;
   an input whose digest the manifest already has is not read again;
2. read the new and changed inputs (a JSONL with appended records is read whole, which is
   cheap; only its new records are analysed) and drop the rows of vanished inputs;
3. over every article, in source order (input, then record): ids made unique as
   ``read_source`` makes them, then ``duplicate_of``;
4. analyse (stage 1, ``ingest.runner``) only the originals without stored results: an
   article keeps its stored results (statements, the quotes before their speakers are
   named, included) while its text and date are unchanged. On a Dask cluster
   (``ingest.cluster``) each task analyses a slice of them and writes it as a partition
   (``<batch>p0000``...: stage-1 files only) in the shared store folder;
5. write the new batch; rewrite an old batch only where its rows changed (an input gone,
   an article now a duplicate, an id renamed), and merge small batches;
6. re-run linking over every stored candidate (so old batches' actors may change), and
   name the speakers of every stored statement by the new mentions (``quotes``);
7. replace the manifest last, atomically; delete files superseded more than
   ``grace_s`` seconds ago (a reader of the previous generation keeps its files).

A new analysis version (model, gazetteers, word lists) starts the store afresh; a new
linking version (``data/actor_overrides.toml``) only re-links.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.arabic.normalize import normalize
from dashboard.ingest.assemble import assemble
from dashboard.ingest.cluster import (
    Cluster,
    ClusterError,
    checked_call,
    partition_sizes,
    shared_path,
)
from dashboard.ingest.corpus_level import attribute_quotes, derived_tables, link_actors
from dashboard.ingest.duplicates import first_of, text_key
from dashboard.ingest.ids import sentence_ids
from dashboard.ingest.progress import Progress, Reporter
from dashboard.ingest.read import (
    ARTICLE_COLUMNS,
    MAX_ARTICLE_CHARS,
    articles_frame,
    too_long_reason,
)
from dashboard.ingest.runner import few_collections, run_batches
from dashboard.readers.model import Blob, RawArticle, Skip
from dashboard.readers.sources import list_inputs, read_input, unique_ids
from dashboard.store.files import DATA, STORE_COLUMNS, concat, read_file, write_file
from dashboard.store.lock import store_lock
from dashboard.store.manifest import (
    MANIFEST,
    MANIFEST_TMP_PREFIX,
    STORE_ENTRIES,
    BatchEntry,
    InputEntry,
    Manifest,
    StoreError,
    new_manifest,
    read_manifest,
    write_manifest,
)
from dashboard.store.versions import analysis_version, linking_version

#: Superseded files live this long after the manifest stops listing them (readers of the
#: previous generation may still be reading them).
GRACE_S = float(os.environ.get("DASHBOARD_STORE_GRACE_S", "600"))
#: Batches with fewer articles are merged once there are this many of them.
SMALL_BATCH_ARTICLES = 1000
SMALL_BATCHES_TO_MERGE = 4
#: Most articles one cluster task analyses (and one partition holds).
PARTITION_MAX_ARTICLES = 2000
#: Most articles analysed at once in this process: stage 1's frames of a slice are held
#: whole (pandas, ~2 GB at this size), so a larger ingest is cut into slices, each
#: written as a partition (``<batch>p0000``...), and its peak no longer grows with it
#: (300,000 articles in one piece peaked at 20 GB).
ANALYSE_SLICE_ARTICLES = 30_000
#: Stage-1 datasets of a batch (rows of analysed articles only), and what keys their rows.
STAGE1 = ("sentences", "terms", "dates", "candidates", "statements", "analysed")
#: Columns of a batch's ``articles`` file besides the contract's (dropped on load).
ARTICLE_EXTRAS = list(STORE_COLUMNS["articles"])
CATALOG = ["article_id", "duplicate_of", *ARTICLE_EXTRAS]
#: One short article that makes stage 1 load all it reads from ``data/`` (recogniser,
#: gazetteers, quote lexicon, date tables, word lists): ``stage1_warm_up``.
WARM_UP_TEXT = "قال الرئيس محمد عبد الله في القاهرة يوم الأحد 5 آذار 2024: «سنواصل العمل»."
#: Test hook: just before the manifest is replaced, wait this many seconds, or until this
#: file exists (two minutes at most); the fault tests kill or race an ingest there.
PAUSE_ENV = "DASHBOARD_STORE_TEST_PAUSE"


@dataclass
class IngestResult:
    """What a run did: the generation now current, and counts of its work."""

    store_id: str
    generation: int
    inputs: int
    read: int
    removed: int
    analysed: int
    articles: int
    relinked: bool
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class _Listed:
    """A current input: its reader blob, size and content digest."""

    blob: Blob
    size: int
    digest: str


def _digest(blob: Blob) -> tuple[int, str]:
    h = hashlib.blake2b(digest_size=16)
    size = 0
    with blob.open() as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return size, h.hexdigest()


def analysis_key(text: str, day: object) -> bytes:
    """16 bytes naming what stage 1 reads of an article: its text and its date."""
    stamp = "" if day is None or pd.isna(day) else str(pd.Timestamp(day).date())
    return hashlib.blake2b(f"{stamp}\0{text}".encode(), digest_size=16).digest()


def _prepare(folder: Path) -> None:
    """Create the store folder, or check that an existing one is a store (or empty)."""
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / MANIFEST).exists():
        return
    foreign = sorted(
        p.name
        for p in folder.iterdir()
        if p.name not in STORE_ENTRIES and not p.name.startswith(MANIFEST_TMP_PREFIX)
    )
    if foreign:
        raise StoreError(
            f"{folder}: not a store and not empty (it holds {', '.join(foreign[:3])}"
            f"{'…' if len(foreign) > 3 else ''}); give an empty or new folder"
        )


def ingest(
    source: object,
    store: str | Path,
    workers: int | None = None,
    progress: Progress | None = None,
    grace_s: float | None = None,
    cluster: Cluster | None = None,
) -> IngestResult:
    """Create or update the store folder ``store`` from ``source`` (a file or folder,
    as ``load_corpus`` takes); see the module docstring. ``workers``: stage 1's pool size.
    ``grace_s``: keep superseded files this long (default :data:`GRACE_S`). ``cluster``:
    an open Dask cluster whose workers run stage 1 and write its partitions instead.
    Raises :class:`StoreError` for a folder that is not a store."""
    folder = Path(store)
    _prepare(folder)

    def waiting() -> None:
        print(f"{folder}: another ingest is running; waiting for it", file=sys.stderr)

    with store_lock(folder, waiting=waiting):
        old = read_manifest(folder) if (folder / MANIFEST).exists() else new_manifest()
        if old.published:
            raise StoreError(
                f"{folder}: a published store is read-only; ingest into the store it was "
                "published from and publish again"
            )
        run = _Run(
            folder,
            old,
            Reporter(progress),
            workers,
            GRACE_S if grace_s is None else grace_s,
            cluster,
        )
        with few_collections():
            return run.execute(source)


class _Run:
    """One ingest: the old manifest, the new one being built, the files it supersedes."""

    def __init__(
        self,
        folder: Path,
        old: Manifest,
        report: Reporter,
        workers: int | None,
        grace_s: float,
        cluster: Cluster | None = None,
    ) -> None:
        self.folder, self.old, self.report, self.workers = folder, old, report, workers
        self.cluster = cluster
        self.grace_s = grace_s
        self.started = time.perf_counter()
        self.timings: dict[str, float] = {}
        self.analysis = analysis_version()
        self.linking = linking_version(self.analysis)
        self.fresh = old.analysis_version != self.analysis
        self.batches: dict[str, BatchEntry] = {} if self.fresh else dict(old.batches)
        self.superseded: list[str] = []
        self.analysed = 0
        self.source = ""

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = now - self.started - sum(self.timings.values())

    # ------------------------------------------------------------------ the run

    def execute(self, source: object) -> IngestResult:
        if self.cluster is not None:  # the workers load the model while this reads
            self.cluster.warm(checked_call, analysis_version, self.analysis, stage1_warm_up)
        self.source = str(Path(source).resolve()) if isinstance(source, str | os.PathLike) else ""
        entries = list_inputs(source)
        listed = self._hash_inputs(entries)
        old_inputs = {} if self.fresh else {e.name: e for e in self.old.inputs if e.digest}
        changed = [
            n
            for n, item in listed.items()
            if n not in old_inputs or old_inputs[n].digest != item.digest
        ]
        gone = [n for n in old_inputs if n not in listed]
        self.lap("list")
        old_skips = [s for e in self.old.inputs if not e.digest for s in e.skipped]
        same_skips = old_skips == [[e.item, e.reason] for e in entries if isinstance(e, Skip)]
        if (
            not (changed or gone or self.fresh)
            and same_skips
            and self.old.linking_version == self.linking
        ):
            return self._unchanged(len(listed))
        fresh_rows, read_skips = self._read(listed, changed)
        self.lap("read")
        catalog, old_catalog = self._catalog(entries, fresh_rows, set(listed) - set(changed))
        plan = _reuse_plan(catalog, self._stored("analysed", ["article_id", "analysis_key"]))
        self.lap("plan")
        self._new_batch(catalog, fresh_rows, plan)
        self._rewrite_old(catalog, plan, set(changed) | set(gone))
        self._compact()
        self.lap("write")
        corpus_files = self._link(catalog)
        self.lap("link")
        manifest = self._manifest(entries, listed, read_skips, corpus_files)
        self._commit(manifest)
        self.lap("commit")
        return IngestResult(
            store_id=manifest.store_id,
            generation=manifest.generation,
            inputs=len(listed),
            read=len(changed),
            removed=len(gone),
            analysed=self.analysed,
            articles=len(catalog),
            relinked=True,
            seconds=time.perf_counter() - self.started,
            timings=self.timings,
        )

    def _unchanged(self, n_inputs: int) -> IngestResult:
        """Nothing to do but delete what has outlived its grace period."""
        manifest = self.old
        if self._expire(manifest):
            write_manifest(self.folder, manifest)
        n = sum(b.articles for b in manifest.batches.values())
        self.report("done", n, n)
        return IngestResult(
            store_id=manifest.store_id,
            generation=manifest.generation,
            inputs=n_inputs,
            read=0,
            removed=0,
            analysed=0,
            articles=n,
            relinked=False,
            seconds=time.perf_counter() - self.started,
            timings=self.timings,
        )

    # ------------------------------------------------------------------ reading

    def _hash_inputs(self, entries: list[Blob | Skip]) -> dict[str, _Listed]:
        blobs = [e for e in entries if isinstance(e, Blob)]
        listed: dict[str, _Listed] = {}
        for i, blob in enumerate(blobs):
            self.report("reading", i, len(blobs))
            try:
                size, digest = _digest(blob)
            except OSError:
                size, digest = -1, f"unreadable-{time.time_ns()}"  # read again: it says why
            listed[blob.name] = _Listed(blob, size, digest)
        self.report("reading", len(blobs), len(blobs))
        return listed

    def _read(
        self, listed: dict[str, _Listed], changed: list[str]
    ) -> tuple[pd.DataFrame, dict[str, tuple[int, list[list[str]], list[list[str]]]]]:
        """Articles of the changed inputs (with the store's extra columns), and per input
        (items given, reader skips, too-long skips)."""
        frames = []
        skips: dict[str, tuple[int, list[list[str]], list[list[str]]]] = {}
        for name in changed:
            read = read_input(listed[name].blob)
            kept = [a for a in read.articles if len(a.text) <= MAX_ARTICLE_CHARS]
            long = [
                [a.path or a.article_id, too_long_reason(len(a.text))]
                for a in read.articles
                if len(a.text) > MAX_ARTICLE_CHARS
            ]
            skips[name] = (read.given, [list(s) for s in read.skipped], long)
            df = articles_frame(kept)
            df["input"] = name
            df["record"] = np.arange(len(df), dtype=np.int64)
            df["raw_id"] = df["article_id"]
            texts = df["text"].tolist()
            df["text_key"] = [text_key(t) for t in texts]
            df["analysis_key"] = [
                analysis_key(t, d) for t, d in zip(texts, df["date"].tolist(), strict=True)
            ]
            frames.append(df)
        rows = pd.concat(frames, ignore_index=True) if frames else _empty_articles()
        return rows, skips

    def _stored(self, dataset: str, columns: list[str] | None = None) -> pd.DataFrame:
        """``dataset`` of every batch the run started from, with a ``batch`` column."""
        parts = []
        for name, batch in self.batches.items():
            if dataset in batch.files:
                df = read_file(self.folder, batch.files[dataset], columns).to_pandas()
                parts.append(df.assign(batch=name))
        return (
            pd.concat(parts, ignore_index=True)
            if parts
            else pd.DataFrame(columns=[*(columns or []), "batch"])
        )

    def _catalog(
        self, entries: list[Blob | Skip], fresh_rows: pd.DataFrame, unchanged: set[str]
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Every article now in the store, in source order, with its final id and
        ``duplicate_of``; and the stored catalog the run started from."""
        old_catalog = self._stored("articles", CATALOG)
        kept = old_catalog[old_catalog["input"].isin(unchanged)]
        catalog = pd.concat(
            [kept.rename(columns={"batch": "stored_batch"}), fresh_rows[CATALOG]],
            ignore_index=True,
        )
        order = {e.name: i for i, e in enumerate(entries) if isinstance(e, Blob)}
        catalog["rank"] = catalog["input"].map(order).astype(np.int64) * (1 << 32) + catalog[
            "record"
        ].astype(np.int64)
        catalog = catalog.sort_values("rank", kind="stable").reset_index(drop=True)
        catalog["old_id"] = _old_ids(catalog, old_catalog)
        raw = catalog["raw_id"].tolist()
        stub = [RawArticle(r, None, None, None, None, "", None) for r in raw]
        catalog["article_id"] = pd.array([a.article_id for a in unique_ids(stub)], dtype="string")
        catalog["duplicate_of"] = first_of(
            catalog["text_key"].tolist(), catalog["article_id"].to_numpy()
        ).to_numpy()
        return catalog, old_catalog

    # ------------------------------------------------------------------ writing

    def _new_batch(self, catalog: pd.DataFrame, fresh_rows: pd.DataFrame, plan: _Plan) -> None:
        """Analyse what needs it and write the new batch (none when nothing is new)."""
        if not len(fresh_rows) and not len(plan.to_analyse):
            return
        name = f"b{self.old.generation + 1:06d}"
        files: dict[str, str] = {}
        if len(fresh_rows):
            ids = catalog.set_index(["input", "record"])[["article_id", "duplicate_of"]]
            fresh = fresh_rows.drop(columns=["article_id", "duplicate_of"]).join(
                ids, on=["input", "record"]
            )
            fresh = fresh[[*ARTICLE_COLUMNS, "duplicate_of", *ARTICLE_EXTRAS]]
            files["articles"] = write_file(self.folder, name, "articles", _arrow(fresh))
        if self.cluster is not None:
            self._analyse_on_cluster(name, fresh_rows, plan.to_analyse)
            if files:
                self.batches[name] = BatchEntry(files=files, articles=len(fresh_rows))
            return
        wanted = plan.to_analyse
        if len(wanted) <= ANALYSE_SLICE_ARTICLES:
            files.update(self._write_stage1(name, self._analyse(fresh_rows, wanted)))
            self.batches[name] = BatchEntry(
                files=files, articles=len(fresh_rows), analysed=len(wanted)
            )
            return
        for k, start in enumerate(range(0, len(wanted), ANALYSE_SLICE_ARTICLES)):
            part = wanted.iloc[start : start + ANALYSE_SLICE_ARTICLES]
            owner = f"{name}p{k:04d}"
            written = self._write_stage1(owner, self._analyse(fresh_rows, part))
            self.batches[owner] = BatchEntry(files=written, articles=0, analysed=len(part))
        self.analysed = len(wanted)
        if files:
            self.batches[name] = BatchEntry(files=files, articles=len(fresh_rows))

    def _write_stage1(self, owner: str, stage1: dict[str, pd.DataFrame]) -> dict[str, str]:
        """Write ``owner``'s stage-1 datasets (those with rows); their files."""
        return {
            dataset: write_file(self.folder, owner, dataset, _arrow(df))
            for dataset, df in stage1.items()
            if len(df)
        }

    def _analyse(self, fresh_rows: pd.DataFrame, wanted: pd.DataFrame) -> dict[str, pd.DataFrame]:
        """Stage 1 of the ``wanted`` catalog rows (their texts from the fresh rows or
        their stored batch), as the store's stage-1 datasets."""
        self.analysed = len(wanted)
        if not len(wanted):
            return {}
        arts = self._articles_to_analyse(wanted, fresh_rows)
        packed = run_batches(
            _items(arts),
            progress=lambda done, total: self.report("analysing", done, total),
            workers=self.workers,
        )
        parts = assemble(arts, arts.index, packed)
        return _stage1_tables(parts, wanted)

    def _articles_to_analyse(self, wanted: pd.DataFrame, fresh_rows: pd.DataFrame) -> pd.DataFrame:
        """``article_id``, ``text``, ``date`` and ``analysis_key`` of the ``wanted`` rows."""
        texts = self._texts(wanted, fresh_rows)
        return pd.DataFrame(
            {
                "article_id": wanted["article_id"].to_numpy(),
                "text": texts["text"].to_numpy(),
                "date": texts["date"].to_numpy(),
                "analysis_key": wanted["analysis_key"].to_numpy(),
            }
        ).astype({"article_id": "string", "text": "string"})

    def _analyse_on_cluster(
        self, name: str, fresh_rows: pd.DataFrame, wanted: pd.DataFrame
    ) -> None:
        """Stage 1 of the ``wanted`` rows on the cluster: each task writes a partition (a
        batch of stage-1 files only, ``<name>p0000``...) under new names in the shared
        store folder and returns its entry; only the manifest written last lists them. A
        task re-run after its worker died writes new names; the lost attempt's files are
        never listed and go with the unlisted files of a killed ingest (``_expire``)."""
        assert self.cluster is not None
        self.analysed = len(wanted)
        if not len(wanted):
            return
        arts = self._articles_to_analyse(wanted, fresh_rows)
        sizes = partition_sizes(
            len(arts), self.cluster.n_workers(), SMALL_BATCH_ARTICLES, PARTITION_MAX_ARTICLES
        )
        ends = np.cumsum(sizes).tolist()
        owners = [f"{name}p{k:04d}" for k in range(len(sizes))]
        folder = shared_path(self.folder)
        tasks = [
            (folder, owner, arts.iloc[end - size : end].reset_index(drop=True))
            for owner, size, end in zip(owners, sizes, ends, strict=True)
        ]
        entries = self.cluster.map(
            stage1_partition,
            tasks,
            sizes,
            version=(analysis_version, self.analysis),
            progress=lambda done, total: self.report("analysing", done, total),
        )
        self.batches.update(zip(owners, entries, strict=True))

    def _texts(self, wanted: pd.DataFrame, fresh_rows: pd.DataFrame) -> pd.DataFrame:
        """``text`` and ``date`` of the wanted articles, aligned with them: from the rows
        read in this run, or (an article of an unchanged input that is now an original)
        from its stored batch."""
        key = ["input", "record"]
        parts = [fresh_rows[[*key, "text", "date"]]]
        for batch, rows in wanted[wanted["stored_batch"].notna()].groupby("stored_batch"):
            rel = self.old.batches[str(batch)].files["articles"]
            table = read_file(self.folder, rel, [*key, "text", "date"]).to_pandas()
            parts.append(table.merge(rows[key], on=key))
        texts = pd.concat(parts, ignore_index=True)
        return wanted[key].merge(texts, on=key, how="left")

    def _rewrite_old(self, catalog: pd.DataFrame, plan: _Plan, dropped_inputs: set[str]) -> None:
        """Rewrite the old batches whose rows changed; drop those left empty."""
        if self.fresh:
            self.superseded += sorted(self.old.files())
            return
        ids = catalog.set_index(["input", "record"])[["article_id", "duplicate_of"]]
        for name in list(self.old.batches):
            batch = self.batches[name]
            files = dict(batch.files)
            articles = self._rewrite_articles(batch, ids, dropped_inputs)
            if articles is not None:
                self._replace(files, name, "articles", articles)
            keep = plan.reused[plan.reused["old_batch"] == name]
            self._rewrite_stage1(name, batch, files, keep)
            n_articles = batch.articles if articles is None else len(articles)
            if not files:
                del self.batches[name]
                continue
            self.batches[name] = BatchEntry(files=files, articles=n_articles, analysed=len(keep))

    def _rewrite_articles(
        self, batch: BatchEntry, ids: pd.DataFrame, dropped_inputs: set[str]
    ) -> pd.DataFrame | None:
        """The batch's new articles table, or None when it is unchanged."""
        if "articles" not in batch.files:
            return None
        table = read_file(
            self.folder, batch.files["articles"], ["input", "record", "article_id", "duplicate_of"]
        ).to_pandas()
        gone = table["input"].isin(dropped_inputs)
        now = ids.reindex(pd.MultiIndex.from_frame(table[["input", "record"]]))
        if not gone.any() and _same_values(now, table, ["article_id", "duplicate_of"]):
            return None
        full = read_file(self.folder, batch.files["articles"]).to_pandas()
        full = full[~gone.to_numpy()].reset_index(drop=True)
        now = now[~gone.to_numpy()]
        full["article_id"] = now["article_id"].to_numpy()
        full["duplicate_of"] = now["duplicate_of"].to_numpy()
        return full

    def _rewrite_stage1(
        self, name: str, batch: BatchEntry, files: dict[str, str], keep: pd.DataFrame
    ) -> None:
        """Keep the stage-1 rows of the batch's reused articles, under their new ids."""
        analysed = batch.analysed
        renamed = keep[keep["old_id"] != keep["article_id"]]
        if len(keep) == analysed and not len(renamed):
            return
        rename = dict(zip(keep["old_id"], keep["article_id"], strict=True))
        sid_map: dict[int, int] = {}
        for dataset in STAGE1:
            if dataset not in batch.files:
                continue
            df = read_file(self.folder, batch.files[dataset]).to_pandas()
            df = df[df["article_id"].isin(rename)].reset_index(drop=True)
            df["article_id"] = df["article_id"].map(rename)
            if dataset == "sentences":
                new = sentence_ids(
                    df["article_id"].astype("string").array, df["position"].to_numpy()
                )
                sid_map = dict(zip(df["sentence_id"].tolist(), new.tolist(), strict=True))
                df["sentence_id"] = new
            elif "sentence_id" in df.columns:
                df["sentence_id"] = df["sentence_id"].map(sid_map).astype(np.int64)
            self._replace(files, name, dataset, df if len(df) else None)

    def _replace(
        self, files: dict[str, str], owner: str, dataset: str, df: pd.DataFrame | None
    ) -> None:
        """Supersede ``files[dataset]`` by a new file of ``df`` (none when empty)."""
        if dataset in files:
            self.superseded.append(files.pop(dataset))
        if df is not None and len(df):
            files[dataset] = write_file(self.folder, owner, dataset, _arrow(df))

    def _compact(self) -> None:
        """Merge the small batches into one once there are enough of them."""
        small = sorted(
            n for n, b in self.batches.items() if max(b.articles, b.analysed) < SMALL_BATCH_ARTICLES
        )
        if len(small) < SMALL_BATCHES_TO_MERGE:
            return
        name = f"c{self.old.generation + 1:06d}"
        files: dict[str, str] = {}
        datasets = sorted({d for n in small for d in self.batches[n].files})
        for dataset in datasets:
            tables = [
                read_file(self.folder, self.batches[n].files[dataset])
                for n in small
                if dataset in self.batches[n].files
            ]
            files[dataset] = write_file(self.folder, name, dataset, concat(tables))
        merged = BatchEntry(
            files=files,
            articles=sum(self.batches[n].articles for n in small),
            analysed=sum(self.batches[n].analysed for n in small),
        )
        for n in small:
            self.superseded += self.batches.pop(n).files.values()
        self.batches[name] = merged

    def _link(self, catalog: pd.DataFrame) -> dict[str, str]:
        """Link every stored candidate and name the speakers of every stored statement;
        the new actors, mentions and quotes files, and the tables derived from them
        (``corpus_level.derived_tables``: the words queries' name tables, the actors'
        rollup by day and source, the mentions sorted by actor)."""
        self.report("linking", 0, 1)
        order = pd.Index(catalog["article_id"].astype(str))
        sentences = self._stored("sentences", ["article_id", "sentence_id", "start"])
        candidates = _in_order(self._stored("candidates"), order)
        actors, mentions = link_actors(
            pd.DataFrame(), sentences.drop(columns=["batch"]), candidates
        )
        statements = _in_order(self._stored("statements"), order)
        quotes = attribute_quotes(statements, mentions)
        self.report("linking", 1, 1)
        owner = f"g{self.old.generation + 1:06d}"
        self.superseded += self.old.corpus.values()
        tables = {"actors": actors, "mentions": mentions, "quotes": quotes}
        articles = self._stored("articles", ["article_id", "date", "source", "duplicate_of"])
        tables |= derived_tables(mentions, actors, articles, sentences)
        return {
            name: write_file(self.folder, owner, name, _arrow(table))
            for name, table in tables.items()
        }

    # ------------------------------------------------------------------ the manifest

    def _manifest(
        self,
        entries: list[Blob | Skip],
        listed: dict[str, _Listed],
        read_skips: dict[str, tuple[int, list[list[str]], list[list[str]]]],
        corpus_files: dict[str, str],
    ) -> Manifest:
        """The new generation's manifest: inputs in source order with their batch."""
        old_inputs = {e.name: e for e in self.old.inputs}
        holder = self._input_batches()
        inputs: list[InputEntry] = []
        for entry in entries:
            if isinstance(entry, Skip):
                inputs.append(
                    InputEntry(
                        name="",
                        size=0,
                        digest="",
                        batch="",
                        given=1,
                        skipped=[[entry.item, entry.reason]],
                    )
                )
                continue
            item = listed[entry.name]
            if entry.name in read_skips:
                given, skips, long = read_skips[entry.name]
            else:
                prev = old_inputs[entry.name]
                given, skips, long = prev.given, prev.skipped, prev.too_long
            inputs.append(
                InputEntry(
                    name=entry.name,
                    size=item.size,
                    digest=item.digest,
                    batch=holder.get(entry.name, ""),
                    given=given,
                    skipped=skips,
                    too_long=long,
                )
            )
        return Manifest(
            store_id=self.old.store_id,
            generation=self.old.generation + 1,
            analysis_version=self.analysis,
            linking_version=self.linking,
            source=self.source,
            inputs=inputs,
            batches=self.batches,
            corpus=corpus_files,
            superseded=[[f, s] for f, s in self.old.superseded],
        )

    def _input_batches(self) -> dict[str, str]:
        """Input name -> the batch whose articles file holds its articles."""
        holder = {}
        for name, batch in self.batches.items():
            if "articles" in batch.files:
                table = read_file(self.folder, batch.files["articles"], ["input"])
                for value in pc.unique(table.column("input")).to_pylist():
                    holder[value] = name
        return holder

    def _commit(self, manifest: Manifest) -> None:
        now = time.time()
        listed = manifest.files()
        manifest.superseded += [[f, now] for f in self.superseded if f not in listed]
        self._expire(manifest)
        self.report("saving", 0, 1)
        if os.environ.get(PAUSE_ENV):
            _test_pause(os.environ[PAUSE_ENV])
        write_manifest(self.folder, manifest)
        self.report("saving", 1, 1)
        n = sum(b.articles for b in manifest.batches.values())
        self.report("done", n, n)

    def _expire(self, manifest: Manifest) -> bool:
        """Delete superseded files past the grace period and files no manifest ever
        listed (a killed ingest's) as old; True when the superseded list changed."""
        now = time.time()
        keep, changed = [], False
        for rel, since in manifest.superseded:
            if now - since >= self.grace_s:
                (self.folder / rel).unlink(missing_ok=True)
                changed = True
            else:
                keep.append([rel, since])
        manifest.superseded = keep
        known = manifest.files() | {rel for rel, _ in keep} | set(self.superseded)
        for tmp in self.folder.glob(MANIFEST_TMP_PREFIX + "*"):  # a killed manifest write
            if now - tmp.stat().st_mtime >= self.grace_s:
                tmp.unlink(missing_ok=True)
        data = self.folder / DATA
        if data.is_dir():
            for path in data.iterdir():
                rel = f"{DATA}/{path.name}"
                if rel not in known and now - path.stat().st_mtime >= self.grace_s:
                    path.unlink(missing_ok=True)
        return changed


# ---------------------------------------------------------------------- helpers


@dataclass
class _Plan:
    """Which originals reuse stored stage-1 rows (``reused``: catalog rows with their
    ``old_id`` and ``old_batch``) and which are analysed now (``to_analyse``)."""

    reused: pd.DataFrame
    to_analyse: pd.DataFrame


def _old_ids(catalog: pd.DataFrame, old_catalog: pd.DataFrame) -> np.ndarray:
    """The id each catalog row had in the store (NA for articles new to it): the same
    row for unchanged inputs; for changed ones, the stored article of the same input
    with the same record id, occurrence and text and date."""
    key = ["input", "raw_id", "occurrence", "analysis_key"]
    old = old_catalog.sort_values(["input", "record"], kind="stable")
    old = old.assign(occurrence=old.groupby(["input", "raw_id"]).cumcount())
    now = catalog.assign(occurrence=catalog.groupby(["input", "raw_id"]).cumcount())
    matched = now[key].merge(old[[*key, "article_id"]], on=key, how="left")
    return matched["article_id"].astype("object").to_numpy()


def _reuse_plan(catalog: pd.DataFrame, analysed: pd.DataFrame) -> _Plan:
    """Split the originals into those whose stage-1 rows are stored (same old id, same
    text and date) and the rest."""
    originals = catalog[catalog["duplicate_of"].isna()]
    done = analysed.rename(columns={"article_id": "old_id", "batch": "old_batch"})
    done = done.drop_duplicates(["old_id", "analysis_key"])
    merged = originals.merge(done, on=["old_id", "analysis_key"], how="left")
    has = merged["old_batch"].notna()
    return _Plan(
        reused=merged[has].reset_index(drop=True), to_analyse=merged[~has].reset_index(drop=True)
    )


def stage1_partition(folder: Path, owner: str, arts: pd.DataFrame) -> BatchEntry:
    """Stage 1 of ``arts`` (``article_id``, ``text``, ``date``, ``analysis_key``) written
    as new files of ``owner`` in the store ``folder``, in whatever process runs it (a Dask
    worker: ``_Run._analyse_on_cluster``); the entry of that partition."""
    if not folder.is_dir():
        raise ClusterError(
            f"the store folder {folder} is not there on this worker; the store must be on "
            "a file system every worker mounts at the same path"
        )
    packed = run_batches(_items(arts), workers=1)
    tables = _stage1_tables(assemble(arts, arts.index, packed), arts)
    files = {d: write_file(folder, owner, d, _arrow(df)) for d, df in tables.items() if len(df)}
    return BatchEntry(files=files, articles=0, analysed=len(arts))


def stage1_warm_up() -> None:
    """Load what stage 1 reads from ``data/`` in this process (a Dask worker, before its
    first task: ``_Run.execute``) by analysing :data:`WARM_UP_TEXT`; nothing is written."""
    arts = pd.DataFrame(
        {
            "article_id": pd.array(["warm-up"], dtype="string"),
            "text": pd.array([WARM_UP_TEXT], dtype="string"),
            "date": pd.to_datetime(["2024-03-05"]),
            "analysis_key": [b""],
        }
    )
    _stage1_tables(assemble(arts, arts.index, run_batches(_items(arts), workers=1)), arts)


def _items(arts: pd.DataFrame) -> list[tuple[str, date | None]]:
    """Stage 1's (text, date) items of an articles frame."""
    days = arts["date"].tolist()
    return [
        (t, None if pd.isna(d) else d.date())
        for t, d in zip(arts["text"].tolist(), days, strict=True)
    ]


def _stage1_tables(parts: dict[str, pd.DataFrame], wanted: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The store's stage-1 datasets from ``assemble``'s frames."""
    sentences = parts["sentences"].copy()
    # What search matches: the text folded as dashboard.analysis.sentences folds it.
    sentences["text_norm"] = [normalize(t).lower() for t in sentences["text"].tolist()]
    terms = _terms_table(parts["terms"], sentences)
    candidates = parts["candidates"]
    if len(candidates):
        candidates = candidates.drop(columns=["sentence_id"])
    analysed = pd.DataFrame(
        {
            "article_id": wanted["article_id"].to_numpy(),
            "analysis_key": wanted["analysis_key"].to_numpy(),
        }
    )
    return {
        "sentences": sentences,
        "terms": terms,
        "dates": parts["dates"],
        "candidates": candidates,
        "statements": parts["statements"],
        "analysed": analysed,
    }


def _terms_table(terms: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The store's ``terms``: ``assemble``'s frame (categorical words) with each row's
    ``article_id`` (its sentence's), the words as ``string`` columns. Built in Arrow: the
    article ids are taken by row position, the words decoded from the categories, so no
    Python string is made per row (millions of rows at 30,000 articles)."""
    row = pd.Index(sentences["sentence_id"]).get_indexer(terms["sentence_id"])
    out = pd.DataFrame(
        {"article_id": pd.array(sentences["article_id"].array.take(row), dtype="str")}
    )
    out["sentence_id"] = terms["sentence_id"].to_numpy()
    for column in ("term", "display"):
        out[column] = _decoded(terms[column].array)
    return out


def _decoded(words: pd.Categorical) -> pd.api.extensions.ExtensionArray:
    """The values of ``words`` as a ``string`` array, decoded in Arrow."""
    codes = np.asarray(words.codes)
    dictionary = pa.DictionaryArray.from_arrays(
        pa.array(codes, mask=codes < 0), pa.array(words.categories.to_numpy(), pa.large_string())
    )
    return pd.array(dictionary.dictionary_decode(), dtype="string")


def _in_order(rows: pd.DataFrame, order: pd.Index) -> pd.DataFrame:
    """Stored rows (``_Run._stored``) in source order of their articles (``order``: article
    ids), without the ``batch`` column."""
    if len(rows):
        rank = order.get_indexer(rows["article_id"].astype(str))
        rows = rows.iloc[np.argsort(rank, kind="stable")].reset_index(drop=True)
    return rows.drop(columns=["batch"], errors="ignore")


def _test_pause(value: str) -> None:
    """Wait as :data:`PAUSE_ENV` says, announcing it on stderr."""
    print(f"{PAUSE_ENV}: waiting before the manifest swap", file=sys.stderr, flush=True)
    try:
        time.sleep(float(value))
        return
    except ValueError:
        pass
    deadline = time.monotonic() + 120
    while not Path(value).exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def _same_values(a: pd.DataFrame, b: pd.DataFrame, columns: list[str]) -> bool:
    """True when ``a`` and ``b`` hold the same strings (NA equal to NA) in ``columns``."""
    return all(
        a[c].astype("string").fillna("\0").tolist() == b[c].astype("string").fillna("\0").tolist()
        for c in columns
    )


def _arrow(df: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(df, preserve_index=False)


def _empty_articles() -> pd.DataFrame:
    df = articles_frame([])
    for col in ARTICLE_EXTRAS:
        df[col] = pd.Series(dtype="object")
    return df
