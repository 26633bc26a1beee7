"""Small building blocks the pages share: charts with HTML export, CSV export, styles."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard.ui.i18n import is_rtl, t

PLOTLY_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}

# Right-to-left layout for Arabic: the page body and the sidebar read from the right;
# code boxes (links) stay left-to-right; progress bars fill from the right. Arabic text everywhere gets a comfortable line
# height; sentences are set as readable paragraphs, actors highlighted by kind. A file
# the uploader refuses (too big, wrong type) shows Streamlit's reason under its name
# (Streamlit only puts it in a hover tooltip and a screen-reader text).
_BASE_CSS = """
.sentence-card{border-bottom:1px solid rgba(49,51,63,.12);padding:.55rem 0;}
.sentence-card .meta{font-size:.8rem;color:#5f6b7a;margin-bottom:.2rem;}
.sentence-card .meta .sep{white-space:pre;}
.sentence-card .text{font-size:1.15rem;line-height:2.0;}
mark.actor{background:#e8f0fe;border-radius:.25rem;padding:0 .15rem;}
mark.actor.kind-PER{background:#fde8d7;}
mark.actor.kind-GPE{background:#dcefe0;}
mark.actor.kind-LOC{background:#efe6d9;}
mark.actor.kind-ORG{background:#f6dde0;}
[data-testid="stFileChip"][aria-invalid="true"]{flex-wrap:wrap;}
[data-testid="stFileChip"][aria-invalid="true"] [role="alert"]{position:static !important;
 width:auto !important;height:auto !important;margin:0 !important;clip:auto !important;
 clip-path:none !important;overflow:visible !important;white-space:normal !important;
 flex-basis:100%;font-size:.8rem;color:#b42318;unicode-bidi:plaintext;}
"""
_RTL_CSS = """
[data-testid="stAppViewContainer"]{flex-direction:row-reverse;}
[data-testid="stMain"] .block-container,[data-testid="stSidebarUserContent"],
[data-testid="stSidebarNav"]{direction:rtl;text-align:right;}
[data-testid="stElementContainer"],[data-testid="stMarkdownContainer"],
[data-testid="stHeading"],[data-testid="stCaptionContainer"]{text-align:start;}
[data-testid="stMarkdownContainer"] ul{padding-inline-start:1.2rem;}
[data-testid="stCode"],[data-testid="stCode"] *{direction:ltr;text-align:left;}
[data-testid="stPlotlyChart"],.js-plotly-plot{direction:ltr;}
[data-testid="stDataFrame"],[data-testid="stDateInput"],
[data-testid="stSlider"] [data-baseweb="slider"]{direction:ltr;}
[data-testid="stButtonGroup"]>div:last-child{padding-left:2px;padding-right:2px;}
[data-testid="stButtonGroup"] button:first-child{border-radius:0 .5rem .5rem 0 !important;}
[data-testid="stButtonGroup"] button:last-child{border-radius:.5rem 0 0 .5rem !important;}
[data-testid="stButtonGroup"] button:only-child{border-radius:.5rem !important;}
[data-testid="stProgressBarTrack"]{transform:scaleX(-1);}
"""


# A multiselect chip shows its whole label (Streamlit cuts long ones at the end, which
# in Arabic is the reader's left: "…avrov"); long labels wrap inside the chip.
_CHIP_CSS = """
[data-testid="stMultiSelectTagsContainer"] [data-tag]{max-width:100% !important;height:auto;}
[data-testid="stMultiSelectTagsContainer"] [data-tag]>span{max-width:none !important;
 overflow:visible !important;text-overflow:clip !important;white-space:normal !important;}
"""
# Streamlit's own words in the file uploader and the status widget, replaced by ours: the
# original text is set to size 0 and ours follows it (``::after``), in either language.
_UPLOADER_BUTTON = (
    '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] '
    '[data-testid="stMarkdownContainer"] p'
)
_UPLOADER_HINT = '[data-testid="stFileUploaderDropzoneInstructions"] span'
_STATUS_STOP = '[data-testid="stStatusWidget"] button'
_STATUS_RUNNING = '[data-testid="stStatusWidget"] label'


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal (our own strings; quotes and backslashes escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def _replaced(selector: str, text: str, size: str) -> str:
    return (
        f"{selector}{{font-size:0 !important;white-space:normal !important;"
        f"overflow:visible !important;text-overflow:clip !important;}}"
        f"{selector}::after{{content:{_css_string(text)};font-size:{size};line-height:1.5;}}"
    )


def streamlit_text_css(lang: str, upload_mb: int, types: list[str]) -> str:
    """CSS replacing Streamlit's English in the uploader (button, drop hint with the size
    limit) and the status widget (running, stop) by the interface's language."""
    hint = t("upload_hint", lang, mb=upload_mb, types=t("list_sep", lang).join(types))
    return "".join(
        [
            _replaced(_UPLOADER_BUTTON, t("upload_browse", lang), ".875rem"),
            _replaced(_UPLOADER_HINT, hint, ".8rem"),
            _replaced(_STATUS_STOP, t("status_stop", lang), ".875rem"),
            _replaced(_STATUS_RUNNING, t("status_running", lang), ".875rem"),
        ]
    )


def inject_styles(lang: str, upload_mb: int, upload_types: list[str]) -> None:
    """The dashboard's CSS (style-only ``st.html`` takes no room on the page)."""
    rtl = _RTL_CSS if is_rtl(lang) else ""
    ours = streamlit_text_css(lang, upload_mb, upload_types)
    st.html(f"<style>{_BASE_CSS}{_CHIP_CSS}{rtl}{ours}</style>")


def chart(fig: Any, name: str, ctx, **kwargs: Any) -> Any:
    """A Plotly chart, and a button downloading it as a standalone HTML file.

    ``kwargs`` go to ``st.plotly_chart`` (``key``, ``on_select``, ...); returns its result.
    """
    config = {
        **PLOTLY_CONFIG,
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": name},
    }
    event = st.plotly_chart(fig, config=config, **kwargs)
    st.download_button(
        ctx.t("export_html"),
        data=lambda: fig.to_html(include_plotlyjs="cdn", full_html=True, config=config),
        file_name=f"{name}.html",
        mime="text/html",
        key=f"html_{name}",
        on_click="ignore",
        icon=":material/download:",
    )
    return event


#: Rows of the actors page's table (the most mentioned actors of the filter).
ACTOR_TABLE_ROWS = 1000

#: The export's datasets -> the i18n key of their name.
EXPORTS = {
    "articles": "frame_articles",
    "sentences": "frame_sentences",
    "mentions": "frame_mentions",
    "dates": "frame_dates",
}


def export_csv(queries, flt, dataset: str) -> bytes:
    """The filter's ``dataset`` rows as CSV bytes, written by DuckDB
    (``StoreQueries.export_csv``: contract columns, formulas defused, UTF-8 with BOM)."""
    with tempfile.TemporaryDirectory(prefix="ane-export-") as tmp:
        return queries.export_csv(dataset, flt, Path(tmp) / f"{dataset}.csv").read_bytes()


def export_frames(ctx) -> None:
    """CSV downloads of the filtered frames (built only when a button is clicked), in a
    popover: the browser draws the buttons only when it is opened, not while a fresh tab
    draws the page's charts."""
    queries, flt = ctx.queries, ctx.flt
    with st.popover(ctx.t("export_header"), icon=":material/download:"):
        for name, label in EXPORTS.items():
            st.download_button(
                ctx.t("export_csv", name=ctx.t(label)),
                data=lambda name=name: export_csv(queries, flt, name),
                file_name=f"{name}.csv",
                mime="text/csv",
                key=f"csv_{ctx.page}_{name}",
                on_click="ignore",
            )
