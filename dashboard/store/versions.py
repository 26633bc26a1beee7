"""What a store records about the code and data that made it.

* the store format (``FORMAT``, ``FORMAT_VERSION``): the layout of the folder;
* the analysis version: the data files stage 1 reads (model, gazetteers, word lists,
  calendars) and the overrides that change recognition (``never`` names and merged
  aliases). A new one re-analyses every input;
* the linking version: ``data/actor_overrides.toml`` as a whole, the link rules and the
  analysis version. A new one only re-links the stored candidates.
"""

from __future__ import annotations

import hashlib
import json

from dashboard.actors.overrides import load_overrides
from dashboard.paths import data_dir, data_file

FORMAT = "arabic-news-explorer-store"
#: The folder layout this code writes; it reads the versions in SUPPORTED_FORMAT_VERSIONS.
FORMAT_VERSION = 1
SUPPORTED_FORMAT_VERSIONS = (1,)
#: Bump when stage 1's code changes its output (readers, sentences, recogniser, dates, terms,
#: statements).
ANALYSIS_CODE_VERSION = "2"
#: Bump when linking's code (dashboard.actors.link) changes its output, or when the
#: linking step writes other files (2: the name tables, ``corpus_level.name_tables``, the
#: rollup ``corpus_level.actor_days`` and the mentions by actor,
#: ``corpus_level.actor_mentions``; 3: the actors per article over integer keys,
#: ``corpus_level.article_actors``; 4: the article keys of the mentions by actor and each
#: keyed article's sentence count, ``corpus_level.article_numbers``).
LINKING_CODE_VERSION = "4"
OVERRIDES_FILE = "actor_overrides.toml"


def _recognition_overrides() -> bytes:
    """The part of the overrides that stage 1 reads (never names, merged aliases)."""
    ov = load_overrides()
    return json.dumps(
        {"never": sorted(ov.never_keys), "aliases": sorted(ov.extra_aliases.items())},
        ensure_ascii=False,
    ).encode()


def analysis_version() -> str:
    """Hex digest of everything stage 1's output depends on (see the module docstring)."""
    h = hashlib.blake2b(digest_size=12)
    h.update(ANALYSIS_CODE_VERSION.encode())
    root = data_dir()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and "cache" not in rel.parts and rel.as_posix() != OVERRIDES_FILE:
            h.update(rel.as_posix().encode() + b"\0")
            h.update(path.read_bytes())
    h.update(_recognition_overrides())
    return h.hexdigest()


def linking_version(analysis: str) -> str:
    """Hex digest of what linking depends on beyond the stored candidates."""
    h = hashlib.blake2b(digest_size=12)
    h.update(f"{LINKING_CODE_VERSION}:{analysis}:".encode())
    overrides = data_file(OVERRIDES_FILE)
    if overrides.is_file():
        h.update(overrides.read_bytes())
    return h.hexdigest()
