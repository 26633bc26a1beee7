"""The article as the quote extractor reads it (dashboard.quotes.text.ArticleText, its
quotations, the mention covering an offset) and the reporting verbs found among its tokens
(dashboard.quotes.extract.verb_readings, key_readings)."""

from __future__ import annotations

import pytest

from dashboard.arabic.normalize import normalize_token
from dashboard.arabic.tokens import tokenize
from dashboard.quotes.extract import key_readings, verb_readings
from dashboard.quotes.frame import statements_of_candidates
from dashboard.quotes.lexicon import load_lexicon
from dashboard.quotes.speakers import ArticleActors, Mention
from dashboard.quotes.text import ArticleText, find_quotations

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


def test_key_readings_are_the_verb_readings_of_the_same_keys():
    """Stage 1 reads the reporting verbs from the recogniser's keys before it builds the
    article: the same tokens and readings as from the article itself."""
    lex = load_lexicon()
    text = "قال الوزير إن الاتفاق صامد، وأضافت المتحدثة أن الحوار مستمر، وأكد أنه باق."
    doc = ArticleText(text, [(0, 0, len(text))])
    assert key_readings(doc.keys, lex) == verb_readings(doc, lex)
    assert [doc.keys[i] for i in key_readings(doc.keys, lex)] == ["قال", "واضافت", "واكد"]


def test_words_in_with_most_reads_only_the_first_tokens():
    """``most`` gives the first tokens of the span, as the whole list would begin; marks
    normalising deletes are left out of them too."""
    for text in TEXTS.values():
        doc = ArticleText(text, [(0, 0, len(text))])
        for start in range(0, len(text), 3):
            whole = doc.words_in(start, start + 50)
            assert doc.words_in(start, start + 50, most=2) == whole[:2]


def test_quotations_of_mixed_marks_come_in_text_order():
    """Marks of different kinds, nested and unclosed ones: every quotation, ordered by
    its opening mark, closed by its pair, an unclosed one ended by its paragraph."""
    text = 'قال «إن “الاتفاق” صامد» وأضاف "نعم" ثم „لا\nوقال «أخيرا'
    found = [(q.open, q.close, q.closed) for q in find_quotations(text)]
    opens = [i for i, ch in enumerate(text) if ch in '«“"„']
    assert [o for o, _, _ in found] == [opens[0], opens[1], opens[2], opens[4], opens[5]]
    assert found[0][1] == text.index("»") and found[1][1] == text.index("”")
    assert found[2][1] == opens[3]  # the straight quote closes the one before it
    assert found[3] == (opens[4], text.index("\n"), False)
    assert found[4] == (opens[5], len(text), False)


def test_the_mention_covering_an_offset_is_the_first_that_does():
    """``covering_index``: of the mentions holding an offset, the first (a long name
    holding a shorter one answers for it); None where no mention does, past the end of an
    earlier long one included."""
    text = "قال رئيس جمهورية كوريا الجنوبية مون جيه إن إن البلدين سيتحاوران."
    doc = ArticleText(text, [(0, 0, len(text))])
    at = text.index
    spans = [
        (at("رئيس"), at(" مون")),  # the title and the country
        (at("كوريا"), at(" مون")),
        (at("مون"), at(" إن")),
        (at("البلدين"), at(" سيتحاوران")),
    ]
    mentions = [Mention(s, e, f"A{i}", "GPE") for i, (s, e) in enumerate(spans)]
    people = ArticleActors(doc, mentions, {}, load_lexicon())
    for offset in range(len(text) + 1):
        holding = [i for i, (s, e) in enumerate(spans) if s <= offset < e]
        assert people.covering_index(offset) == (holding[0] if holding else None), offset
    assert people.covering_index(at("كوريا")) == 0
    assert people.covering_index(at(" إن")) is None
