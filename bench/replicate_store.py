"""A store of any size made by replicating an analysed store (issue 11: the 1M store),
and the report that shows whether it is realistic.

    .venv/bin/python bench/replicate_store.py SRC DST --articles 1000000 [--fresh 0.25]
                                              [--seed 0]
    .venv/bin/python bench/replicate_store.py --report STORE [STORE ...]

Replica 0 is ``SRC``'s articles as they are; replica r >= 1 is a copy of them (the last
one only of the first articles in source order, up to ``--articles``) in which

* every article, sentence, quote and raw id is new (``~r<r>`` appended to the article,
  quote and raw ids; sentence ids XOR a random 62-bit mask per replica, still unique and
  positive);
* a ``--fresh`` share of the actors (at least 20 %, drawn anew per replica) get fresh ids
  (``<id>~r<r>``) and names (the replica number appended), with their mentions and the
  quotes they speak, so the actor set grows as an archive's does;
* a ``--fresh-terms`` share of the distinct terms (drawn anew per replica; most are rare
  words, as most of an archive's new vocabulary is) become new words (``~r<r>``
  appended to the term and its display form), so the vocabulary grows too;
* the articles' date, source and dateline are reshuffled (each article takes those of
  another article of the replica), so a replica's sentences fall in other weeks, other
  sources and other co-mention windows than their originals.

Each replica is one batch (``b00000<r+1>``) whose input is ``replica-<r>.jsonl``;
``actors``, ``mentions`` and ``quotes`` are one file each, and ``actors.mentions`` is
counted again. Files are written with ``dashboard.store.files.write_parts`` (this
checkout's row groups), streamed one row group at a time, so memory stays small. The
store is for reading (pages, queries): its candidates keep the original actor ids, so an
ingest into it would re-link them as the originals.

``--report`` prints, per store: articles, sentences, actors (and actors mentioned),
distinct terms, mentions, bytes on disk per article and per dataset.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

from shared_corpora import REPO

sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.compute as pc  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

BATCH_DATASETS = (
    "articles",
    "sentences",
    "terms",
    "dates",
    "candidates",
    "statements",
    "analysed",
)


def suffixed(ids, suffix: str):
    """Each string of ``ids`` with ``suffix`` appended (nulls stay null)."""
    if pa.types.is_null(ids.type):
        return ids
    return pc.binary_join_element_wise(ids, pa.scalar(suffix, ids.type), pa.scalar("", ids.type))


class Replica:
    """How replica ``r`` renames and reshuffles the rows it copies."""

    def __init__(
        self, r: int, keep: pa.Array, actors: pa.Array, fresh: float, seed: int, words=None
    ):
        rng = random.Random(seed * 1000 + r)
        self.r = r
        self.suffix = f"~r{r}" if r else ""
        self.mask = rng.getrandbits(62) if r else 0
        self.keep = keep  # the source article ids this replica copies (source order)
        n_fresh = int(round(fresh * len(actors))) if r else 0
        chosen = rng.sample(range(len(actors)), n_fresh)
        self.fresh_actors = pa.array(
            sorted(actors.take(pa.array(chosen, pa.int64())).to_pylist()), actors.type
        )
        # a share of the distinct terms become new words (an archive's vocabulary grows)
        self.fresh_terms = None
        if r and words is not None:
            share, terms = words
            picked = rng.sample(range(len(terms)), int(round(share * len(terms))))
            self.fresh_terms = terms.take(pa.array(picked, pa.int64()))
        # article i takes date/source/dateline of article perm[i] (identity for r = 0)
        perm = np.arange(len(keep))
        if r:
            np.random.default_rng(seed * 1000 + r).shuffle(perm)
        self.perm = pa.array(perm)

    def article_ids(self, ids: pa.Array) -> pa.Array:
        return suffixed(ids, self.suffix) if self.r else ids

    def sentence_ids(self, ids: pa.Array) -> pa.Array:
        return pc.bit_wise_xor(ids, pa.scalar(self.mask, pa.int64())) if self.r else ids

    def actor_ids(self, ids: pa.Array) -> pa.Array:
        if not self.r or not len(self.fresh_actors):
            return ids
        fresh = pc.is_in(ids, value_set=self.fresh_actors)
        return pc.if_else(fresh, suffixed(ids, self.suffix), ids)

    def rows(self, table: pa.Table) -> pa.Table:
        """The rows of the replica's articles (all but in the last, partial replica)."""
        if "article_id" not in table.column_names:
            return table
        return table.filter(pc.is_in(table["article_id"], value_set=self.keep))


