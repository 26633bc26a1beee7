"""The analysis layer on the seed article as the real pipeline loads it.

The pipeline's findings may change as its parts improve, so these tests check what
must hold whatever it finds: the analysis agrees with the raw frames.
"""

from __future__ import annotations

import html
import re

import numpy as np
import pytest

from dashboard.analysis import (
    Filter,
    apply_filter,
    comention,
    highlight_spans,
    pair_sentences,
    referenced_dates,
    search_sentences,
    summary,
    term_frequencies,
    top_actors,
)
from dashboard.arabic.normalize import normalize
from dashboard.ui.highlight import sentences_html


@pytest.fixture(scope="module")
def view(seed_corpus):
    return apply_filter(seed_corpus)


def test_counts_agree_with_the_raw_frames(seed_corpus, view):
    top = top_actors(view, n=None)
    raw = seed_corpus.mentions["actor_id"].value_counts()
    assert dict(zip(top["actor_id"], top["mentions"], strict=True)) == raw.to_dict()
    assert top["mentions"].is_monotonic_decreasing
    numbers = summary(view)
    assert numbers["articles"] == 1 and numbers["mentions"] == len(seed_corpus.mentions)
    assert numbers["date_min"] == seed_corpus.articles["date"].iloc[0].date()


def test_comention_pairs_are_backed_by_sentences(seed_corpus, view):
    result = comention(view, top_n=8)
    counts = result.counts
    assert (counts.to_numpy() == counts.to_numpy().T).all()
    ids = list(counts.index)
    a, b = max(
        ((x, y) for i, x in enumerate(ids) for y in ids[i + 1 :]),
        key=lambda p: counts.loc[p[0], p[1]],
    )
    rows = pair_sentences(view, a, b)
    assert len(rows) == counts.loc[a, b] > 0
    mentions = seed_corpus.mentions
    for sid in rows["sentence_id"]:
        assert {a, b} <= set(mentions.loc[mentions["sentence_id"] == sid, "actor_id"])


def test_highlighting_marks_exactly_the_mentions(seed_corpus, view):
    sentences = seed_corpus.sentences
    marked = sentences_html(sentences, view.mentions, seed_corpus.actors)
    for markup, row in zip(marked, sentences.itertuples(index=False), strict=True):
        shown = html.unescape(re.sub(r"<[^>]+>", "", markup))
        assert shown == row.text
        for start, end, actor in highlight_spans(row, seed_corpus.mentions):
            surface = row.text[start:end]
            assert f'data-actor="{actor}"' in markup
            assert f">{html.escape(surface)}</mark>" in markup


def test_search_finds_a_word_typed_without_hamza_or_diacritics(seed_corpus, view):
    # Pick a word of the seed that carries a hamza on alef, and type it without.
    words = re.findall(r"\w*[أإآ]\w+", " ".join(seed_corpus.sentences["text"]))
    assert words, "the seed article has hamza words"
    typed = normalize(words[0])
    found = search_sentences(view, typed)
    assert len(found) >= 1
    assert all(typed in normalize(t) for t in found["text"])


def test_actor_filter_and_dates_on_the_seed(seed_corpus, view):
    actor = top_actors(view, n=1)["actor_id"].iloc[0]
    narrowed = apply_filter(seed_corpus, Filter(actors=(actor,)))
    expected = seed_corpus.mentions.loc[
        seed_corpus.mentions["actor_id"] == actor, "sentence_id"
    ].unique()
    assert sorted(narrowed.sentence_ids) == sorted(expected)
    assert term_frequencies(narrowed)["count"].sum() <= term_frequencies(view)["count"].sum()
    refs = referenced_dates(view)
    assert refs["mentions"].sum() == len(seed_corpus.dates)
    assert np.all(refs["period_start"].dropna() <= refs["period_end"].dropna())


def test_multi_word_actor_names_count_as_one_term_or_are_left_out(seed_corpus):
    view = apply_filter(seed_corpus)
    merged = term_frequencies(view).set_index("display")["count"]
    split = term_frequencies(view, names="split").set_index("display")["count"]
    omitted = term_frequencies(view, names="omit").set_index("display")["count"]
    # Every two-word mention of North Korea is one term, not two words counted apart.
    mentions = seed_corpus.mentions
    surfaces = mentions.loc[mentions["actor_id"] == "gpe-north-korea", "surface"]
    assert merged["كوريا الشمالية"] == sum(" " in s for s in surfaces) > 1
    assert "الشمالية" not in merged.index and split["الشمالية"] > 1
    assert "كوريا الشمالية" not in split.index
    assert merged["الولايات المتحدة"] == 1 and "المتحدة" in split.index
    names = {"روسيا", "كوريا", "الشمالية", "موسكو", "أوكرانيا", "كوريا الشمالية"}
    assert not names & set(omitted.index)
    assert "تعزيز" in omitted.index  # ordinary words stay
    assert sum(omitted) < sum(merged) < sum(split)
