"""Time of quote extraction per article on the first N real articles of the shared corpus.

Loads the articles with ``dashboard.load_corpus`` (not timed), then times
``dashboard.quotes.quotes_frame`` over them (lexicon loaded beforehand, as in a running
pipeline), best of ``--repeat`` runs. Issue 15 allows quotes at most 10 % of the cold ingest
(~80 s for 29,976 articles, so ~0.27 ms per article).

    DASHBOARD_CACHE=$(mktemp -d) python bench/quotes/speed.py [--n 2000] [--corpus …]

(an empty cache, so that ``load_corpus`` is cold: the ratio compares wall times, both taken on
the same machine at the same time).
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))

from dashboard import load_corpus  # noqa: E402
from dashboard.quotes import load_lexicon, quotes_frame  # noqa: E402

SHARED = next(
    (p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()),
    REPO.parent / "shared",
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--corpus", type=Path, default=SHARED / "data" / "corpora" / "dated_news.jsonl"
    )
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    with args.corpus.open(encoding="utf-8") as fh, tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "first.jsonl"
        path.write_text("".join(itertools.islice(fh, args.n)), encoding="utf-8")
        began, cpu = time.perf_counter(), time.process_time()
        corpus = load_corpus(path)
        loaded, loaded_cpu = time.perf_counter() - began, time.process_time() - cpu
    frames = (corpus.articles, corpus.sentences, corpus.mentions, corpus.actors)
    began = time.perf_counter()
    load_lexicon()
    lexicon_time = time.perf_counter() - began
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(quotes_frame, *frames)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    best = best_cpu = float("inf")
    for _ in range(args.repeat):
        began, cpu = time.perf_counter(), time.process_time()
        quotes = quotes_frame(*frames)
        best = min(best, time.perf_counter() - began)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    n = len(corpus.articles)
    print(
        f"{n} articles: load_corpus {loaded:.1f} s wall, {loaded_cpu:.1f} s CPU "
        f"(cache in {os.environ.get('DASHBOARD_CACHE', 'data/cache')}); lexicon {lexicon_time * 1000:.0f} ms once"
    )
    print(
        f"quotes: {len(quotes)} statements; {best:.2f} s wall ({best * 1000 / n:.3f} ms per article), "
        f"{best_cpu:.2f} s CPU ({best_cpu * 1000 / n:.3f} ms per article); wall time "
        f"{best / loaded * 100:.1f} % of this cold load's (whose analysis runs in a process pool, "
        f"so its own CPU time says little)"
    )


if __name__ == "__main__":
    main()
