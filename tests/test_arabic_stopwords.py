"""Stop words and boilerplate lines: what is left out of "what is said"."""

import re

from dashboard.arabic.boilerplate import boilerplate_patterns, boilerplate_spans
from dashboard.arabic.normalize import normalize
from dashboard.arabic.stopwords import is_stopword, stopwords
from dashboard.paths import data_file


def test_function_words_reporting_verbs_and_calendar_names_are_stopwords():
    for word in ("في", "من", "التي", "الذي", "هذه", "إلى", "على", "قال", "قالت", "أضاف",
                 "أكد", "أوضح", "العام", "اليوم", "الخميس", "نوفمبر", "تشرين", "مليون"):  # fmt: skip
        assert is_stopword(normalize(word)), word


def test_news_subjects_are_not_stopwords():
    for word in ("روسيا", "موسكو", "وزير", "الرئيس", "حرب", "اتفاق", "شمال", "جنوب",
                 "نووي", "بوتين", "صباح", "حي"):  # fmt: skip
        assert not is_stopword(normalize(word)), word


def test_stopword_file_holds_normalised_keys_only():
    for line in data_file("stopwords_ar.txt").read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            assert word == normalize(word, lower=True), word
            assert " " not in word
    assert len(stopwords()) > 500


def test_boilerplate_patterns_all_compile():
    assert isinstance(boilerplate_patterns(), re.Pattern)


def lines(text: str) -> list[str]:
    return [text[s:e] for s, e in boilerplate_spans(text)]


def test_real_notices_are_boilerplate():
    text = "\n".join(
        [
            "اجتمع الوزيران في موسكو.",
            "اقرأ أيضاً: روسيا تعلن انسحابها",
            "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي",
            "  *نقلاً عن الرؤية الإماراتية  ",
            "للمزيد: ضربات جوية تستهدف مطار التيفور",
            "-------------------------------",
            "ــــــــــــ",
            "** جميع المقالات المنشورة تمثل رأي كتابها فقط.",
            "فرانس24/ أ ف ب",
            "(أ ف ب)",
            "وقال لافروف إن العلاقات وطيدة.",
        ]
    )
    assert lines(text) == [
        "اقرأ أيضاً: روسيا تعلن انسحابها",
        "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي",
        "*نقلاً عن الرؤية الإماراتية",
        "للمزيد: ضربات جوية تستهدف مطار التيفور",
        "-------------------------------",
        "ــــــــــــ",
        "** جميع المقالات المنشورة تمثل رأي كتابها فقط.",
        "فرانس24/ أ ف ب",
        "(أ ف ب)",
    ]


def test_news_sentences_that_mention_sources_are_not_boilerplate():
    text = (
        "نقلا عن مصادر مطلعة، قالت الصحيفة إن المفاوضات بين الجانبين ستستأنف الأسبوع المقبل "
        "في العاصمة القطرية الدوحة بمشاركة الوسطاء.\n"
        "وقال المصدر إن الاتفاق قريب.\n"
        "وذكرت وكالة أ ف ب أن الوفد وصل."
    )
    assert lines(text) == []
