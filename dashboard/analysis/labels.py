"""Display labels for actors and actor kinds (Arabic first, English beside).

Labels are plain logical strings: browsers shape Arabic themselves, so nothing
here is reshaped.
"""

from __future__ import annotations

import pandas as pd

from dashboard.frames import ACTOR_KINDS
from dashboard.i18n import t


def kind_label(kind: str, lang: str = "ar") -> str:
    """Human label of an actor kind (``dashboard.frames.ACTOR_KINDS``); unknown kinds
    are returned as given."""
    if str(kind) not in ACTOR_KINDS:
        return str(kind)
    return t(f"kind_{kind}", lang)


def _clean(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def actor_label(name_ar, name_en, actor_id, lang: str = "ar") -> str:
    """One actor's label: its name in ``lang`` if known, else the other name, else the id."""
    first, second = (name_ar, name_en) if lang == "ar" else (name_en, name_ar)
    return _clean(first) or _clean(second) or _clean(actor_id)


def actor_labels(actors: pd.DataFrame, lang: str = "ar") -> dict[str, str]:
    """``actor_id -> label`` for every row of an actors-like frame.

    Two actors with the same name stay apart by what a reader understands, never by an
    internal id: the name in the other language ("ليفربول (Liverpool F.C.)"), else the
    kind ("ليفربول (منظمات)"), else a number ("ليفربول (2)").
    """
    if actors.empty:
        return {}
    ids = actors["actor_id"].astype(str).tolist()
    names_ar = actors["name_ar"].tolist() if "name_ar" in actors else [None] * len(ids)
    names_en = actors["name_en"].tolist() if "name_en" in actors else [None] * len(ids)
    kinds = actors["kind"].tolist() if "kind" in actors else [None] * len(ids)
    labels = [actor_label(a, e, i, lang) for a, e, i in zip(names_ar, names_en, ids, strict=True)]
    others = [actor_label(e, a, "", lang) for a, e in zip(names_ar, names_en, strict=True)]
    groups: dict[str, list[int]] = {}
    for row, label in enumerate(labels):
        groups.setdefault(label, []).append(row)
    out = dict(zip(ids, labels, strict=True))
    for label, rows in groups.items():
        if len(rows) > 1:
            for row, suffix in zip(
                rows, _distinctions(rows, labels, others, kinds, lang), strict=True
            ):
                out[ids[row]] = f"{label} ({suffix})"
    return out


def _distinctions(rows: list[int], labels, others, kinds, lang: str) -> list[str]:
    """What tells apart the actors at ``rows``, which share one label."""
    for candidates in (
        [others[r] for r in rows],
        [kind_label(_clean(kinds[r]), lang) for r in rows],
    ):
        if all(c and c != labels[r] for c, r in zip(candidates, rows, strict=True)) and len(
            set(candidates)
        ) == len(rows):
            return candidates
    return [str(n) for n in range(1, len(rows) + 1)]


def actor_titles(actors: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """``actor_id -> (tooltip title, kind)`` for highlighting: "الاسم — Name (kind)"."""
    out: dict[str, tuple[str, str]] = {}
    for row in actors.itertuples(index=False):
        ar, en, kind = _clean(row.name_ar), _clean(row.name_en), _clean(row.kind)
        names = " — ".join(x for x in (ar, en) if x) or _clean(row.actor_id)
        title = f"{names} ({kind_label(kind, 'ar')})" if kind else names
        out[str(row.actor_id)] = (title, kind)
    return out
