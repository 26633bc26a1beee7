"""Speakers' names the recogniser missed (``dashboard.quotes.names``): the subject of a
reporting verb that looks like a person's name becomes a candidate mention.

Real lines are named by their article (shared 2018 corpus, for NOTICE; none from half B of
``bench/quotes/statements.tsv``); the others are made up after kinds seen there.
"""

from __future__ import annotations

import pytest

from dashboard.arabic.sentences import split_sentences
from dashboard.ingest.batch import process_articles
from dashboard.quotes import load_lexicon
from dashboard.quotes.extract import verb_readings
from dashboard.quotes.names import speaker_names
from dashboard.quotes.text import ArticleText


def names_in(text: str, candidates: list[dict] | None = None) -> list[str]:
    """The surfaces of the names found in ``text`` (no candidates given: none known)."""
    doc = ArticleText(text, [(i, s, e) for i, (s, e) in enumerate(split_sentences(text))])
    lex = load_lexicon()
    return [
        c["surface"] for c in speaker_names(doc, verb_readings(doc, lex), candidates or [], lex)
    ]


# BB-culture-57-20180301 (BBC Arabic): a title and an adjective, then a name no list knows.
STAR = 'وقالت النجمة البارزة كانغانا رانوت: "لقد عوملت مثل الكلب".'
# AL-internationalNews-312-20180303 (Al Arabiya): a name, then the title after it.
SPOKESWOMAN = (
    'وأضافت رومانا روك المتحدثة باسم شرطة برن أنه "بحسب المعطيات الأولية، فإن الأمر يتعلق'
    ' بشخص أفغاني".'
)


def test_a_name_after_a_title_is_a_speaker_name():
    assert names_in(STAR) == ["كانغانا رانوت"]


def test_a_name_before_its_title_is_a_speaker_name():
    assert names_in(SPOKESWOMAN) == ["رومانا روك"]


def test_the_candidate_is_a_person_by_name_for_linking():
    doc = ArticleText(STAR, [(0, 0, len(STAR))])
    lex = load_lexicon()
    [found] = speaker_names(doc, verb_readings(doc, lex), [], lex)
    assert STAR[found["start"] : found["end"]] == found["surface"]
    assert (found["kind"], found["form"], found["actor_ids"]) == ("PER", "name", "")
    assert found["key"] == "كانغانا رانوت"


def test_a_name_the_recogniser_found_is_left_to_it():
    start = STAR.index("كانغانا")
    known = {"start": start, "end": start + len("كانغانا رانوت"), "form": "name"}
    assert names_in(STAR, [known]) == []


@pytest.mark.parametrize(
    "line",
    [
        "وقال مصدر أمني إن الهجوم وقع فجر اليوم.",  # a common noun (المصدر)
        "وقال مراسلون في المدينة إن القصف استمر.",  # a plural of one (المراسل)
        "وأضاف مسلحو المعارضة أن الطريق مغلق.",  # a plural's construct form
        "وأكد أولياء الأمور أن المدرسة أغلقت.",  # a noun before its genitive
        "وقالت أيضا إن الاتفاق سيوقع قريبا.",  # an adverb, no subject
        "وقال إنه لم يعد يبصر منذ الحادث.",  # an implicit subject, a verb after a negation
        "وأضاف قريبا أن الفريق سيعود.",  # an adverb in the accusative
    ],
)
def test_a_common_word_after_the_verb_is_no_name(line):
    assert names_in(line) == []


def test_a_name_without_a_statement_after_it_is_left_alone():
    assert names_in("وقال رانوت في حفل أقيم أمس كلاما كثيرا عن السينما.") == []


def test_stage_one_adds_the_name_and_points_the_statement_at_it():
    [result] = process_articles([(SPOKESWOMAN, None)])
    [name] = [c for c in result.candidates if c["surface"] == "رومانا روك"]
    [quote] = result.quotes
    assert (quote["antecedent_start"], quote["antecedent_end"]) == (name["start"], name["end"])


# SK-middleEast-1022-20180414 (Sky News Arabia) and FR-internationalNews-1540-20180530
# (France 24 Arabic), shortened: after a title's phrase and a comma; after a weekday.
@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "أعلن المتحدث باسم حزب العدالة والتنمية الحاكم في تركيا، ماهر أونال، السبت، إن"
            " أنقرة أبلغت بالضربات.",
            "ماهر أونال",
        ),
        (
            "صرحت الأربعاء مايا كوسيانسيتش الناطقة باسم وزيرة خارجية الاتحاد الأوروبي أن مصر"
            " تسعى لترسيخ الديمقراطية.",
            "مايا كوسيانسيتش",
        ),
    ],
)
def test_a_name_after_a_titles_phrase_or_a_weekday_is_a_speaker_name(line, name):
    assert names_in(line) == [name]


def test_a_name_right_after_an_indefinite_title_is_whose_title_it_is():
    assert names_in("وقال رئيس ساندفين إن الشركة لن ترد على الاتهامات.") == []


# SK-technology-973-20180625 (Sky News Arabia) and FR-internationalNews-1390-20180523
# (France 24 Arabic), shortened: a title no list holds; whose lawyer, named with ل.
def test_a_name_after_a_common_noun_as_title_is_a_speaker_name():
    line = "وقال الطبيب جريجوري تسيان من مستشفى الأطفال في فيلادلفيا إن النتائج مهمة."
    assert names_in(line) == ["جريجوري تسيان"]


def test_a_name_after_whose_title_it_is_is_a_speaker_name():
    line = 'وقال المحامي الخاص لترامب رودي جولياني أيضا لمعارضين إيرانيين "لدينا سياسة".'
    trump = line.index("ترامب")
    known = {"start": trump, "end": trump + len("ترامب"), "form": "name"}
    assert names_in(line, [known]) == ["رودي جولياني"]


@pytest.mark.parametrize(
    "line",
    [
        'ويورد النسائي قولاً: "لعل التجريح قد جاء مما نسب إليه".',  # tanween: accusative
        'وتابع الرميحي شارحا: "التكنولوجيا سيكون لها تأثير".',  # a family name, no title
        "يكشف التحليل الدقيق لطرائف أشعب، أنه لم يكن طماعا.",  # a genitive after a noun
    ],
)
def test_no_name_after_a_noun_that_is_no_title(line):
    assert names_in(line) == []


# AL-culture-117-20180303 (Al Arabiya), shortened: "the two magazines" in the construct
# form before their names.
def test_a_duals_construct_form_is_no_name():
    assert names_in('وذكرت مجلتا "فارايتي" و"ذا هوليوود ريبورتر" أن الحفل تأجل.') == []


# SK-middleEast-219-20180310 (Sky News Arabia) and BB-internationalNews-103-20180306 (BBC
# Arabic), shortened: a title without the article, its phrase, a comma, the name; a last
# name that starts like ب and a word.
@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            'قال مسؤول ملف الاستيطان في محافظة نابلس، غسان دغلس: "هاجم حوالي 30 مستوطنا القرية".',
            "غسان دغلس",
        ),
        ("وقالت وزيرة التضامن والصحة، أنييس بوزن، لصحيفة لوفيغارو إن السن مناسب.", "أنييس بوزن"),
    ],
)
def test_a_name_in_apposition_after_a_title_is_a_speaker_name(line, name):
    assert names_in(line) == [name]


# AL-culture-108-20180301 (Al Arabiya), shortened: a future verb and a preposition with the
# article after a role word and a comma.
def test_a_verb_after_a_titles_comma_is_no_name():
    assert names_in("لأن ما كتب محققة وما تركه من مؤلفات، سيؤدي بالضرورة، إلى أن نقرأه.") == []
