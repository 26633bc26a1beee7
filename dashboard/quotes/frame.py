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
    by_article_sentences = {
        a: list(zip(g["sentence_id"], g["start"], g["end"], strict=True))
        for a, g in sentences.groupby("article_id", sort=False)
    }
    by_article_mentions = {
        a: [
            Mention(int(s), int(e), str(x), kinds.get(str(x), ""))
            for s, e, x in zip(g["start"], g["end"], g["actor_id"], strict=True)
        ]
        for a, g in mentions.groupby("article_id", sort=False)
    }
    rows: list[dict] = []
    for article_id, text in zip(articles["article_id"], articles["text"], strict=True):
        if not isinstance(text, str):
            continue
        rows += extract_quotes(
            str(article_id),
            text,
            [(int(i), int(s), int(e)) for i, s, e in by_article_sentences.get(article_id, [])],
            by_article_mentions.get(article_id, []),
            infos,
            lex,
        )
    frame = pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))
    return frame.astype(QUOTE_DTYPES)
