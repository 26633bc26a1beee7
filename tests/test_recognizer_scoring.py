"""The conlleval-style entity scorer (dashboard.actors.evaluate), IOB2 spans (iob) and CoNLL files (conll)."""

from __future__ import annotations

import pytest

from dashboard.actors import conll, evaluate, iob


def test_entities_are_exact_spans_and_i_can_start_one():
    tags = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"]
    assert iob.entities(tags) == {(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "LOC"), (6, 7, "ORG")}


def test_perfect_prediction_scores_one():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "I-ORG"]]
    s = evaluate.score(gold, gold)
    assert s.micro[:3] == (1.0, 1.0, 1.0)
    assert s.per_type["ORG"][3:] == (1, 1, 1)


def test_partial_span_and_wrong_type_count_as_errors():
    gold = [["B-PER", "I-PER", "O", "B-LOC", "O"]]
    pred = [["B-PER", "O", "O", "B-ORG", "B-LOC"]]
    s = evaluate.score(gold, pred)
    # pred: PER(0,1) wrong span, ORG(3,4) wrong type, LOC(4,5) spurious → 0 of 3 right
    assert s.micro[3:] == (0, 3, 2)
    assert s.micro[:3] == (0.0, 0.0, 0.0)
    assert s.per_type["ORG"][4:] == (1, 0)


def test_micro_average_pools_counts():
    gold = [["B-PER", "O", "B-LOC", "O", "B-ORG"]]
    pred = [["B-PER", "O", "B-LOC", "B-LOC", "O"]]
    s = evaluate.score(gold, pred)
    p, r, f, tp, n_pred, n_gold = s.micro
    assert (tp, n_pred, n_gold) == (2, 3, 3)
    assert p == pytest.approx(2 / 3) and r == pytest.approx(2 / 3) and f == pytest.approx(2 / 3)
    assert s.per_type["LOC"][:2] == (0.5, 1.0)


def test_anercorp_tags_map_pers_and_drop_misc():
    assert conll.map_tags(["B-PERS", "I-PERS", "B-MISC", "I-MISC", "B-LOC", "O"]) == [
        "B-PER",
        "I-PER",
        "O",
        "O",
        "B-LOC",
        "O",
    ]
    # MISC is ignored on both sides: a predicted MISC is not a false positive.
    s = evaluate.score([conll.map_tags(["B-MISC", "O"])], [["O", "O"]])
    assert s.micro[3:] == (0, 0, 0)


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError):
        evaluate.score([["O", "O"]], [["O"]])


def test_read_and_write_round_trip(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("قال O\nبوتين B-PERS\n\n\nفي O\nموسكو B-LOC\n", encoding="utf-8")
    tokens, tags = conll.read_tagged(src)
    assert tokens == [["قال", "بوتين"], ["في", "موسكو"]]
    assert tags == [["O", "B-PERS"], ["O", "B-LOC"]]
    out = tmp_path / "out.txt"
    conll.write_tagged(out, tokens, tags)
    assert conll.read_tagged(out) == (tokens, tags)


def test_punctuation_never_starts_or_ends_a_name():
    tokens = ["«", "بي", "بي", "سي", "»", "..", "؟!", "موسكو", "..."]
    tags = ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-LOC", "I-LOC", "I-LOC"]
    assert iob.trim_punctuation(tokens, tags) == [
        "O",
        "B-ORG",
        "I-ORG",
        "I-ORG",
        "O",
        "O",
        "O",
        "B-LOC",
        "O",
    ]
    assert iob.trim_punctuation(["..."], ["B-PER"]) == ["O"]