def set_column(table: pa.Table, name: str, values) -> pa.Table:
    """``table`` with column ``name`` replaced by ``values`` (cast to its type)."""
    field = table.schema.field(name)
    if not isinstance(values, pa.Array | pa.ChunkedArray):
        values = pa.array(values)
    return table.set_column(table.column_names.index(name), field, values.cast(field.type))


def transform(dataset: str, table: pa.Table, rep: Replica, moved: dict[str, pa.Array]) -> pa.Table:
    """``table`` (rows of ``dataset``) as replica ``rep`` holds them."""
    table = rep.rows(table)
    if not rep.r or not table.num_rows:
        return table
    if "article_id" in table.column_names:
        index = pc.index_in(table["article_id"], value_set=rep.keep)
        for col in ("date", "source", "dateline"):
            if col in table.column_names and col in moved:
                table = set_column(table, col, moved[col].take(index))
        table = set_column(table, "article_id", rep.article_ids(table["article_id"]))
    if "sentence_id" in table.column_names:
        table = set_column(table, "sentence_id", rep.sentence_ids(table["sentence_id"]))
    for col in ("duplicate_of", "raw_id", "quote_id", "parent_id"):
        if col in table.column_names:
            table = set_column(table, col, rep.article_ids(table[col]))
    if "input" in table.column_names:
        table = set_column(table, "input", pa.array([f"replica-{rep.r}.jsonl"] * table.num_rows))
    if dataset in ("mentions",):
        table = set_column(table, "actor_id", rep.actor_ids(table["actor_id"]))
    if dataset == "terms" and rep.fresh_terms is not None:
        fresh = pc.is_in(table["term"], value_set=rep.fresh_terms)
        for col in ("term", "display"):
            table = set_column(
                table, col, pc.if_else(fresh, suffixed(table[col], rep.suffix), table[col])
            )
    if dataset == "quotes":
        table = set_column(table, "speaker", rep.actor_ids(table["speaker"]))
    return table


def parts(files: list[Path], dataset: str, rep: Replica, moved: dict[str, pa.Array]):
    """The replica's rows of ``dataset`` in tables of exactly one row group each (the last
    one shorter), so its files have the row groups the writer gives a store."""
    from dashboard.store.files import ROW_GROUP_ROWS

    held: list[pa.Table] = []
    for path in files:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=ROW_GROUP_ROWS):
            held.append(transform(dataset, pa.Table.from_batches([batch]), rep, moved))
            if sum(t.num_rows for t in held) >= ROW_GROUP_ROWS:
                table = pa.concat_tables(held)
                yield table.slice(0, ROW_GROUP_ROWS)
                held = [table.slice(ROW_GROUP_ROWS)]
    table = pa.concat_tables(held) if held else None
    if table is not None and table.num_rows:
        yield table


def source_order(src, manifest) -> pa.Array:
    """The source's article ids in source order (input, then record)."""
    table = src.table("articles", ["article_id", "input", "record"])
    position = {e.name: i for i, e in enumerate(manifest.inputs) if e.digest}
    inputs = np.array([position[x] for x in table["input"].to_pylist()], dtype=np.int64)
    rank = inputs * (1 << 32) + table["record"].to_numpy()
    return table["article_id"].take(pa.array(np.argsort(rank, kind="stable"))).combine_chunks()


def moved_columns(src, keep: pa.Array, rep: Replica) -> dict[str, pa.Array]:
    """date/source/dateline of the replica's articles after the reshuffle, by ``keep`` index."""
    table = src.table("articles", ["article_id", "date", "source", "dateline"])
    at = pc.index_in(keep, value_set=table["article_id"].combine_chunks())
    table = table.take(at)  # rows in ``keep`` order
    return {c: table[c].combine_chunks().take(rep.perm) for c in ("date", "source", "dateline")}


