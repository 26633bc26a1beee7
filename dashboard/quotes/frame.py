"""The ``quotes`` frame of a whole corpus, from the other frames (for the pipeline,
``export`` and benchmarks): one call of :func:`extract_quotes` per article."""

from __future__ import annotations

import pandas as pd

from dashboard.quotes.extract import QUOTE_COLUMNS, extract_quotes
from dashboard.quotes.lexicon import QuoteLexicon, load_lexicon
from dashboard.quotes.speakers import ActorInfo, Mention

#: pandas dtypes of the ``quotes`` columns (as ``dashboard.frames.SCHEMAS`` spells them).
QUOTE_DTYPES = {
    "quote_id": "string",
    "parent_id": "string",
    "article_id": "string",
    "sentence_id": "Int64",
    "speaker": "string",
    "how": "string",
    "speaker_start": "Int32",
    "speaker_end": "Int32",
    "verb": "string",
    "verb_start": "int32",
    "verb_end": "int32",
    "start": "int32",
    "end": "int32",
    "direct": "bool",
    "antecedent_start": "Int32",
    "antecedent_end": "Int32",
}


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
