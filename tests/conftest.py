"""Shared test set-up: tests never write into the repository's cache, nor read ../shared."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_FILE = SEEDS / "000_ca1ffc38c5cd97af.txt"

# Set before any test imports the package, so every cache write lands in a throwaway folder.
os.environ.setdefault("DASHBOARD_CACHE", tempfile.mkdtemp(prefix="ane-test-cache-"))


@pytest.fixture(scope="session")
def seed_corpus():
    """The seed article, loaded once through the whole pipeline."""
    from dashboard import load_corpus

    return load_corpus(SEEDS, use_cache=False)


@pytest.fixture(scope="session")
def seed_store() -> Path:
    """The seed corpus's store where the app keeps it (``$DASHBOARD_CACHE/stores/…``),
    made once per test session: the app's tests then open it without ingesting."""
    from dashboard.store.locations import store_for_source
    from dashboard.store.writer import ingest

    folder = store_for_source(SEEDS)
    ingest(SEEDS, folder)
    return folder


@pytest.fixture(scope="module")
def seed_corpus_env(seed_store):
    """The app reads seeds/ (``DASHBOARD_CORPUS``), whose store is made already."""
    mp = pytest.MonkeyPatch()
    mp.setenv("DASHBOARD_CORPUS", str(SEEDS))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def seed_corpus_id(seed_store) -> str:
    """The URL's ``corpus`` of the seed store (store id and generation)."""
    from dashboard.store.manifest import read_manifest
    from dashboard.ui.state import corpus_token

    manifest = read_manifest(seed_store)
    return corpus_token(manifest.store_id, manifest.generation)


# --- the browser tests (tests/test_browser.py, tests/test_security_injection.py) ----------


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium (Playwright), one per test module."""
    from browser_support import launch_chromium
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch_chromium(p)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The dashboard served on seeds/ (its own cache folder), one server per test module."""
    from browser_support import streamlit_server

    cache = tmp_path_factory.mktemp("cache")
    log = tmp_path_factory.mktemp("log") / "streamlit.log"
    with streamlit_server("seeds", cache, log) as (url, _proc):
        yield url


@pytest.fixture
def page(browser):
    """A page in a fresh browser context: each test is a new Streamlit session."""
    from browser_support import VIEWPORT

    context = browser.new_context(viewport=VIEWPORT)
    yield context.new_page()
    context.close()
