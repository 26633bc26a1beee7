"""Streamlit glue: the active corpus, the filter in session state, the URL.

Flow of one script run (``dashboard/app.py``):

1. ``ui_lang()`` — the interface language, known before the pages are declared;
2. ``active_corpus()`` — the shared default corpus or this session's upload: an
   ``Entry`` (``dashboard.ui.loaded``) holding the corpus's store queries;
3. ``sync_state(entry, page)`` — on a session's first run the URL is read
   (``state.parse_query``) into the widgets' session-state keys; when the corpus
   changes the current filter is re-validated against it; dropped values become
   notices. Only the actor ids the URL names are looked up (``queries.actors_by_id``):
   the corpus's actors are never listed whole;
4. the sidebar widgets (``dashboard.ui.sidebar``) edit those keys;
5. ``make_context(...)`` builds the ``AppContext`` the page reads;
6. ``write_url(ctx)`` puts the state into the URL after the page ran.

The pages' contract (``AppContext``, what ``context()`` returns; pages rely on these names):

- ``ctx.queries`` — the corpus's ``dashboard.query.StoreQueries`` (shared by every
  session; one per store generation); ``ctx.flt`` — the shared filter as a
  ``QueryFilter``; ``ctx.entry`` — the ``Entry``;
- ``ctx.state`` (``ViewState``), ``ctx.page``, ``ctx.lang``, ``ctx.t(key, **values)``;
- ``ctx.memo(name, compute, *args, flt=None)`` — ``compute()`` once per (store id,
  generation, filter, name, args), shared by every session: pages memoise every query
  through it (``flt``: a result of another filter than the shared one);
- ``ctx.labels_for(actor_ids)`` — ``{actor_id: label}`` in the interface language for
  the actors a page shows (fetched with ``queries.actors_by_id``, memoised); charts take
  these dicts; ``ctx.label(actor_id)`` — one label.

Only query results (small frames) reach pandas: no page holds a corpus frame.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.frames import ACTOR_KINDS
from dashboard.query import QueryFilter, StoreQueries
from dashboard.store.child import IngestFailed, ingest_in_child
from dashboard.store.keeper import StoreKeeper
from dashboard.store.locations import Location, default_location, new_upload
from dashboard.store.manifest import MANIFEST
from dashboard.ui import state as S
from dashboard.ui.i18n import DEFAULT_LANG, LANGS, t
from dashboard.ui.loaded import Entry, LoadedCorpora

# Session-state keys of the sidebar widgets.
K_ACTORS, K_KINDS, K_SOURCES, K_DATES, K_LANG = "f_actor", "f_kind", "f_source", "f_dates", "f_lang"
K_READY = "_state_for_corpus"  # corpus key the widgets were seeded for
K_NOTICES = "_notices"
K_OPTIONS = "_page_options"
K_UPLOAD = "_upload_key"  # store key of this session's uploaded corpus (None = default)
K_CTX = "_app_context"
K_REFRESHED = "_default_refreshed"  # this session brought the default store up to date
#: DuckDB's memory for one corpus (all sessions); ``DASHBOARD_DUCKDB_MEMORY`` overrides.
#: DuckDB keeps freed buffers up to its limit, so the limit is what the server's memory
#: grows by with the corpus: 128MB runs every page at 29,976 articles (bench/page_memory.py).
QUERY_MEMORY = os.environ.get("DASHBOARD_DUCKDB_MEMORY", "128MB")


@st.cache_resource(show_spinner=False)
def loaded_corpora() -> LoadedCorpora:
    """One set per server process: every session shares the opened corpora."""
    return LoadedCorpora()


def progress_callback(lang: str):
    """A ``progress(event)`` (``dashboard.ingest.progress``) drawing an ``st.progress`` bar
    with the stage, counts, rate and time left in ``lang``; returns (cb, bar). The page's
    CSS fills the bar from the right in Arabic."""
    from dashboard.ui.progress import progress_text

    bar = st.progress(0.0, text=t("loading", lang))

    def report(event) -> None:
        label = f"{t('loading', lang)} {progress_text(event, lang)}"
        bar.progress(min(max(float(event.overall), 0.0), 1.0), text=label)

    return report, bar


@dataclass(eq=False)
class DefaultStore:
    """The server's default corpus: the keeper of its store, and the key of the entry
    every session shows. One generation at a time: the newest a session has seen, so
    that no session queries an old generation's files (deleted after the store's grace
    period); a session still showing an older one moves to it at its next run."""

    keeper: StoreKeeper
    key: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)


@st.cache_resource(show_spinner=False)
def _default_store(store: str, source: str, ignored_corpus: str) -> DefaultStore:
    location = Location(Path(store), Path(source) if source else None, ignored_corpus)
    return DefaultStore(StoreKeeper(location))


def default_store() -> DefaultStore:
    """One per server process and location (``dashboard.store.locations.default_location``:
    ``DASHBOARD_STORE``, else ``DASHBOARD_CORPUS`` or ``seeds/``)."""
    location = default_location()
    source = "" if location.source is None else str(location.source)
    return _default_store(str(location.store), source, location.ignored_corpus)


def default_source() -> Path:
    """What the default corpus is read from: the source its store is kept for, or the
    store ``DASHBOARD_STORE`` names."""
    location = default_store().keeper.location
    return location.source or location.store


def open_queries(folder: Path) -> StoreQueries:
    """The queries over the store in ``folder``, DuckDB bounded by ``QUERY_MEMORY``."""
    return StoreQueries(folder, memory_limit=QUERY_MEMORY)


def refresh_default(default: DefaultStore, lang: str) -> None:
    """A new session's first run: bring the default store up to date (a child ingest,
    with a progress bar, when its source changed) and show its current generation. A
    failed ingest over an existing store is a warning: the previous generation stays."""
    keeper = default.keeper
    if keeper.stale():
        report, bar = progress_callback(lang)
        try:
            keeper.refresh(progress=report)
        except IngestFailed as exc:
            if not (keeper.store / MANIFEST).exists():
                raise
            from dashboard.ui.text import md

            st.warning(t("load_failed", lang, error=md(exc)))
        finally:
            bar.empty()
    key = f"default:{keeper.store}#{keeper.generation()}"
    with default.lock:
        old, default.key = default.key, key
    if old and old != key:
        loaded_corpora().drop(old)


def default_entry(lang: str) -> Entry:
    """The default corpus's entry; see ``DefaultStore`` and ``refresh_default``."""
    default = default_store()
    if not st.session_state.get(K_REFRESHED) or not default.key:
        refresh_default(default, lang)
        st.session_state[K_REFRESHED] = True
    folder = default.keeper.store
    return loaded_corpora().get(default.key, lambda: open_queries(folder), pinned=True)


