"""The corpus store: the same frames as load_corpus however the inputs arrived, and safe
under faults (issue 11, acceptance 1 and 5). Fixtures are built in tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from dashboard import load_corpus
from dashboard.store import writer
from dashboard.store.manifest import MANIFEST, StoreError
from dashboard.store.reader import load_store, open_store
from dashboard.store.writer import PAUSE_ENV, ingest
from tests.conftest import REPO, SEED_FILE

SORT_KEYS = {
    "articles": ["article_id"],
    "sentences": ["article_id", "start"],
    "actors": ["actor_id"],
    "mentions": ["article_id", "start", "end", "actor_id"],
    "dates": ["article_id", "start", "end"],
    "quotes": ["article_id", "verb_start"],
    "skipped": ["item", "reason"],
    "terms": ["sentence_id", "term"],
}

BODIES = [
    "قال الرئيس الروسي فلاديمير بوتين في موسكو أمس إن بلاده ستواصل الحوار مع الصين.",
    "زار وزير الخارجية الأمريكي القاهرة يوم الأحد الماضي. وبحث مع نظيره المصري العلاقات.",
    "استقبل ولي العهد السعودي في الرياض رئيس وزراء باكستان يوم الخميس.",
    "قالت الحكومة اللبنانية في بيروت إنها ستجتمع غدا لبحث الأزمة مع سوريا.",
    "التقى الملك عبد الله الثاني في عمّان وفدا أوروبيا في آذار الماضي.",
    "أعلنت وزارة الخارجية القطرية في الدوحة عن جولة جديدة من المفاوضات.",
]


def sorted_frames(corpus) -> dict[str, pd.DataFrame]:
    out = {}
    for name, df in corpus.all_frames().items():
        if name == "terms":
            df = df.astype({"term": "string", "display": "string"})
        key = [c for c in SORT_KEYS[name] if c in df.columns]
        out[name] = df.sort_values(key, kind="stable").reset_index(drop=True)
    return out


def assert_same(got, want) -> None:
    got_frames, want_frames = sorted_frames(got), sorted_frames(want)
    for name, df in want_frames.items():
        pd.testing.assert_frame_equal(got_frames[name], df, check_exact=True, obj=name)
    assert got.fingerprint == want.fingerprint


def write_jsonl(path, records) -> None:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )


def seed_variant(i: int) -> str:
    return SEED_FILE.read_text(encoding="utf-8").replace("موسكو:", f"موسكو: ({i})", 1)


def make_source(root, n_txt: int = 2) -> None:
    """A source folder: wire .txt files, a JSONL and a CSV (sharing a record id), an exact
    duplicate, and an item that is passed over."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n_txt):
        (root / f"wire_{i}.txt").write_text(seed_variant(i), encoding="utf-8")
    write_jsonl(
        root / "news.jsonl",
        [
            {"id": "x1", "date": "2018-03-01", "source": "BBC", "text": BODIES[0]},
            {"id": "x2", "date": "2018-03-02", "source": "CNN", "text": BODIES[1]},
        ],
    )
    (root / "table.csv").write_text(
        f'id,date,source,title,text\nx1,2018-03-04,رويترز,عنوان,"{BODIES[2]}"\n', encoding="utf-8"
    )
    (root / "zz_copy.txt").write_text(seed_variant(0), encoding="utf-8")  # a duplicate
    (root / "report.pdf").write_bytes(b"%PDF-1.4 not an article")


def reference(source):
    return load_corpus(source, use_cache=False, workers=1)


# ------------------------------------------------------------------ acceptance 1


