"""Small hand-made and large synthetic corpora in the contract's frames.

For the tests of the analysis layer and the UI: ``build_corpus`` turns
a few readable article texts into consistent frames (sentences split on ". ",
mentions found by exact surface, terms = whitespace words), and
``synthetic_corpus`` makes a large random one with realistic sizes.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.arabic.normalize import normalize
from dashboard.frames import ACTOR_KINDS, conform, frame

_SENTENCE = re.compile(r"[^.!?؟]+[.!?؟]?")
_WORD = re.compile(r"\S+")


@dataclass(eq=False)
class SimpleCorpus:
    """The frames of a corpus as attributes (same shape as ``dashboard.Corpus``)."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    actors: pd.DataFrame
    mentions: pd.DataFrame
    dates: pd.DataFrame
    skipped: pd.DataFrame = field(default_factory=lambda: frame("skipped"))
    terms: pd.DataFrame = field(default_factory=lambda: frame("terms"))
    fingerprint: str = ""


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def build_corpus(
    articles: list[dict], actors: list[dict], dates: Sequence[dict] = ()
) -> SimpleCorpus:
    """A consistent corpus from readable pieces.

    ``articles``: dicts with article_id, text and optionally date (ISO str/date),
    source, dateline, title, duplicate_of. ``actors``: dicts with actor_id, name_ar,
    name_en, kind, country and ``surfaces`` (exact strings found in the text; every
    non-overlapping occurrence becomes a mention). ``dates``: dicts with article_id,
    surface, value, granularity, relative (located at the first occurrence of surface).
    Duplicates (duplicate_of set) get no sentences, mentions, dates or terms.
    Terms: every whitespace word of 2+ letters; term = normalised, display = as written.
    """
    art_rows, sent_rows, ment_rows, term_rows, date_rows = [], [], [], [], []
    next_sid = 0
    for art in articles:
        row = {k: art.get(k) for k in ("article_id", "dateline", "source", "title", "text")}
        row["date"] = pd.Timestamp(art["date"]) if art.get("date") else pd.NaT
        row["path"] = f"{art['article_id']}.txt"
        row["duplicate_of"] = art.get("duplicate_of")
        art_rows.append(row)
        if art.get("duplicate_of"):
            continue
        text = art["text"]
        for pos, (s, e) in enumerate(_sentence_spans(text)):
            sid = next_sid
            next_sid += 1
            sent_rows.append(
                {
                    "article_id": art["article_id"],
                    "sentence_id": sid,
                    "position": pos,
                    "text": text[s:e],
                    "start": s,
                    "end": e,
                    "date": row["date"],
                }
            )
            taken: list[tuple[int, int]] = []
            for actor in actors:
                for surface in actor.get("surfaces", ()):
                    for m in re.finditer(re.escape(surface), text[s:e]):
                        a, b = s + m.start(), s + m.end()
                        if any(a < y and x < b for x, y in taken):
                            continue
                        taken.append((a, b))
                        ment_rows.append(
                            {
                                "article_id": art["article_id"],
                                "sentence_id": sid,
                                "actor_id": actor["actor_id"],
                                "surface": surface,
                                "start": a,
                                "end": b,
                                "method": "gazetteer",
                            }
                        )
            for m in _WORD.finditer(text[s:e]):
                word = m.group().strip(".,،:؛!?؟")
                if len(word) >= 2:
                    term_rows.append({"sentence_id": sid, "term": normalize(word), "display": word})
            for d in dates:
                if d["article_id"] != art["article_id"]:
                    continue
                at = text.find(d["surface"], s, e)
                if at >= 0:
                    date_rows.append(
                        {
                            "article_id": art["article_id"],
                            "sentence_id": sid,
                            "surface": d["surface"],
                            "start": at,
                            "end": at + len(d["surface"]),
                            "value": d["value"],
                            "granularity": d["granularity"],
                            "relative": d.get("relative", False),
                        }
                    )
    mentions = frame("mentions", ment_rows)
    counts = mentions["actor_id"].value_counts()
    actor_rows = [
        {
            "actor_id": a["actor_id"],
            "name_ar": a.get("name_ar"),
            "name_en": a.get("name_en"),
            "kind": a.get("kind"),
            "country": a.get("country"),
            "mentions": int(counts.get(a["actor_id"], 0)),
        }
        for a in actors
    ]
    digest = hashlib.sha256(repr((articles, actors, list(dates))).encode()).hexdigest()[:12]
    return SimpleCorpus(
        articles=frame("articles", art_rows),
        sentences=frame("sentences", sent_rows),
        actors=frame("actors", actor_rows),
        mentions=mentions,
        dates=frame("dates", date_rows),
        terms=frame("terms", term_rows),
        fingerprint=digest,
    )