def distinct_terms(src) -> pa.Array:
    """The distinct terms of the source's ``terms`` dataset."""
    import duckdb

    from dashboard.query.sql import compose, literal

    files = "[" + ", ".join(literal(str(p)) for p in src.files("terms")) + "]"
    sql = "SELECT DISTINCT term FROM read_parquet({files}) WHERE term IS NOT NULL ORDER BY 1"
    con = duckdb.connect(config={"memory_limit": "2GB", "threads": 2})
    terms = [t for (t,) in con.execute(compose(sql, files=files)).fetchall()]
    con.close()
    return pa.array(terms, pa.large_string())


def write_batch(src, dst: Path, rep: Replica, bid: str) -> dict[str, str]:
    """Replica ``rep``'s batch files (every batch dataset of the source) in ``dst``."""
    from dashboard.store.files import write_parts

    moved = moved_columns(src, rep.keep, rep) if rep.r else {}
    files = {}
    for dataset in BATCH_DATASETS:
        sources = src.files(dataset)
        if sources:
            schema = pq.read_schema(sources[0])
            files[dataset] = write_parts(
                dst, bid, dataset, schema, parts(sources, dataset, rep, moved)
            )
    return files


def files_on_disk(dst: Path, bid: str) -> dict[str, str]:
    """The batch files of ``bid`` another run (``--replicas``) wrote into ``dst``."""
    found = {}
    for path in sorted((dst / "data").glob(f"{bid}-*.parquet")):
        dataset = path.name.split(".")[-2]
        if dataset in found:
            raise SystemExit(f"two {dataset} files of {bid} in {dst}")
        found[dataset] = f"data/{path.name}"
    return found


