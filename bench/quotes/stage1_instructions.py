"""Instructions the statements step executes per article: its cost, unmoved by machine load.

    .venv/bin/python bench/quotes/stage1_cost.py --n 3000 --inputs FILE      # once: the recogniser's output
    .venv/bin/python bench/quotes/stage1_instructions.py --inputs FILE [--n 500] [--checkout DIR ...]

On a machine shared by other work, CPU seconds of the same run vary by ±20 %, more than
most speed-ups of the statements step (``dashboard.quotes.frame.statements_of_candidates``,
as ``dashboard.ingest.batch.process_articles`` calls it); the instructions valgrind's
callgrind counts vary by well under 0.1 %. For each ``--checkout`` (default: this one) a
child process under callgrind reads the first ``--n`` articles of ``--corpus`` and their
sentences and recogniser output from ``--inputs`` (as ``stage1_cost.py --inputs`` saves
them), runs the step over them once to warm up (the lexicon, memoised word tests, hashes of
the keys), then once more inside ``operator.call``, the one function callgrind counts in
(``--toggle-collect``): only that warm pass is counted. Prints each checkout's instructions
per article. Slow (a minute or more per 500 articles); needs valgrind and ../shared (not a
test). Outputs are not compared here: ``stage1_cost.py --compare`` does that.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "corpora" / "dated_news.jsonl"
if not DEFAULT_CORPUS.exists():  # a worktree under /work/wt/ finds ../shared one level up
    DEFAULT_CORPUS = REPO.parent.parent / "shared" / "data" / "corpora" / "dated_news.jsonl"

CHILD = """
import itertools, json, operator, sys
checkout, corpus, inputs, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sys.path.insert(0, checkout)
import dashboard.quotes.frame
from dashboard.quotes.frame import statements_of_candidates
from dashboard.quotes.lexicon import load_lexicon
if not dashboard.quotes.frame.__file__.startswith(checkout):
    raise SystemExit(f"imported {dashboard.quotes.frame.__file__}, not {checkout}'s")
with open(corpus, encoding="utf-8") as fh:
    texts = [json.loads(line).get("text") or "" for line in itertools.islice(fh, n)]
with open(inputs, encoding="utf-8") as fh:
    spans, recognised = json.load(fh)
spans = [[tuple(s) for s in article] for article in spans[:n]]
recognised = [(c, [tuple(t) for t in tokens], keys) for c, tokens, keys in recognised[:n]]
lexicon = load_lexicon()
def statements():
    for t, s, (c, tokens, keys) in zip(texts, spans, recognised, strict=True):
        statements_of_candidates(t, s, c, lexicon, tokens=tokens, keys=keys, names=[])
statements()  # warm: only the second pass is counted
operator.call(statements)
"""


def instructions(checkout: Path, corpus: Path, inputs: Path, n: int) -> int:
    """Instructions of one warm pass of the statements step over ``n`` articles."""
    run = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--collect-atstart=no",
            "--toggle-collect=_operator_call",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-c",
            CHILD,
            str(checkout),
            str(corpus),
            str(inputs),
            str(n),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if found is None:
        raise SystemExit(f"{checkout}: no instruction count in valgrind's output")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--inputs", type=Path, required=True, help="stage1_cost.py --inputs FILE")
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--checkout", type=Path, action="append", help="a checkout to count (default: this one)"
    )
    args = parser.parse_args()
    for needed in (args.corpus, args.inputs):
        if not needed.exists():
            print(f"no file at {needed}", file=sys.stderr)
            return 2
    for checkout in args.checkout or [REPO]:
        count = instructions(checkout.resolve(), args.corpus, args.inputs, args.n)
        print(f"{checkout}: {count / args.n:,.0f} instructions per article ({args.n:,} articles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
