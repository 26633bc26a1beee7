"""The top actors of the shared news corpora, as a Markdown table (issue 13's check list).

    .venv/bin/python bench/actors_top300.py [--top 300] [--out docs/actors_top300.md]

Loads ``dated_news.jsonl`` and ``more_news.jsonl`` of ``../shared/data/corpora`` (beside
the repository; ``--shared`` names another folder) as one corpus, the way the dashboard
does (``load_corpus``, no cache), and writes the ``--top`` actors by mentions with their
kind, country, English name, and one surface per actor, and a few checks: an Arabic name
with Latin letters, an organisation without an English name, a one-word person's name.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from shared_corpora import shared_dir  # noqa: E402

from dashboard.corpus import load_corpus  # noqa: E402

SHARED = shared_dir()
FILES = ("dated_news.jsonl", "more_news.jsonl")
LATIN = re.compile("[A-Za-z]")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--top", type=int, default=300)
    ap.add_argument("--out", type=Path, default=Path("docs/actors_top300.md"))
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for name in FILES:
            (Path(tmp) / name).symlink_to(args.shared / "data" / "corpora" / name)
        t0 = time.perf_counter()
        corpus = load_corpus(tmp, use_cache=False, workers=args.workers)
        seconds = time.perf_counter() - t0
    actors = corpus.actors.head(args.top)
    n_articles = len(corpus.articles)
    lines = [
        f"# Top {args.top} actors of the shared news ({n_articles:,} articles)",
        "",
        f"`bench/actors_top300.py` (load_corpus without cache, {seconds:.0f} s). Columns: rank,",
        "actor id, kind, country, mentions, English name, Arabic name (the most used form).",
        "",
        "| # | actor | kind | country | mentions | English | Arabic |",
        "|---:|---|---|---|---:|---|---|",
    ]
    problems = []
    for rank, row in enumerate(actors.itertuples(index=False), start=1):
        country = row.country if isinstance(row.country, str) else ""
        name_en = row.name_en if isinstance(row.name_en, str) else ""
        name_ar = row.name_ar if isinstance(row.name_ar, str) else ""
        lines.append(
            f"| {rank} | `{row.actor_id}` | {row.kind} | {country} | {row.mentions:,} "
            f"| {name_en} | {name_ar} |"
        )
        if LATIN.search(name_ar):
            problems.append(f"{row.actor_id}: Latin letters in the Arabic name {name_ar!r}")
        if row.kind == "ORG" and not name_en:
            problems.append(f"{row.actor_id}: an organisation without an English name")
        if row.kind == "PER" and " " not in name_ar.strip():
            problems.append(f"{row.actor_id}: a person named by one word {name_ar!r}")
    lines += ["", f"## Checks ({len(problems)} found)", ""]
    lines += [f"- {p}" for p in problems] or ["- none"]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{n_articles} articles in {seconds:.0f}s; wrote {args.out}; {len(problems)} problems")
    for p in problems:
        print(" ", p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