def load_source(files: Iterable[Any], lang: str) -> StoreQueries:
    """The queries of an upload (Streamlit's uploaded files): its files written to a
    temporary folder (``dashboard.store.locations.new_upload``) and ingested there in a
    child process, with a progress bar. The folder is deleted when nothing holds the
    queries any more (the upload evicted and no session showing it) or at exit."""
    upload = new_upload((f.name, f.getvalue()) for f in files)
    report, bar = progress_callback(lang)
    try:
        ingest_in_child(upload.source, upload.store, progress=report)
        queries = open_queries(upload.store)
    except BaseException:
        upload.remove()
        raise
    finally:
        bar.empty()
    weakref.finalize(queries, upload.remove)
    return queries


def active_corpus(lang: str) -> Entry:
    """This session's corpus: its upload if it has one still loaded, else the default."""
    key = st.session_state.get(K_UPLOAD)
    if key:
        entry = loaded_corpora().peek(key)
        if entry is not None:
            return entry
        st.session_state[K_UPLOAD] = None  # evicted: the sidebar offers the upload again
    return default_entry(lang)


def corpus_id(entry: Entry) -> str:
    """The URL's ``corpus`` of ``entry``'s store generation."""
    return S.corpus_token(entry.queries.store_id, entry.queries.generation)


def skipped_items(entry: Entry) -> pd.DataFrame:
    """item, reason of every input the store could not read (read order), from its
    manifest: what the sidebar lists."""
    manifest = entry.queries.db.store.manifest
    rows = [s for e in manifest.inputs for s in e.skipped]
    rows += [s for e in manifest.inputs for s in e.too_long]
    return pd.DataFrame(
        {"item": [str(r[0]) for r in rows], "reason": [str(r[1]) for r in rows]}, dtype=object
    )


def ui_lang() -> str:
    """The interface language: the widget's value, else the URL's ``lang``, else Arabic."""
    lang = st.session_state.get(K_LANG)
    if lang is None and K_READY not in st.session_state:
        lang = st.query_params.get("lang")
    return lang if lang in LANGS else DEFAULT_LANG


def filter_options(entry: Entry) -> dict:
    """sources, kinds, date_min, date_max of the corpus (``queries.filter_options``, memoised)."""
    return entry.memo(("filter_options",), entry.queries.filter_options)


