"""Naming the speakers of stage 1's statements once the corpus is linked
(dashboard.ingest.corpus_level.map_speakers)."""

from __future__ import annotations

import pandas as pd

from dashboard.ingest.corpus_level import map_speakers


def _quotes(rows: list[tuple[str, int | None, int | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": pd.Series([a for a, _, _ in rows], dtype="string"),
            "antecedent_start": pd.Series([s for _, s, _ in rows], dtype="Int32"),
            "antecedent_end": pd.Series([e for _, _, e in rows], dtype="Int32"),
        }
    )


def _mentions(rows: list[tuple[str, int, int, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": pd.Series([a for a, *_ in rows], dtype="string"),
            "start": pd.Series([s for _, s, _, _ in rows], dtype="int32"),
            "end": pd.Series([e for _, _, e, _ in rows], dtype="int32"),
            "actor_id": pd.Series([x for *_, x in rows], dtype="string"),
        }
    )


def test_the_speaker_is_the_mention_overlapping_the_antecedent_most():
    """The linked mention covering most of the resolved candidate names the speaker; on
    a tie the earliest one; none when nothing overlaps or nothing was resolved."""
    quotes = _quotes(
        [
            ("a", 10, 30),  # overlaps lavrov by 15, russia by 5
            ("a", 40, 50),  # two mentions overlap by 5: the earlier wins
            ("a", 60, 70),  # nothing there
            ("a", None, None),  # unresolved
            ("b", 0, 8),  # an article of its own
        ]
    )
    mentions = _mentions(
        [
            ("a", 25, 35, "russia"),
            ("a", 5, 25, "lavrov"),
            ("a", 45, 55, "later"),
            ("a", 35, 45, "earlier"),
            ("b", 0, 8, "choe"),
        ]
    )
    got = map_speakers(quotes, mentions)
    assert got.tolist() == ["lavrov", "earlier", pd.NA, pd.NA, "choe"]
    assert got.index.equals(quotes.index)


def test_a_speaker_is_never_read_from_another_article():
    """Offsets of another article's mention that would overlap the antecedent name no
    speaker, whatever order the articles come in."""
    quotes = _quotes([("q", 0, 99)])
    mentions = _mentions(
        [("p", 97, 100, "elsewhere"), ("q", 99, 100, "after"), ("r", 0, 60, "long")]
    )
    assert map_speakers(quotes, mentions).isna().all()
    assert map_speakers(quotes, mentions.iloc[::-1]).isna().all()


def test_quotes_of_articles_without_mentions_have_no_speaker():
    quotes = _quotes([("x", 0, 5), ("y", 0, 5)])
    mentions = _mentions([("y", 0, 5, "yes")])
    assert map_speakers(quotes, mentions).tolist() == [pd.NA, "yes"]
    assert map_speakers(quotes, mentions.iloc[:0]).isna().all()
