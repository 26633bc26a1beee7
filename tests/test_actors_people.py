"""People's names at their boundaries: titles, proclitics, relatives, names without a title.

Sentences are short extracts of real articles of the shared news corpus (article ids in
the comments) unless marked as made up. The CRF is played by a stand-in where a rule
applies to what it tags, so that retraining it does not change what these tests pin.
"""

from __future__ import annotations

import pytest

from dashboard.actors.pipeline import recognize_article
from dashboard.arabic.sentences import split_sentences
from tests.test_actors_pipeline import TagsFromList, run


def people(text: str) -> list[tuple[str, str]]:
    """(surface, actor ids) of the person candidates of ``text``."""
    return [
        (c["surface"], c["actor_ids"])
        for c in recognize_article(text, split_sentences(text))
        if c["kind"] == "PER"
    ]


def test_a_given_name_before_a_known_persons_surname_is_a_relative():
    # CN-internationalNews-179-20180324 and BB-internationalNews-95-20180303
    text = "تتولى الابنة الأولى للرئيس الأمريكي إيفانكا ترامب الآن المزيد من المسؤوليات"
    assert people(text) == [("إيفانكا ترامب", "")]
    text = "وأضاف أن ترامب والسيدة الأولى ميلانيا ترامب في زيارة لولاية فلوريدا"
    assert people(text) == [("ترامب", "per-donald-trump"), ("ميلانيا ترامب", "")]
    # Made up: a verb that is also a given name (شكر، زار) leaves the president alone
    assert people("وشكر ترامب الحضور. وزار ترامب المدينة.") == [
        ("ترامب", "per-donald-trump"),
        ("ترامب", "per-donald-trump"),
    ]
    _, mentions, _ = run({"a": "إيفانكا ترامب في البيت الأبيض. وقالت إيفانكا إن"})
    ivanka = mentions[mentions["surface"].str.startswith("إيفانكا")]
    assert ivanka["actor_id"].nunique() == 1
    assert "per-donald-trump" not in set(ivanka["actor_id"])


@pytest.fixture
def no_model(monkeypatch):
    """The CRF tags nothing: what is found is the rules'."""
    import dashboard.actors.pipeline as pipeline

    monkeypatch.setattr(pipeline, "_recognizer", lambda: TagsFromList({}))


def test_a_given_name_and_a_rare_surname_are_a_person_where_the_model_sees_none(no_model):
    # Made up after the dev set's kind (sport transfers): no title announces either name
    text = "وتعاقد النادي مع باستيان شفاينشتايغر من بايرن ميونيخ ولوكاس بودولسكي من أرسنال"
    found = [s for s, _ in people(text)]
    assert found == ["باستيان شفاينشتايغر", "لوكاس بودولسكي"]
    # Made up: a given name before a news word is no one
    assert people("وقال محمد إن الاجتماع انتهى") == []


def test_a_given_name_and_surname_the_model_tags_is_not_taken_twice(monkeypatch):
    import dashboard.actors.pipeline as pipeline

    # CN-sport-156-20180327: the model's span wins, without its proclitic و
    text = "وذلك باعتزال ميروسلاف كلوزة وفيليب لام وباستيان شفاينشتايغر ولوكاس بودولسكي"
    fake = TagsFromList({("وباستيان", "شفاينشتايغر"): "PER", ("ولوكاس", "بودولسكي"): "PER"})
    monkeypatch.setattr(pipeline, "_recognizer", lambda: fake)
    found = [s for s, _ in people(text)]
    assert "باستيان شفاينشتايغر" in found and "لوكاس بودولسكي" in found
    assert not any(s.startswith("و") for s in found)
    assert found.count("باستيان شفاينشتايغر") == 1


def test_a_title_the_model_tags_stays_outside_the_name(monkeypatch):
    import dashboard.actors.pipeline as pipeline

    # BB-internationalNews-254-20180330
    text = "نفى الفاتيكان أن البابا فرانسيس قال إن الجحيم غير موجود"
    fake = TagsFromList({("البابا", "فرانسيس"): "PER"})
    monkeypatch.setattr(pipeline, "_recognizer", lambda: fake)
    assert [s for s, _ in people(text)] == ["فرانسيس"]


def test_a_model_name_joining_two_people_by_wa_is_cut(monkeypatch):
    import dashboard.actors.pipeline as pipeline

    # BB-sport-155-20180515
    text = "وعن زميليه مسعود أوزيل وسينك طوسون حول لقائهم مع أردوغان"
    fake = TagsFromList({("مسعود", "أوزيل", "وسينك", "طوسون"): "PER"})
    monkeypatch.setattr(pipeline, "_recognizer", lambda: fake)
    found = [s for s, _ in people(text)]
    assert "مسعود أوزيل" in found
    assert not any("أوزيل وسينك" in s for s in found)
