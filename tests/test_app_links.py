"""Links that survive growth: the URL's ``corpus`` is a store id and its generation."""

from __future__ import annotations

import re

from dashboard.ui import state as S
from dashboard.ui.i18n import t

STORE_ID = "3f9a0c1d2e4b5a67"
CHOICES = S.Choices(
    actor_ids=frozenset({"Q159", "lavrov"}),
    sources=frozenset({"رويترز"}),
    fingerprint=S.corpus_token(STORE_ID, 5),
)
LINK = {"actor": ["Q159", "lavrov"], "source": "رويترز", "from": "2024-11-01", "q": "موسكو"}


def test_the_url_names_the_store_and_its_generation():
    state, notices = S.parse_query({**LINK, "corpus": f"{STORE_ID}.5"}, CHOICES, "sentences")
    assert notices == []
    query = S.to_query(state, "sentences", CHOICES.fingerprint)
    assert query["corpus"] == [f"{STORE_ID}.5"]
    assert S.parse_query(query, CHOICES, "sentences") == (state, [])


def test_a_link_from_an_older_generation_opens_with_a_newer_data_notice():
    state, notices = S.parse_query({**LINK, "corpus": f"{STORE_ID}.2"}, CHOICES, "sentences")
    # Nothing refused: the view is the link's.
    assert state.actors == ("Q159", "lavrov") and state.sources == ("رويترز",)
    assert state.option("sentences", "q") == "موسكو"
    assert [(n.key, n.fields()) for n in notices] == [
        ("notice_newer_data", {"link": "2", "current": "5"})
    ]
    assert not notices[0].dropped  # shown apart from the "values dropped" list
    english = t("notice_newer_data", "en", **notices[0].fields())
    assert "older version" in english and "2" in english and "5" in english
    arabic = t("notice_newer_data", "ar", **notices[0].fields())
    assert re.search("[\u0600-\u06ff]", arabic) and "2" in arabic and "5" in arabic


def test_a_link_from_a_newer_generation_says_the_server_is_behind():
    _, notices = S.parse_query({**LINK, "corpus": f"{STORE_ID}.9"}, CHOICES)
    assert [(n.key, n.fields()) for n in notices] == [
        ("notice_link_newer", {"link": "9", "current": "5"})
    ]
    assert "newer version" in t("notice_link_newer", "en", **notices[0].fields())


def test_a_link_for_another_store_or_an_old_fingerprint_says_another_corpus():
    for other in ("0000000000000000.5", "abc123", f"{STORE_ID}.x"):
        _, notices = S.parse_query({"corpus": other}, CHOICES)
        assert [n.key for n in notices] == ["notice_other_corpus"], other
        assert notices[0].dropped
        assert notices[0].fields() == {"link": other, "current": f"{STORE_ID}.5"}
