"""``StoreKeeper(location)``: keeps the default corpus's store current for a server.

A server process holds one keeper for its default corpus (``locations.default_location``):

* a store named by ``DASHBOARD_STORE`` (read-only) is never ingested into: the keeper
  only reports which generation its manifest lists now;
* the store of a named source (``DASHBOARD_CORPUS`` or ``seeds/``) is brought up to date
  by an ingest in a child process (``dashboard.store.child``) at the keeper's first
  :meth:`~StoreKeeper.refresh` — the child finds what changed since the last run of any
  server, an override edit or a new analysis version included, and does nothing when
  nothing did — and again whenever the source's signature (its files, bytes and latest
  change, ``locations.source_signature``, and the actor overrides file's) differs from
  the one of the keeper's last ingest. Between ingests a refresh costs a walk of the
  source's file names, so a server can call it at every new session: a new session sees
  a new generation.

One ingest at a time per keeper: a session that asks while another's child runs waits
for it and then finds nothing left to do.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from dashboard.ingest.progress import Progress
from dashboard.paths import data_file
from dashboard.store.child import ingest_in_child
from dashboard.store.locations import Location, source_signature
from dashboard.store.manifest import read_manifest

Signature = tuple[tuple[int, int, int], ...]


class StoreKeeper:
    """The default corpus's store for one server; see the module docstring.
    ``overrides``: the analyst overrides file whose edits re-link (default: the data
    folder's ``actor_overrides.toml``)."""

    def __init__(self, location: Location, overrides: Path | None = None) -> None:
        self.location = location
        self._overrides = overrides
        self._ingested: Signature | None = None
        self._lock = threading.Lock()

    @property
    def store(self) -> Path:
        return self.location.store

    def signature(self) -> Signature:
        """The source's signature and the overrides file's (empty for a read-only store)."""
        if self.location.source is None:
            return ()
        overrides = self._overrides or data_file("actor_overrides.toml")
        return source_signature(self.location.source), source_signature(overrides)

    def stale(self) -> bool:
        """True when a refresh would run an ingest: a source never ingested by this
        keeper, or one whose signature changed since."""
        return self.location.source is not None and self.signature() != self._ingested

    def refresh(
        self, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None
    ) -> bool:
        """Ingest the source in a child process when :meth:`stale`; True when it ran.
        ``progress`` and ``cancelled`` as ``ingest_in_child`` takes them; a failure raises
        its ``IngestFailed`` (the store keeps its previous generation, and the next
        refresh tries again)."""
        source = self.location.source
        if source is None:
            return False
        with self._lock:
            signature = self.signature()
            if signature == self._ingested:
                return False
            ingest_in_child(source, self.store, progress=progress, cancelled=cancelled)
            self._ingested = signature
            return True

    def generation(self) -> int:
        """The generation the store's manifest lists now (``StoreError`` when the folder
        is not a readable store)."""
        return read_manifest(self.store).generation
