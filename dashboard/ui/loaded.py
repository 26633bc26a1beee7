"""Loaded corpora shared by every session of one server process (no Streamlit import).

``LoadedCorpora.get(key, load, size)`` loads a corpus once per key — two sessions
asking for the same key at once wait for one load — and keeps it for everyone.
The default corpus is pinned; uploaded corpora are evicted least-recently-used
when there are more than ``max_uploads`` of them or their input bytes exceed
``max_bytes``. Each entry also memoises views and analysis results
(``Entry.memo``) so reruns with the same filter cost nothing.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

MEMO_SIZE = 128  # results kept per corpus (tables, figures' data, word-cloud PNGs)
VIEW_MEMO_SIZE = 8  # filtered views (they cache sliced frames: keep few)


@dataclass(eq=False)
class Entry:
    """One loaded corpus and its memo of derived results."""

    key: str
    corpus: Any
    size: int
    pinned: bool
    memo_cache: OrderedDict = field(default_factory=OrderedDict)
    view_cache: OrderedDict = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per ``key`` (LRU; keys starting with "view" have their own, small one)."""
        is_view = isinstance(key, tuple) and key[:1] == ("view",)
        store = self.view_cache if is_view else self.memo_cache
        limit = VIEW_MEMO_SIZE if is_view else MEMO_SIZE
        with self.lock:
            if key in store:
                store.move_to_end(key)
                return store[key]
        value = compute()
        with self.lock:
            store[key] = value
            while len(store) > limit:
                store.popitem(last=False)
        return value

    def forget(self) -> None:
        """Drop the memoised results (the entry was evicted; a late user recomputes)."""
        with self.lock:
            self.memo_cache.clear()
            self.view_cache.clear()


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
        """The entry of ``key``, calling ``load()`` if no session loaded it yet."""
        entry = self.peek(key)
        if entry is not None:
            return entry
        with self._lock:
            key_lock = self._loading.setdefault(key, threading.Lock())
        with key_lock:
            entry = self.peek(key)
            if entry is not None:
                return entry
            corpus = load()
            entry = Entry(key, corpus, size, pinned)
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
            # Sessions still showing it keep its frames until their next run (which
            # falls back to the default corpus); its memoised results go now.
            oldest.forget()

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
