"""Sentences with highlighted actors: offsets relative to the sentence, and no article
text or actor name ever reaches the HTML unescaped."""

from __future__ import annotations

import html
import re

import pandas as pd
from sample_corpus import build_corpus

from dashboard.analysis import apply_filter, highlight_spans
from dashboard.analysis.filters import Filter
from dashboard.analysis.labels import actor_titles
from dashboard.ui.highlight import sentence_html, sentences_html

TEXT = 'مقدمة. قال "بوتين" <script>alert(1)</script> إن روسيا & الصين شريكتان.'
ACTORS = [
    {"actor_id": "putin", "name_ar": 'فلاديمير "بوتين"', "name_en": "Putin <b>x</b>",
     "kind": "PER", "surfaces": ["بوتين"]},
    {"actor_id": "rus", "name_ar": "روسيا", "name_en": "Russia", "kind": "GPE",
     "surfaces": ["روسيا"]},
    {"actor_id": "chn", "name_ar": "الصين", "name_en": "China", "kind": "GPE",
     "surfaces": ["الصين"]},
]  # fmt: skip


def corpus():
    return build_corpus([{"article_id": "x", "date": "2024-01-01", "text": TEXT}], ACTORS)


def visible_text(markup: str) -> str:
    """What a browser shows: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_spans_are_relative_to_the_sentence():
    c = corpus()
    row = c.sentences.iloc[1]  # the second sentence starts after "مقدمة. "
    assert row["start"] > 0
    spans = highlight_spans(row, c.mentions)
    assert [row["text"][a:b] for a, b, _ in spans] == ["بوتين", "روسيا", "الصين"]
    assert [actor for _, _, actor in spans] == ["putin", "rus", "chn"]
    # dicts and namedtuples work too
    assert highlight_spans(row.to_dict(), c.mentions) == spans
    tup = next(c.sentences.iloc[1:2].itertuples(index=False))
    assert highlight_spans(tup, c.mentions) == spans
    assert highlight_spans(c.sentences.iloc[0], c.mentions) == []


def test_html_escapes_text_and_actor_names():
    c = corpus()
    row = c.sentences.iloc[1]
    markup = sentence_html(row["text"], highlight_spans(row, c.mentions), actor_titles(c.actors))
    assert "<script>" not in markup and "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert " &amp; <mark" in markup  # the ampersand before الصين
    assert "<b>" not in markup  # from the English name in the tooltip
    # Quotes in a name cannot close the title attribute.
    assert 'title="فلاديمير &quot;بوتين&quot; — Putin &lt;b&gt;x&lt;/b&gt; (أشخاص)"' in markup
    assert '<mark class="actor kind-PER" data-actor="putin"' in markup
    assert markup.startswith('<span class="sentence" dir="rtl" lang="ar">')
    assert visible_text(markup) == row["text"]  # nothing lost or added


def test_html_cannot_be_broken_by_hostile_labels_kinds_or_spans():
    text = "<img src=x onerror=alert(1)> نص"
    labels = {'"><script>': ('"><script>x</script>', 'PER" onclick="evil')}
    markup = sentence_html(text, [(1, 4, '"><script>'), (2, 3, "other"), (50, 60, "far")], labels)
    assert "<img" not in markup and "<script>" not in markup
    assert 'class="actor kind-PERonclickevil"' in markup  # kind reduced to safe letters
    assert 'data-actor="&quot;&gt;&lt;script&gt;"' in markup
    assert markup.count("<mark") == 1  # the overlapping and out-of-range spans are dropped
    assert visible_text(markup) == text
    assert sentence_html(None, []) == '<span class="sentence" dir="rtl" lang="ar"></span>'
    assert sentence_html("a<b", [], wrap=False) == "a&lt;b"


def test_sentences_html_highlights_the_mentions_it_is_given_only():
    c = corpus()
    rows = c.sentences.iloc[[1]]
    every = apply_filter(c)
    everyone = sentences_html(rows, every.mentions, c.actors)[0]
    assert everyone.count("<mark") == 3
    places = sentences_html(rows, apply_filter(c, Filter(kinds=["GPE"])).mentions, c.actors)[0]
    assert places.count("<mark") == 2 and 'data-actor="putin"' not in places
    assert visible_text(places) == rows.iloc[0]["text"]
    assert 'title="' in places  # the actor's names as the mark's tooltip
    assert sentences_html(c.sentences.iloc[0:0], every.mentions, c.actors) == []


def test_overlapping_mentions_keep_the_longest():
    mentions = pd.DataFrame(
        {
            "sentence_id": [0, 0, 0],
            "start": [10, 10, 14],
            "end": [13, 18, 20],
            "actor_id": ["short", "long", "inner"],
        }
    )
    row = {"sentence_id": 0, "start": 10, "end": 30, "text": "x" * 20}
    assert highlight_spans(row, mentions) == [(0, 8, "long")]
