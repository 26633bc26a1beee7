"""The dashboard under ``streamlit.testing`` (AppTest), opened the way a link opens it."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
#: A first run may ingest a corpus into its store (the whole pipeline).
TIMEOUT = 120


def open_app(page_name: str = "overview", timeout: float = TIMEOUT, /, **params) -> AppTest:
    """Run the app on page ``page_name`` with the URL's query ``params`` set before the first run
    (pages' url_path is their file name, so the page is known from the start)."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for name, value in params.items():
        at.query_params[name] = value
    if page_name != "overview":
        at.switch_page(f"views/{page_name}.py")
    return at.run()
