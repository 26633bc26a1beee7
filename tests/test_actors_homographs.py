"""Names that are also common words need evidence from their context
(dashboard.actors.homographs). Sentences are short extracts of real articles of the shared
news corpus; the article id is in each comment."""

from __future__ import annotations

from dashboard.actors.homographs import is_homograph
from dashboard.actors.pipeline import recognize_article
from dashboard.arabic.sentences import split_sentences


def found(text: str) -> set[tuple[str, str]]:
    return {(c["surface"], c["actor_ids"]) for c in recognize_article(text, split_sentences(text))}


def test_homographs_are_measured_on_the_news_not_listed():
    assert is_homograph("مشهد") and is_homograph("صور") and is_homograph("امل")
    assert not is_homograph("موسكو") and not is_homograph("دوما") and not is_homograph("جمال")


def test_mashhad_the_scene_is_no_place():
    # SK-internationalNews-212-20180301
    assert not {s for s, ids in found("وكان مشهد رسو حاملات الطائرات الأميركية.") if s == "مشهد"}


def test_mashhad_the_city_after_a_word_for_a_city():
    # CN-middleEast-326-20180321
    assert ("مشهد", "gpe-mashhad") in found("وقال خامنئي، في كلمة بمدينة مشهد، إن.")


def test_hope_is_no_person():
    # BB-internationalNews-92-20180303
    assert found("وانتابت لياو خيبة أمل من صور ما قبل حفل زفافها.") == set()


def test_an_agency_in_a_credit_is_the_agency():
    # SK-internationalNews-195-20180301
    assert ("وكالة فرانس برس", "org-afp") in found("وقالت عبوشي لوكالة فرانس برس: إنها خطوة.")
