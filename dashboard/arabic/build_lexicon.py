"""Build ``data/lexicon_ar.tsv`` (normalised word -> frequency) from real news.

Clitic stripping (``dashboard.arabic.clitics``) asks the lexicon whether the rest of a
word is a word of its own ("وروسيا" -> "روسيا" is; "وزير" -> "زير" is not, in news).
Run once by a maintainer, offline; the app only reads the TSV:

    python -m dashboard.arabic.build_lexicon CORPUS.jsonl [...] --out data/lexicon_ar.tsv \\
        --min-count 4 --credit "Word counts from ..."

The shipped file was built from the ANT Corpus v2.1 multi-source articles (dated_news.jsonl
+ more_news.jsonl, ~30,000 articles of Al Arabiya, BBC Arabic, CNN Arabic, France 24
Arabic and Sky News Arabia); its citation licence asks to credit it, which the
file's first line does.

Input: JSONL files with a ``text`` field (and optionally ``title``). Only words seen at
least ``--min-count`` times are kept (the tail is names and typos, and would only make
the file big). ``--report`` prints keys starting with ال whose written form mostly
starts with a hamzated alef (أل إل آل: ألمانيا, إلغاء) - candidates for
``data/clitics_ar.txt``, since folding makes them look like the article.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from dashboard.arabic.chars import ARTICLE, TASHKEEL_CHARS, TATWEEL
from dashboard.arabic.normalize import normalize, strip_marks

_WORD_RE = re.compile(rf"[^\W\d_](?:[^\W\d_]|[{TASHKEEL_CHARS}{TATWEEL}])*")


def count_words(paths: list[Path]) -> tuple[Counter[str], Counter[str]]:
    """(frequency of each normalised word, how often an ال-initial key was written أل/إل/آل)."""
    counts: Counter[str] = Counter()
    hamzated: Counter[str] = Counter()
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                text = f"{record.get('title') or ''}\n{record.get('text') or ''}"
                words = _WORD_RE.findall(text)
                counts.update(normalize(w) for w in words)
                hamzated.update(
                    normalize(w) for w in words if strip_marks(w)[:2] in ("أل", "إل", "آل")
                )
    return counts, hamzated


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("data/lexicon_ar.tsv"))
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--report", action="store_true")
    parser.add_argument("--credit", default="", help="where the corpus comes from (a comment line)")
    args = parser.parse_args(argv)
    counts, hamzated = count_words(args.corpus)
    kept = sorted(
        ((w, c) for w, c in counts.items() if c >= args.min_count and not w.isascii()),
        key=lambda wc: (-wc[1], wc[0]),
    )
    with args.out.open("w", encoding="utf-8") as fh:
        if args.credit:
            fh.write(f"# {args.credit}\n")
        fh.write(
            "# Normalised Arabic word\tfrequency, from "
            + ", ".join(p.name for p in args.corpus)
            + f" (min count {args.min_count}); built by dashboard.arabic.build_lexicon\n"
        )
        for word, count in kept:
            fh.write(f"{word}\t{count}\n")
    print(f"{len(kept)} words written to {args.out}")
    if args.report:
        for word, count in counts.most_common():
            if count < 20:
                break
            if word.startswith(ARTICLE) and hamzated[word] > 0.5 * count:
                print(f"{word}\t{count}\t{hamzated[word]}")


if __name__ == "__main__":
    main()
