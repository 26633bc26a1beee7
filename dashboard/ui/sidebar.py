"""The sidebar: language, the shared filter, upload, share link (widgets only)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.frames import ACTOR_KINDS
from dashboard.ui import session as ses
from dashboard.ui import state as S
from dashboard.ui.i18n import LANGS, kind_label, t
from dashboard.ui.loaded import content_key
from dashboard.ui.reasons import translate_reason
from dashboard.ui.text import isolate, md

UPLOAD_TYPES = ["txt", "jsonl", "json", "csv", "zip"]
MAX_UPLOAD_MB = 200  # server.maxUploadSize of .streamlit/config.toml
PICKER_OPTIONS = 100  # actors the picker offers besides the chosen ones
K_ACTOR_SEARCH = "_actor_search"  # the picker's search box
K_UPLOAD_FILES = "_upload_files"  # how many files this session's upload holds


def shown_item(item: str, root: Path | None) -> str:
    """A skipped item as the user knows it: from the corpus folder or file ``root`` on
    ("seeds/a.pdf"), never a server path; an item already relative stays as it is."""
    path = Path(item)
    if not path.is_absolute():
        return item
    if root is not None:
        try:
            return str(path.relative_to(root.parent))
        except ValueError:
            pass
    return path.name


def language_switch(lang: str) -> None:
    st.sidebar.radio(
        t("language", lang),
        LANGS,
        key=ses.K_LANG,
        format_func=lambda code: t(f"lang_{code}", lang),
        horizontal=True,
    )


def filter_widgets(entry, lang: str) -> None:
    """Actors, kinds, sources and dates; values live in session state (``session.K_*``)."""
    sb = st.sidebar
    sb.header(t("filter_header", lang))
    actor_picker(entry, lang)
    sb.multiselect(
        t("filter_kinds", lang),
        list(ACTOR_KINDS),
        key=ses.K_KINDS,
        format_func=lambda k: kind_label(k, lang),
        placeholder=t("choose", lang),
    )
    sources = ses.filter_options(entry)["sources"]
    chosen_sources = st.session_state.get(ses.K_SOURCES) or []
    if sources or chosen_sources:
        sb.multiselect(
            t("filter_sources", lang),
            list(dict.fromkeys([*sources, *chosen_sources])),
            key=ses.K_SOURCES,
            placeholder=t("choose", lang),
        )
    low, high = st.session_state.get("_date_bounds", (None, None))
    chosen = st.session_state.get(ses.K_DATES) or ()
    if low and high and (low < high or chosen != (low, high)):
        # The range may reach outside the corpus (a shared link): widen the calendar.
        sb.date_input(
            t("filter_dates", lang),
            key=ses.K_DATES,
            min_value=min([low, *chosen]),
            max_value=max([high, *chosen]),
            format="YYYY-MM-DD",
        )
    sb.button(t("filter_clear", lang), on_click=ses.clear_filter, width="stretch")


def actor_picker(entry, lang: str) -> None:
    """The actor filter, searched on the server: the options are the chosen actors plus
    the ``PICKER_OPTIONS`` best matches of the search box (the most mentioned actors
    when it is empty), never the whole actor list (a large store has ~1M actors)."""
    sb = st.sidebar
    text = sb.text_input(
        t("filter_actor_search", lang),
        key=K_ACTOR_SEARCH,
        max_chars=100,
        icon=":material/search:",
    )
    text = " ".join((text or "").split())
    limit = PICKER_OPTIONS
    found = entry.memo(
        ("actor_search", text, limit), lambda: entry.queries.search_actors(text, limit)
    )
    chosen = [str(a) for a in st.session_state.get(ses.K_ACTORS) or []]
    labels = dict(zip(found["actor_id"].astype(str), found["label"].astype(str), strict=True))
    missing = [a for a in chosen if a not in labels]
    if missing:
        rows = entry.memo(
            ("actors_by_id", tuple(missing)), lambda: entry.queries.actors_by_id(missing)
        )
        labels.update(zip(rows["actor_id"].astype(str), rows["label"].astype(str), strict=True))
    sb.multiselect(
        t("filter_actors", lang),
        list(dict.fromkeys([*chosen, *found["actor_id"].astype(str)])),
        key=ses.K_ACTORS,
        format_func=lambda a: labels.get(a, a),
        placeholder=t("filter_actors_placeholder", lang),
    )


def share_box(query: dict[str, list[str]], page: str, lang: str) -> None:
    """The link of this view, in a code box (its copy button copies it) that a button
    opens; call it inside a sidebar container.

    In a popover, not on the sidebar itself: the browser loads and runs Streamlit's code
    highlighter (1.5 MB of script, ~0.6 s of a fresh tab's main thread, while it draws the
    page's first chart) only when the box is opened."""
    base = st.context.url or ""
    url = S.share_url(base, page, query) if base else "?" + _encoded(query)
    with st.popover(t("share_header", lang), icon=":material/share:", width="stretch"):
        st.caption(t("share_help", lang))
        st.code(url, language=None, wrap_lines=True)


def _encoded(query: dict[str, list[str]]) -> str:
    from urllib.parse import urlencode

    return urlencode([(k, v) for k, vs in query.items() for v in vs])


def corpus_box(entry, lang: str) -> None:
    """Which corpus is active, its skipped files, and the upload that replaces it."""
    sb = st.sidebar
    sb.header(t("corpus_header", lang))
    uploaded = entry.key.startswith("upload:")
    if uploaded:
        files = st.session_state.get(K_UPLOAD_FILES) or 0
        sb.caption(t("corpus_uploaded", lang, n=files))
    else:
        default_location(lang)
    sb.caption(t("corpus_fingerprint", lang, fp=isolate(md(ses.corpus_id(entry)))))
    skipped = entry.memo(("skipped",), lambda: ses.skipped_items(entry))
    if len(skipped):
        root = None if uploaded else ses.default_source()
        with sb.expander(t("skipped_header", lang, n=len(skipped))):
            st.dataframe(
                pd.DataFrame(
                    {
                        t("skipped_item", lang): [
                            shown_item(str(i), root) for i in skipped["item"].astype(str)
                        ],
                        t("skipped_reason", lang): [
                            translate_reason(str(r), lang) for r in skipped["reason"].astype(str)
                        ],
                    }
                ),
                hide_index=True,
            )
    counter = st.session_state.setdefault("_upload_counter", 0)
    # Say the limit before a user picks a file (Streamlit refuses bigger files itself).
    sb.caption(t("upload_limit", lang, mb=upload_limit_mb()))
    files = sb.file_uploader(
        t("upload_label", lang, types=t("list_sep", lang).join(UPLOAD_TYPES)),
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        key=f"upload_{counter}",
    )
    if files:
        _load_upload(files, lang)
    if uploaded:
        sb.button(t("upload_reset", lang), on_click=_reset_upload)


def default_location(lang: str) -> None:
    """Where the default corpus comes from: a source's name, or a published store's
    (``DASHBOARD_STORE``, read-only), and a notice when it won over ``DASHBOARD_CORPUS``.
    Names only: a visitor is never shown a server path."""
    location = ses.default_store().keeper.location
    if not location.read_only:
        name = isolate(md(ses.default_source().name))
        st.sidebar.caption(t("corpus_default", lang, name=name))
        return
    st.sidebar.caption(t("corpus_store", lang, name=isolate(md(location.store.name))))
    if location.ignored_corpus:
        st.sidebar.warning(
            t(
                "notice_store_wins",
                lang,
                store=isolate(md(location.store.name)),
                source=isolate(md(Path(location.ignored_corpus).name)),
            )
        )


def upload_limit_mb() -> int:
    """The server's upload limit in MB (``server.maxUploadSize``: per file, and here also
    for all the files of one upload together)."""
    try:
        return int(st.get_option("server.maxUploadSize"))
    except (TypeError, ValueError, RuntimeError):
        return MAX_UPLOAD_MB


def _load_upload(files, lang: str) -> None:
    """Load the uploaded files (once per content) and make them this session's corpus."""
    size = sum(f.size for f in files)
    limit = upload_limit_mb()
    if size > limit * 2**20:
        st.sidebar.error(t("upload_too_big", lang, mb=limit))
        return
    # Hash the bytes once per set of uploaded files, not on every rerun.
    ids = tuple(f.file_id for f in files)
    known = st.session_state.get("_upload_ids")
    if known and known[0] == ids:
        key = known[1]
    else:
        key = content_key((f.name, f.getvalue()) for f in files)
        st.session_state["_upload_ids"] = (ids, key)
    if st.session_state.get(ses.K_UPLOAD) == key:
        return
    try:
        ses.loaded_corpora().get(key, lambda: ses.load_source(list(files), lang), size=size)
    except Exception as exc:  # a broken upload must not take the app down
        st.sidebar.error(t("load_failed", lang, error=md(exc)))
        return
    st.session_state[ses.K_UPLOAD] = key
    st.session_state[K_UPLOAD_FILES] = len(files)
    st.rerun()


def _reset_upload() -> None:
    st.session_state[ses.K_UPLOAD] = None
    st.session_state["_upload_counter"] = st.session_state.get("_upload_counter", 0) + 1
