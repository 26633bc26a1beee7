"""Quotes of many articles: :func:`quotes_frame`, the ``quotes`` frame of a corpus from its
other frames (one call of :func:`extract_quotes` per article), and
:func:`statements_of_candidates`, what the ingest's stage 1 keeps of one article's
statements before linking names their speakers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from operator import itemgetter

import pandas as pd

from dashboard.frames import SCHEMAS
from dashboard.quotes.extract import (
    QUOTE_COLUMNS,
    extract_quotes,
    key_readings,
    statement_fields,
    statements_in,
    verb_readings,
)
from dashboard.quotes.lexicon import QuoteLexicon, load_lexicon
from dashboard.quotes.names import speaker_names
from dashboard.quotes.speakers import ActorInfo, Mention
from dashboard.quotes.text import ArticleText

#: pandas dtypes of the ``quotes`` columns (``dashboard.frames.SCHEMAS["quotes"]``).
QUOTE_DTYPES = SCHEMAS["quotes"]


def actor_infos(actors: pd.DataFrame) -> dict[str, ActorInfo]:
    """actor id -> :class:`ActorInfo` from an ``actors`` frame (a ``gender`` column, if
    present, gives "m"/"f")."""
    genders = actors["gender"] if "gender" in actors.columns else pd.Series("", index=actors.index)
    return {
        str(a): ActorInfo(
            str(k), str(g) if isinstance(g, str) else "", str(n) if isinstance(n, str) else ""
        )
        for a, k, g, n in zip(
            actors["actor_id"], actors["kind"], genders, actors["name_ar"], strict=True
        )
    }


def quotes_frame(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    actors: pd.DataFrame,
    lexicon: QuoteLexicon | None = None,
) -> pd.DataFrame:
    """The ``quotes`` frame (columns :data:`QUOTE_COLUMNS`, dtypes :data:`QUOTE_DTYPES`)
    of the articles, from the contract's ``articles``, ``sentences``, ``mentions`` and
    ``actors`` frames."""
    lex = lexicon or load_lexicon()
    infos = actor_infos(actors)
    kinds = {a: i.kind for a, i in infos.items()}
    # Plain lists grouped in one pass: pandas' groupby costs more than the extraction.
    by_article_sentences: dict[str, list[tuple[int, int, int]]] = {}
    for a, i, s, e in zip(
        sentences["article_id"].tolist(),
        sentences["sentence_id"].tolist(),
        sentences["start"].tolist(),
        sentences["end"].tolist(),
        strict=True,
    ):
        by_article_sentences.setdefault(a, []).append((i, s, e))
    by_article_mentions: dict[str, list[Mention]] = {}
    for a, s, e, x in zip(
        mentions["article_id"].tolist(),
        mentions["start"].tolist(),
        mentions["end"].tolist(),
        mentions["actor_id"].tolist(),
        strict=True,
    ):
        by_article_mentions.setdefault(a, []).append(Mention(s, e, x, kinds.get(x, "")))
    rows: list[dict] = []
    for article_id, text in zip(
        articles["article_id"].tolist(), articles["text"].tolist(), strict=True
    ):
        if not isinstance(text, str):
            continue
        rows += extract_quotes(
            str(article_id),
            text,
            by_article_sentences.get(article_id, []),
            by_article_mentions.get(article_id, []),
            infos,
            lex,
        )
    frame = pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))
    return frame.astype(QUOTE_DTYPES)


#: What stage 1 keeps of each statement (``statements_of_candidates``): everything but the
#: ids and the speaker, which depend on the article's final id and on linking.
STATEMENT_FIELDS = (
    "verb_start",
    "verb_end",
    "verb",
    "start",
    "end",
    "direct",
    "how",
    "speaker_start",
    "speaker_end",
    "antecedent_start",
    "antecedent_end",
    "parent_verb_start",
)


def statements_of_candidates(
    text: str,
    sentence_spans: Sequence[tuple[int, int]],
    candidates: Sequence[Mapping],
    lexicon: QuoteLexicon | None = None,
    tokens: Sequence[tuple[int, int]] | None = None,
    keys: Sequence[str] | None = None,
    names: list[dict] | None = None,
) -> list[dict]:
    """One article's statements before linking (keys :data:`STATEMENT_FIELDS`), from its
    candidate mentions (``dashboard.actors.pipeline.recognize_articles``' dicts).

    A candidate stands for the first actor of its ``actor_ids``, else for its ``key`` (a
    name no list knows); a nisba (الروسي) lends its actor no name. The speaker is left to
    linking: ``antecedent_start``/``antecedent_end`` name the mention it was resolved to,
    ``parent_verb_start`` the verb of the statement quoted around it (None when none).
    ``tokens`` and ``keys``: the text's token spans and their keys when the recogniser
    gave them (``recognize_articles_with_tokens``), so that the text is not tokenised and
    normalised twice; with the keys, an article none of whose words may be a reporting
    verb costs one set operation.
    ``names``: when given, the speakers' names the recogniser missed
    (:func:`dashboard.quotes.names.speaker_names`) are appended to it, as candidates for
    linking to make actors of, and the statements point at them; without it they are
    not looked for.
    """
    lex = lexicon or load_lexicon()
    # With the keys, the reporting verbs are found before the article is read.
    readings = key_readings(keys, lex) if keys is not None else None
    if readings is not None and not readings:
        return []
    doc = ArticleText(text, [(i, s, e) for i, (s, e) in enumerate(sentence_spans)], tokens, keys)
    if readings is None:
        readings = verb_readings(doc, lex)
    if not readings:
        return []  # no reporting verb: its candidates are not even read
    if names is not None:
        found = speaker_names(doc, readings, candidates, lex)
        names += found
        candidates = [*candidates, *found]
    mentions, infos = _candidate_mentions(candidates)
    statements = statements_in(doc, readings, mentions, infos, lex)
    return [
        {
            **statement_fields(doc, s),
            "parent_verb_start": doc.starts[s.parent.trigger.verb] if s.parent else None,
        }
        for s in statements
    ]


def _candidate_mentions(
    candidates: Sequence[Mapping],
) -> tuple[list[Mention], dict[str, ActorInfo]]:
    """The mentions and actors the candidates stand for (see
    :func:`statements_of_candidates`)."""
    mentions: list[Mention] = []
    infos: dict[str, ActorInfo] = {}
    for start, end, ids, key, kind, form in map(_CANDIDATE_FIELDS, candidates):
        actor = ids.split("|", 1)[0] if ids else key
        mentions.append(_new_mention((start, end, actor, kind)))
        name = key if form != "nisba" else ""
        known = infos.get(actor)
        if known is None or (name and not known.name):
            infos[actor] = _new_info((kind, "", name))
    return mentions, infos


# A Mention (an ActorInfo) from a tuple of its fields, made in C (the named tuple's own
# constructor is a Python function, and an article has tens of candidates).
_new_mention = partial(tuple.__new__, Mention)
_new_info = partial(tuple.__new__, ActorInfo)
# What a statement reads of a candidate, fetched in one call.
_CANDIDATE_FIELDS = itemgetter("start", "end", "actor_ids", "key", "kind", "form")
