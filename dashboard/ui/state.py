"""The dashboard's view state and its URL form — pure functions, no Streamlit.

A ``ViewState`` is what a user chose: the shared filter (actors, kinds, sources,
date range), the interface language and each page's options (co-mention window,
search text, …). ``parse_query`` turns URL query parameters into a ``ViewState``
plus a list of ``Notice`` s for every value it had to drop (unknown actor id, bad
date, from > to, unknown kind, non-numeric number, …) — it never raises.
``to_query`` is its inverse: the parameters that reproduce the view, so that
``parse_query(to_query(s)) == s`` for every valid state.

URL parameters (DESIGN.md "Sharing"): ``actor`` (repeated actor ids), ``from``,
``to`` (YYYY-MM-DD), ``source`` (repeated), ``kind`` (repeated), ``corpus``
(``corpus_token``: a store's id and generation, ``<id>.<generation>``, or a corpus
fingerprint), ``lang`` (ar/en) and the options of the current page
(``dashboard.ui.pages``).

Links survive growth: a link made on an older generation of the same store opens with a
"newer data" notice (one made on a newer generation than the server has, with its own
notice); a link made for another corpus says so. Neither is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from dashboard.frames import ACTOR_KINDS
from dashboard.ui.i18n import DEFAULT_LANG, LANGS
from dashboard.ui.pages import BY_NAME, PAGES, page_options

MAX_LIST = 50  # more repeated values than this in a link are dropped (a URL is not a dump)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


#: Notices about the link's corpus generation: nothing was dropped, the view is shown as
#: the link asked, on other data (shown apart from the "values dropped" list).
GENERATION_NOTICES = frozenset({"notice_newer_data", "notice_link_newer"})


@dataclass(frozen=True)
class Notice:
    """Something about the URL the user should know: ``key`` is an i18n key, ``values``
    its fields."""

    key: str
    values: tuple[tuple[str, str], ...] = ()

    def fields(self) -> dict[str, str]:
        return dict(self.values)

    @property
    def dropped(self) -> bool:
        """True when the notice reports a value dropped from the link."""
        return self.key not in GENERATION_NOTICES


def default_options() -> dict[str, dict[str, Any]]:
    """Every page's options at their defaults."""
    return {p.name: {n: o.default for n, o in p.options.items()} for p in PAGES}


@dataclass(frozen=True)
class ViewState:
    """What the user sees: the shared filter, the language and the pages' options."""

    actors: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    lang: str = DEFAULT_LANG
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=default_options)

    def option(self, page: str, name: str) -> Any:
        return self.options.get(page, {}).get(name, page_options(page)[name].default)

    def with_option(self, page: str, name: str, value: Any) -> ViewState:
        options = {p: dict(o) for p, o in self.options.items()}
        options.setdefault(page, {})[name] = value
        return replace(self, options=options)


@dataclass(frozen=True)
class Choices:
    """What a URL may name in the active corpus (anything else is dropped);
    ``fingerprint``: the corpus's ``corpus`` value (``corpus_token`` for a store)."""

    actor_ids: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset(ACTOR_KINDS)
    fingerprint: str = ""


def corpus_token(store_id: str, generation: int) -> str:
    """The URL's ``corpus`` value of a store generation: ``<store id>.<generation>``."""
    return f"{store_id}.{generation}"


def _generation_of(token: str) -> tuple[str, int | None]:
    """``"<id>.<generation>"`` -> (id, generation); a fingerprint -> (itself, None)."""
    ident, dot, number = token.rpartition(".")
    if dot and ident and number.isdigit():
        return ident, int(number)
    return token, None


def corpus_notice(link: str, current: str) -> Notice | None:
    """The notice for a link's ``corpus`` value against the current corpus's: none when
    they agree; "newer data" (or "the link is newer") for another generation of the same
    store; "another corpus" otherwise."""
    if not link or not current or link == current:
        return None
    (link_id, link_gen), (current_id, current_gen) = _generation_of(link), _generation_of(current)
    if link_id == current_id and link_gen is not None and current_gen is not None:
        key = "notice_newer_data" if link_gen < current_gen else "notice_link_newer"
        return _notice(key, link=str(link_gen), current=str(current_gen))
    return _notice("notice_other_corpus", link=link, current=current)


def parse_day(text: str) -> dt.date:
    """``YYYY-MM-DD`` → date; anything else raises ``ValueError``."""
    if not _ISO_DAY.fullmatch(text.strip()):
        raise ValueError(text)
    return dt.date.fromisoformat(text.strip())


def shown(value: str, limit: int = 40) -> str:
    """A URL value shortened for a notice (the notice escapes it)."""
    value = "".join(ch for ch in value if ch.isprintable())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _notice(key: str, **values: str) -> Notice:
    return Notice(key, tuple((k, shown(v)) for k, v in values.items()))


