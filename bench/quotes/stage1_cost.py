"""Stage 1's statements on the first N shared articles: their CPU cost, saved or compared.

    .venv/bin/python bench/quotes/stage1_cost.py [--n 4000] [--save FILE | --compare FILE] [--profile]
                                                 [--inputs FILE]

Runs stage 1's steps (``dashboard.ingest.batch.process_articles``' parts: sentences,
the recogniser, counting terms, dates, then ``statements_of_candidates`` with the
recogniser's tokens) on the first
``--n`` articles of ``dated_news.jsonl`` in this process, one step at a time over all
articles, and prints each step's CPU seconds and ms per article, best of ``--repeat`` runs
for the statements (with the recogniser's keys, and looking for the speakers' names it
missed, as ``process_articles`` does). ``--save`` writes the statements and the names found
(JSON, one pair of lists per article); ``--compare`` says whether they equal a saved set and
names the first article that differs (a speed-up must leave them identical). ``--profile``
prints cProfile's busiest functions of the statements step. ``--inputs FILE`` keeps the
sentences and the recogniser's output in FILE (JSON, written when missing, read when
there), so that timing the statements again skips the recogniser (the other steps are then
not timed). Needs ../shared (not a test).
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import json
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))

from dashboard.actors.pipeline import recognize_articles_with_tokens  # noqa: E402
from dashboard.arabic.sentences import split_sentences  # noqa: E402
from dashboard.arabic.tokens import counting_terms  # noqa: E402
from dashboard.dates import extract_dates  # noqa: E402
from dashboard.quotes.frame import statements_of_candidates  # noqa: E402
from dashboard.quotes.lexicon import load_lexicon  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "corpora" / "dated_news.jsonl"
if not DEFAULT_CORPUS.exists():  # a worktree under /work/wt/ finds ../shared one level up
    DEFAULT_CORPUS = REPO.parent.parent / "shared" / "data" / "corpora" / "dated_news.jsonl"


def cpu(step):
    began = time.process_time()
    out = step()
    return out, time.process_time() - began


def _read_inputs(path: Path) -> tuple[list, list]:
    """The sentences and the recogniser's output saved by ``--inputs``, their spans tuples
    again (JSON made them lists)."""
    spans, recognised = json.loads(path.read_text(encoding="utf-8"))
    spans = [[tuple(s) for s in article] for article in spans]
    return spans, [(c, [tuple(t) for t in tokens], keys) for c, tokens, keys in recognised]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--save", type=Path, help="write the statements here (JSON)")
    action.add_argument("--compare", type=Path, help="compare with the statements saved here")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--inputs", type=Path, help="cache of the sentences and the recogniser's output (JSON)"
    )
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus} (this check needs ../shared)", file=sys.stderr)
        return 2
    with args.corpus.open(encoding="utf-8") as fh:
        texts = [json.loads(line).get("text") or "" for line in itertools.islice(fh, args.n)]
    n = len(texts)
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    lexicon = load_lexicon()
    if args.inputs is not None and args.inputs.exists():
        spans, recognised = _read_inputs(args.inputs)
        steps = []
    else:
        spans, t_split = cpu(lambda: [split_sentences(t) for t in texts])
        recognised, t_rec = cpu(
            lambda: recognize_articles_with_tokens(list(zip(texts, spans, strict=True)))
        )
        _, t_terms = cpu(lambda: [counting_terms(t) for t in texts])
        _, t_dates = cpu(lambda: [extract_dates(t, None) for t in texts])
        steps = [("sentences", t_split), ("recogniser", t_rec), ("terms", t_terms)]
        steps.append(("dates", t_dates))
        if args.inputs is not None:
            args.inputs.write_text(json.dumps([spans, recognised], ensure_ascii=False))

    def statements() -> list[tuple[list[dict], list[dict]]]:
        found = []
        for t, s, (c, tokens, keys) in zip(texts, spans, recognised, strict=True):
            names: list[dict] = []
            quotes = statements_of_candidates(
                t, s, c, lexicon, tokens=tokens, keys=keys, names=names
            )
            found.append((quotes, names))
        return found

    runs = [cpu(statements) for _ in range(args.repeat)]
    found, t_quotes = runs[0][0], min(t for _, t in runs)
    rest = sum(t for _, t in steps)
    for name, t in (*steps, ("statements", t_quotes)):
        print(f"{name:<11} {t:7.2f} s CPU  {t * 1000 / n:6.3f} ms/article")
    share = f"; {t_quotes / rest * 100:.1f} % of the rest of stage 1" if rest else ""
    print(
        f"statements: {sum(len(q) for q, _ in found):,} and speakers' names "
        f"{sum(len(m) for _, m in found):,} in {n:,} articles{share}"
    )
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(statements)
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)
    if args.save:
        args.save.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
        print(f"saved to {args.save}")
    if args.compare:
        # JSON makes tuples lists: compare what was saved with what would be
        saved = json.loads(args.compare.read_text(encoding="utf-8"))
        found = json.loads(json.dumps(found, ensure_ascii=False))
        if len(saved) != n:
            print(f"DIFFERENT: {len(saved)} articles saved, {n} now")
            return 1
        for i, (old, new) in enumerate(zip(saved, found, strict=True)):
            if old != new:
                print(
                    f"DIFFERENT from article {i}: {len(old[0])} statements and "
                    f"{len(old[1])} names saved, {len(new[0])} and {len(new[1])} now"
                )
                return 1
        print(f"same statements as {args.compare}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
