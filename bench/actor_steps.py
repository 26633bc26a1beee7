"""CPU seconds of the actor recogniser's steps, and of linking, measured in one process.

    # stage 1: the first N shared articles, per step (process time, no profiler)
    .venv/bin/python bench/actor_steps.py --n 4000
    # the same under cProfile (the profile written to a file for pstats)
    .venv/bin/python bench/actor_steps.py --n 4000 --profile /tmp/actors.prof
    # linking: link_mentions over the stored candidates of a store (read only)
    .venv/bin/python bench/actor_steps.py --link /work/stores/s29976

Stage 1 runs ``recognize_articles_with_tokens`` in batches of 100 articles, as an ingest
does, after one warm-up batch (the model and the word lists load there); each step named
in ``STEPS`` and ``METHOD_STEPS`` (the scorer's and the second stage's) is timed with
``time.process_time`` around its calls. Linking reads the store's ``candidates`` and
``sentences`` (every batch of its manifest) and times one ``link_mentions`` call, as a
store's ingest makes it. Each prints a digest of its output (the candidates; the actors
and mentions frames), so that two checkouts' outputs can be compared, and the load
average (the machine may be shared). Needs the shared corpora or a store; not part of
the tests.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import hashlib
import importlib
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from shared_corpora import corpora_dir  # noqa: E402

#: Steps of dashboard.actors.pipeline timed on their own (module-level functions).
STEPS = (
    "_rule_candidates",
    "_add_gazetteer_names",
    "_add_organisations",
    "_name_parts",
    "_tag_articles",
    "_model_candidates",
)
#: Methods of the recogniser's scorer and second stage timed on their own (inside
#: ``_tag_articles``): (module, class, method names).
METHOD_STEPS = (
    ("dashboard.actors.scoring", "StateScorer", ("_add", "_add_bigrams", "_add_context")),
    ("dashboard.actors.recognizer", "Recognizer", ("_second_stage_scores", "_sources")),
)
BATCH = 100


def _texts(corpus: Path, n: int) -> list[str]:
    texts = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if len(texts) >= n:
                break
            texts.append(json.loads(line)["text"])
    return texts


def _timed(module, name: str, totals: dict[str, float], label: str | None = None) -> None:
    """Replace ``module.name`` (a module's function or a class's method) by a wrapper
    adding its calls' CPU seconds to ``totals[label or name]``."""
    inner = getattr(module, name)
    label = label or name

    @functools.wraps(inner)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            totals[label] = totals.get(label, 0.0) + time.process_time() - start

    setattr(module, name, wrapper)


def stage1(corpus: Path, n: int, profile: Path | None) -> None:
    from dashboard.actors import pipeline
    from dashboard.arabic.sentences import split_sentences

    texts = _texts(corpus, n)
    articles = [(text, split_sentences(text)) for text in texts]
    pipeline.recognize_articles_with_tokens(articles[:BATCH])  # loads model and lists
    totals: dict[str, float] = {}
    profiler = cProfile.Profile() if profile else None
    if profiler is None:
        for name in STEPS:
            _timed(pipeline, name, totals)
        for module, cls, names in METHOD_STEPS:
            owner = getattr(importlib.import_module(module), cls)
            for name in names:
                _timed(owner, name, totals, f"{cls}.{name}")
    found = []
    start = time.process_time()
    if profiler is not None:
        profiler.enable()
    for i in range(0, len(articles), BATCH):
        found.extend(pipeline.recognize_articles_with_tokens(articles[i : i + BATCH]))
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(profile))
    total = time.process_time() - start
    digest = hashlib.blake2b(
        json.dumps([c for c, _, _ in found], ensure_ascii=False, sort_keys=True).encode(),
        digest_size=8,
    ).hexdigest()
    steps = ", ".join(f"{k} {v:.2f}" for k, v in totals.items())
    print(f"{len(texts):,} articles: {total:.2f} s CPU ({steps}); candidates {digest}")


def link(store: Path) -> None:
    import pandas as pd
    import pyarrow.parquet as pq

    from dashboard.actors.pipeline import link_mentions

    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))

    def dataset(name: str, columns: list[str] | None = None) -> pd.DataFrame:
        files = [b["files"][name] for b in manifest["batches"].values() if name in b["files"]]
        parts = [pq.read_table(store / f, columns=columns).to_pandas() for f in files]
        return pd.concat(parts, ignore_index=True)

    sentences = dataset("sentences", ["article_id", "sentence_id", "start"])
    candidates = dataset("candidates")
    link_mentions(pd.DataFrame(), sentences.head(100), candidates.head(100))  # the gazetteer
    start = time.process_time()
    actors, mentions = link_mentions(pd.DataFrame(), sentences, candidates)
    total = time.process_time() - start

    def digest(df: pd.DataFrame) -> str:
        rows = pd.util.hash_pandas_object(df.astype(str), index=False).to_numpy()
        return hashlib.blake2b(rows.tobytes(), digest_size=8).hexdigest()

    print(
        f"link_mentions over {len(candidates):,} candidates: {total:.2f} s CPU; "
        f"actors {len(actors):,} {digest(actors)}, mentions {len(mentions):,} {digest(mentions)}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=corpora_dir() / "dated_news.jsonl")
    ap.add_argument("--n", type=int, default=4000, help="articles for stage 1")
    ap.add_argument("--profile", type=Path, help="run stage 1 under cProfile, write here")
    ap.add_argument("--link", type=Path, metavar="STORE", help="time linking over a store")
    args = ap.parse_args(argv)
    print("load average", " ".join(f"{x:.1f}" for x in os.getloadavg()))
    if args.link:
        link(args.link)
        return 0
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus} (this needs ../shared)", file=sys.stderr)
        return 2
    stage1(args.corpus, args.n, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
