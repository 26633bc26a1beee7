"""What pre-aggregated tables and integer article keys would buy at a million articles
(issue 11, acceptance 4 at 1,000,000: the design probe for the next step, not the app's code).

    .venv/bin/python bench/aggregate_probe.py --store /work/stores/s1m [--db /tmp/probe.duckdb]

Builds, in a DuckDB file of its own (the store is only read): ``art`` (articles with a
dense integer key ``ano``), ``men`` (the mentions keyed by ``ano``, sorted by actor) and
``actor_days`` (per actor, day and source: mentions, distinct articles, distinct
sentences; exact for any day range and sources, since an article has one day and one
source). Then times, in wall and CPU seconds (this process, DuckDB's threads included):
the top actors from ``actor_days`` (no filter; one year), the same counted from the
mentions with integer keys, and the actors named with each of the most mentioned actors
(the filter a link to an actor opens) with integer keys and, for comparison, over the
store's string article ids. Prints the load average: on a shared machine, CPU seconds are
the comparison that holds. Not part of the tests.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from shared_corpora import REPO

sys.path.insert(0, str(REPO))

from dashboard.query.sql import compose, literal  # noqa: E402

_SOURCE = "CREATE VIEW {name} AS SELECT * FROM read_parquet({files})"


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--db", type=Path, help="the probe's DuckDB file (default: a temporary one)")
    ap.add_argument("--memory", default="1GB")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ane-aggregate-probe-"))
    db = args.db or tmp / "probe.duckdb"
    config = {"threads": 2, "memory_limit": args.memory, "temp_directory": str(tmp / "spill")}
    con = duckdb.connect(str(db), config=config)
    data = args.store / "data"
    for name, pattern in (
        ("src_articles", "*.articles.parquet"),
        ("src_mentions", "g*.mentions.parquet"),
    ):
        files = literal(str(data / pattern))
        con.execute(compose(_SOURCE, name=name, files=files))

    def run(label: str, sql: str) -> list[tuple]:
        t0, c0 = time.perf_counter(), cpu()
        rows = con.execute(sql).fetchall()
        wall, used = time.perf_counter() - t0, cpu() - c0
        print(f"{label:44} {wall:7.2f} s {used:7.2f} s CPU  {str(rows[:2])[:90]}", flush=True)
        return rows

    print(f"{args.store}; load {os.getloadavg()}")
    run(
        "build art (integer article keys)",
        "CREATE OR REPLACE TABLE art AS SELECT article_id, "
        "row_number() OVER (ORDER BY article_id)::INTEGER AS ano, CAST(date AS DATE) AS day, "
        "source, duplicate_of FROM src_articles",
    )
    run(
        "build men (mentions by ano, sorted by actor)",
        "CREATE OR REPLACE TABLE men AS SELECT a.ano, m.sentence_id, m.actor_id "
        "FROM src_mentions m JOIN art a USING (article_id) ORDER BY m.actor_id",
    )
    run(
        "build actor_days",
        "CREATE OR REPLACE TABLE actor_days AS SELECT m.actor_id, a.day, a.source, "
        "count(*) AS mentions, count(DISTINCT m.ano) AS articles, "
        "count(DISTINCT m.sentence_id) AS sentences FROM men m JOIN art a USING (ano) "
        "WHERE a.duplicate_of IS NULL GROUP BY ALL",
    )
    run(
        "rows: mentions, actor_days",
        "SELECT (SELECT count(*) FROM men), (SELECT count(*) FROM actor_days)",
    )
    top_sql = (
        "SELECT actor_id, sum(mentions) m, sum(articles) FROM actor_days {where} "
        "GROUP BY 1 ORDER BY m DESC LIMIT 20"
    )
    top = run("top actors from actor_days", compose(top_sql, where=""))
    year = "WHERE day BETWEEN '2018-01-01' AND '2018-12-31'"
    run("top actors from actor_days, one year", compose(top_sql, where=year))
    run(
        "top actors from mentions, integer keys",
        "SELECT actor_id, count(*) m, count(DISTINCT ano), count(DISTINCT sentence_id) "
        "FROM men GROUP BY 1 ORDER BY m DESC LIMIT 20",
    )
    co_int = (
        "WITH k AS (SELECT DISTINCT ano FROM men WHERE actor_id = $a) "
        "SELECT m.actor_id, count(*) c, count(DISTINCT m.ano) FROM men m SEMI JOIN k USING (ano) "
        "GROUP BY 1 ORDER BY c DESC LIMIT 20"
    )
    co_str = (
        "WITH k AS (SELECT DISTINCT article_id FROM src_mentions WHERE actor_id = $a) "
        "SELECT m.actor_id, count(*) c, count(DISTINCT m.article_id) FROM src_mentions m "
        "SEMI JOIN k USING (article_id) GROUP BY 1 ORDER BY c DESC LIMIT 20"
    )
    for actor, *_ in top[1:4]:
        for label, sql in (("integer keys", co_int), ("string ids", co_str)):
            t0, c0 = time.perf_counter(), cpu()
            con.execute(sql, {"a": actor}).fetchall()
            wall, used = time.perf_counter() - t0, cpu() - c0
            print(
                f"actors named with {actor:24} {label:13} {wall:7.2f} s {used:7.2f} s CPU",
                flush=True,
            )
    con.close()
    print(f"load at end {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