def test_one_run_gives_load_corpus_frames(tmp_path):
    source = tmp_path / "src"
    make_source(source)
    result = ingest(source, tmp_path / "store", workers=1)
    corpus = load_store(tmp_path / "store")
    ref = reference(source)
    assert_same(corpus, ref)
    # Duplicates are not analysed; record ids shared by two files are made unique.
    assert result.analysed == len(ref.articles) - 1
    assert {"x1", "x1~2"} <= set(corpus.articles["article_id"])
    assert corpus.articles.set_index("article_id").loc["zz_copy.txt", "duplicate_of"] == (
        "wire_0.txt"
    )
    assert corpus.meta["generation"] == 1 and len(corpus.meta["store_id"]) == 16
    # Statements are stored and their speakers named (compared with load_corpus's above).
    assert {"wire_0.txt", "wire_1.txt", "x1"} <= set(corpus.quotes["article_id"])
    assert corpus.quotes["speaker"].notna().sum() >= 16
    # The normalised sentence column matches a search spelled without hamza.
    stored = open_store(tmp_path / "store").table("sentences", ["text", "text_norm"])
    hits = [t for t, n in zip(*stored.to_pydict().values(), strict=True) if "اكدت" in n]
    assert hits and all("أكدت" in t for t in hits)


def test_a_large_ingest_is_analysed_in_slices_with_the_same_frames(tmp_path, monkeypatch):
    """Stage 1 in slices (partitions of the batch), so an ingest's peak does not grow with
    the corpus; the frames are those of one piece."""
    monkeypatch.setattr(writer, "ANALYSE_SLICE_ARTICLES", 2)
    monkeypatch.setattr(writer, "SMALL_BATCH_ARTICLES", 1)  # keep the slices apart
    source = tmp_path / "src"
    make_source(source)
    result = ingest(source, tmp_path / "store", workers=1)
    manifest = open_store(tmp_path / "store").manifest
    slices = [b for name, b in manifest.batches.items() if "p" in name]
    assert len(slices) == -(-result.analysed // 2) >= 2
    assert sum(b.analysed for b in slices) == result.analysed
    assert_same(load_store(tmp_path / "store"), reference(source))


def test_file_by_file_and_removals_give_load_corpus_frames(tmp_path):
    full = tmp_path / "full"
    make_source(full)
    source, store = tmp_path / "src", tmp_path / "store"
    source.mkdir()
    # Files arrive in an order other than the source's: later ones sort earlier, take
    # an id an earlier file had (x1) and hold the text of an article already stored.
    for name in ["zz_copy.txt", "table.csv", "wire_1.txt", "news.jsonl", "wire_0.txt"]:
        shutil.copy(full / name, source / name)
        ingest(source, store, workers=1)
        assert_same(load_store(store), reference(source))
    # An input removed: its rows go; its duplicate becomes an original again.
    (source / "wire_0.txt").unlink()
    result = ingest(source, store, workers=1)
    corpus = load_store(store)
    assert_same(corpus, reference(source))
    assert result.removed == 1 and result.analysed == 1  # zz_copy.txt, now an original
    assert corpus.articles["duplicate_of"].isna().all()


def test_appended_records_are_analysed_alone(tmp_path):
    source, store = tmp_path / "src", tmp_path / "store"
    source.mkdir()
    records = [
        {"id": f"r{i}", "date": f"2020-01-0{i + 1}", "text": body}
        for i, body in enumerate(BODIES[:3])
    ]
    write_jsonl(source / "feed.jsonl", records)
    (source / "rows.csv").write_text(f'text\n"{BODIES[4]}"\n', encoding="utf-8")
    ingest(source, store, workers=1)
    with (source / "feed.jsonl").open("a", encoding="utf-8") as fh:
        for i, body in enumerate(BODIES[3:]):
            fh.write(json.dumps({"id": f"n{i}", "text": body}, ensure_ascii=False) + "\n")
    with (source / "rows.csv").open("a", encoding="utf-8") as fh:
        fh.write(f'"{BODIES[5]} مرة أخرى"\n')
    result = ingest(source, store, workers=1)
    assert result.read == 2 and result.analysed == 4
    assert_same(load_store(store), reference(source))
    again = ingest(source, store, workers=1)  # nothing changed: nothing done
    assert again.generation == result.generation and again.analysed == 0


def test_an_overrides_edit_only_relinks(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("cache"))
    monkeypatch.setenv("DASHBOARD_DATA", str(data))
    source, store = tmp_path / "src", tmp_path / "store"
    make_source(source, n_txt=1)
    ingest(source, store, workers=1)
    before = load_store(store)
    lavrov = before.actors[before.actors["name_ar"].str.contains("لافروف", na=False)]
    assert len(lavrov) == 1
    actor = lavrov["actor_id"].iloc[0]
    with (data / "actor_overrides.toml").open("a", encoding="utf-8") as fh:
        fh.write(f'\n[[relabel]]\nactor = "{actor}"\nname_en = "Lavrov (relabelled)"\n')
    result = ingest(source, store, workers=1)
    assert result.analysed == 0 and result.relinked
    after = load_store(store)
    assert after.actors.set_index("actor_id").loc[actor, "name_en"] == "Lavrov (relabelled)"
    assert_same(after, reference(source))
    # A merge moves Lavrov's mentions to another id: his statements follow, unread again.
    said = set(before.quotes.loc[before.quotes["speaker"] == actor, "quote_id"])
    assert len(said) >= 2
    with (data / "actor_overrides.toml").open("a", encoding="utf-8") as fh:
        fh.write(
            '\n[[merge]]\ninto = "per-lavrov-merged"\nname_en = "Lavrov"\nkind = "PER"\n'
            f'actors = ["{actor}"]\n'
        )
    result = ingest(source, store, workers=1)
    assert result.analysed == 0 and result.relinked
    merged = load_store(store)
    by_id = merged.quotes.set_index("quote_id")["speaker"]
    assert set(by_id.loc[sorted(said)]) == {"per-lavrov-merged"}
    assert actor not in set(merged.quotes["speaker"].dropna())
    assert_same(merged, reference(source))


def test_superseded_files_go_after_the_grace_period(tmp_path):
    source, store = tmp_path / "src", tmp_path / "store"
    make_source(source, n_txt=1)
    ingest(source, store, workers=1)
    first = open_store(store).manifest.files()
    (source / "wire_0.txt").unlink()
    ingest(source, store, workers=1, grace_s=600)
    # A reader of generation 1 still finds every file it lists.
    assert all((store / rel).exists() for rel in first)
    (source / "news.jsonl").unlink()
    ingest(source, store, workers=1, grace_s=0)
    files = {f"data/{p.name}" for p in (store / "data").iterdir()}
    assert files == open_store(store).manifest.files()


# ------------------------------------------------------------------ acceptance 5


def start_ingest(source, store, pause: object = "") -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO), PAUSE_ENV: str(pause)}
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard", "ingest", str(source), "--store", str(store)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_line(proc: subprocess.Popen, text: str) -> str:
    """The process's stderr up to a line containing ``text`` (killed if it never comes)."""
    seen = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen.append(line)
        if text in line:
            return "".join(seen)
    proc.kill()
    raise AssertionError(f"never saw {text!r}:\n" + "".join(seen))


