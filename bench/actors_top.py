"""Top actors of the first N articles of the shared news corpus, with a cleanliness check.

    .venv/bin/python bench/actors_top.py [N=500] [TOP=40] [--corpus PATH]

Runs recognition + linking on the first N articles of the shared news corpus
(default ``../shared/data/corpora/dated_news.jsonl`` beside the repository), prints speed (tokens/s), the TOP most
mentioned actors, and fails (exit 1) if any of them is a stop word, a title or a
common verb (the stopword list + the title triggers and breakers of patterns.toml).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd
from shared_corpora import shared_dir

from dashboard.actors.patterns import load_patterns
from dashboard.actors.pipeline import link_mentions, model_available, recognize_article
from dashboard.actors.text import name_key, tokenize
from dashboard.arabic.sentences import split_sentences
from dashboard.arabic.stopwords import is_stopword

#: The shared data folder beside the repository (``../shared``).
SHARED = shared_dir()
CORPUS = SHARED / "data" / "corpora" / "dated_news.jsonl"


def main(n: int = 500, top: int = 40, corpus: Path = CORPUS) -> int:
    articles = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if len(articles) >= n:
                break
            rec = json.loads(line)
            articles.append({"article_id": str(rec["id"]), "text": rec.get("text") or ""})
    sentences, candidates = [], []
    n_tokens = sum(len(tokenize(a["text"])) for a in articles)
    t0 = time.perf_counter()
    for a in articles:
        spans = split_sentences(a["text"])
        for _pos, (s, e) in enumerate(spans):
            sentences.append(
                {"article_id": a["article_id"], "sentence_id": len(sentences), "start": s, "end": e}
            )
        for c in recognize_article(a["text"], spans):
            candidates.append({**c, "article_id": a["article_id"]})
    t1 = time.perf_counter()
    actors, mentions = link_mentions(
        pd.DataFrame(articles), pd.DataFrame(sentences), pd.DataFrame(candidates)
    )
    t2 = time.perf_counter()
    print(
        f"{len(articles)} articles, {n_tokens} tokens; model={'yes' if model_available() else 'no'}"
        f"; recognise {n_tokens / (t1 - t0):,.0f} tokens/s; link {t2 - t1:.2f}s; "
        f"{len(actors)} actors, {len(mentions)} mentions"
    )
    by_method = mentions["method"].value_counts().to_dict()
    print("mentions by method:", by_method)
    head = actors.head(top)
    with pd.option_context("display.width", 200, "display.max_colwidth", 40):
        print(head[["actor_id", "name_ar", "name_en", "kind", "country", "mentions"]].to_string())
    p = load_patterns()
    titles = {k for toks in p.triggers.values() for t in toks for k in t}
    bad = []
    for _, row in head.iterrows():
        for surface in mentions.loc[mentions["actor_id"] == row["actor_id"], "surface"].unique():
            words = name_key(surface).split(" ")
            if all(is_stopword(w) or w in titles or w in p.breakers for w in words):
                bad.append((row["actor_id"], surface))
    for actor_id, surface in bad:
        print(f"NOT CLEAN: {actor_id} has the mention {surface!r} (stop word / title / verb)")
    return 1 if bad else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=500, help="articles to read")
    ap.add_argument("top", type=int, nargs="?", default=40, help="actors to list")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="JSONL articles")
    args = ap.parse_args()
    sys.exit(main(args.n, args.top, args.corpus))
