"""The data contract end to end: load_corpus on the seed and on small corpora."""

from __future__ import annotations

import json

import pandas as pd

from dashboard import load_corpus
from dashboard.frames import FRAME_NAMES, SCHEMAS
from tests.conftest import SEED_FILE


def test_seed_article_metadata(seed_corpus):
    art = seed_corpus.articles
    assert len(art) == 1
    row = art.iloc[0]
    assert row["date"] == pd.Timestamp("2024-11-01")
    assert row["dateline"] == "موسكو"
    assert row["source"] == "أ ف ب"
    assert row["article_id"] == SEED_FILE.name
    # The body starts after "موسكو: " and ends before the agency line.
    assert row["text"].startswith("أكدت وزيرة الخارجية الكورية الشمالية")
    assert row["text"].rstrip().endswith("عندما زار بيونغ يانغ خلال الصيف.")
    assert "(أ ف ب)" not in row["text"]


def test_frames_follow_the_contract(seed_corpus):
    for name in FRAME_NAMES:
        df = getattr(seed_corpus, name)
        assert list(df.columns[: len(SCHEMAS[name])]) == list(SCHEMAS[name]), name


def test_sentence_offsets_round_trip(seed_corpus):
    text = seed_corpus.articles.set_index("article_id")["text"]
    sents = seed_corpus.sentences
    assert len(sents) >= 15
    for row in sents.itertuples():
        assert text[row.article_id][row.start : row.end] == row.text
    assert sents["sentence_id"].is_unique
    assert (
        sents.groupby("article_id")["position"].apply(lambda p: list(p) == list(range(len(p))))
    ).all()


def test_quotes_keep_the_contracts_invariants(seed_corpus):
    text = seed_corpus.articles.set_index("article_id")["text"]
    quotes = seed_corpus.quotes
    assert len(quotes) >= 8 and quotes["quote_id"].is_unique
    for q in quotes.itertuples():
        assert text[q.article_id][q.verb_start : q.verb_end] == q.verb
        assert q.start < q.end
    assert set(quotes["sentence_id"]) <= set(seed_corpus.sentences["sentence_id"])
    assert set(quotes["speaker"].dropna()) <= set(seed_corpus.actors["actor_id"])
    assert set(quotes["parent_id"].dropna()) <= set(quotes["quote_id"])


def test_mentions_and_dates_round_trip_and_resolve(seed_corpus):
    text = seed_corpus.articles.set_index("article_id")["text"]
    sentence_ids = set(seed_corpus.sentences["sentence_id"])
    for frame_name in ("mentions", "dates"):
        df = getattr(seed_corpus, frame_name)
        assert len(df) > 0, frame_name
        for row in df.itertuples():
            assert text[row.article_id][row.start : row.end] == row.surface
            assert row.sentence_id in sentence_ids
    sents = seed_corpus.sentences.set_index("sentence_id")
    for row in seed_corpus.mentions.itertuples():
        s = sents.loc[row.sentence_id]
        assert s["start"] <= row.start and row.end <= s["end"], row.surface
    assert set(seed_corpus.mentions["actor_id"]) <= set(seed_corpus.actors["actor_id"])


def test_seed_dates_found(seed_corpus):
    values = set(seed_corpus.dates["value"])
    assert {"2024-11-01", "2024-10-31", "1949"} <= values


def test_terms_count_words_not_stopwords(seed_corpus):
    terms = seed_corpus.terms
    assert len(terms) > 50
    assert set(terms["sentence_id"]) <= set(seed_corpus.sentences["sentence_id"])
    counts = terms["term"].value_counts()
    assert "في" not in counts.index and "من" not in counts.index
    # لافروف occurs three times (once with a clitic-free form each time).
    assert counts.get("لافروف", 0) >= 3


def _jsonl(path, records):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")


def test_duplicates_are_marked_and_left_out(tmp_path):
    body = SEED_FILE.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / "b.txt").write_text(body, encoding="utf-8")
    corpus = load_corpus(tmp_path, use_cache=False)
    art = corpus.articles.set_index("article_id")
    assert pd.isna(art.loc["a.txt", "duplicate_of"])
    assert art.loc["b.txt", "duplicate_of"] == "a.txt"
    assert set(corpus.sentences["article_id"]) == {"a.txt"}
    assert set(corpus.mentions["article_id"]) <= {"a.txt"}


def test_reload_gives_identical_frames_from_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_CACHE", str(tmp_path / "cache"))
    _jsonl(
        tmp_path / "news.jsonl",
        [
            {
                "id": "x1",
                "date": "2018-03-01",
                "source": "BBC",
                "text": "قال الرئيس الروسي فلاديمير بوتين في موسكو أمس إن بلاده ستواصل الحوار.",
            },
            {
                "id": "x2",
                "date": "2018-03-02",
                "source": "CNN",
                "text": "زار وزير الخارجية الأمريكي القاهرة يوم الأحد الماضي. وبحث مع نظيره المصري العلاقات.",
            },
        ],
    )
    cold = load_corpus(tmp_path / "news.jsonl")
    assert any((tmp_path / "cache").iterdir())
    warm = load_corpus(tmp_path / "news.jsonl")
    assert warm.fingerprint == cold.fingerprint
    assert "cache_read" in warm.meta["timings"]  # served by the cache, not recomputed
    for name, df in cold.all_frames().items():
        pd.testing.assert_frame_equal(
            getattr(warm, name).reset_index(drop=True),
            df.reset_index(drop=True),
            check_exact=True,
            obj=name,
        )


