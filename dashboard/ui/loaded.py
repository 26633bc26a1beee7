"""Opened corpora shared by every session of one server process (no Streamlit import).

A corpus is a store (``dashboard.store``) answered by one ``StoreQueries`` (DuckDB over
its Parquet files): an ``Entry`` holds that object, never the corpus's frames, so the
server's memory does not grow with the corpus. ``LoadedCorpora.get(key, load, size)``
calls ``load()`` (which returns the ``StoreQueries``) once per key — two sessions
asking for the same key at once wait for one load — and keeps it for everyone.
The default corpus is pinned; uploaded corpora are evicted least-recently-used
when there are more than ``max_uploads`` of them or their input bytes exceed
``max_bytes``. Each entry also memoises query results (``Entry.memo``) so reruns with
the same filter cost nothing, and the actor labels it has shown (``Entry.labels``).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

MEMO_SIZE = 256  # results kept per corpus (small tables, figures' data, word-cloud PNGs)
LABELS_SIZE = 50_000  # actor labels kept per corpus and language (those shown so far)


@dataclass(eq=False)
class Entry:
    """One opened corpus: ``queries`` (a ``StoreQueries`` of one store generation, or
    anything answering the same methods), its memo of query results and labels."""

    key: str
    queries: Any
    size: int
    pinned: bool
    memo_cache: OrderedDict = field(default_factory=OrderedDict)
    label_cache: dict[str, dict[str, str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per ``key`` (least recently used dropped beyond ``MEMO_SIZE``)."""
        with self.lock:
            if key in self.memo_cache:
                self.memo_cache.move_to_end(key)
                return self.memo_cache[key]
        value = compute()
        with self.lock:
            self.memo_cache[key] = value
            while len(self.memo_cache) > MEMO_SIZE:
                self.memo_cache.popitem(last=False)
        return value

    def labels(
        self, lang: str, actor_ids: Iterable[str], fetch: Callable[[list[str]], dict[str, str]]
    ) -> dict[str, str]:
        """``actor_id -> label`` in ``lang`` for ``actor_ids``; ``fetch(missing ids)``
        gives the labels not yet known (unknown ids: none; they label as themselves)."""
        wanted = list(dict.fromkeys(str(a) for a in actor_ids))
        with self.lock:
            known = self.label_cache.setdefault(lang, {})
            missing = [a for a in wanted if a not in known]
        if missing:
            found = fetch(missing)
            with self.lock:
                if len(known) + len(missing) > LABELS_SIZE:
                    known.clear()
                known.update({a: found.get(a, a) for a in missing})
        with self.lock:
            return {a: known.get(a, a) for a in wanted}

    def forget(self) -> None:
        """Drop the memoised results (the entry was evicted; a late user recomputes)."""
        with self.lock:
            self.memo_cache.clear()
            self.label_cache.clear()


class LoadedCorpora:
    """Corpora by key; see the module docstring."""

    def __init__(self, max_uploads: int = 4, max_bytes: int = 400 * 2**20) -> None:
        self.max_uploads = max_uploads
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}

    def peek(self, key: str) -> Entry | None:
        """The entry of ``key`` if loaded (marks it recently used)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def get(self, key: str, load: Callable[[], Any], size: int = 0, pinned: bool = False) -> Entry:
        """The entry of ``key``, calling ``load()`` (it returns the entry's ``queries``)
        if no session opened it yet."""
        entry = self.peek(key)
        if entry is not None:
            return entry
        with self._lock:
            key_lock = self._loading.setdefault(key, threading.Lock())
        with key_lock:
            entry = self.peek(key)
            if entry is not None:
                return entry
            queries = load()
            entry = Entry(key, queries, size, pinned)
            with self._lock:
                self._entries[key] = entry
                self._evict()
                self._loading.pop(key, None)
            return entry

    def _evict(self) -> None:
        def uploads() -> list[Entry]:
            return [e for e in self._entries.values() if not e.pinned]

        while len(uploads()) > self.max_uploads or (
            len(uploads()) > 1 and sum(e.size for e in uploads()) > self.max_bytes
        ):
            oldest = uploads()[0]
            del self._entries[oldest.key]
            # Sessions still showing it keep its queries until their next run (which
            # falls back to the default corpus); its memoised results go now.
            oldest.forget()

    def drop(self, key: str) -> None:
        """Forget the entry of ``key`` (pinned or not; a default corpus replaced by its
        newer generation). Sessions still holding it keep its queries until their next
        run; its memoised results go now."""
        with self._lock:
            entry = self._entries.pop(key, None)
        if entry is not None:
            entry.forget()

    def keys(self) -> list[str]:
        with self._lock:
            return list(self._entries)


def content_key(files: Iterable[tuple[str, bytes]]) -> str:
    """A key naming uploaded files by their names and bytes (order-independent)."""
    digest = hashlib.blake2b(digest_size=12)
    for name, data in sorted(files, key=lambda f: f[0]):
        digest.update(name.encode("utf-8", "replace") + b"\0")
        digest.update(hashlib.blake2b(data, digest_size=16).digest())
    return "upload:" + digest.hexdigest()
