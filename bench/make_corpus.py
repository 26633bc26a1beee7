"""Realistic JSON Lines corpora of any size, assembled from the sentences of real articles.

    .venv/bin/python bench/make_corpus.py --n 300000 --out /tmp/corpus-300k.jsonl [--seed 0]
        [--corpus ../shared/data/corpora/dated_news.jsonl ../shared/data/corpora/more_news.jsonl]

Each generated article takes a real article as its *template*: its source, category,
title and dateline, its lede, its number of sentences and where its paragraphs break.
Each later sentence is the template's own or (half of them) the sentence at the same
relative position of one *donor*: an article of the same source and category, one of
the ``--window`` nearest to the template in date on either side. So an article blends
two neighbouring stories of one outlet and section (the lede under its own title, the
sign-off last), yet is a text of its own. Templates are used in rounds, each real article once per round in a shuffled order,
so sources and categories keep their real shares.

- No two generated texts are equal once normalised (what duplicate detection compares):
  a fixed-size Bloom filter of the normalised texts catches a repeat, and the article is
  drawn again (a filter's false alarm only costs a redraw).
- Dates are drawn evenly over ten years (``--first-year``, default 2015, to nine years
  later); ids are unique (``SRC-category-gNNNNNNN-YYYYMMDD``).
- Deterministic: the same inputs, ``--n`` and ``--seed`` give the same file, byte for byte.
- Streaming: the real articles are held once (about 150 MB for the shared 29,976) and
  each generated article is written as soon as it is made; memory does not grow with
  ``--n``.

At the end it prints articles, sentences and bytes per article of the generated corpus
next to the real one, and how long the generation took. Needs the real articles
(``../shared``, found above the repository, or ``--corpus``); not part of the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import time
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.arabic.normalize import normalize  # noqa: E402
from dashboard.arabic.sentences import split_sentences  # noqa: E402

CORPUS_NAMES = ("dated_news.jsonl", "more_news.jsonl")
YEARS = 10
# Share of an article's sentences taken from a neighbour rather than the template.
MIX = 0.5
# Redraws of a composition whose text was seen already, before a sentence is added.
MAX_REDRAWS = 8


def default_corpora() -> list[Path]:
    """The shared real articles: ``shared/data/corpora`` in the nearest folder above the
    repository that has one (``../shared`` for a clone next to it)."""
    for parent in REPO.parents:
        folder = parent / "shared" / "data" / "corpora"
        if folder.is_dir():
            return [folder / name for name in CORPUS_NAMES if (folder / name).exists()]
    return []


# --- the real articles ---------------------------------------------------------------------


@dataclass
class RealArticle:
    """One real article as sentence spans into its text; ``breaks[j]`` is true when a line
    break follows sentence ``j`` (a paragraph ends there)."""

    article_id: str
    date: str
    source: str
    category: str
    title: str
    dateline: str
    text: str
    spans: array  # start0, end0, start1, end1, ...
    breaks: bytes

    def __len__(self) -> int:
        return len(self.spans) // 2

    def sentence(self, j: int) -> str:
        return self.text[self.spans[2 * j] : self.spans[2 * j + 1]]


@dataclass
class RealStats:
    articles: int = 0
    sentences: int = 0
    text_bytes: int = 0
    record_bytes: int = 0


def read_real(paths: Iterable[Path], stats: RealStats) -> list[RealArticle]:
    """The real articles with at least one sentence, in file order; fills ``stats``."""
    articles: list[RealArticle] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                record = json.loads(line)
                text = record.get("text") or ""
                spans = split_sentences(text)
                stats.articles += 1
                stats.sentences += len(spans)
                stats.text_bytes += len(text.encode("utf-8"))
                stats.record_bytes += len(line.encode("utf-8"))
                if not spans:
                    continue
                breaks = bytes(
                    "\n" in text[end:next_start]
                    for (_, end), (next_start, _) in zip(spans, spans[1:], strict=False)
                )
                articles.append(
                    RealArticle(
                        article_id=str(record.get("id") or f"{path.name}:{stats.articles}"),
                        date=str(record.get("date") or ""),
                        source=str(record.get("source") or ""),
                        category=str(record.get("category") or ""),
                        title=str(record.get("title") or ""),
                        dateline=str(record.get("dateline") or ""),
                        text=text,
                        spans=array("I", (offset for span in spans for offset in span)),
                        breaks=breaks + b"\x00",
                    )
                )
    return articles


def neighbourhoods(articles: list[RealArticle], window: int) -> list[tuple[int, ...]]:
    """For each article, the indexes of its neighbours: the ``window`` articles of the same
    source and category before and after it in date (itself first)."""
    groups: dict[tuple[str, str], list[int]] = {}
    for index, article in enumerate(articles):
        groups.setdefault((article.source, article.category), []).append(index)
    around: list[tuple[int, ...]] = [()] * len(articles)
    for members in groups.values():
        members.sort(key=lambda i: (articles[i].date, articles[i].article_id))
        for position, index in enumerate(members):
            near = members[max(0, position - window) : position + window + 1]
            around[index] = (index, *(i for i in near if i != index))
    return around


# --- uniqueness in constant memory ------------------------------------------------------------


class BloomFilter:
    """A set of strings that may answer "seen" wrongly, never "not seen" wrongly; fixed size."""

    def __init__(self, bits: int = 1 << 28, hashes: int = 4) -> None:
        self.bits = bits
        self.hashes = hashes
        self._array = bytearray(bits // 8)

    def _positions(self, text: str) -> Iterator[int]:
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8 * self.hashes).digest()
        for k in range(self.hashes):
            yield int.from_bytes(digest[8 * k : 8 * k + 8], "little") % self.bits

    def add(self, text: str) -> bool:
        """Add ``text``; True when it was (probably) there already."""
        seen = True
        for position in self._positions(text):
            byte, bit = divmod(position, 8)
            if not self._array[byte] >> bit & 1:
                seen = False
                self._array[byte] |= 1 << bit
        return seen


# --- the generated articles --------------------------------------------------------------------


def _at_same_place(j: int, k: int, other: RealArticle) -> int:
    """The sentence of ``other`` at the relative position of sentence ``j`` of ``k``."""
    return 0 if k == 1 else round(j * (len(other) - 1) / (k - 1))


def compose(template: RealArticle, donor: RealArticle, rng: random.Random, extra: int = 0) -> str:
    """The text of one article on ``template``'s pattern, ``extra`` sentences longer.

    The lede is the template's (it goes with the title); each later sentence is the
    template's or, with probability ``MIX``, the ``donor``'s at the same relative place.
    """
    k = len(template) + extra
    parts: list[str] = []
    for j in range(k):
        if j > 0 and (j >= len(template) or rng.random() < MIX):
            parts.append(donor.sentence(_at_same_place(j, k, donor)))
        else:
            parts.append(template.sentence(j))
        if j < k - 1:
            parts.append("\n" if j < len(template) - 1 and template.breaks[j] else " ")
    return "".join(parts)


_SOURCE_CODES: dict[str, str] = {}


def source_code(source: str) -> str:
    """A short code for a source: the initials of its words ('Sky News Arabia' -> 'SNA')."""
    if source not in _SOURCE_CODES:
        _SOURCE_CODES[source] = "".join(w[0] for w in source.split() if w[0].isalnum()) or "SRC"
    return _SOURCE_CODES[source]


@dataclass
class Generated:
    articles: int = 0
    sentences: int = 0
    text_bytes: int = 0
    record_bytes: int = 0
    redraws: int = 0
    sources: set[str] = field(default_factory=set)
    first_date: str = "9999"
    last_date: str = ""


def generate(
    real: list[RealArticle],
    n: int,
    seed: int,
    window: int = 8,
    first_year: int = 2015,
    seen: BloomFilter | None = None,
) -> Iterator[tuple[dict, int, int]]:
    """``n`` generated records, one at a time, each with its number of sentences and the
    number of times it was drawn again because its text was seen already."""
    rng = random.Random(seed)
    around = neighbourhoods(real, window)
    seen = seen if seen is not None else BloomFilter()
    first_day = dt.date(first_year, 1, 1).toordinal()
    days = dt.date(first_year + YEARS, 1, 1).toordinal() - first_day
    order: list[int] = []
    for serial in range(n):
        if not order:  # a new round: every real article once, in a new order
            order = list(range(len(real)))
            rng.shuffle(order)
        template_index = order.pop()
        template = real[template_index]
        # One donor per article, so that it blends two neighbouring stories, not ten.
        neighbours = around[template_index][1:] or around[template_index]
        extra, tries = 0, 0
        text = compose(template, real[rng.choice(neighbours)], rng)
        while seen.add(normalize(text)):
            tries += 1
            if tries % MAX_REDRAWS == 0:
                extra += 1  # a short article drawn many times: make it longer
            text = compose(template, real[rng.choice(neighbours)], rng, extra)
        date = dt.date.fromordinal(first_day + rng.randrange(days))
        record = {
            "id": f"{source_code(template.source)}-{template.category or 'news'}-"
            f"g{serial:07d}-{date:%Y%m%d}",
            "date": date.isoformat(),
            "source": template.source,
            "category": template.category,
            "title": template.title,
            "dateline": template.dateline,
            "text": text,
        }
        yield record, len(template) + extra, tries


def write_corpus(records: Iterator[tuple[dict, int, int]], out, stats: Generated) -> None:
    """Write each record as a JSON line as it comes; fills ``stats``."""
    for record, sentences, redraws in records:
        stats.redraws += redraws
        line = json.dumps(record, ensure_ascii=False) + "\n"
        out.write(line)
        stats.articles += 1
        stats.sentences += sentences
        stats.text_bytes += len(record["text"].encode("utf-8"))
        stats.record_bytes += len(line.encode("utf-8"))
        stats.sources.add(record["source"])
        stats.first_date = min(stats.first_date, record["date"])
        stats.last_date = max(stats.last_date, record["date"])


def _per_article(total: int, articles: int) -> float:
    return total / max(articles, 1)


def report(real: RealStats, made: Generated, load_s: float, write_s: float) -> None:
    rows = [
        ("real", real.articles, real.sentences, real.text_bytes, real.record_bytes),
        ("generated", made.articles, made.sentences, made.text_bytes, made.record_bytes),
    ]
    print(f"{'':<10}{'articles':>11}{'sentences/art':>15}{'text B/art':>12}{'record B/art':>14}")
    for name, articles, sentences, text_bytes, record_bytes in rows:
        print(
            f"{name:<10}{articles:>11,}{_per_article(sentences, articles):>15.2f}"
            f"{_per_article(text_bytes, articles):>12,.0f}"
            f"{_per_article(record_bytes, articles):>14,.0f}"
        )
    print(
        f"generated: {len(made.sources)} sources, dates {made.first_date} .. {made.last_date}, "
        f"{made.redraws:,} redraws, {made.record_bytes / 1e6:,.1f} MB written"
    )
    print(
        f"time: reading and splitting the real articles {load_s:,.1f} s; generating and "
        f"writing {write_s:,.1f} s ({made.articles / max(write_s, 1e-9):,.0f} articles/s)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, required=True, help="articles to generate")
    parser.add_argument("--out", type=Path, required=True, help="the JSONL file to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, nargs="+", help="real JSONL articles")
    parser.add_argument("--window", type=int, default=8, help="neighbours on each side")
    parser.add_argument("--first-year", type=int, default=2015)
    args = parser.parse_args(argv)
    corpora = args.corpus or default_corpora()
    if not corpora:
        parser.error("no real articles: pass --corpus (../shared/data/corpora not found)")

    started = time.perf_counter()
    real_stats = RealStats()
    real = read_real(corpora, real_stats)
    if not real:
        parser.error("the real corpus has no article with a sentence")
    loaded = time.perf_counter()
    made = Generated()
    records = generate(real, args.n, args.seed, args.window, args.first_year)
    with args.out.open("w", encoding="utf-8") as out:
        write_corpus(records, out, made)
    written = time.perf_counter()
    report(real_stats, made, loaded - started, written - loaded)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
