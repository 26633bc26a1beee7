"""The committed CRF recogniser: loads offline, tags Arabic news sensibly, writes CoNLL."""

from __future__ import annotations

import socket

import pytest

from dashboard.actors import conll, iob
from dashboard.actors.features import Featurizer
from dashboard.actors.recognizer import ModelMissingError, Recognizer
from dashboard.actors.resources import Resources
from dashboard.actors.tag_file import tag_conll
from dashboard.actors.token_features import surface_forms
from dashboard.paths import data_file


@pytest.fixture(scope="module")
def rec():
    return Recognizer.load()


def _tag(rec, *sentences):
    """Tags of the whitespace-tokenised sentences, tagged as one document."""
    return rec.tag_document([s.split() for s in sentences])


def _entities(tokens, tags):
    return {(" ".join(tokens[s:e]), t) for s, e, t in iob.entities(tags)}


def _is_iob2(tags):
    prev = "O"
    for tag in tags:
        if tag == "O":
            prev = tag
            continue
        prefix, typ = tag.split("-")
        assert prefix in ("B", "I") and typ in ("PER", "LOC", "ORG"), tag
        if prefix == "I" and prev[2:] != typ:
            return False
        prev = tag
    return True


def test_model_files_are_committed_and_small():
    model = data_file("model", "ner.crfsuite")
    stage1 = data_file("model", "ner.stage1.crfsuite")
    assert model.is_file() and stage1.is_file()
    assert model.stat().st_size + stage1.stat().st_size < 10_000_000
    notice = data_file("model", "NOTICE").read_text(encoding="utf-8")
    assert "ANERcorp" in notice and "CC BY-SA 4.0" in notice


def test_loads_and_tags_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the recogniser tried to open a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    r = Recognizer.load()
    assert r.tag_document([["قال", "بوتين"]])[0][1] == "B-PER"


def test_missing_model_fails_with_a_clear_error(tmp_path):
    with pytest.raises(ModelMissingError, match="dashboard.actors.train"):
        Recognizer.load(tmp_path / "nope.crfsuite")


def test_president_and_city(rec):
    tags = _tag(rec, "قال الرئيس الروسي فلاديمير بوتين في موسكو")[0]
    assert tags == ["O", "O", "O", "B-PER", "I-PER", "O", "B-LOC"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "وأعلنت وزارة الخارجية الأمريكية أن الوزير جون كيري سيزور القاهرة الأسبوع المقبل .",
            {("جون كيري", "PER"), ("القاهرة", "LOC")},
        ),
        (
            "التقى الملك عبد الله الثاني رئيس الوزراء البريطاني توني بلير في لندن .",
            {("توني بلير", "PER"), ("لندن", "LOC")},
        ),
        (
            "وقالت منظمة الصحة العالمية في جنيف إن عدد الإصابات ارتفع .",
            {("منظمة الصحة العالمية", "ORG"), ("جنيف", "LOC")},
        ),
    ],
)
def test_news_sentences(rec, sentence, expected):
    tokens = sentence.split()
    tags = rec.tag_document([tokens])[0]
    assert _is_iob2(tags)
    found = _entities(tokens, tags)
    assert expected <= found, found


def test_nisba_adjectives_stay_outside(rec):
    tags = _tag(rec, "أكد المسؤولون الروس والأمريكيون أن المحادثات كانت مثمرة")[0]
    assert tags == ["O"] * 8


def test_output_shape_matches_input_and_is_valid_iob2(rec):
    tags = _tag(
        rec,
        "وصل وزير الخارجية الفرنسي إلى بيروت",
        "",
        ".",
        "وذكرت وكالة رويترز أن الاجتماع سيعقد في الرياض",
    )
    assert [len(t) for t in tags] == [6, 0, 1, 8]
    assert all(_is_iob2(t) for t in tags)
    assert rec.tag_document([]) == []


