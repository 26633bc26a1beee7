"""The filter's frames as CSV, written by DuckDB straight from the store's files.

What the pages' "export" offers: ``articles``, ``sentences``, ``mentions`` and ``dates``
of a filter, with the columns ``load_store`` gives (the data contract's) and the
rows ``dashboard.query.filter.scope`` keeps (the rows of the analysis ``View``'s frames of
the same name), articles in source order and the other rows by article and offsets.
DuckDB writes the file (``COPY ... TO``), so no frame of the filter is ever held in
pandas: a whole-corpus export costs the server only the file's bytes.

Spreadsheets run a cell starting with one of ``FORMULA_START`` as a formula
(``=HYPERLINK(...)``, ``=cmd|...``): text from articles must not, so such text cells get
a leading apostrophe (numbers and days are left as they are). The file starts with a
UTF-8 byte-order mark so that spreadsheet programs open Arabic correctly. Timestamps are
written as days (YYYY-MM-DD) when they are midnight (article dates are days), else
with the time; truth values as True/False.
"""

from __future__ import annotations

from pathlib import Path

from dashboard.query.database import StoreDatabase
from dashboard.query.filter import QueryFilter, mention_kind_rule, scope
from dashboard.query.order import ensure_article_order
from dashboard.query.sql import compose, literal
from dashboard.store.files import STORE_COLUMNS

#: First characters that make a spreadsheet cell a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The datasets an export offers, in the order the pages list them.
EXPORT_DATASETS = ("articles", "sentences", "mentions", "dates")
#: UTF-8 byte-order mark.
BOM = "\ufeff".encode()

# Which of the filter's rows each dataset exports, and their order.
_ROWS = {
    "articles": """SELECT {columns} FROM articles t
JOIN article_order o ON o.article_id = t.article_id
WHERE t.article_id IN (SELECT article_id FROM kept_articles) ORDER BY o.rank""",
    "sentences": """SELECT {columns} FROM sentences t
JOIN article_order o ON o.article_id = t.article_id
WHERE t.sentence_id IN (SELECT sentence_id FROM kept_sentences) ORDER BY o.rank, t.position""",
    "mentions": """SELECT {columns} FROM mentions t
JOIN article_order o ON o.article_id = t.article_id
WHERE t.article_id IN (SELECT article_id FROM kept_articles) AND {kind_rule}
ORDER BY o.rank, t.start, t."end", t.actor_id""",
    "dates": """SELECT {columns} FROM kept_dates t
JOIN article_order o ON o.article_id = t.article_id
ORDER BY o.rank, t.start, t."end", t.value""",
}
_COPY = "COPY ({scope}\n{rows}) TO {path} (FORMAT csv, HEADER true)"
_DEFUSED = (
    "CASE WHEN left(t.\"{col}\", 1) IN ({starts}) THEN '''' || t.\"{col}\" "
    'ELSE t."{col}" END AS "{col}"'
)

_DAY = (
    'CASE WHEN t."{col}" = date_trunc(\'day\', t."{col}") '
    "THEN strftime(t.\"{col}\", '%Y-%m-%d') "
    'ELSE strftime(t."{col}", \'%Y-%m-%d %H:%M:%S\') END AS "{col}"'
)

# Truth values as pandas writes them (True/False), so an export reads as it always did.
_TRUTH = 'CASE WHEN t."{col}" THEN \'True\' WHEN NOT t."{col}" THEN \'False\' END AS "{col}"'


def _columns(db: StoreDatabase, dataset: str) -> str:
    """The columns of ``dataset`` as ``load_store`` gives them (the store-only ones left
    out), text columns defused (module docstring)."""
    starts = ", ".join(literal(s) for s in FORMULA_START)
    described = db.rows(compose("DESCRIBE SELECT * FROM {name}", name=dataset))
    hidden = set(STORE_COLUMNS.get(dataset, ()))
    out = []
    for col, sql_type, *_ in described:
        if col in hidden:
            continue
        if sql_type == "VARCHAR":
            out.append(compose(_DEFUSED, col=col, starts=starts))
        elif sql_type.startswith("TIMESTAMP"):
            out.append(compose(_DAY, col=col))
        elif sql_type == "BOOLEAN":
            out.append(compose(_TRUTH, col=col))
        else:
            out.append(f't."{col}"')
    return ", ".join(out)


def write_csv(db: StoreDatabase, flt: QueryFilter, dataset: str, path: str | Path) -> Path:
    """Write the filter's rows of ``dataset`` (one of ``EXPORT_DATASETS``) to ``path`` as
    CSV with a header and a byte-order mark; returns ``path``."""
    if dataset not in EXPORT_DATASETS:
        raise ValueError(f"dataset must be one of {EXPORT_DATASETS}, not {dataset!r}")
    ensure_article_order(db)
    with_clause, params = scope(flt)
    parts = {"columns": _columns(db, dataset)}
    if dataset == "mentions":  # every column, so the rows kept_mentions holds, read whole
        parts["kind_rule"] = mention_kind_rule(flt, params, "t")
    rows = compose(_ROWS[dataset], **parts)
    target = Path(path)
    body = target.with_name(target.name + ".body")
    try:
        db.cursor().execute(
            compose(_COPY, scope=with_clause, rows=rows, path=literal(str(body))), params
        )
        with target.open("wb") as out, body.open("rb") as src:
            out.write(BOM)
            while chunk := src.read(1 << 20):
                out.write(chunk)
    finally:
        body.unlink(missing_ok=True)
    return target
