"""The article as the quote extractor reads it (dashboard.quotes.text.ArticleText) and the
reporting verbs found among its tokens (dashboard.quotes.extract.verb_readings)."""

from __future__ import annotations

import pytest

from dashboard.arabic.normalize import normalize_token
from dashboard.arabic.tokens import tokenize
from dashboard.quotes.extract import verb_readings
from dashboard.quotes.frame import statements_of_candidates
from dashboard.quotes.lexicon import load_lexicon
from dashboard.quotes.text import ArticleText

TEXTS = {
    "plain": "وقالت الوزيرة إن الاتفاق \u201cلن يصمد طويلا بعد اليوم\u201d.",
    "tashkeel and tatweel": "وأكَّدَ الرئيـــس أنّ المفاوضات مستمرة.",
    "presentation forms": "وقال \ufefb\ufe8e\ufe8b\ufeaa المجموعة إن الوضع خطير.",
    "zero-width marks": "وأضاف\u200c المتحدث\u200f أن الرد سيكون قريبا.",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_token_keys_are_the_normalised_tokens_and_offsets_stay_the_texts(name):
    """Each token's key is its normalised form, whatever marks or glyph forms the text
    holds, and the folded text keeps the text's offsets (or is the text itself)."""
    text = TEXTS[name]
    doc = ArticleText(text, [(0, 0, len(text))])
    spans = tokenize(text)
    assert list(doc.keys) == [normalize_token(text[s:e]) for s, e in spans]
    assert list(zip(doc.starts, doc.ends, strict=True)) == spans
    assert len(doc.folded) == len(text)
    assert doc.is_word == [k.isalpha() for k in doc.keys]


def test_given_keys_read_the_same_article_as_computed_ones():
    """Keys handed over by the caller (the recogniser's) make the same article: same
    words, same quotations, same statements."""
    text = TEXTS["plain"]
    spans = tokenize(text)
    keys = [normalize_token(text[s:e]) for s, e in spans]
    own = ArticleText(text, [(0, 0, len(text))])
    given = ArticleText(text, [(0, 0, len(text))], spans, keys)
    assert list(given.keys) == list(own.keys)
    assert given.quotations == own.quotations
    assert given.words_in(0, len(text)) == own.words_in(0, len(text))
    sentences = [(0, len(text))]
    assert statements_of_candidates(text, sentences, [], tokens=spans, keys=keys) == (
        statements_of_candidates(text, sentences, [])
    )


def test_verb_readings_find_every_reporting_verb_and_nothing_else():
    """The reporting verbs of an article, by token index, with their third-person
    reading (a feminine perfect here); a text without one has none."""
    lex = load_lexicon()
    doc = ArticleText(TEXTS["plain"], [(0, 0, len(TEXTS["plain"]))])
    readings = verb_readings(doc, lex)
    assert list(readings) == [0]
    assert readings[0].gender == "f" and readings[0].form == "perfect"
    quiet = "وصل الوفد إلى العاصمة صباح اليوم."
    assert verb_readings(ArticleText(quiet, [(0, 0, len(quiet))]), lex) == {}


def test_an_article_without_a_reporting_verb_reports_nothing():
    """With the recogniser's keys, an article none of whose words is a reporting verb
    gives no statement even when it has quotation marks and a complementiser."""
    text = "وصل الوفد إلى العاصمة \u201cفي زيارة رسمية تستمر يومين\u201d بعد أن غادر."
    spans = tokenize(text)
    keys = [normalize_token(text[s:e]) for s, e in spans]
    assert statements_of_candidates(text, [(0, len(text))], [], tokens=spans, keys=keys) == []