def named_actors(params: dict[str, list[str]], page: str) -> list[str]:
    """The actor ids a URL's parameters name: ``actor`` and the page's actor options."""
    from dashboard.ui.pages import BY_NAME

    names = ["actor", *(BY_NAME[page].actor_options if page in BY_NAME else ())]
    return [v for n in names for v in params.get(n, []) if v.strip()]


def choices_for(entry: Entry, actor_ids: list[str]) -> S.Choices:
    """What the URL may name in the corpus: of ``actor_ids`` (those it names) the ones the
    corpus has (looked up, never listed whole), its sources and the kinds."""
    known = entry.queries.actors_by_id(actor_ids[: S.MAX_LIST * 3]) if actor_ids else None
    options = filter_options(entry)
    return S.Choices(
        actor_ids=frozenset(known["actor_id"].astype(str)) if known is not None else frozenset(),
        sources=frozenset(options["sources"]),
        kinds=frozenset(ACTOR_KINDS),
        fingerprint=corpus_id(entry),
    )


def date_bounds(entry: Entry) -> tuple[dt.date | None, dt.date | None]:
    """First and last article day of the corpus (None when no article has a date)."""
    options = filter_options(entry)
    return options["date_min"], options["date_max"]


def current_state() -> S.ViewState:
    """The ``ViewState`` held by the widgets' session-state keys."""
    ss = st.session_state
    dates = ss.get(K_DATES) or ()
    date_from = dates[0] if len(dates) >= 1 else None
    date_to = dates[1] if len(dates) >= 2 else None
    bounds = ss.get("_date_bounds", (None, None))
    if (date_from, date_to) == tuple(bounds):  # the whole span is "no date filter"
        date_from = date_to = None
    return S.ViewState(
        actors=tuple(ss.get(K_ACTORS) or ()),
        kinds=tuple(ss.get(K_KINDS) or ()),
        sources=tuple(ss.get(K_SOURCES) or ()),
        date_from=date_from,
        date_to=date_to,
        lang=ss.get(K_LANG) or DEFAULT_LANG,
        options=ss.get(K_OPTIONS) or S.default_options(),
    )


def _seed_widgets(view_state: S.ViewState, entry: Entry) -> None:
    """Write ``view_state`` into the widgets' keys (before the widgets are drawn)."""
    ss = st.session_state
    ss[K_ACTORS] = list(view_state.actors)
    ss[K_KINDS] = list(view_state.kinds)
    ss[K_SOURCES] = list(view_state.sources)
    ss[K_LANG] = view_state.lang
    low, high = date_bounds(entry)
    ss["_date_bounds"] = (low, high)
    ss[K_DATES] = S.date_range(view_state.date_from, view_state.date_to, low, high)
    ss[K_OPTIONS] = {p: dict(o) for p, o in view_state.options.items()}
    for key in [k for k in ss if str(k).startswith("o_")]:
        del ss[key]  # page widgets re-seed from K_OPTIONS


def sync_state(entry: Entry, page: str) -> None:
    """Seed the widgets from the URL (first run) or re-validate them (corpus changed)."""
    ss = st.session_state
    if ss.get(K_READY) == entry.key:
        return
    if K_READY not in ss:
        params = {k: st.query_params.get_all(k) for k in st.query_params}
    else:
        params = S.to_query(current_state(), page)
    choices = choices_for(entry, named_actors(params, page))
    view_state, notices = S.parse_query(params, choices, page)
    _seed_widgets(view_state, entry)
    ss[K_READY] = entry.key
    ss[K_NOTICES] = notices


def clear_filter() -> None:
    """Callback of the sidebar's "clear" button."""
    ss = st.session_state
    ss[K_ACTORS], ss[K_KINDS], ss[K_SOURCES] = [], [], []
    low, high = ss.get("_date_bounds", (None, None))
    ss[K_DATES] = (low, high) if low and high else ()


def set_actors(actor_ids: list[str]) -> None:
    """Make ``actor_ids`` the filter's actors (for callbacks: tables, charts)."""
    st.session_state[K_ACTORS] = list(dict.fromkeys(actor_ids))


