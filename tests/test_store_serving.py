"""Serving a store: where the dashboard's stores live, and ingesting in a child process."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pandas as pd
import pytest

from dashboard import cache
from dashboard.store.child import IngestCancelled, IngestFailed, ingest_in_child
from dashboard.store.keeper import StoreKeeper
from dashboard.store.locations import (
    STORES,
    Location,
    default_location,
    named_path,
    new_upload,
    source_signature,
    store_for_source,
)
from dashboard.store.lock import LOCK
from dashboard.store.reader import load_store, open_store
from dashboard.store.writer import PAUSE_ENV, ingest
from tests.conftest import REPO, SEEDS
from tests.test_store import assert_same, make_source, reference, seed_variant

# ------------------------------------------------------------------ where stores live


def test_dashboard_store_wins_over_dashboard_corpus_and_says_which_it_ignored(tmp_path):
    both = default_location({"DASHBOARD_STORE": str(tmp_path), "DASHBOARD_CORPUS": "news/"})
    assert both.store == tmp_path and both.read_only and both.source is None
    assert both.ignored_corpus == "news/"
    alone = default_location({"DASHBOARD_STORE": str(tmp_path)})
    assert alone.read_only and alone.ignored_corpus == ""


def test_a_named_source_gets_its_own_store_in_the_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_CACHE", str(tmp_path / "cache"))
    (tmp_path / "news").mkdir()
    location = default_location({"DASHBOARD_CORPUS": str(tmp_path / "news")})
    assert not location.read_only and location.source == tmp_path / "news"
    assert location.store.parent == tmp_path / "cache" / STORES
    # The same folder however it is spelled; another folder, another store.
    monkeypatch.chdir(tmp_path)
    assert store_for_source("news/") == location.store
    assert store_for_source(tmp_path / "news" / ".." / "news") == location.store
    assert store_for_source(tmp_path / "other") != location.store
    # Nothing named: the repository's seeds.
    seeds = default_location({})
    assert seeds.source == SEEDS and seeds.store == store_for_source(SEEDS)


def test_relative_paths_are_taken_from_the_checkout_when_they_exist_there(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert named_path("seeds") == REPO / "seeds"
    assert named_path("not-in-the-checkout") == tmp_path / "not-in-the-checkout"
    assert named_path(" ~/x ") == Path.home() / "x"


def test_the_source_signature_changes_when_a_file_is_added_changed_or_removed(tmp_path):
    source = tmp_path / "src"
    make_source(source, n_txt=1)
    first = source_signature(source)
    assert first == source_signature(source) and first[0] == 5
    (source / "wire_9.txt").write_text(seed_variant(9), encoding="utf-8")
    added = source_signature(source)
    with (source / "news.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("{}\n")
    appended = source_signature(source)
    (source / "wire_9.txt").unlink()
    assert len({first, added, appended, source_signature(source)}) == 4
    assert source_signature(source / "news.jsonl")[0] == 1
    assert source_signature(tmp_path / "missing") == (0, 0, 0)


def test_the_cache_size_cap_never_evicts_the_stores(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_CACHE", str(tmp_path))
    monkeypatch.setattr(cache, "MAX_CACHE_BYTES", 0)  # every cache entry is over the cap
    store = store_for_source(tmp_path / "news")
    store.mkdir(parents=True)
    (store / "manifest.json").write_text("{}")
    frames = {name: pd.DataFrame({"x": [1]}) for name in cache.STORED_FRAMES}
    cache.save("f1", frames)
    cache.save("f2", frames)
    assert (store / "manifest.json").exists()
    entries = [p for p in tmp_path.iterdir() if p.name != STORES]
    assert len(entries) <= 1  # the frame cache itself was cut down to the newest entry


def test_an_upload_is_written_to_its_own_folder_and_removed_with_its_store():
    wire = seed_variant(1).encode("utf-8")
    upload = new_upload([("../../etc/a.txt", wire), ("a.txt", wire), (".hidden.jsonl", b"")])
    other = new_upload([])
    try:
        assert upload.root != other.root
        assert sorted(p.name for p in upload.source.iterdir()) == [
            "a-2.txt",
            "a.txt",
            "hidden.jsonl",
        ]
        assert not (upload.root.parent / "etc").exists()
        ingest(upload.source, upload.store, workers=1)
        assert open_store(upload.store).generation == 1
    finally:
        upload.remove()
        other.remove()
    assert not upload.root.exists()


# ------------------------------------------------------------------ ingest in a child


def test_a_child_ingest_gives_load_corpus_frames_and_reports_progress(tmp_path):
    source, store = tmp_path / "src", tmp_path / "store"
    make_source(source, n_txt=2)
    events = []
    result = ingest_in_child(source, store, progress=events.append)
    ref = reference(source)
    assert_same(load_store(store), ref)
    assert result.generation == 1 and result.articles == len(ref.articles)
    assert result.analysed == len(ref.articles) - 1  # the duplicate is not analysed
    stages = [e.stage for e in events]
    assert stages[0] == "reading" and stages[-1] == "done"
    assert {"analysing", "linking", "saving"} <= set(stages)
    reading = [e for e in events if e.stage == "reading"]
    files = len(list(source.iterdir()))  # each is read, the PDF to say why it is skipped
    assert reading[-1].done == reading[-1].total == files
    analysing = [e for e in events if e.stage == "analysing"]
    assert analysing[-1].done == analysing[-1].total == result.analysed
    assert events[-1].done == len(ref.articles)
    # Nothing new: the same generation, nothing analysed.
    again = ingest_in_child(source, store)
    assert (again.generation, again.analysed, again.read) == (1, 0, 0)


def test_a_failing_child_names_the_source_and_says_why(tmp_path):
    source, folder = tmp_path / "src", tmp_path / "not-a-store"
    make_source(source, n_txt=1)
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(IngestFailed) as refused:
        ingest_in_child(source, folder)
    message = str(refused.value)
    assert str(source) in message and "exit status 2" in message
    assert "not a store and not empty" in message and "notes.txt" in message
    # A crash (here: no model to recognise actors with): the child's last lines.
    empty_data = tmp_path / "data"
    empty_data.mkdir()
    env = {**os.environ, "DASHBOARD_DATA": str(empty_data)}
    with pytest.raises(IngestFailed) as crashed:
        ingest_in_child(source, tmp_path / "store", env=env)
    message = str(crashed.value)
    assert str(source) in message and "exit status 1" in message
    assert "Error" in message.splitlines()[-1]  # the traceback's last line


def lock_is_free(store: Path) -> bool:
    fd = os.open(store / LOCK, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_cancelling_kills_the_child_and_the_store_keeps_its_generation(tmp_path):
    source, store = tmp_path / "src", tmp_path / "store"
    make_source(source, n_txt=1)
    ingest(source, store, workers=1)
    before = load_store(store)
    (source / "wire_7.txt").write_text(seed_variant(7), encoding="utf-8")
    env = {**os.environ, PAUSE_ENV: str(tmp_path / "never")}  # waits before the swap
    events = []

    def at_the_swap() -> bool:
        return any(e.stage == "saving" for e in events)

    with pytest.raises(IngestCancelled, match=str(source)):
        ingest_in_child(source, store, progress=events.append, cancelled=at_the_swap, env=env)
    assert lock_is_free(store)  # the child (which held it) is gone
    assert_same(load_store(store), before)

    # A callback that raises (as Streamlit stops a script) kills the child too.
    def stop(event) -> None:
        if event.stage == "saving":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_in_child(source, store, progress=stop, env=env)
    assert lock_is_free(store)
    assert open_store(store).generation == 1
    # The next run completes the update.
    assert ingest_in_child(source, store).generation == 2
    assert_same(load_store(store), reference(source))


def test_progress_lines_need_a_store(tmp_path, capsys):
    from dashboard.cli import main

    assert main(["ingest", str(SEEDS), "--progress", "jsonl"]) == 2
    assert "--progress jsonl needs --store DIR" in capsys.readouterr().err


# ------------------------------------------------------------------ keeping the default store


def tree(folder: Path) -> list[tuple[str, int, int]]:
    """Every path under ``folder`` with its size and modification time."""
    return sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*"))


def test_the_keeper_ingests_a_named_source_at_first_and_again_only_when_it_changed(tmp_path):
    source, store = tmp_path / "src", tmp_path / "store"
    make_source(source, n_txt=1)
    overrides = tmp_path / "actor_overrides.toml"
    keeper = StoreKeeper(Location(store=store, source=source), overrides=overrides)
    assert keeper.stale()
    assert keeper.refresh() and keeper.generation() == 1
    assert not keeper.stale() and not keeper.refresh()
    assert keeper.generation() == 1
    (source / "wire_7.txt").write_text(seed_variant(7), encoding="utf-8")
    assert keeper.stale()
    events = []
    assert keeper.refresh(progress=events.append) and keeper.generation() == 2
    assert events and events[-1].stage == "done"
    assert_same(load_store(store), reference(source))
    # An edit of the overrides re-links: the next session's refresh runs the child.
    overrides.write_text("# nothing yet\n", encoding="utf-8")
    assert keeper.stale()


def test_the_keeper_of_a_dashboard_store_never_writes_to_it(tmp_path):
    source, store = tmp_path / "src", tmp_path / "store"
    make_source(source, n_txt=1)
    ingest(source, store, workers=1)
    before = tree(store)
    keeper = StoreKeeper(default_location({"DASHBOARD_STORE": str(store)}))
    assert not keeper.stale() and not keeper.refresh()
    assert keeper.generation() == 1 and tree(store) == before


# ------------------------------------------------------------------ publish


def test_a_published_store_carries_the_term_labels_and_answers_as_its_original(tmp_path):
    import pyarrow.compute as pc

    from dashboard.query import StoreQueries
    from dashboard.query.aggregates import published_aggregates
    from dashboard.store.publish import publish

    source, store = tmp_path / "src", tmp_path / "store"
    make_source(source, n_txt=2)
    ingest(source, store, workers=1)
    published = publish(store, tmp_path / "pub", aggregates=published_aggregates)
    assert "term_labels" in published.corpus
    # A deployment's folder may be read-only (DASHBOARD_STORE): queries write nothing.
    before = tree(tmp_path / "pub")
    for path in [tmp_path / "pub", *(tmp_path / "pub").rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    original, copy = StoreQueries(store), StoreQueries(tmp_path / "pub")
    want = original.term_frequencies(None)
    assert len(want) > 10
    pd.testing.assert_frame_equal(copy.term_frequencies(None), want)
    assert copy.word_cloud_frequencies(None, 50) == original.word_cloud_frequencies(None, 50)
    assert copy.summary(None) == original.summary(None)
    assert tree(tmp_path / "pub") == before

    # The labels are read from the published table, not computed again from the terms.
    def marked(folder):
        labels = published_aggregates(folder)["term_labels"]
        return {"term_labels": labels.set_column(1, "display", pc.utf8_upper(labels["display"]))}

    publish(store, tmp_path / "marked", aggregates=marked)
    marked_copy = StoreQueries(tmp_path / "marked")
    assert marked_copy.term_frequencies(None)["display"].tolist() == [
        d.upper() for d in want["display"]
    ]
