"""Reading a store: ``open_store`` (read-only, any number of readers) and ``load_store``.

A reader reads the manifest once and then only the files it lists, so an ingest running
at the same time (which writes new files and replaces the manifest last) never shows it
half a generation. Nothing here writes: a store on a read-only file system opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.cache import fingerprint as corpus_fingerprint
from dashboard.corpus import Corpus
from dashboard.frames import conform, frame
from dashboard.ingest.assemble import empty_terms
from dashboard.store.files import STORE_COLUMNS, concat, read_file
from dashboard.store.manifest import Manifest, StoreError, read_manifest


@dataclass(frozen=True)
class Store:
    """An opened store: its folder and the manifest read when it was opened."""

    folder: Path
    manifest: Manifest

    @property
    def store_id(self) -> str:
        return self.manifest.store_id

    @property
    def generation(self) -> int:
        return self.manifest.generation

    def files(self, dataset: str) -> list[Path]:
        """The files of ``dataset`` this generation lists (batch datasets in batch order;
        ``actors`` and ``mentions`` are one file each)."""
        if dataset in self.manifest.corpus:
            return [self.folder / self.manifest.corpus[dataset]]
        return [
            self.folder / b.files[dataset]
            for _, b in sorted(self.manifest.batches.items())
            if dataset in b.files
        ]

    def table(self, dataset: str, columns: list[str] | None = None) -> pa.Table | None:
        """``dataset`` as one Arrow table (None when no batch has rows of it)."""
        try:
            tables = [
                read_file(self.folder, str(p.relative_to(self.folder)), columns)
                for p in self.files(dataset)
            ]
        except (OSError, pa.ArrowInvalid) as exc:
            raise StoreError(
                f"{self.folder}: a data file of generation {self.generation} could not be read "
                f"({exc}); ingest again to repair the store"
            ) from exc
        return concat(tables) if tables else None


def open_store(path: str | Path) -> Store:
    """Open the store in ``path`` read-only; :class:`StoreError` (naming the folder and
    the reason) for a folder that is not a store, a damaged manifest or an unsupported
    format version."""
    folder = Path(path)
    return Store(folder, read_manifest(folder))


def _frame(store: Store, name: str, order: pd.Index | None = None) -> pd.DataFrame:
    """Frame ``name`` of the data contract from its dataset (store-only columns dropped),
    rows in source order of their articles when ``order`` (article ids) is given."""
    table = store.table(name)
    if table is None:
        return frame(name)
    df = table.to_pandas()
    if order is not None and len(df):
        rank = order.get_indexer(df["article_id"].astype(str))
        df = df.iloc[np.argsort(rank, kind="stable")]
    return conform(name, df.drop(columns=list(STORE_COLUMNS.get(name, ()))))


def _skipped(manifest: Manifest) -> pd.DataFrame:
    """``skipped`` in ``read_source``'s order: by input, then the too-long articles."""
    rows = [s for e in manifest.inputs for s in e.skipped]
    rows += [s for e in manifest.inputs for s in e.too_long]
    return frame("skipped", [{"item": item, "reason": reason} for item, reason in rows])


def _terms(store: Store, order: pd.Index) -> pd.DataFrame:
    """``terms`` with categorical words (sorted categories, as ``load_corpus`` builds)."""
    table = store.table("terms")
    if table is None:
        return empty_terms()
    df = table.to_pandas()
    rank = order.get_indexer(df["article_id"].astype(str))
    df = df.iloc[np.argsort(rank, kind="stable")].reset_index(drop=True)
    out = pd.DataFrame({"sentence_id": df["sentence_id"].astype("int64")})
    for col in ("term", "display"):
        words = df[col].astype("str")
        categories = pd.Index(np.sort(words.unique()), dtype="str")
        out[col] = pd.Categorical(words, categories=categories)
    return out


def load_store(path: str | Path) -> Corpus:
    """The frames of the store in ``path`` as a :class:`Corpus` (``load_corpus``'s
    frames for the same inputs), read-only. ``meta`` holds the store id and generation."""
    store = open_store(path)
    articles = _frame(store, "articles")
    order_of = _article_order(store)
    if len(articles):
        articles = articles.iloc[
            np.argsort(order_of.get_indexer(articles["article_id"].astype(str)), kind="stable")
        ]
        articles = articles.reset_index(drop=True)
    order = pd.Index(articles["article_id"].astype(str))
    skipped = _skipped(store.manifest)
    return Corpus(
        articles=articles,
        sentences=_frame(store, "sentences", order),
        actors=_frame(store, "actors"),
        mentions=_frame(store, "mentions"),
        dates=_frame(store, "dates", order),
        quotes=_frame(store, "quotes", order),
        skipped=skipped,
        terms=_terms(store, order),
        fingerprint=corpus_fingerprint(articles, skipped),
        meta={"store_id": store.store_id, "generation": store.generation},
    )


def _article_order(store: Store) -> pd.Index:
    """Article ids in source order (input, then record)."""
    table = store.table("articles", ["article_id", "input", "record"])
    if table is None:
        return pd.Index([], dtype=object)
    df = table.to_pandas()
    position = {e.name: i for i, e in enumerate(store.manifest.inputs) if e.digest}
    rank = df["input"].map(position).astype(np.int64) * (1 << 32) + df["record"].astype(np.int64)
    return pd.Index(
        df["article_id"].astype(str).to_numpy()[np.argsort(rank.to_numpy(), kind="stable")]
    )
