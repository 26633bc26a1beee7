"""A built store served by the dashboard as its default corpus, for the page benches.

The app keeps the store of its corpus ``DASHBOARD_CORPUS`` at
``$DASHBOARD_CACHE/stores/<hash of the source's path>``
(``store.locations.store_for_source``) and
brings it up to date at its first run. ``stage_store`` copies a store that someone
built (e.g. /work/stores/s29976, read-only for us) to that place in a cache folder of
our own: the app's ingest then finds every input unchanged and only opens the store,
and the original is never written.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def stage_store(store: Path, cache: Path) -> Path:
    """Copy ``store`` to where the app looks for its source's store under ``cache``
    (once: a copy already there is kept); set ``DASHBOARD_CACHE`` and
    ``DASHBOARD_CORPUS`` for this process and its children; returns the source."""
    from dashboard.store.manifest import read_manifest

    store = Path(store)
    source = Path(read_manifest(store).source)
    if not source.exists():
        raise SystemExit(f"{store}: its source {source} is not there")
    os.environ["DASHBOARD_CACHE"] = str(cache)
    os.environ["DASHBOARD_CORPUS"] = str(source)
    from dashboard.store.locations import store_for_source

    target = store_for_source(source)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(store, target, symlinks=True)
    return source


def top_actor_ids(store: Path, n: int) -> list[str]:
    """The ``n`` most mentioned actors of ``store`` (what the picker offers first)."""
    from dashboard.query import StoreQueries

    found = StoreQueries(store).search_actors("", n)
    return found["actor_id"].astype(str).tolist()
