"""Reported statements of the seed article (issue 15, acceptance 1), as ``load_corpus``
gives them (the ``quotes`` frame: statements found in stage 1, speakers named after
linking), and as ``quotes_frame`` finds them from the linked frames.

The seed holds eight statements: Choe Son Hui's four (أكدت … أن، وقالت … إن، وقالت الوزيرة
“…”، وأضافت “…”; her verbs are feminine and two leave her implicit), Lavrov's two (وقال
لافروف “…”، وأفاد بأن … — with مضيفا “…” in between), the United States' (وذكرت الولايات
المتحدة أن …) and Zelensky's (وندد … بما قال إنه …). Putin and Kim Il Sung are only
mentioned; Kim Jong Un is quoted inside Choe's second statement.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.quotes import HOW_VALUES, QUOTE_COLUMNS, quotes_frame


@pytest.fixture(scope="module")
def seed(seed_corpus):
    return seed_corpus.articles["text"].iloc[0], seed_corpus.quotes


def _at(text: str, context: str, word: str) -> int:
    """Offset of ``word`` inside the one occurrence of ``context`` in the seed text."""
    assert text.count(context) == 1, context
    return text.index(context) + context.index(word)


def _quote(seed, context: str, verb: str):
    text, quotes = seed
    rows = quotes[quotes["verb_start"] == _at(text, context, verb)]
    assert len(rows) == 1, f"no single statement for {verb!r} in {context!r}"
    return rows.iloc[0]


# (verb in its context, speaker, how the speaker is found, direct, first words of the statement)
EIGHT = [
    ("أكدت وزيرة الخارجية", "أكدت", "per-choe-son-hui", "subject", False, "بلادها ستواصل"),
    ("وقالت خلال لقاء", "وقالت", "per-choe-son-hui", "implicit", False, "الزعيم الكوري"),
    ("وقالت الوزيرة", "وقالت", "per-choe-son-hui", "role", True, "نكرر التأكيد"),
    ("وأضافت “لا شك", "وأضافت", "per-choe-son-hui", "implicit", True, "لا شك لدينا"),
    ("وقال لافروف “", "وقال", "per-sergey-lavrov", "subject", True, "أقيمت علاقات"),
    ("وأفاد بأن", "وأفاد", "per-sergey-lavrov", "implicit", False, "روسيا تشعر"),
    ("وذكرت الولايات", "وذكرت", "gpe-united-states", "subject", False, "8000 جندي"),
    ("بما قال إنه", "قال", "per-volodymyr-zelensky", "implicit", False, "عدم تحرّك"),
]


@pytest.mark.parametrize(("context", "verb", "speaker", "how", "direct", "opening"), EIGHT)
def test_each_seed_statement_has_its_speaker_and_span(
    seed, context, verb, speaker, how, direct, opening
):
    text, _ = seed
    q = _quote(seed, context, verb)
    assert q["verb"] == verb
    assert q["speaker"] == speaker
    assert q["how"] == how
    assert bool(q["direct"]) is direct
    assert text[q["start"] : q["end"]].startswith(opening)


def test_choe_speaks_with_feminine_verbs_and_is_left_implicit_twice(seed):
    _, quotes = seed
    hers = quotes[quotes["speaker"] == "per-choe-son-hui"]
    assert len(hers) == 4
    assert all(v.endswith("ت") for v in hers["verb"])
    assert (hers["how"] == "implicit").sum() == 2
    assert hers.loc[hers["how"] == "implicit", "speaker_start"].isna().all()


def test_only_mentioned_actors_never_speak(seed):
    _, quotes = seed
    assert not quotes["speaker"].isin(["per-vladimir-putin", "per-kim-il-sung"]).any()


def test_kim_jong_un_is_quoted_inside_choes_statement(seed):
    text, quotes = seed
    outer = _quote(seed, "وقالت خلال لقاء", "وقالت")
    inner = _quote(seed, "“أشار بوضوح", "أشار")
    assert inner["parent_id"] == outer["quote_id"]
    assert inner["speaker"] == "per-kim-jong-un"
    assert outer["start"] <= inner["start"] < inner["end"] <= outer["end"]
    # The inner statement ends inside the quotation that holds it.
    assert text[inner["end"] : outer["end"]].strip(" ”.") == ""
    assert quotes["parent_id"].notna().sum() == 1


def test_direct_quotes_run_to_their_closing_mark(seed):
    text, _ = seed
    q = _quote(seed, "وأضافت “لا شك", "وأضافت")
    assert text[q["start"] - 1] == "“"
    assert text[q["end"]] == "”"
    lavrov = _quote(seed, "وقال لافروف “", "وقال")
    adding = _quote(seed, "مضيفا “سيمكن", "مضيفا")
    assert lavrov["end"] < adding["verb_start"]  # the quote ends before مضيفا starts another
    assert adding["speaker"] == "per-sergey-lavrov"


def test_rows_keep_the_contract(seed):
    text, quotes = seed
    assert list(quotes.columns[: len(QUOTE_COLUMNS)]) == list(QUOTE_COLUMNS)
    assert quotes["quote_id"].is_unique
    assert set(quotes["how"]) <= set(HOW_VALUES)
    for q in quotes.itertuples():
        assert text[q.verb_start : q.verb_end] == q.verb
        assert q.verb_start < q.verb_end and q.start < q.end
        if not pd.isna(q.speaker_start):
            assert q.speaker_start < q.speaker_end
    parents = set(quotes["parent_id"].dropna())
    assert parents <= set(quotes["quote_id"])


def test_rows_sit_in_the_sentence_of_their_verb_and_speak_as_actors(seed_corpus):
    c = seed_corpus
    quotes = c.quotes.merge(
        c.sentences[["sentence_id", "start", "end"]], on="sentence_id", suffixes=("", "_s")
    )
    assert len(quotes) == len(c.quotes)
    assert (
        (quotes["start_s"] <= quotes["verb_start"]) & (quotes["verb_end"] <= quotes["end_s"])
    ).all()
    assert set(c.quotes["speaker"].dropna()) <= set(c.actors["actor_id"])


def test_quote_ids_are_stable(seed_corpus):
    c = seed_corpus
    first = quotes_frame(c.articles, c.sentences, c.mentions, c.actors)
    again = quotes_frame(c.articles, c.sentences, c.mentions, c.actors)
    assert first["quote_id"].tolist() == again["quote_id"].tolist()
    assert first.equals(again)


def test_the_pipeline_finds_what_the_linked_frames_give(seed_corpus):
    """Stage 1 reads candidate mentions, before linking; the speakers mapped to the linked
    mentions afterwards are those of the extractor run over the linked frames."""
    c = seed_corpus
    pd.testing.assert_frame_equal(
        c.quotes, quotes_frame(c.articles, c.sentences, c.mentions, c.actors), check_exact=True
    )


def test_stage_1_reads_the_recognisers_tokens_and_finds_the_same_statements(seed_corpus):
    """The ingest hands the recogniser's token spans and keys to the extractor instead of
    tokenising and normalising the text again: they are the tokenizer's spans and their
    normalised forms, and the statements are those found from the text alone."""
    from dashboard.actors.pipeline import recognize_articles_with_tokens
    from dashboard.arabic.normalize import normalize_token
    from dashboard.arabic.sentences import split_sentences
    from dashboard.arabic.tokens import tokenize
    from dashboard.quotes.frame import statements_of_candidates

    text = seed_corpus.articles["text"].iloc[0]
    spans = split_sentences(text)
    [(candidates, tokens, keys)] = recognize_articles_with_tokens([(text, spans)])
    assert list(tokens) == tokenize(text)
    assert keys == [normalize_token(text[s:e]) for s, e in tokens]
    given = statements_of_candidates(text, spans, candidates, tokens=tokens, keys=keys)
    alone = statements_of_candidates(text, spans, candidates)
    assert given == alone
    assert [q["verb_start"] for q in given] == sorted(seed_corpus.quotes["verb_start"])
