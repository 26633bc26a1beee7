"""The frames cache: a warm load gives back exactly the frames a cold load built.

A reopened corpus must look the same to every page (same rows, dtypes, categories),
its fingerprint (the ``corpus`` URL parameter) must not change between versions, and
a damaged or old-format entry must never stop the dashboard.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import cache, load_corpus
from dashboard.frames import conform, frame
from tests.conftest import SEED_FILE


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def assert_same_frames(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> None:
    assert set(got) == set(want)
    for name, df in want.items():
        pd.testing.assert_frame_equal(got[name], df, check_exact=True, obj=name)
        for col in df.columns:
            if isinstance(df[col].dtype, pd.CategoricalDtype):
                # Same categories in the same order: codes and sorted vocabularies match.
                assert got[name][col].cat.categories.equals(df[col].cat.categories)
                assert got[name][col].cat.categories.dtype == df[col].cat.categories.dtype


def test_seed_corpus_comes_back_identical(seed_corpus, cache_folder):
    frames = seed_corpus.all_frames()
    assert len(frames["terms"]) > 100 and len(frames["mentions"]) > 10
    assert cache.save(seed_corpus.fingerprint, frames) is not None
    assert_same_frames(cache.load(seed_corpus.fingerprint), frames)


def test_a_corpus_with_nothing_loaded_comes_back_identical(tmp_path, cache_folder):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report.pdf").write_bytes(b"%PDF-1.4 not an article")
    corpus = load_corpus(tmp_path / "in", use_cache=False)
    assert corpus.articles.empty and len(corpus.skipped) == 1 and corpus.terms.empty
    cache.save(corpus.fingerprint, corpus.all_frames())
    assert_same_frames(cache.load(corpus.fingerprint), corpus.all_frames())


def test_loaded_frames_can_be_edited(seed_corpus, cache_folder):
    cache.save(seed_corpus.fingerprint, seed_corpus.all_frames())
    frames = cache.load(seed_corpus.fingerprint)
    terms, sentences = frames["terms"], frames["sentences"]
    other = terms["term"].iloc[1]
    terms.loc[0, "term"] = other
    sentences.loc[0, "start"] = 7
    assert terms["term"].iloc[0] == other and sentences["start"].iloc[0] == 7
    # The cache entry itself is untouched.
    again = cache.load(seed_corpus.fingerprint)
    assert_same_frames(again, seed_corpus.all_frames())


def test_entries_written_as_parquet_are_still_read(seed_corpus, cache_folder):
    folder = cache_folder / cache.cache_key(seed_corpus.fingerprint)
    folder.mkdir(parents=True)
    for name, df in seed_corpus.all_frames().items():
        df.to_parquet(folder / f"{name}.parquet", index=False)
    (folder / "complete").touch()
    assert_same_frames(cache.load(seed_corpus.fingerprint), seed_corpus.all_frames())


def test_a_damaged_entry_is_ignored_not_fatal(seed_corpus, cache_folder):
    folder = cache.save(seed_corpus.fingerprint, seed_corpus.all_frames())
    damaged = next(folder.glob("terms.*"))
    damaged.write_bytes(damaged.read_bytes()[:100])
    assert cache.load(seed_corpus.fingerprint) is None


def test_a_missing_entry_is_a_miss(cache_folder):
    assert cache.load("0123456789abcdef") is None


def _pandas_fingerprint(articles: pd.DataFrame, skipped: pd.DataFrame) -> str:
    """The fingerprint as first defined: pandas' row hashes of the inputs as strings."""
    import hashlib

    h = hashlib.blake2b(digest_size=8)
    cols = ["article_id", "date", "dateline", "source", "title", "text"]
    for df in (articles[cols], skipped):
        rows = pd.util.hash_pandas_object(df.astype("string"), index=False)
        h.update(rows.to_numpy().tobytes())
    return h.hexdigest()


def test_fingerprint_keeps_its_value_across_versions(seed_corpus):
    body = SEED_FILE.read_text(encoding="utf-8")
    articles = conform(
        "articles",
        pd.DataFrame(
            [
                {"article_id": "a", "date": "2024-11-01", "text": body, "source": "أ ف ب"},
                {"article_id": "a~2", "date": None, "text": "خبر 😀 عن حلب", "title": ""},
                {"article_id": "ب", "date": "2024-11-02 10:30", "text": "نص\x00", "path": "x"},
            ]
        ),
    )
    skipped = frame(
        "skipped",
        [{"item": "تقرير.pdf", "reason": "is a PDF document, not text"}, {"item": None}],
    )
    for arts, skips in (
        (articles, skipped),
        (articles.iloc[:0], frame("skipped")),
        (seed_corpus.articles, seed_corpus.skipped),
    ):
        assert cache.fingerprint(arts, skips) == _pandas_fingerprint(arts, skips)
    assert seed_corpus.fingerprint == _pandas_fingerprint(seed_corpus.articles, seed_corpus.skipped)


def test_editing_the_quote_lexicon_invalidates_cached_and_stored_quotes(tmp_path, monkeypatch):
    import shutil

    from dashboard.store.versions import analysis_version, linking_version
    from tests.conftest import REPO

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("cache"))
    monkeypatch.setenv("DASHBOARD_DATA", str(data))
    cache.data_digest.cache_clear()
    key, analysis = cache.cache_key("0123456789abcdef"), analysis_version()
    with (data / "quotes" / "verbs.tsv").open("a", encoding="utf-8") as fh:
        fh.write("# a reporting verb added by an analyst\n")
    cache.data_digest.cache_clear()
    try:
        # A new cache entry; a store analyses every input again (and so re-links).
        assert cache.cache_key("0123456789abcdef") != key
        assert analysis_version() != analysis
        assert linking_version(analysis_version()) != linking_version(analysis)
    finally:
        monkeypatch.undo()
        cache.data_digest.cache_clear()
