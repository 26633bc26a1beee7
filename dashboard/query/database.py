"""One DuckDB database over one generation of a store, shared by every thread.

``StoreDatabase(path)`` opens the store read-only (``dashboard.store.reader``), and
registers one view per dataset over exactly the Parquet files its manifest lists, so an
ingest writing the next generation beside it is never seen half-done. Nothing is
copied into memory: each query reads the columns it needs from the files (DuckDB's
``memory_limit`` bounds what a query may hold; beyond it DuckDB spills to
``temp_directory``).

Threads: a DuckDB connection must not be used by two threads at once, and Streamlit
runs each session's script in its own thread. Each thread gets its own cursor (a
connection to the same in-memory database, created on first use and kept in a
``threading.local``), so sessions query in parallel without waiting on one another
while sharing the views, the small lazily built tables (``ensure``) and one memory
limit. A lock is held only while such a table is built.

Small results that several queries start from (an actor's own mentions under a filter,
a filter's number of sentences) are kept per database in ``results``, a bounded cache
(``ResultCache``): a profile reads its actor's mentions once, not once per query. A
query reads such a frame through ``frame(sql, params, tables={"name": frame})``: the
frame is registered on this thread's cursor under that name while the query runs.
"""

from __future__ import annotations

import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dashboard.frames import SCHEMAS
from dashboard.ingest.corpus_level import ACTOR_MENTIONS, DERIVED_TABLES
from dashboard.query.sql import compose, literal
from dashboard.store.files import STORE_COLUMNS
from dashboard.store.reader import Store, open_store

#: The datasets a query reads (the contract's frames but ``skipped``, and ``terms``). A
#: store written before quotes were stored has no ``quotes`` files: its view has no rows.
DATASETS = ("articles", "sentences", "actors", "mentions", "dates", "quotes", "terms")
#: Defaults for a hosted app (Streamlit Community Cloud gives ~2.7 GB to the whole app,
#: whose Python side holds a few hundred MB): DuckDB may use at most this much, on the
#: two cores such a host has.
MEMORY_LIMIT = "512MB"
#: What a query raises when it needs more memory than the database's ``memory_limit``
#: allows and cannot spill (DuckDB's own error; named here so that callers need not
#: import DuckDB to say what went wrong).
QueryMemoryError = duckdb.OutOfMemoryException
THREADS = 2

_SQL_TYPES = {
    "string": "VARCHAR",
    "int64": "BIGINT",
    "int32": "INTEGER",
    "Int64": "BIGINT",
    "Int32": "INTEGER",
    "bool": "BOOLEAN",
    "datetime64[ns]": "TIMESTAMP_NS",
}
#: Types of the store-only columns (``dashboard.store.files.STORE_COLUMNS``) a query reads.
_READ = "SELECT * FROM read_parquet([{files}], union_by_name = true{extra})"
_NO_ROWS = "SELECT {columns} WHERE false"
_VIEW = "CREATE VIEW {name} AS {select}"
_MENTIONS_BY_ACTOR = "SELECT actor_id, article_id, sentence_id FROM mentions"
_STORE_COLUMN_TYPES = {"text_norm": "VARCHAR", "input": "VARCHAR", "record": "BIGINT"}
#: How many small results (``ResultCache``) a database keeps, and how many rows of frames
#: among them (a profile's actor mentioned 30,000 times holds 30,000 rows, ~1.5 MB):
#: what the server's memory may grow by stays a few MB.
RESULTS_KEPT = 256
RESULT_ROWS_KEPT = 200_000


class ResultCache:
    """``get(key, compute)``: ``compute()`` once per key; ``put`` keeps a result found
    otherwise. The most recently used results are kept, at most ``capacity`` of them
    holding at most ``max_rows`` rows of frames (the oldest dropped first). Safe to share
    between threads (two threads asking for a new key at once may both compute it: the
    results are equal)."""

    def __init__(self, capacity: int = RESULTS_KEPT, max_rows: int = RESULT_ROWS_KEPT) -> None:
        self.capacity = capacity
        self.max_rows = max_rows
        self._kept: OrderedDict[Hashable, Any] = OrderedDict()
        self._rows = 0
        self._lock = threading.Lock()

    def peek_many(self, keys: list[Hashable]) -> list[Any] | None:
        """The results kept for every one of ``keys`` (in order), or None when one is not."""
        with self._lock:
            if not all(key in self._kept for key in keys):
                return None
            for key in keys:
                self._kept.move_to_end(key)
            return [self._kept[key] for key in keys]

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        value = compute()
        self.put(key, value)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        """Keep ``value`` as the result of ``key`` (a frame larger than ``max_rows`` is
        not kept)."""
        with self._lock:
            if key in self._kept:
                self._rows -= _rows(self._kept.pop(key))
            if _rows(value) > self.max_rows:
                return
            self._kept[key] = value
            self._rows += _rows(value)
            while len(self._kept) > self.capacity or self._rows > self.max_rows:
                self._rows -= _rows(self._kept.popitem(last=False)[1])