def synthetic_corpus(
    n_articles: int = 18_000,
    sentences_per_article: int = 20,
    mentions_per_sentence: float = 2.5,
    n_actors: int = 3_000,
    terms_per_sentence: int = 0,
    seed: int = 0,
) -> SimpleCorpus:
    """A large random corpus with Zipf-distributed actors, for timing (not for meaning)."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"a{i:05d}" for i in range(n_articles)], dtype=object)
    start = np.datetime64(_dt.date(2023, 1, 1))
    days = start + rng.integers(0, 730, n_articles).astype("timedelta64[D]")
    sources = np.array(["وكالة أ", "وكالة ب", "Reuters", "AFP", "سانا"], dtype=object)
    articles = conform(
        "articles",
        pd.DataFrame(
            {
                "article_id": ids,
                "date": days.astype("datetime64[ns]"),
                "source": sources[rng.integers(0, len(sources), n_articles)],
                "title": "عنوان",
                "text": "نص",
            }
        ),
    )
    n_sent = n_articles * sentences_per_article
    sent_art = np.repeat(np.arange(n_articles), sentences_per_article)
    sentences = conform(
        "sentences",
        pd.DataFrame(
            {
                "article_id": ids[sent_art],
                "sentence_id": np.arange(n_sent, dtype=np.int64),
                "position": np.tile(np.arange(sentences_per_article), n_articles),
                "text": "قال الرئيس إن الاجتماع عقد في العاصمة.",
                "start": 0,
                "end": 10,
                "date": np.repeat(days.astype("datetime64[ns]"), sentences_per_article),
            }
        ),
    )
    n_ment = int(n_sent * mentions_per_sentence)
    ment_sent = rng.integers(0, n_sent, n_ment)
    actor_of = np.minimum(rng.zipf(1.3, n_ment) - 1, n_actors - 1)
    actor_ids = np.array([f"act{i:05d}" for i in range(n_actors)], dtype=object)
    kinds = np.array(ACTOR_KINDS, dtype=object)
    mentions = conform(
        "mentions",
        pd.DataFrame(
            {
                "article_id": ids[sent_art[ment_sent]],
                "sentence_id": ment_sent.astype(np.int64),
                "actor_id": actor_ids[actor_of],
                "surface": "اسم",
                "start": 0,
                "end": 3,
                "method": "gazetteer",
            }
        ),
    )
    actors = conform(
        "actors",
        pd.DataFrame(
            {
                "actor_id": actor_ids,
                "name_ar": [f"فاعل {i}" for i in range(n_actors)],
                "name_en": [f"Actor {i}" for i in range(n_actors)],
                "kind": kinds[np.arange(n_actors) % 4],
                "mentions": np.bincount(actor_of, minlength=n_actors),
            }
        ),
    )
    terms = frame("terms")
    if terms_per_sentence:
        vocab = np.array([f"كلمة{i}" for i in range(20_000)], dtype=object)
        n_terms = n_sent * terms_per_sentence
        words = vocab[np.minimum(rng.zipf(1.2, n_terms) - 1, len(vocab) - 1)]
        terms = conform(
            "terms",
            pd.DataFrame(
                {
                    "sentence_id": np.repeat(np.arange(n_sent), terms_per_sentence),
                    "term": words,
                    "display": words,
                }
            ),
        )
    return SimpleCorpus(
        articles=articles,
        sentences=sentences,
        actors=actors,
        mentions=mentions,
        dates=frame("dates"),
        terms=terms,
        fingerprint=f"synthetic-{seed}",
    )
