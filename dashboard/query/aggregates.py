"""What a published store carries beyond the frames: tables every deployment would
otherwise compute at its first question.

Measured on the published 18,748-article corpus (``bench/publish_boot.py``), a fresh
server answers the overview and the actor picker from the frames alone in well under a
second each; the one lazily built table that costs seconds is the terms' display labels
(the most common display form of each term over the whole store: a GROUP BY over every
term occurrence, ~4 s cold). :func:`published_aggregates` computes it once, at publish
time, and ``dashboard.query.terms`` reads it from a store that carries it.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from dashboard.query.database import StoreDatabase
from dashboard.query.sql import compose
from dashboard.query.terms import TERM_LABELS, ensure_term_labels

_LABELS = "SELECT term, display FROM {table} ORDER BY term"


def published_aggregates(store_path: str | Path) -> dict[str, pa.Table]:
    """``dataset -> table`` of the aggregates a published copy of the store in
    ``store_path`` carries (``publish``'s ``aggregates``): ``term_labels(term, display)``,
    sorted by term."""
    db = StoreDatabase(store_path)
    try:
        ensure_term_labels(db)
        labels = db.cursor().sql(compose(_LABELS, table=TERM_LABELS)).to_arrow_table()
    finally:
        db.close()
    return {TERM_LABELS: labels}
