"""bench/make_corpus.py: a bigger corpus made of real sentences, every article distinct.

Runs on a tiny corpus written here (the shared real articles are not needed)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from dashboard.arabic.normalize import normalize
from dashboard.arabic.sentences import split_sentences
from dashboard.readers import read_source

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "make_corpus.py"
spec = importlib.util.spec_from_file_location("make_corpus", SCRIPT)
assert spec is not None and spec.loader is not None
make_corpus = importlib.util.module_from_spec(spec)
sys.modules["make_corpus"] = make_corpus  # its dataclasses look their module up
spec.loader.exec_module(make_corpus)

STORIES = {
    ("Sky News Arabia", "sport"): ["فاز الفريق", "سجل اللاعب", "تعادل النادي", "خسر المنتخب"],
    ("BBC Arabic", "economy"): ["ارتفع النفط", "هبطت الأسهم", "نما الاقتصاد"],
}


def tiny_corpus(path: Path) -> dict[str, tuple[str, str, str]]:
    """Seven real-looking articles; returns sentence -> (source, category, lede)."""
    origin = {}
    with path.open("w", encoding="utf-8") as fh:
        for (source, category), leads in STORIES.items():
            for n, lead in enumerate(leads):
                sentences = [f"{lead} في المباراة رقم {n} اليوم."] + [
                    f"وقال المتحدث {m} عن الخبر {lead} إن الأمر مهم." for m in range(n + 1)
                ]
                for sentence in sentences:
                    origin[sentence] = (source, category, sentences[0])
                record = {
                    "id": f"{category}-{n}",
                    "date": f"2018-03-0{n + 1}",
                    "source": source,
                    "category": category,
                    "title": f"عنوان {lead}",
                    "text": sentences[0] + "\n" + " ".join(sentences[1:]),
                }
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return origin


def test_generated_articles_are_real_sentences_distinct_and_reproducible(tmp_path, capsys):
    corpus = tmp_path / "real.jsonl"
    origin = tiny_corpus(corpus)
    runs = {}
    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        out = tmp_path / f"{name}.jsonl"
        assert (
            make_corpus.main(
                ["--n", "60", "--out", str(out), "--seed", str(seed), "--corpus", str(corpus)]
            )
            == 0
        )
        runs[name] = out.read_bytes()
    assert runs["a"] == runs["b"] and runs["a"] != runs["c"]
    assert "generated" in capsys.readouterr().out

    records = [json.loads(line) for line in runs["a"].decode("utf-8").splitlines()]
    assert len(records) == 60
    assert len({r["id"] for r in records}) == 60
    # 60 articles from 7 templates, yet no two texts are duplicates once normalised.
    assert len({normalize(r["text"]) for r in records}) == 60
    for r in records:
        assert "2015-01-01" <= r["date"] <= "2024-12-31"
        found = [r["text"][s:e] for s, e in split_sentences(r["text"])]
        assert all(sentence in origin for sentence in found)
        # Every sentence from the template's outlet and section; the lede is the template's
        # and goes with its title.
        assert {origin[s][:2] for s in found} == {(r["source"], r["category"])}
        assert r["title"] == "عنوان " + found[0].split(" في ")[0]

    loaded = read_source(str(tmp_path / "a.jsonl"))
    assert (len(loaded.articles), loaded.skipped) == (60, [])