def _rows(value: Any) -> int:
    return len(value) if isinstance(value, pd.DataFrame) else 0


def _empty_select(dataset: str) -> str:
    """A SELECT of no rows with the dataset's columns and types (a dataset no batch has)."""
    columns = [f'CAST(NULL AS {_SQL_TYPES[t]}) AS "{c}"' for c, t in SCHEMAS[dataset].items()]
    for col in STORE_COLUMNS.get(dataset, ()):
        if col not in SCHEMAS[dataset]:
            columns.append(f'CAST(NULL AS {_STORE_COLUMN_TYPES.get(col, "VARCHAR")}) AS "{col}"')
    return compose(_NO_ROWS, columns=", ".join(columns))


class StoreDatabase:
    """DuckDB views over the files of one store generation; see the module docstring.

    ``memory_limit`` (a DuckDB size such as ``"512MB"``) and ``threads`` bound the
    whole database, whichever thread queries. ``temp_directory`` is where a query
    larger than the limit spills (default: a folder in the system's temporary folder,
    so a store on a read-only file system still works).
    """

    def __init__(
        self,
        store_path: str | Path,
        memory_limit: str = MEMORY_LIMIT,
        threads: int = THREADS,
        temp_directory: str | Path | None = None,
    ) -> None:
        self.store: Store = open_store(store_path)
        spill = temp_directory or Path(tempfile.gettempdir()) / "ane-duckdb"
        self._db = duckdb.connect(
            ":memory:",
            config={
                "memory_limit": memory_limit,
                "threads": int(threads),
                "temp_directory": str(spill),
            },
        )
        # The files are written once and never changed: their footers may be kept.
        self._db.execute("SET parquet_metadata_cache = true")
        self._local = threading.local()
        self._lock = threading.Lock()
        self._built: set[str] = set()
        self.results = ResultCache()
        for dataset in DATASETS:
            view = compose(_VIEW, name=dataset, select=self._dataset_select(dataset))
            self._db.execute(view)
        # The tables linking derives (``corpus_level.DERIVED_TABLES``), where the store
        # has them; a store linked before they existed reads the mentions sorted by actor
        # from the mentions, and its queries make or do without the others.
        for dataset in DERIVED_TABLES:
            if self.has_rows(dataset):
                select = self._dataset_select(dataset)
            elif dataset == ACTOR_MENTIONS:
                select = _MENTIONS_BY_ACTOR
            else:
                continue
            self._db.execute(compose(_VIEW, name=dataset, select=select))

    def _dataset_select(self, dataset: str, row_numbers: bool = False) -> str:
        files = [str(p) for p in self.store.files(dataset)]
        if not files:
            return _empty_select(dataset)
        extra = ", file_row_number = true, filename = true" if row_numbers else ""
        listed = ", ".join(literal(f) for f in files)
        return compose(_READ, files=listed, extra=extra)

    def dataset_with_row_numbers(self, dataset: str) -> str:
        """A SELECT of ``dataset`` adding each row's ``filename`` and ``file_row_number``
        (an empty dataset has neither: callers ``ensure`` tables from non-empty ones)."""
        return self._dataset_select(dataset, row_numbers=True)

    def has_rows(self, dataset: str) -> bool:
        """True when some file of this generation holds ``dataset``."""
        return bool(self.store.files(dataset))

    @property
    def store_id(self) -> str:
        return self.store.store_id

    @property
    def generation(self) -> int:
        return self.store.generation

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's connection to the database (made on first use)."""
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self._db.cursor()
            self._local.cursor = cur
        return cur

    def frame(
        self,
        sql: str,
        params: dict[str, Any] | None = None,
        tables: Mapping[str, pd.DataFrame] | None = None,
    ) -> pd.DataFrame:
        """The result of ``sql`` (named ``$parameters`` from ``params``) as pandas;
        ``tables``: frames the query reads by name (registered for this query only)."""
        cur = self.cursor()
        for name, table in (tables or {}).items():
            cur.register(name, table)
        try:
            return cur.execute(sql, params or {}).df()
        finally:
            for name in tables or {}:
                cur.unregister(name)

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
        """The result of ``sql`` as a list of tuples."""
        return self.cursor().execute(sql, params or {}).fetchall()

    def ensure(self, name: str, build: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
        """Run ``build(cursor)`` once per database (it creates the table ``name``); other
        threads asking meanwhile wait for it."""
        if name in self._built:
            return
        with self._lock:
            if name not in self._built:
                build(self.cursor())
                self._built.add(name)

    def setting(self, name: str) -> str:
        """The current value of a DuckDB setting (e.g. ``memory_limit``)."""
        return str(self.rows("SELECT current_setting($name)", {"name": name})[0][0])

    def close(self) -> None:
        """Close the database (every thread's cursor with it)."""
        self._db.close()
