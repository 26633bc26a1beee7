"""Sentences as HTML with their actor mentions marked; every piece of text escaped.

The analysis gives the spans (``dashboard.analysis.sentences.highlight_spans``) of the
mentions a query returned with the sentences (``StoreQueries.search_sentences``); this module escapes
every character of article text and actor names (``html.escape`` with quotes) before
wrapping the mentions in ``<mark>``: no text reaches the HTML unescaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import pandas as pd

from dashboard.analysis.labels import actor_titles
from dashboard.analysis.sentences import drop_overlaps, highlight_spans

_KIND_CLASS = re.compile(r"[^A-Za-z0-9_-]")


def _kind_class(kind: str) -> str:
    cleaned = _KIND_CLASS.sub("", str(kind or ""))
    return f" kind-{cleaned}" if cleaned else ""


def sentence_html(
    text: str,
    spans,
    actor_labels: Mapping[str, object] | None = None,
    wrap: bool = True,
) -> str:
    """HTML of one sentence with actor mentions marked; every piece of text escaped.

    ``spans``: (start, end, actor_id) relative to ``text`` (as ``highlight_spans``
    gives). ``actor_labels``: ``actor_id -> title`` or ``-> (title, kind)``; the title
    becomes the mark's tooltip. Marks look like
    ``<mark class="actor kind-PER" data-actor="ID" title="...">...</mark>``; with
    ``wrap`` the sentence is wrapped in ``<span class="sentence" dir="rtl" lang="ar">``.
    """
    text = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)
    labels = actor_labels or {}
    parts: list[str] = []
    pos = 0
    for start, end, actor in drop_overlaps([(int(a), int(b), str(c)) for a, b, c in spans]):
        start, end = max(start, pos), min(end, len(text))
        if end <= start:
            continue
        parts.append(html.escape(text[pos:start], quote=True))
        label = labels.get(actor, "")
        title, kind = (label if isinstance(label, tuple) else (label, ""))[:2]
        attrs = f'class="actor{_kind_class(kind)}" data-actor="{html.escape(actor, quote=True)}"'
        if title:
            attrs += f' title="{html.escape(str(title), quote=True)}"'
        parts.append(f"<mark {attrs}>{html.escape(text[start:end], quote=True)}</mark>")
        pos = end
    parts.append(html.escape(text[pos:], quote=True))
    body = "".join(parts)
    if wrap:
        return f'<span class="sentence" dir="rtl" lang="ar">{body}</span>'
    return body


def sentences_html(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    actors: pd.DataFrame | None = None,
    actor_labels: Mapping[str, object] | None = None,
) -> list[str]:
    """``sentence_html`` for each row of ``sentences`` (e.g. a search result page),
    highlighting ``mentions`` (a mentions frame: the filter's mentions in those sentences,
    its kinds applied, as ``SearchPage.mentions``). ``actor_labels`` defaults to
    ``labels.actor_titles`` of ``actors`` (the actors rows the mentions name). One
    string per row, in order."""
    if actor_labels is None:
        actor_labels = actor_titles(actors) if actors is not None else {}
    by_sentence = (
        {int(sid): group for sid, group in mentions.groupby("sentence_id", sort=False)}
        if len(mentions)
        else {}
    )
    out = []
    for row in sentences.itertuples(index=False):
        own = by_sentence.get(int(row.sentence_id))
        spans = highlight_spans(row, own) if own is not None else []
        out.append(sentence_html(row.text, spans, actor_labels))
    return out
