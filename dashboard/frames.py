"""The data contract's frames (DESIGN.md): column names and dtypes in one place.

Every producer builds its frame through ``frame(name, rows)`` or checks it with
``conform(name, df)`` so that empty frames still carry the contract's columns.
"""

from __future__ import annotations

import pandas as pd

# Column -> pandas dtype. Extra columns may follow; these are the contract.
SCHEMAS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "string",
        "date": "datetime64[ns]",
        "dateline": "string",
        "source": "string",
        "title": "string",
        "text": "string",
        "path": "string",
        "duplicate_of": "string",
    },
    "sentences": {
        "article_id": "string",
        "sentence_id": "int64",
        "position": "int32",
        "text": "string",
        "start": "int32",
        "end": "int32",
        "date": "datetime64[ns]",
    },
    "actors": {
        "actor_id": "string",
        "name_ar": "string",
        "name_en": "string",
        "kind": "string",
        "country": "string",
        "mentions": "int64",
    },
    "mentions": {
        "article_id": "string",
        "sentence_id": "int64",
        "actor_id": "string",
        "surface": "string",
        "start": "int32",
        "end": "int32",
        "method": "string",
    },
    "dates": {
        "article_id": "string",
        "sentence_id": "int64",
        "surface": "string",
        "start": "int32",
        "end": "int32",
        "value": "string",
        "granularity": "string",
        "relative": "bool",
    },
    "quotes": {
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
        # Not in DESIGN.md's table: the mention the speaker was resolved to (also for a
        # speaker left implicit), so that re-linking re-maps speakers without the text.
        "antecedent_start": "Int32",
        "antecedent_end": "Int32",
    },
    "skipped": {
        "item": "string",
        "reason": "string",
    },
    # Not in DESIGN.md's table: counting keys of every sentence, for term frequencies.
    "terms": {
        "sentence_id": "int64",
        "term": "string",
        "display": "string",
    },
}

#: The contract's frames, in the order the CLI writes them.
FRAME_NAMES = ("articles", "sentences", "actors", "mentions", "dates", "quotes", "skipped")
#: What a cache or store keeps: the contract's frames and ``terms``.
STORED_FRAMES = (*FRAME_NAMES, "terms")

#: Actor kinds (the ``kind`` column of ``actors``), in the order the UI lists them:
#: people, countries and cities (geo-political entities), other places, organisations.
ACTOR_KINDS = ("PER", "GPE", "LOC", "ORG")
#: How a mention was found (the ``method`` column of ``mentions``).
MENTION_METHODS = ("gazetteer", "pattern", "model")
#: How a quote's speaker was found (the ``how`` column of ``quotes``): the subject written
#: with the verb, a role noun standing for an actor, a subject left in the verb, or a
#: subject that names no actor.
QUOTE_HOW = ("subject", "role", "implicit", "unnamed")


def conform(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with at least the contract's columns of frame ``name``, typed.

    Missing columns are added as NA; extra columns are kept after them.
    """
    schema = SCHEMAS[name]
    out = df.copy()
    for col, dtype in schema.items():
        if col not in out.columns:
            out[col] = pd.Series(pd.NA if dtype != "bool" else False, index=out.index)
        if dtype.startswith("datetime"):
            out[col] = pd.to_datetime(out[col], errors="coerce").astype(dtype)
        elif dtype == "bool":
            out[col] = out[col].fillna(False).astype(bool)
        else:
            out[col] = out[col].astype(dtype)
    ordered = list(schema) + [c for c in out.columns if c not in schema]
    return out[ordered].reset_index(drop=True)


def frame(name: str, rows: list[dict] | None = None) -> pd.DataFrame:
    """Build frame ``name`` from a list of row dicts (an empty list gives an empty frame)."""
    return conform(name, pd.DataFrame(rows or [], columns=list(SCHEMAS[name])))
