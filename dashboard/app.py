"""The Streamlit dashboard: ``streamlit run dashboard/app.py``.

This entry point owns what every page shares: the corpus (a store, opened once per
server process and queried through DuckDB by all sessions), the filter in the sidebar, the URL state and
the navigation. The pages are declared in ``dashboard/ui/pages.py`` and drawn by
``dashboard/views/`` (layout only).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Import the checkout's package (not an installed copy) when run as a script.
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path[:1]:
    sys.path.insert(0, str(REPO_ROOT))

import streamlit as st  # noqa: E402

from dashboard.query import QueryMemoryError  # noqa: E402
from dashboard.ui import session as ses  # noqa: E402
from dashboard.ui import sidebar  # noqa: E402
from dashboard.ui.i18n import t  # noqa: E402
from dashboard.ui.pages import PAGES  # noqa: E402
from dashboard.ui.widgets import inject_styles  # noqa: E402

VIEWS = Path(__file__).resolve().parent / "views"
# The browser tab's icon, served by this server: a ":material/…:" page icon would make
# the browser fetch it from fonts.gstatic.com (an offline tool must not).
PAGE_ICON = Path(__file__).resolve().parent / "static" / "icon.png"


@st.cache_resource(show_spinner=False)
def _static_files() -> list[Path]:
    from dashboard.ui.assets import ensure_static_fonts

    return ensure_static_fonts()


def main() -> None:
    _static_files()
    lang = ses.ui_lang()
    st.set_page_config(page_title=t("app_title", lang), page_icon=str(PAGE_ICON), layout="wide")
    inject_styles(lang, sidebar.upload_limit_mb(), sidebar.UPLOAD_TYPES)
    pages = {
        spec.name: st.Page(
            VIEWS / spec.script,
            title=t(spec.title_key, lang),
            icon=spec.icon,
            url_path=spec.url_path or spec.name,
            default=spec.is_default,
            help=t(spec.help_key, lang),
        )
        for spec in PAGES
    }
    current = st.navigation(list(pages.values()), position="sidebar")
    page = next(name for name, p in pages.items() if p is current)

    try:
        entry = ses.active_corpus(lang)
    except Exception as exc:  # a pipeline failure: say so instead of a blank app
        from dashboard.ui.text import md

        st.error(t("load_failed", lang, error=md(f"{type(exc).__name__}: {exc}")))
        st.stop()
    try:
        ses.sync_state(entry, page)
        lang = ses.current_state().lang
        sidebar.language_switch(lang)
        sidebar.filter_widgets(entry, lang)
        share = st.sidebar.container()  # filled once the page has set its options
        sidebar.corpus_box(entry, lang)
        ses.make_context(entry, page)
        ses.show_notices(lang)
        current.run()
    except QueryMemoryError:  # a store too large for the queries' memory: say what to do
        st.error(t("query_memory", lang, limit=ses.QUERY_MEMORY))
        st.stop()
    query = ses.write_url(page, ses.corpus_id(entry))
    with share:
        sidebar.share_box(query, page, lang)


# Streamlit runs this file as "__main__". Worker processes of load_corpus's pool
# (forkserver/spawn) re-import the parent's main file as "__mp_main__": they must
# not run the app.
if __name__ == "__main__":
    main()
