"""Many visitors at once: each session sees its own view; shared memory stays bounded.

The browser test opens five different filter links (actors, kinds, pages, Arabic and
English) in five browser contexts of one Chromium against one server, all at the
same time, and checks each shows its own selection — in its URL, its numbers, its
actor chips, its direction — and none shows another's. The store tests check the
corpora shared by sessions: one load per corpus however many sessions ask at once,
uploaded corpora capped in number and bytes, the oldest evicted first.
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest
from browser_support import check_session, launch_chromium, run_session, session_plans
from browser_support import streamlit_server as server

from dashboard.ui.loaded import LoadedCorpora

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.browser
def test_five_concurrent_sessions_each_see_their_own_view(seed_corpus, tmp_path_factory):
    plans = session_plans(seed_corpus, 5)
    # The views differ, so a session showing another's numbers or chips is caught.
    assert len({(p.sentences, tuple(p.chips)) for p in plans}) == 5
    assert {p.path for p in plans} == {"", "actors", "sentences"}
    cache = tmp_path_factory.mktemp("cache")
    log = tmp_path_factory.mktemp("log") / "streamlit.log"

    async def visit(url: str):
        from playwright.async_api import async_playwright

        async with async_playwright() as p:
            browser = await launch_chromium(p)
            try:
                # Warm the server's shared corpus first: the five then race on views only.
                await run_session(browser, url, plans[0])
                return await asyncio.gather(*(run_session(browser, url, plan) for plan in plans))
            finally:
                await browser.close()

    with server(REPO / "seeds", cache, log) as (url, _proc):
        seen = asyncio.run(visit(url))
    problems = {s.plan.name: check_session(s, plans) for s in seen}
    assert all(not p for p in problems.values()), problems
    assert all(s.sentences is not None for s in seen if s.plan.path in ("", "sentences"))


def loader(calls: list[str], name: str, delay: float = 0.0):
    def load():
        calls.append(name)
        time.sleep(delay)
        return {"name": name}

    return load


def test_sessions_asking_at_once_share_one_load_and_one_object():
    store = LoadedCorpora()
    calls: list[str] = []
    got: list[object] = []

    def session():
        got.append(store.get("default", loader(calls, "default", 0.2), pinned=True))

    threads = [threading.Thread(target=session) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == ["default"]  # loaded once for eight sessions
    assert len({id(entry) for entry in got}) == 1  # one shared corpus, no per-session copy


def test_uploads_over_the_byte_cap_evict_the_oldest_and_never_the_default():
    store = LoadedCorpora(max_uploads=10, max_bytes=100)
    calls: list[str] = []
    store.get("default", loader(calls, "default"), size=10**9, pinned=True)
    for name in ("u1", "u2", "u3"):
        store.get(name, loader(calls, name), size=40)
    # 120 bytes of uploads > 100: the oldest upload goes, the pinned default stays.
    assert store.keys() == ["default", "u2", "u3"]
    store.peek("u2")  # used again: now u3 is the oldest
    store.get("u4", loader(calls, "u4"), size=40)
    assert store.keys() == ["default", "u2", "u4"]
    # A single upload bigger than the cap is still served (to the session that sent it).
    store.get("huge", loader(calls, "huge"), size=500)
    assert store.keys() == ["default", "huge"]
    # An evicted upload is loaded again when asked for.
    store.get("u2", loader(calls, "u2"), size=40)
    assert calls.count("u2") == 2


def test_memoised_results_are_shared_between_sessions():
    store = LoadedCorpora()
    entry = store.get("default", lambda: object(), pinned=True)
    computed: list[int] = []

    def compute():
        computed.append(1)
        return [1, 2, 3]

    first = entry.memo(("summary", "filter"), compute)
    second = entry.memo(("summary", "filter"), compute)
    assert first is second and computed == [1]


def test_an_evicted_upload_releases_its_memoised_results():
    store = LoadedCorpora(max_uploads=1)
    old = store.get("u1", lambda: object(), size=1)
    old.memo(("summary",), lambda: bytearray(10**6))
    old.memo(("top_actors", "filter"), lambda: bytearray(10**6))
    assert old.labels("ar", ["a1"], lambda ids: {"a1": "فاعل"}) == {"a1": "فاعل"}
    store.get("u2", lambda: object(), size=1)
    assert store.peek("u1") is None
    assert not old.memo_cache and not old.label_cache


def test_labels_are_fetched_once_per_actor_and_language():
    entry = LoadedCorpora().get("default", lambda: object(), pinned=True)
    asked: list[list[str]] = []

    def fetch(ids):
        asked.append(list(ids))
        return {i: f"label {i}" for i in ids if i != "gone"}

    assert entry.labels("ar", ["a", "b"], fetch) == {"a": "label a", "b": "label b"}
    assert entry.labels("ar", ["b", "c", "gone"], fetch) == {
        "b": "label b",
        "c": "label c",
        "gone": "gone",  # an id the corpus lacks labels as itself
    }
    entry.labels("en", ["a"], fetch)
    assert asked == [["a", "b"], ["c", "gone"], ["a"]]