def replicate(
    src_path: Path,
    dst: Path,
    articles: int,
    fresh: float,
    seed: int,
    fresh_terms: float,
    only: set[int] | None = None,
    finish: bool = True,
) -> None:
    """Write ``dst``: the batches of the replicas in ``only`` (all when None), then, with
    ``finish``, the corpus datasets and the manifest (batches not written by this run are
    taken from ``dst/data``, where ``--replicas`` runs put them)."""
    from dashboard.store.files import write_parts
    from dashboard.store.manifest import BatchEntry, InputEntry, new_manifest, write_manifest
    from dashboard.store.reader import open_store

    src = open_store(src_path)
    manifest = src.manifest
    order = source_order(src, manifest)
    n_src = len(order)
    n_rep = -(-articles // n_src)
    actor_ids = src.table("actors", ["actor_id"])["actor_id"].combine_chunks()
    writing = set(range(n_rep)) if only is None else only
    words = (fresh_terms, distinct_terms(src)) if writing else None
    dst.mkdir(parents=True, exist_ok=True)
    out = new_manifest()
    for field_name in ("analysis_version", "linking_version"):
        setattr(out, field_name, getattr(manifest, field_name))
    out.source = f"replicated from {src_path} ({n_rep} replicas)"
    replicas = []
    for r in range(n_rep):
        t0 = time.perf_counter()
        keep = order.slice(0, min(n_src, articles - r * n_src))
        rep = Replica(r, keep, actor_ids, fresh, seed, words if r in writing else None)
        replicas.append(rep)
        bid = f"b{r + 1:06d}"
        if r in writing:
            files = write_batch(src, dst, rep, bid)
            took = f"{time.perf_counter() - t0:.0f} s"
            print(f"replica {r}: {len(keep):,} articles in {took}", flush=True)
        else:
            files = files_on_disk(dst, bid)
        out.batches[bid] = BatchEntry(files=files, articles=len(keep), analysed=len(keep))
        if r == 0 and len(keep) == n_src:
            out.inputs += [replace(e, batch=bid) for e in manifest.inputs]
        else:
            name = f"replica-{r}.jsonl" if r else manifest.inputs[0].name
            digest = hashlib.blake2b(f"{name}{seed}".encode(), digest_size=16).hexdigest()
            out.inputs.append(InputEntry(name, 0, digest, bid, given=len(keep)))
    if not finish:
        return
    for dataset in ("mentions", "quotes"):
        sources = src.files(dataset)
        schema = pq.read_schema(sources[0])
        streams = (p for rep in replicas for p in parts(sources, dataset, rep, {}))
        out.corpus[dataset] = write_parts(dst, "g000001", dataset, schema, streams)
    out.corpus["actors"] = write_actors(src, dst, replicas, out.corpus["mentions"])
    out.generation = 1
    write_manifest(dst, out)


def write_actors(src, dst: Path, replicas: list[Replica], mentions_rel: str) -> str:
    """The source's actors plus each replica's fresh ones, ``mentions`` counted again."""
    import duckdb

    from dashboard.query.sql import compose, literal
    from dashboard.store.files import write_file

    base = src.table("actors")
    tables = [base]
    for rep in replicas[1:]:
        rows = base.filter(pc.is_in(base["actor_id"], value_set=rep.fresh_actors))
        rows = set_column(rows, "actor_id", rep.actor_ids(rows["actor_id"]))
        tag = f" {rep.r}"
        for col in ("name_ar", "name_en"):
            rows = set_column(rows, col, suffixed(rows[col], tag))
        tables.append(rows)
    actors = pa.concat_tables(tables)
    con = duckdb.connect()
    sql = "SELECT actor_id, count(*) AS n FROM read_parquet({file}) GROUP BY 1"
    n = dict(con.execute(compose(sql, file=literal(str(dst / mentions_rel)))).fetchall())
    con.close()
    actors = set_column(actors, "mentions", [n.get(a, 0) for a in actors["actor_id"].to_pylist()])
    return write_file(dst, "g000001", "actors", actors)


def report(store: Path) -> dict:
    """Realism figures of one store (see the module docstring)."""
    import duckdb

    from dashboard.query.sql import compose, literal
    from dashboard.store.reader import open_store

    st = open_store(store)
    con = duckdb.connect(config={"memory_limit": "2GB", "threads": 2})

    def one(select: str, dataset: str):
        files = "[" + ", ".join(literal(str(p)) for p in st.files(dataset)) + "]"
        sql = compose("SELECT {select} FROM read_parquet({files})", select=select, files=files)
        return con.execute(sql).fetchone()[0]

    n_articles = one("count(*)", "articles")
    figures = {
        "articles": n_articles,
        "sentences": one("count(*)", "sentences"),
        "actors": one("count(*)", "actors"),
        "actors mentioned": one("count(DISTINCT actor_id)", "mentions"),
        "mentions": one("count(*)", "mentions"),
        "distinct terms": one("count(DISTINCT term)", "terms"),
        "term rows": one("count(*)", "terms"),
    }
    sizes: dict[str, int] = {}
    for dataset in (*BATCH_DATASETS, "actors", "mentions", "quotes"):
        sizes[dataset] = sum(os.path.getsize(p) for p in st.files(dataset))
    figures["bytes/article"] = round(sum(sizes.values()) / max(n_articles, 1))
    for dataset, size in sizes.items():
        figures[f"  {dataset} bytes/article"] = round(size / max(n_articles, 1))
    con.close()
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("src", type=Path, nargs="?")
    ap.add_argument("dst", type=Path, nargs="?")
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--fresh", type=float, default=0.25, help="share of actors renamed per replica")
    ap.add_argument(
        "--fresh-terms",
        type=float,
        default=0.35,
        help="share of distinct terms renamed per replica",
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--replicas",
        help="write only these replicas' batches (e.g. 2,3; no manifest): runs in parallel; "
        "then --finish",
    )
    ap.add_argument(
        "--finish",
        action="store_true",
        help="write the corpus datasets and manifest, taking batches already in DST/data",
    )
    ap.add_argument("--report", type=Path, nargs="+", help="print the realism figures of stores")
    args = ap.parse_args()
    if args.report:
        rows = {str(s): report(s) for s in args.report}
        names = list(rows)
        print(f"{'':28}" + "".join(f"{Path(n).name:>16}" for n in names))
        for key in rows[names[0]]:
            print(f"{key:28}" + "".join(f"{rows[n][key]:>16,}" for n in names))
        return 0
    if args.fresh < 0.2:
        ap.error("--fresh must be at least 0.2 (issue 11)")
    if args.dst.exists() and not (args.replicas or args.finish):
        ap.error(f"{args.dst} exists")
    only = {int(r) for r in args.replicas.split(",")} if args.replicas else None
    if args.finish:
        only = set()
    finish = args.finish or not args.replicas
    t0 = time.perf_counter()
    rates = (args.fresh, args.seed, args.fresh_terms)
    replicate(args.src, args.dst, args.articles, *rates, only=only, finish=finish)
    print(f"wrote {args.dst} in {time.perf_counter() - t0:.0f} s; load {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
