"""The deployment configuration (.streamlit/config.toml) is safe for public visitors.

XSRF protection on, no error details or stack traces for visitors, no developer
toolbar, an upload limit the sidebar announces — and every value is one the
installed Streamlit accepts.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / ".streamlit" / "config.toml"


@pytest.fixture(scope="module")
def config() -> dict:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


def test_forms_and_uploads_need_the_xsrf_cookie(config):
    assert config["server"]["enableXsrfProtection"] is True
    # Streamlit turns XSRF protection off when CORS is off: CORS must stay on.
    assert config["server"].get("enableCORS", True) is True


def test_visitors_see_no_error_details_and_no_developer_toolbar(config):
    from streamlit.config import ShowErrorDetailsConfigOptions as Details

    client = config["client"]
    assert client["showErrorDetails"] == "none"
    assert client["showErrorDetails"] in {o.value for o in Details}  # a value Streamlit knows
    assert client["toolbarMode"] == "viewer"


def test_the_upload_limit_is_the_one_the_sidebar_falls_back_to(config):
    from dashboard.ui.sidebar import MAX_UPLOAD_MB

    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB


def test_streamlit_reads_the_file_with_these_values(monkeypatch):
    """Streamlit's own parser (not only tomllib) gives the app these settings."""
    from streamlit import config as st_config

    monkeypatch.chdir(REPO)
    st_config.get_config_options(force_reparse=True, options_from_flags={})
    try:
        assert st_config.get_option("server.enableXsrfProtection") is True
        assert st_config.get_option("client.showErrorDetails") == "none"
        assert st_config.get_option("client.toolbarMode") == "viewer"
        assert st_config.get_option("server.maxUploadSize") == 200
    finally:
        st_config.get_config_options(force_reparse=True, options_from_flags={})