def _members(
    values: Iterable[str], allowed: frozenset[str], key: str, notices: list[Notice]
) -> tuple[str, ...]:
    kept: list[str] = []
    for value in values:
        if value in allowed and value not in kept and len(kept) < MAX_LIST:
            kept.append(value)
        elif value not in kept:
            notices.append(_notice(key, value=value))
    return tuple(kept)


def _as_lists(params: Mapping[str, Any]) -> dict[str, list[str]]:
    """Query params as ``name -> [values]`` (a str is one value)."""
    out: dict[str, list[str]] = {}
    for name, value in params.items():
        if isinstance(value, str):
            out[name] = [value]
        else:
            out[name] = [str(v) for v in value]
    return out


def parse_query(
    params: Mapping[str, Any], choices: Choices, page: str = "overview"
) -> tuple[ViewState, list[Notice]]:
    """Read a URL's query parameters into a ``ViewState`` and the notices of dropped values.

    ``params``: name -> str or list of str (repeated parameter). Only ``page``'s
    options are read; the other pages keep their defaults. Empty values are ignored
    silently (``?actor=`` is "no actor").
    """
    raw = {k: [v for v in vs if v.strip()] for k, vs in _as_lists(params).items()}
    notices: list[Notice] = []

    about_corpus = corpus_notice((raw.get("corpus") or [""])[-1], choices.fingerprint)
    if about_corpus is not None:
        notices.append(about_corpus)

    actors = _members(raw.get("actor", []), choices.actor_ids, "notice_bad_actor", notices)
    kinds = _members(raw.get("kind", []), choices.kinds, "notice_bad_kind", notices)
    sources = _members(raw.get("source", []), choices.sources, "notice_bad_source", notices)

    days: dict[str, dt.date | None] = {"from": None, "to": None}
    for name in days:
        values = raw.get(name, [])
        if values:
            try:
                days[name] = parse_day(values[-1])
            except ValueError:
                notices.append(_notice("notice_bad_date", value=values[-1]))
    if days["from"] and days["to"] and days["from"] > days["to"]:
        notices.append(_notice("notice_date_order"))
        days = {"from": None, "to": None}

    lang = DEFAULT_LANG
    if raw.get("lang"):
        if raw["lang"][-1] in LANGS:
            lang = raw["lang"][-1]
        else:
            notices.append(_notice("notice_bad_lang", value=raw["lang"][-1]))

    options = default_options()
    actor_options = BY_NAME[page].actor_options if page in BY_NAME else ()
    for name, spec in page_options(page).items():
        values = raw.get(name, [])
        if not values:
            continue
        try:
            value = spec.parse(values[-1])
            if name in actor_options and value not in choices.actor_ids:
                raise ValueError(value)
            options[page][name] = value
        except ValueError:
            notices.append(_notice("notice_bad_option", name=name, value=values[-1]))

    state = ViewState(
        actors=actors,
        kinds=kinds,
        sources=sources,
        date_from=days["from"],
        date_to=days["to"],
        lang=lang,
        options=options,
    )
    return state, notices


def to_query(state: ViewState, page: str, fingerprint: str = "") -> dict[str, list[str]]:
    """The query parameters reproducing ``state`` on ``page`` (defaults left out)."""
    query: dict[str, list[str]] = {}
    if fingerprint:
        query["corpus"] = [fingerprint]
    if state.lang != DEFAULT_LANG:
        query["lang"] = [state.lang]
    if state.actors:
        query["actor"] = list(state.actors)
    if state.kinds:
        query["kind"] = list(state.kinds)
    if state.sources:
        query["source"] = list(state.sources)
    if state.date_from:
        query["from"] = [state.date_from.isoformat()]
    if state.date_to:
        query["to"] = [state.date_to.isoformat()]
    for name, spec in page_options(page).items():
        value = state.option(page, name)
        if value != spec.default and value not in (None, ""):
            query[name] = [spec.dump(value)]
    return query


def share_url(base: str, page: str, query: Mapping[str, list[str]]) -> str:
    """The full link of ``page`` with ``query``: ``base`` is the app's root URL."""
    root = base.split("?", 1)[0].rstrip("/")
    for spec in PAGES:  # st.context.url may already end in a page path
        if spec.url_path and root.endswith("/" + spec.url_path):
            root = root[: -len(spec.url_path) - 1]
            break
    path = BY_NAME[page].url_path if page in BY_NAME else ""
    url = f"{root}/{path}" if path else f"{root}/"
    encoded = urlencode([(k, v) for k, vs in query.items() for v in vs])
    return f"{url}?{encoded}" if encoded else url


def date_range(
    date_from: dt.date | None,
    date_to: dt.date | None,
    low: dt.date | None,
    high: dt.date | None,
) -> tuple[dt.date, dt.date] | tuple[()]:
    """The (start, end) a date-range widget shows: the chosen days, the corpus span
    ``[low, high]`` filling a missing end. Days outside the span are kept (a link's
    range after the corpus's last day must show nothing, not everything)."""
    start = date_from or low
    end = date_to or (max(high, start) if high and start else high)
    if start is None or end is None:
        return ()
    return (start, end)
