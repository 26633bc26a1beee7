"""Auto-tags: how the recogniser itself tags each word across unlabelled news (build time).

A word the training text never labels may still be a name the recogniser finds again
and again in news, from contexts it does know (``نيسان`` after ``شركة``, ``ارسنال``
before ``الانكليزي``); another is a name in one sentence only by accident. Tagging a
large unlabelled corpus with a trained model and counting, per clitic-stripped stem,
how many of its occurrences fall inside a person, place or organisation name gives the
next model a prior that sums up many contexts (self-training by features); the
recogniser turns the shares into features (``dashboard.actors.token_features.own_autotag``).

    python -m dashboard.actors.train --build-autotags NEWS.jsonl [NEWS2.jsonl ...] \\
        --autotag-model data/model/ner.crfsuite

writes ``autotags.tsv`` beside the model: ``stem<TAB>n<TAB>PER<TAB>LOC<TAB>ORG``. The
model that tags must not have been trained on the text it is scored on (for dev
experiments: a model trained on train minus dev).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from dashboard.actors.resources import AUTOTAG_CLASSES, news_texts, write_counts
from dashboard.actors.token_features import stem_of
from dashboard.arabic.normalize import normalize
from dashboard.arabic.sentences import split_sentences
from dashboard.arabic.tokens import tokenize

_ARABIC = re.compile(r"^[\u0621-\u064a]+$")


class Tagger(Protocol):
    """What the counts need of a recogniser (:class:`dashboard.actors.recognizer.Recognizer`)."""

    def tag_documents(self, documents: list[list[list[str]]]) -> list[list[list[str]]]: ...


def read_documents(paths: list[Path]) -> Iterator[list[list[str]]]:
    """The tokenised sentences of each article (title, then text) of JSONL files."""
    for text in news_texts(paths):
        sents = (text[s:e] for s, e in split_sentences(text))
        yield [[sent[a:b] for a, b in tokenize(sent)] for sent in sents]


def count_autotags(
    documents: Iterable[list[list[str]]], recognizer: Tagger, batch: int = 100
) -> dict[str, Counter[str]]:
    """Per Arabic stem: ``n`` (occurrences) and, per type of :data:`AUTOTAG_CLASSES`, how
    many occurrences the recogniser tagged inside a name of that type."""
    counts: dict[str, Counter[str]] = {}
    stems: dict[str, str] = {}  # token → stem ("" for a token that is not Arabic)

    def add(docs: list[list[list[str]]]) -> None:
        for doc, doc_tags in zip(docs, recognizer.tag_documents(docs), strict=True):
            for sent, tags in zip(doc, doc_tags, strict=True):
                for token, tag in zip(sent, tags, strict=True):
                    stem = stems.get(token)
                    if stem is None:
                        key = normalize(token)
                        stem = stems[token] = stem_of(key) if _ARABIC.match(key) else ""
                    if len(stem) < 2:
                        continue
                    c = counts.get(stem)
                    if c is None:
                        c = counts[stem] = Counter()
                    c["n"] += 1
                    if tag != "O":
                        c[tag[2:]] += 1

    pending: list[list[list[str]]] = []
    for doc in documents:
        pending.append(doc)
        if len(pending) == batch:
            add(pending)
            pending = []
    if pending:
        add(pending)
    return counts


def build_autotags(
    paths: list[Path], out: Path, recognizer: Tagger, min_count: int = 3, min_named: int = 2
) -> int:
    """Write the auto-tag counts of stems seen at least ``min_count`` times, of which at
    least ``min_named`` inside a name, most frequent first; returns how many."""
    counts = count_autotags(read_documents(paths), recognizer)
    return write_counts(out, counts, AUTOTAG_CLASSES, min_count, min_named)
