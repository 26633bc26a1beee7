"""Normalised keys: what Arabic readers treat as the same letter must match."""

from hypothesis import given
from hypothesis import strategies as st

from dashboard.arabic.normalize import normalize, strip_marks


def test_tashkeel_and_tatweel_do_not_change_the_key():
    assert normalize("أَكَّدَتْ وزيرةُ الخارجيّة") == normalize("أكدت وزيرة الخارجية")
    assert normalize("وقّـــعت") == normalize("وقعت") == "وقعت"


def test_alef_forms_yaa_and_taa_marbuta_fold():
    assert normalize("إيران أوكرانيا آلاف ٱلله") == "ايران اوكرانيا الاف الله"
    assert normalize("إلى مصطفى") == normalize("الي مصطفي") == "الي مصطفي"
    assert normalize("الكورية الشمالية") == "الكوريه الشماليه"


def test_digits_of_every_script_become_ascii():
    assert normalize("عام ١٩٤٩ و۲۰۲۴") == "عام 1949 و2024"


def test_invisible_marks_and_odd_spaces():
    # RLM/LRM, zero-width joiners and a BOM vanish; NBSP and thin spaces become spaces.
    assert normalize("\ufeffموسكو\u200f\u00a0كييف\u2009بيونغ\u200cيانغ") == "موسكو كييف بيونغيانغ"


def test_persian_look_alike_letters_and_presentation_forms():
    assert normalize("کییف") == "كييف"
    assert normalize("ﺍﻟﺴﻼﻡ") == "السلام"


def test_latin_is_lower_cased_only_on_request():
    assert normalize("Vladimir PUTIN") == "Vladimir PUTIN"
    assert normalize("Vladimir PUTIN", lower=True) == "vladimir putin"


def test_strip_marks_keeps_the_letters_readers_see():
    assert strip_marks("وَقَّـعت أوكرانيا") == "وقعت أوكرانيا"


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text, lower=True)
    assert normalize(once, lower=True) == once
