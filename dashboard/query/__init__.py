"""Queries over a store on DuckDB: what every page asks, as small pandas frames.

    queries = StoreQueries("path/to/store", memory_limit="512MB", threads=2)
    flt = QueryFilter(actors=("putin",), date_from="2024-01-01")
    queries.summary(flt); queries.top_actors(flt, n=20); queries.comention(flt, top_n=20)
    queries.search_sentences(flt, "اكد", offset=0, limit=50)

* ``filter`` — ``QueryFilter`` and the SQL of what it keeps (the analysis rules);
* ``database`` — the DuckDB views over the files the store's manifest lists, a cursor
  per thread, the memory limit;
* ``counts``, ``comention``, ``timeline``, ``terms``, ``sentences`` — the queries;
* ``measures`` — co-mention measures of a small co-count matrix;
* ``queries`` — ``StoreQueries``, one object answering all of them;
* ``aggregates`` — the tables a published store carries (the terms' display labels).
"""

from dashboard.query.database import QueryMemoryError
from dashboard.query.filter import QueryFilter
from dashboard.query.queries import StoreQueries
from dashboard.query.sentences import SearchPage

__all__ = ["QueryFilter", "QueryMemoryError", "SearchPage", "StoreQueries"]
