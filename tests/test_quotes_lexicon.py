"""The reporting-verb lexicon: forms generated from data/quotes/verbs.tsv, roles, word lists."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from dashboard.arabic.normalize import normalize
from dashboard.arabic.tokens import tokenize
from dashboard.datafiles import DataFileError
from dashboard.quotes.lexicon import build_forms, conjugate, load_lexicon

BRIEF_VERBS = [
    "قال",
    "أكد",
    "أضاف",
    "أوضح",
    "أشار",
    "صرح",
    "أعلن",
    "ذكر",
    "أفاد",
    "شدد",
    "نفى",
    "ندد",
    "حذر",
    "دعا",
    "اعتبر",
    "تابع",
    "لفت",
    "نقل",
]


def readings(word: str):
    return {
        (r.lemma, r.person, r.gender, r.number, r.form)
        for r in load_lexicon().forms.get(normalize(word), ())
    }


@pytest.mark.parametrize("lemma", BRIEF_VERBS)
def test_every_listed_verb_is_known_in_the_third_person_of_both_genders(lemma):
    kinds = {
        (r.gender, r.number, r.form)
        for rs in load_lexicon().forms.values()
        for r in rs
        if r.lemma == lemma and r.person == 3
    }
    for tense in ("perfect", "imperfect"):
        assert {("m", "sg", tense), ("f", "sg", tense), ("m", "pl", tense)} <= kinds


@pytest.mark.parametrize(
    ("word", "lemma", "gender", "number", "form"),
    [
        ("وقالت", "قال", "f", "sg", "perfect"),
        ("قالوا", "قال", "m", "pl", "perfect"),
        ("فأضافت", "أضاف", "f", "sg", "perfect"),
        ("يضيفون", "أضاف", "m", "pl", "imperfect"),
        ("نفت", "نفى", "f", "sg", "perfect"),
        ("نفوا", "نفى", "m", "pl", "perfect"),
        ("ينفون", "نفى", "m", "pl", "imperfect"),
        ("ودعت", "دعا", "f", "sg", "perfect"),
        ("سيقول", "قال", "m", "sg", "imperfect"),
        ("وتؤكد", "أكد", "f", "sg", "imperfect"),
        ("مضيفا", "أضاف", "m", "sg", "participle"),
        ("مضيفةً", "أضاف", "f", "sg", "participle"),
        ("معتبرة", "اعتبر", "f", "sg", "participle"),
        ("قوله", "قال", "m", "sg", "masdar"),
        ("وصفتها", "وصف", "f", "sg", "perfect"),  # an object pronoun: she described it
        ("اكدت", "أكد", "f", "sg", "perfect"),  # written without hamza
    ],
)
def test_written_forms_are_read_with_their_speaker(word, lemma, gender, number, form):
    assert (lemma, 3, gender, number, form) in readings(word)


def test_first_and_second_person_forms_are_known_but_not_third():
    # "قلت" is I/you said: known, never taken for a reported statement's verb.
    assert readings("قلت") and all(person != 3 for _, person, *_ in readings("قلت"))


def test_conjugation_of_a_defective_verb():
    forms = {(f, p, g, n) for f, p, g, n, _ in conjugate("دعا", "دعو", "يدعو", "defective")}
    assert {("دعت", 3, "f", "sg"), ("دعوا", 3, "m", "pl"), ("دعوت", 1, "", "sg")} <= forms
    assert ("يدعون", 3, "m", "pl") in forms


def test_a_malformed_verb_row_names_the_file():
    with pytest.raises(DataFileError, match="verbs.tsv"):
        build_forms([("قال", "قل", "يقول", "irregular", "-", "-", "-")])


def test_roles_and_word_lists_come_from_data():
    lex = load_lexicon()
    minister = lex.role_of(normalize("والوزيرة"))
    assert minister is not None and (minister.base, minister.gender, minister.kind) == (
        "وزير",
        "f",
        "PER",
    )
    assert lex.role_of(normalize("البيان")).kind == "ANY"
    assert lex.role_of(normalize("لافروف")) is None
    assert {"ان", "بانه"} <= lex.complementizers
    assert "بعد" in lex.not_before_complementizer
    assert "تيريزا" in lex.feminine_names


@pytest.mark.parametrize("name", ["lexicon", "text"])
def test_docstring_examples(name):
    module = importlib.import_module(f"dashboard.quotes.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


SEED = next((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def test_role_keys_hold_exactly_the_words_that_name_a_role():
    # The seed's words (وقالت الوزيرة، وزيرة الخارجية …): the set that spares role_of a
    # call on most words keeps every word role_of answers for, and no other.
    lex = load_lexicon()
    text = SEED.read_text(encoding="utf-8")
    words = {normalize(text[s:e]) for s, e in tokenize(text)}
    named = {w for w in words if lex.role_of(w) is not None}
    assert {"الوزيره", "وزيره"} <= named
    assert named == words & lex.role_keys
    assert all(lex.role_of(k) is not None for k in lex.role_keys)
