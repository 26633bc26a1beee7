"""Where the bench scripts find the shared corpora (``shared/``, kept beside the repository).

``shared_dir()``: ``$ANE_SHARED`` if set, else the first ``shared`` folder beside the
repository or beside one of its parent folders (a git worktree may sit a level deeper,
as in ``work/wt/NAME`` next to ``work/shared``). Scripts also take explicit paths.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """The shared folder (it may not exist: callers say so when a file is missing)."""
    named = os.environ.get("ANE_SHARED")
    if named:
        return Path(named)
    for parent in REPO.parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared"
    return REPO.parent / "shared"


def corpora_dir() -> Path:
    """``shared/data/corpora``: dated_news.jsonl and more_news.jsonl."""
    return shared_dir() / "data" / "corpora"