@dataclass
class AppContext:
    """What a page reads; see the module docstring for the contract."""

    entry: Entry
    flt: QueryFilter
    state: S.ViewState
    page: str

    @property
    def queries(self) -> StoreQueries:
        return self.entry.queries

    @property
    def lang(self) -> str:
        return self.state.lang

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def memo(self, name: str, compute, *args: Any, flt: QueryFilter | None = None) -> Any:
        """``compute()`` once per (store id, generation, filter, name, args); the filter
        is the shared one, or ``flt`` for a result of another (e.g. without its actors)."""
        queries = self.queries
        key = (queries.store_id, queries.generation, flt or self.flt, name, *args)
        return self.entry.memo(key, compute)

    def labels_for(self, actor_ids, rows: pd.DataFrame | None = None) -> dict[str, str]:
        """``actor_id -> label`` (``analysis.labels.actor_labels``) in the interface
        language, for the actors a page shows. ``rows``: the actors' rows (actor_id,
        name_ar, name_en, kind, as the ``actors`` frame has them) when the page holds
        them already: the labels not yet known are made from them, not fetched again."""
        fetch = self._fetch_labels if rows is None else self._labels_of(rows)
        return self.entry.labels(self.lang, actor_ids, fetch)

    def _labels_of(self, rows: pd.DataFrame):
        from dashboard.analysis.labels import actor_labels

        def labels(actor_ids: list[str]) -> dict[str, str]:
            # The rows of the ids asked for, in their order: what actors_by_id returns.
            unique = rows.drop_duplicates("actor_id")
            known = unique.set_index(unique["actor_id"].astype(str))
            present = [a for a in actor_ids if a in known.index]
            if len(present) < len(actor_ids):
                return self._fetch_labels(actor_ids)
            return actor_labels(known.loc[present].reset_index(drop=True), self.lang)

        return labels

    def _fetch_labels(self, actor_ids: list[str]) -> dict[str, str]:
        from dashboard.analysis.labels import actor_labels

        return actor_labels(self.queries.actors_by_id(actor_ids), self.lang)

    def label(self, actor_id: str) -> str:
        return self.labels_for([actor_id]).get(actor_id, actor_id)


def make_context(entry: Entry, page: str) -> AppContext:
    """The context of the current state: the corpus's queries and the filter."""
    view_state = current_state()
    flt = QueryFilter(
        actors=view_state.actors,
        kinds=view_state.kinds,
        sources=view_state.sources,
        date_from=view_state.date_from,
        date_to=view_state.date_to,
    )
    ctx = AppContext(entry=entry, flt=flt, state=view_state, page=page)
    st.session_state[K_CTX] = ctx
    return ctx


def context() -> AppContext:
    """The context ``app.py`` built for this run (pages call this)."""
    return st.session_state[K_CTX]


def page_option(name: str, draw, seed: bool = True, suffix: str = "") -> Any:
    """Draw a page option widget bound to the URL state: ``draw(key)`` returns its value.

    The widget's key is seeded from the state (URL or earlier visit) so that
    leaving and re-entering the page, or opening a link, restores it. Widgets that
    always pass a default (``st.pagination``) take ``seed=False`` and get the stored
    value as ``draw(key, value)`` instead; a new ``suffix`` makes a fresh widget.
    """
    ctx = context()
    key = f"o_{ctx.page}_{name}{suffix}"
    stored = (
        st.session_state[K_OPTIONS].get(ctx.page, {}).get(name, ctx.state.option(ctx.page, name))
    )
    if not seed:
        value = draw(key, stored)
    else:
        if key not in st.session_state:
            st.session_state[key] = stored
        value = draw(key)
    st.session_state[K_OPTIONS].setdefault(ctx.page, {})[name] = value
    return value


def set_page_option(page: str, name: str, value: Any, widget: bool = True) -> None:
    """Change a page option from a callback (e.g. a heatmap click picks a pair).

    ``widget=False`` only changes the stored value (for ``seed=False`` widgets).
    """
    if widget:
        st.session_state[f"o_{page}_{name}"] = value
    st.session_state[K_OPTIONS].setdefault(page, {})[name] = value


def write_url(page: str, fingerprint: str) -> dict[str, list[str]]:
    """Replace the URL's query string with the current state (returns it)."""
    query = S.to_query(current_state(), page, fingerprint)
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    if current != query:
        st.query_params.from_dict(query)
    return query


def show_notices(lang: str) -> None:
    """Show (once) what the URL's reading found: a link made on another generation of
    the store ("newer data"), apart; the values dropped from it, as one list."""
    from dashboard.ui.text import md

    notices = st.session_state.pop(K_NOTICES, None) or []

    def text(notice: S.Notice) -> str:
        # Only the URL's values are untrusted: escape them, keep the message's own Markdown.
        return t(notice.key, lang, **{k: md(v) for k, v in notice.fields().items()})

    for notice in [n for n in notices if not n.dropped]:
        st.info(text(notice))
    lines = [text(n) for n in notices if n.dropped]
    if lines:
        st.warning(t("notice_header", lang) + "\n\n" + "\n\n".join(f"- {x}" for x in lines))
