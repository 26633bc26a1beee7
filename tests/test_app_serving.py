"""Where the app's corpus comes from (AppTest): a published store named by
``DASHBOARD_STORE`` opened read-only, a ``DASHBOARD_CORPUS`` store brought up to date in a
child process for each new session, an upload ingested in a child with its progress bar."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from app_support import open_app
from streamlit.testing.v1 import AppTest

from dashboard.store.locations import UPLOAD_PREFIX, store_for_source
from dashboard.store.manifest import read_manifest
from dashboard.ui import session
from dashboard.ui.state import corpus_token
from tests.test_store import seed_variant

REPO = Path(__file__).resolve().parent.parent
SEED_FILE = REPO / "seeds" / "000_ca1ffc38c5cd97af.txt"
TIMEOUT = 180  # a first run ingests in a child process
ARABIC = re.compile("[\u0600-\u06ff]")


def app(page: str = "overview", **params) -> AppTest:
    return open_app(page, TIMEOUT, **params)


def tree(folder: Path) -> list[tuple[str, int, int]]:
    return sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*"))


def sidebar_texts(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption] + [w.value for w in at.sidebar.warning]


def test_a_published_store_opens_read_only_and_nothing_is_written(
    seed_store, tmp_path, monkeypatch
):
    from dashboard.query.aggregates import published_aggregates
    from dashboard.store.publish import publish

    published = tmp_path / "published"
    manifest = publish(seed_store, published, aggregates=published_aggregates)
    before = tree(published)
    for path in [published, *published.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    ignored = tmp_path / "news"
    ignored.mkdir()
    monkeypatch.setenv("DASHBOARD_STORE", str(published))
    monkeypatch.setenv("DASHBOARD_CORPUS", str(ignored))
    for page in ("overview", "words"):
        at = app(page)
        assert not at.exception, [e.message for e in at.exception]
        assert at.query_params["corpus"] == corpus_token(manifest.store_id, manifest.generation)
        if page == "overview":
            assert all(m.value for m in at.metric[:5])
        else:
            assert len(at.get("image")) == 1 and len(at.get("plotly_chart")) == 1  # cloud, terms
    texts = sidebar_texts(at)
    assert any("مخزن منشور" in x and "published" in x for x in texts)
    # Both variables set: the store wins, and the sidebar says which it ignored.
    assert any("DASHBOARD_STORE" in x and "DASHBOARD_CORPUS" in x and "news" in x for x in texts)
    assert tree(published) == before
    assert not store_for_source(ignored).exists()  # DASHBOARD_CORPUS was not ingested


def test_a_new_session_sees_a_new_generation_and_an_old_link_says_newer_data(tmp_path, monkeypatch):
    source = tmp_path / "news"
    source.mkdir()
    shutil.copy(SEED_FILE, source / SEED_FILE.name)
    monkeypatch.setenv("DASHBOARD_CORPUS", str(source))
    first = app()
    assert not first.exception, [e.message for e in first.exception]
    store_id = read_manifest(store_for_source(source)).store_id
    assert first.query_params["corpus"] == corpus_token(store_id, 1)

    (source / "wire_7.txt").write_text(seed_variant(7), encoding="utf-8")
    # A link made before the new file, opened in a new session: the newer data, said so.
    second = app(corpus=corpus_token(store_id, 1))
    assert not second.exception, [e.message for e in second.exception]
    assert second.query_params["corpus"] == corpus_token(store_id, 2)
    newer = [i.value for i in second.info if "(الإصدار 1)" in i.value]
    assert newer and "(الإصدار 2)" in newer[0] and not second.warning  # nothing dropped
    # The first session moves to the newest generation at its next run.
    first.run()
    assert first.query_params["corpus"] == corpus_token(store_id, 2)


def test_an_upload_is_ingested_in_a_child_with_an_arabic_progress_bar(seed_store, monkeypatch):
    from dashboard.ui.progress import progress_text

    monkeypatch.setenv("DASHBOARD_CORPUS", str(REPO / "seeds"))
    texts: list[str] = []
    draw = session.progress_callback

    def recording(lang):
        report, bar = draw(lang)

        def record(event) -> None:
            texts.append(progress_text(event, lang))
            report(event)

        return record, bar

    monkeypatch.setattr(session, "progress_callback", recording)
    at = app()
    at.file_uploader[0].set_value([("a.txt", seed_variant(3).encode("utf-8"), "text/plain")])
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.query_params["corpus"] != app().query_params["corpus"]
    # The child's events reached the page's bar, in Arabic, with their counts.
    assert any(t.startswith("تحليل المقالات · 1 من 1") for t in texts), texts
    assert all(ARABIC.search(t) for t in texts)
    entry = session.loaded_corpora().peek(at.session_state[session.K_UPLOAD])
    folder = entry.queries.db.store.folder
    assert folder.parent.name.startswith(UPLOAD_PREFIX)  # a temporary store, not the cache


@pytest.mark.browser
def test_a_dashboard_store_deployment_shows_its_first_chart_in_chromium(
    browser, seed_store, tmp_path
):
    from browser_support import settle, streamlit_server

    from dashboard.query.aggregates import published_aggregates
    from dashboard.store.publish import publish

    published = tmp_path / "published"
    manifest = publish(seed_store, published, aggregates=published_aggregates)
    before = tree(published)
    env = {"DASHBOARD_STORE": str(published)}
    cache, log = tmp_path / "cache", tmp_path / "streamlit.log"
    # DASHBOARD_CORPUS names a folder that does not exist: the store must win over it.
    with streamlit_server(tmp_path / "missing", cache, log, extra_env=env) as (url, _):
        page = browser.new_context().new_page()
        page.goto(url)
        settle(page, ".js-plotly-plot", 2, timeout=180)
        assert f"corpus={corpus_token(manifest.store_id, manifest.generation)}" in page.url
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "مخزن منشور" in sidebar and "published" in sidebar
        assert page.locator('[data-testid="stException"]').count() == 0
    assert tree(published) == before
    assert not (cache / "stores").exists()  # nothing ingested on the server


def test_a_store_too_large_for_the_query_memory_says_which_setting_to_raise(
    seed_store, tmp_path, monkeypatch
):
    # A large archive under a small DuckDB limit: queries run out of memory. The page must
    # say so and name the setting, not show a traceback. (A fresh copy of the store: the
    # server keeps one database per store, opened with the limit of its first session.)
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    monkeypatch.setenv("DASHBOARD_STORE", str(store))
    monkeypatch.setattr(session, "QUERY_MEMORY", "1MB")  # the seed needs more than 1 MB
    at = app("overview")
    assert not at.exception, [e.message for e in at.exception]
    errors = [e.value for e in at.error]
    assert any("DASHBOARD_DUCKDB_MEMORY" in e and "1MB" in e for e in errors), errors
    assert not at.get("plotly_chart")
    en = app("actors", lang="en")
    assert any("more memory than queries may use (1MB)" in e.value for e in en.error)
