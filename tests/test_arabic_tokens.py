"""Tokens, clitics and the countable words behind the word frequencies and word cloud."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.arabic.normalize import normalize
from dashboard.arabic.tokens import counting_terms, strip_clitics, tokenize

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_ca1ffc38c5cd97af.txt"


def tokens(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


def keys(text: str) -> list[str]:
    return [key for _, key, _ in counting_terms(text)]


def test_words_numbers_and_punctuation_are_separate_tokens():
    text = "أكدت الوزيرة، في (موسكو): إن النمو بلغ 3.5% و8,000 جندي؟!"
    assert tokens(text) == [
        "أكدت", "الوزيرة", "،", "في", "(", "موسكو", ")", ":", "إن", "النمو", "بلغ",
        "3.5", "%", "و", "8,000", "جندي", "؟", "!",
    ]  # fmt: skip


def test_tashkeel_tatweel_and_arabic_digits_stay_inside_their_token():
    assert tokens("وَقَّـــعَتْ موسكو عام ١٩٤٩") == ["وَقَّـــعَتْ", "موسكو", "عام", "١٩٤٩"]


def test_numbers_with_arabic_separators_are_one_token():
    assert tokens("نما ٣٫٥٪ وبلغ ٢٬٠٠٠ دولار") == ["نما", "٣٫٥", "٪", "وبلغ", "٢٬٠٠٠", "دولار"]


def test_hashtags_give_their_words():
    assert tokens("يشترك #ليوناردو_دي_كابريو و #براد_بيت") == [
        "يشترك", "ليوناردو", "دي", "كابريو", "و", "براد", "بيت",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("لموسكو", "موسكو"),
        ("والروسي", "روسي"),
        ("بالعلاقات", "علاقات"),
        ("الخارجية", "خارجيه"),
        ("للجيش", "جيش"),
        ("وروسيا", "روسيا"),
        ("وللرئيس", "رئيس"),
        ("بأوكرانيا", "اوكرانيا"),
        ("كالعادة", "عاده"),
        ("فالحكومة", "حكومه"),
    ],
)
def test_strip_clitics_removes_conjunctions_prepositions_and_article(word, stem):
    assert strip_clitics(normalize(word)) == stem


@pytest.mark.parametrize(
    "word",
    ["وزير", "وزارة", "بوتين", "لافروف", "كييف", "فلاديمير", "الله", "فرنسا", "بريطانيا",
     "لبنان", "كوريا", "بيان", "وكالة", "فيلم", "كامل", "التي", "ألمانيا", "إلغاء", "آلاف"],
)  # fmt: skip
def test_strip_clitics_leaves_words_that_only_begin_with_clitic_letters(word):
    assert strip_clitics(normalize(word)) == normalize(word)


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("للقاء", "لقاء"),  # ل + لقاء, not لل + قاء
        ("لليفربول", "ليفربول"),
        ("للاعبين", "لاعبين"),
        ("والعراق", "العراق"),  # Iraq is never written without ال: the key keeps it
        ("للعراق", "العراق"),
        ("العراق", "العراق"),
        ("للأمم", "الامم"),
        ("كاليفورنيا", "كاليفورنيا"),  # not ك + ال + يفورنيا
        ("فالنسيا", "فالنسيا"),
        ("التزام", "التزام"),  # not ال + تزام
        ("والدها", "والدها"),
        ("للبلاد", "البلاد"),  # ل + البلاد, not ل + "لبلاد"
        ("ولدينا", "لدينا"),  # و + لدينا, not ول + "دينا"
        ("وبعيدا", "بعيدا"),
        ("وزيلينسكي", "زيلينسكي"),  # a name unseen in the lexicon, after و
        ("بنات", "بنات"),  # a noun (البنات), not ب + "نات"
        ("كمين", "كمين"),
        ("كيان", "كيان"),
    ],
)
def test_strip_clitics_judges_the_remainder_against_real_usage(word, stem):
    assert strip_clitics(normalize(word)) == stem


def test_clitic_before_a_hamzated_word_or_relative_pronoun():
    assert strip_clitics(normalize("بألمانيا")) == "المانيا"
    assert strip_clitics(normalize("وإلغاء")) == "الغاء"
    assert strip_clitics(normalize("والتي")) == "التي"


def test_counting_terms_drop_stopwords_numbers_punctuation_and_single_letters():
    text = "وقالت الوزيرة إن بلادها ستواصل، في عام 2024، تعزيز ترسانتها النووية و 5 ب"
    assert keys(text) == ["وزيره", "بلادها", "ستواصل", "تعزيز", "ترسانتها", "نوويه"]


def test_counting_terms_display_is_the_written_word_without_clitics_or_tashkeel():
    text = "ووقّع الرئيس الروسيُّ بالعلاقات لموسكو"
    got = counting_terms(text)
    assert [(key, display) for _, key, display in got] == [
        ("وقع", "وقع"),
        ("رئيس", "رئيس"),
        ("روسي", "روسي"),
        ("علاقات", "علاقات"),
        ("موسكو", "موسكو"),
    ]
    # Offsets point at the word as written (clitics included).
    assert [text[s : s + 3] for s, _, _ in got] == ["ووق", "الر", "الر", "بال", "لمو"]


def test_counting_terms_count_hashtag_words_and_lower_case_latin():
    got = keys("#ليوناردو_دي_كابريو يلتقي CNN و Reuters")
    assert got == ["ليوناردو", "دي", "كابريو", "يلتقي", "cnn", "reuters"]


def test_counting_terms_skip_boilerplate_lines():
    text = "اجتمع الوزيران في موسكو.\nاقرأ أيضاً: روسيا تعلن انسحابها\n----------\n(أ ف ب)"
    assert keys(text) == ["اجتمع", "وزيران", "موسكو"]


def test_seed_article_terms_are_the_words_of_the_story():
    raw = SEED.read_text(encoding="utf-8")
    body = raw[raw.index("موسكو: ") + len("موسكو: ") :]
    terms = counting_terms(body)
    counts: dict[str, int] = {}
    for start, key, display in terms:
        assert body[start:].startswith(body[start : start + 1])
        assert normalize(display, lower=True) == key
        counts[key] = counts.get(key, 0) + 1
    # The story's subjects are counted with their clitics and article stripped
    # (لافروف, للجيش الروسي, بأوكرانيا ...) so each reaches its true count.
    for expected in ("كوريه", "الشماليه", "روسي", "لافروف", "نوويه", "اوكرانيا", "موسكو"):
        assert counts.get(expected, 0) >= 3, (expected, counts.get(expected))
    for noise in ("قال", "وقالت", "في", "ان", "التي", "الخميس", "خميس", "الجمعه"):
        assert noise not in counts


_NEWSY = st.lists(
    st.sampled_from(
        list('ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةى ًٌٍَُِّْـ0123456789٠١.,!?؟،#_"“”«»()\n ')
        + ["\u200f", "\u200c", "\u00a0", "ال", "وال", "لل", "3.5", "COVID"]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), _NEWSY))
def test_tokenize_never_fails_and_spans_are_ordered_within_bounds(text):
    spans = tokenize(text)
    previous_end = 0
    for s, e in spans:
        assert previous_end <= s < e <= len(text)
        token = text[s:e]
        assert token.strip() == token
        assert "#" not in token and "_" not in token
        previous_end = e
    # Letters and digits are never dropped.
    assert sum(ch.isalnum() for s, e in spans for ch in text[s:e]) == sum(
        ch.isalnum() for ch in text
    )


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), _NEWSY))
def test_counting_terms_never_fail_and_start_at_word_tokens(text):
    starts = {s for s, _ in tokenize(text)}
    previous = -1
    for start, key, display in counting_terms(text):
        assert start in starts and start > previous
        assert len(key) >= 2 and display
        previous = start


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=200), _NEWSY))
def test_counting_terms_from_the_tokens_are_those_of_the_text(text):
    # Stage 1 passes the recogniser's tokens: the same terms as scanning the text.
    assert counting_terms(text, tokenize(text)) == counting_terms(text)


def test_counting_terms_from_the_tokens_skip_boilerplate_and_numbers():
    text = "اجتمع الوزيران في موسكو عام 2024 ²\nاقرأ أيضاً: روسيا تعلن انسحابها\n(أ ف ب)"
    assert counting_terms(text, tokenize(text)) == counting_terms(text)
    assert [k for _, k, _ in counting_terms(text, tokenize(text))] == ["اجتمع", "وزيران", "موسكو"]


def test_strip_particles_keeps_the_article_for_matching_names():
    from dashboard.arabic.tokens import strip_particles

    got = [strip_particles(normalize(w)) for w in ("والعراق", "للرئيس", "لموسكو", "بالعلاقات")]
    assert got == ["العراق", "الرئيس", "موسكو", "العلاقات"]
    assert strip_particles(normalize("للقاء")) == "لقاء"
    assert strip_particles(normalize("وزير")) == "وزير"