def wait_for_pause(proc: subprocess.Popen) -> str:
    """Stderr up to the line saying the ingest waits before its manifest swap."""
    return wait_for_line(proc, PAUSE_ENV)


def test_kill_mid_ingest_leaves_the_previous_generation_and_a_rerun_repairs(tmp_path):
    source, store = tmp_path / "src", tmp_path / "store"
    make_source(source, n_txt=1)
    ingest(source, store, workers=1)
    gen1 = load_store(store)
    (source / "wire_5.txt").write_text(seed_variant(5), encoding="utf-8")
    (source / "zz_copy.txt").unlink()
    proc = start_ingest(source, store, pause=tmp_path / "never")
    wait_for_pause(proc)
    # A reader during the ingest: the previous generation, whole.
    during = load_store(store)
    assert during.meta["generation"] == 1
    assert_same(during, gen1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    after_kill = load_store(store)
    assert after_kill.meta["generation"] == 1
    assert_same(after_kill, gen1)
    ingest(source, store, workers=1)
    clean = tmp_path / "clean"
    ingest(source, clean, workers=1)
    assert_same(load_store(store), load_store(clean))
    assert_same(load_store(store), reference(source))


def test_two_ingests_do_not_interleave(tmp_path):
    source, store = tmp_path / "src", tmp_path / "store"
    make_source(source, n_txt=1)
    go = tmp_path / "go"
    first = start_ingest(source, store, pause=go)
    wait_for_pause(first)  # the first holds the lock, its manifest not yet written
    second = start_ingest(source, store)
    waited = wait_for_line(second, "another ingest is running")
    assert not (store / MANIFEST).exists()  # the second did not write meanwhile
    go.touch()
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = second.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 0, waited + err2
    manifest = open_store(store).manifest
    assert manifest.generation == 1  # the second found nothing left to do
    assert_same(load_store(store), reference(source))


def test_damaged_foreign_and_unsupported_stores_are_refused_clearly(tmp_path):
    source, store = tmp_path / "src", tmp_path / "store"
    make_source(source, n_txt=1)
    ingest(source, store, workers=1)
    good = (store / MANIFEST).read_text(encoding="utf-8")

    (store / MANIFEST).write_text(good[: len(good) // 2], encoding="utf-8")
    for attempt in (lambda: open_store(store), lambda: ingest(source, store, workers=1)):
        with pytest.raises(StoreError, match="damaged") as err:
            attempt()
        assert str(store) in str(err.value)

    newer = json.loads(good)
    newer["format_version"] = 99
    (store / MANIFEST).write_text(json.dumps(newer), encoding="utf-8")
    with pytest.raises(StoreError, match="version 99 is not supported") as err:
        load_store(store)
    assert str(store) in str(err.value)

    (store / MANIFEST).write_text('{"name": "something else"}', encoding="utf-8")
    with pytest.raises(StoreError, match="not an Arabic News Explorer store"):
        open_store(store)

    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(StoreError, match="not a store and not empty") as err:
        ingest(source, foreign, workers=1)
    assert str(foreign) in str(err.value)
    assert sorted(p.name for p in foreign.iterdir()) == ["holiday.jpg"]
    with pytest.raises(StoreError, match="no manifest.json"):
        open_store(foreign)


def test_a_read_only_store_opens_without_writing(tmp_path):
    source, store = tmp_path / "src", tmp_path / "store"
    make_source(source, n_txt=1)
    ingest(source, store, workers=1)
    want = load_store(store)

    def snapshot():
        return sorted((str(p), p.stat().st_mtime_ns) for p in store.rglob("*"))

    before = snapshot()
    for path in [store, *store.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        assert_same(load_store(store), want)
        assert snapshot() == before
    finally:
        for path in [store, *store.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_export_reads_a_store(tmp_path):
    source, store = tmp_path / "src", tmp_path / "store"
    make_source(source, n_txt=1)
    ingest(source, store, workers=1)
    out = tmp_path / "csv"
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", str(store), "--out", str(out)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    ref = reference(source)
    for name in ("articles", "sentences", "mentions", "quotes", "skipped"):
        got = pd.read_csv(out / f"{name}.csv", keep_default_na=False)
        want = getattr(ref, name)
        key = SORT_KEYS[name]
        assert len(got) == len(want), name
        assert got.sort_values(key)[key[0]].astype(str).tolist() == (
            want.sort_values(key)[key[0]].astype(str).tolist()
        )
    assert set(pd.read_csv(out / "mentions.csv")["sentence_id"]) <= set(
        ref.sentences["sentence_id"]
    )


def test_publish_cuts_large_batches_and_is_read_only(tmp_path):
    from dashboard.store.publish import publish

    source, store = tmp_path / "src", tmp_path / "store"
    make_source(source, n_txt=3)
    ingest(source, store, workers=1)
    original = open_store(store).manifest
    largest = max((store / rel).stat().st_size for rel in original.files())
    # A limit that cuts the largest batch file but leaves room for the corpus-level files
    # (actors, mentions, quotes), which are never cut.
    whole = max((store / rel).stat().st_size for rel in original.corpus.values())
    limit = max(largest // 2, whole)
    assert limit < largest
    out = tmp_path / "published"
    published = publish(store, out, max_file_bytes=limit)
    assert published.published and published.store_id == original.store_id
    assert len(published.batches) > len(original.batches)  # the batch was cut
    # Cut by whole articles: each part holds fewer articles than the batch did.
    assert max(b.articles for b in published.batches.values()) < max(
        b.articles for b in original.batches.values()
    )
    assert_same(load_store(out), load_store(store))
    with pytest.raises(StoreError, match="read-only"):
        ingest(source, out, workers=1)
    with pytest.raises(StoreError, match="not empty"):
        publish(store, out)