def test_fingerprint_follows_content(tmp_path):
    (tmp_path / "a.txt").write_text("خبر أول عن القاهرة.", encoding="utf-8")
    first = load_corpus(tmp_path, use_cache=False).fingerprint
    (tmp_path / "a.txt").write_text("خبر ثان عن بغداد.", encoding="utf-8")
    second = load_corpus(tmp_path, use_cache=False).fingerprint
    assert first != second and len(first) == 16


def test_loaded_plus_skipped_equals_given(tmp_path):
    (tmp_path / "good.txt").write_text("خبر عن بيروت.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    _jsonl(tmp_path / "lines.jsonl", [{"text": "خبر عن دمشق."}, {"text": "خبر عن عمّان."}])
    with (tmp_path / "lines.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("\n{not json\n")
    corpus = load_corpus(tmp_path, use_cache=False)
    assert len(corpus.articles) == 3
    assert len(corpus.skipped) == 2
    assert corpus.skipped["reason"].str.len().min() > 5


def test_parallel_and_serial_pipelines_agree(tmp_path, monkeypatch):
    from dashboard.ingest import runner

    monkeypatch.setattr(runner, "PARALLEL_MIN_ARTICLES", 2)
    monkeypatch.setattr(runner, "BATCH_SIZE", 1)
    body = SEED_FILE.read_text(encoding="utf-8")
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(
            body.replace("موسكو:", f"موسكو: ({i})", 1), encoding="utf-8"
        )
    got = load_corpus(tmp_path, use_cache=False, workers=2)
    ref = load_corpus(tmp_path, use_cache=False, workers=1)
    for name in ("sentences", "mentions", "dates", "actors", "quotes"):
        pd.testing.assert_frame_equal(getattr(got, name), getattr(ref, name))
    # A batch of one article each: statements come home from the pool with their fields
    # (all-missing columns in a batch take the others' types).
    assert len(got.quotes) == 3 * len(ref.quotes[ref.quotes["article_id"] == "0.txt"]) > 0


def test_overlong_article_is_skipped_with_a_reason(tmp_path, monkeypatch):
    from dashboard.ingest import read

    monkeypatch.setattr(read, "MAX_ARTICLE_CHARS", 200)
    (tmp_path / "short.txt").write_text("خبر قصير عن القاهرة.", encoding="utf-8")
    (tmp_path / "long.txt").write_text("خبر طويل عن القاهرة. " * 50, encoding="utf-8")
    corpus = load_corpus(tmp_path, use_cache=False)
    assert list(corpus.articles["article_id"]) == ["short.txt"]
    assert len(corpus.skipped) == 1
    assert "long.txt" in corpus.skipped["item"].iloc[0]
    assert "characters" in corpus.skipped["reason"].iloc[0]


def test_progress_reports_each_stage_with_counts(tmp_path):
    from dashboard.ingest.progress import STAGES

    body = SEED_FILE.read_text(encoding="utf-8")
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(body.replace("موسكو:", f"موسكو: ({i})", 1), "utf-8")
    (tmp_path / "3.txt").write_text(body, encoding="utf-8")
    events = []
    load_corpus(tmp_path, progress=events.append, use_cache=False, workers=1)
    stages = [e.stage for e in events]
    # Stages come in the vocabulary's order, each at least once, and the load ends with done.
    assert sorted(set(stages), key=STAGES.index) == [s for s in STAGES if s != "saving"]
    assert stages == sorted(stages, key=STAGES.index)
    reading = [e for e in events if e.stage == "reading"]
    assert reading[-1].done == reading[-1].total == 4
    analysing = [e for e in events if e.stage == "analysing"]
    assert [e.done for e in analysing] == sorted(e.done for e in analysing)
    assert analysing[-1].done == analysing[-1].total == 4
    assert all(e.elapsed_s >= 0 for e in events)
    assert [e.overall for e in events] == sorted(e.overall for e in events)
    assert events[-1].overall == 1.0 and events[-1].stage == "done"
    last = analysing[-1]
    assert last.unit == "articles" and last.rate is not None and last.rate > 0
    assert last.remaining_s == 0


def test_progress_on_a_cache_hit_says_done(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_CACHE", str(tmp_path / "cache"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("خبر عن بيروت.", encoding="utf-8")
    first = []
    load_corpus(tmp_path / "in", progress=first.append)
    assert "saving" in [e.stage for e in first]
    again = []
    load_corpus(tmp_path / "in", progress=again.append)
    assert [e.stage for e in again if e.stage != "reading"] == ["done"]


def test_sentence_ids_do_not_depend_on_the_other_articles(tmp_path):
    (tmp_path / "both").mkdir()
    (tmp_path / "one").mkdir()
    for i, folder in ((0, "both"), (1, "both"), (1, "one")):
        (tmp_path / folder / f"{i}.txt").write_text(seed_variant_text(i), encoding="utf-8")
    both = load_corpus(tmp_path / "both", use_cache=False).sentences
    one = load_corpus(tmp_path / "one", use_cache=False).sentences
    key = ["article_id", "position"]
    merged = one[[*key, "sentence_id"]].merge(both[[*key, "sentence_id"]], on=key)
    assert len(merged) == len(one) > 10
    assert (merged["sentence_id_x"] == merged["sentence_id_y"]).all()
    assert both["sentence_id"].is_unique and (both["sentence_id"] >= 0).all()


def seed_variant_text(i: int) -> str:
    return SEED_FILE.read_text(encoding="utf-8").replace("موسكو:", f"موسكو: ({i})", 1)
