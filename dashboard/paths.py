"""Where the project's data files and the Parquet cache live.

`data/` sits beside the package in a checkout (DESIGN.md: the app runs from a
checkout). `DASHBOARD_DATA` overrides it; `DASHBOARD_CACHE` names the cache folder.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The folder holding stopwords, gazetteers, the NER model and overrides."""
    env = os.environ.get("DASHBOARD_DATA")
    if env:
        return Path(env)
    beside = REPO_ROOT / "data"
    if (beside / "stopwords_ar.txt").exists():
        return beside
    return Path.cwd() / "data"


def data_file(*parts: str) -> Path:
    """A file under the data folder, e.g. ``data_file("gazetteers", "aliases.tsv")``."""
    return data_dir().joinpath(*parts)


def cache_dir() -> Path:
    """The Parquet cache folder: `DASHBOARD_CACHE`, else `data/cache/` (git-ignored)."""
    env = os.environ.get("DASHBOARD_CACHE")
    return Path(env) if env else data_dir() / "cache"