def test_a_document_knows_its_names(rec):
    # On its own البشير ("the herald") is an ordinary word; after the full name with a
    # title earlier in the same document it is recognised as that person.
    first = "وقال الرئيس السوداني عمر البشير في الخرطوم إن بلاده مستقرة"
    later = "لكن البشير رفض العرض"
    assert _tag(rec, later)[0] == ["O", "O", "O", "O"]
    tags = _tag(rec, first, later)
    assert tags[0][3:7] == ["B-PER", "I-PER", "O", "B-LOC"]
    assert tags[1] == ["O", "B-PER", "O", "O"]


def test_propagation_tags_untagged_repeats_of_confident_names(rec):
    from dashboard.actors.recognizer import _key, _propagate

    sentences = [["زار", "فلان", "الفلاني", "المدينة"], ["ثم", "غادر", "فلان", "الفلاني"]]
    stems = [[rec.scorer.stems[r] for r in rec.scorer.rows(s)] for s in sentences]
    keys = [[rec.scorer.keys[r] for r in rec.scorer.rows(s)] for s in sentences]
    key = _key(stems[0], keys[0], 1, 3)
    tags = [["O", "B-PER", "I-PER", "O"], ["O", "O", "O", "O"]]
    _propagate(stems, keys, tags, {key: [(0, "PER")]}, window=5)
    assert tags[1] == ["O", "O", "B-PER", "I-PER"]
    # Outside the window nothing is propagated.
    tags = [["O", "B-PER", "I-PER", "O"], ["O", "O", "O", "O"]]
    _propagate(stems, keys, tags, {key: [(0, "PER")]}, window=0)
    assert tags[1] == ["O", "O", "O", "O"]


def test_tag_conll_round_trips(tmp_path, rec):
    src = tmp_path / "in.conll"
    src.write_text(
        "قال O\nالرئيس O\nالروسي O\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\n\n"
        "وزار O\nالرئيس O\nالقاهرة B-LOC\n.\tO\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.conll"
    n = tag_conll(src, out, model=rec)
    assert n == 11
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[7] == "" and lines[-2:] == ["", ""]
    tokens, tags = conll.read_tagged(out)
    assert tokens == [
        ["قال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "في", "موسكو"],
        ["وزار", "الرئيس", "القاهرة", "."],
    ]
    assert all(_is_iob2(t) for t in tags)
    assert tags[0][3:5] == ["B-PER", "I-PER"] and tags[1][2] == "B-LOC"


def test_features_are_memoised_per_distinct_token():
    feat = Featurizer(Resources())
    feat.sentence(["في", "موسكو", "في", "موسكو"])
    assert set(feat._cache) == {"في", "موسكو"}
    assert feat.token_info("موسكو") is feat.token_info("موسكو")


def test_gazetteer_forms_drop_clitics_but_keep_al():
    assert surface_forms("وبالقاهره") == ("وبالقاهره", "بالقاهره", "القاهره")
    assert "الامم" in surface_forms("للامم")
    assert "موسكو" in surface_forms("لموسكو")


def test_gazetteer_match_features(tmp_path):
    res = Resources()
    res.add_gazetteer([("الولايات المتحده", "LOC"), ("موسكو", "LOC")])
    feats = Featurizer(res).sentence(["زار", "الولايات", "المتحدة", "ولموسكو"])
    assert "gB=LOC" in feats[1] and "gMW" in feats[1]
    assert "gI=LOC" in feats[2]
    assert "gB=LOC" in feats[3]
    assert not any(f.startswith(("gB=", "gI=")) for f in feats[0])
    assert "gBefore=LOC" in feats[0]


def test_odd_tokens_do_not_break_tagging(rec):
    doc = [["COVID-19", "2024", "٢٠٢٤", "😀", "#عاجل", "ـــ", "http://x.y", "؟", "ﻻ"], ["بوتين"]]
    tags = rec.tag_document(doc)
    assert [len(t) for t in tags] == [9, 1]
    assert all(_is_iob2(t) for t in tags)
    assert tags[0][1:3] == ["O", "O"]  # numbers are not names
