"""Source order of a store's articles, where an answer depends on it.

``load_corpus`` lists articles in source order (inputs by path, then record), and a few
answers break ties by it (a term's label, the order of equally common sources). The
store's reader knows that order from the manifest; ``ensure_article_order`` puts it in
a small table ``article_order(article_id, rank)`` once per database (one row per article).
"""

from __future__ import annotations

import pandas as pd

from dashboard.query.database import StoreDatabase

_ORDER = """CREATE TABLE article_order AS
SELECT a.article_id, row_number() OVER (ORDER BY r.input_pos, a.record) AS rank
FROM articles a JOIN input_ranks_df r ON r.input = a.input"""


def _input_ranks(db: StoreDatabase) -> pd.DataFrame:
    """Position of every analysed input in source order (as the store's reader orders)."""
    inputs = [e.name for e in db.store.manifest.inputs if e.digest]
    return pd.DataFrame({"input": inputs, "input_pos": range(len(inputs))})


def ensure_article_order(db: StoreDatabase) -> None:
    """Create ``article_order(article_id, rank)`` (1 = first in source order) once."""

    def build(cur) -> None:
        cur.register("input_ranks_df", _input_ranks(db))
        try:
            cur.execute(_ORDER)
        finally:
            cur.unregister("input_ranks_df")

    db.ensure("article_order", build)
