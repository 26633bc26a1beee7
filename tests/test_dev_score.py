"""The stand-off development set's tools (bench/devset/devset.py) and its scorer
(bench/dev_score.py), on small synthetic archives: never on ../shared."""

from __future__ import annotations

import importlib.util
import io
import sys
import tarfile
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


devset = _load("devset_under_test", BENCH / "devset" / "devset.py")
dev_score = _load("dev_score_under_test", BENCH / "dev_score.py")

TEXT = "قال وزير الخارجية إن وزارة التجارة الصينية ردت.\nوصل لبكي إلى بيروت."
ANT_FILE = (
    "<DOC>\n<DOCNO>AL-sport-1-20180301</DOCNO>\n<TITLE>عنوان</TITLE>\n<TEXT>\n"
    "  قال وزير الخارجية إن وزارة التجارة الصينية ردت.  \n\n وصل لبكي إلى بيروت.\n</TEXT>\n</DOC>\n"
)
MEMBER = "Alarabia/sport/AL-sport-1-20180301.txt"


def _shared(tmp_path: Path, body: str = ANT_FILE) -> Path:
    raw = tmp_path / "shared" / "data" / "corpora" / "raw"
    archive = raw / devset.ANT_ARCHIVE
    archive.parent.mkdir(parents=True)
    with tarfile.open(archive, "w:xz") as tar:
        data = body.encode("utf-8")
        info = tarfile.TarInfo(MEMBER)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return tmp_path / "shared"


def _tables(folder: Path, text: str, entities: list[tuple[int, int, str]]) -> None:
    doc = "ant:" + MEMBER
    article = dict.fromkeys(devset.ARTICLE_COLUMNS, "")
    article |= {"doc_id": doc, "sha1": devset.sha1(text), "chars": len(text)}
    devset.write_tsv("articles.tsv", devset.ARTICLE_COLUMNS, [article], folder)
    sentences = [{"doc_id": doc, "start": 0, "end": len(text), "half": "A"}]
    devset.write_tsv("sentences.tsv", devset.SENTENCE_COLUMNS, sentences, folder)
    rows = [
        {
            "doc_id": doc,
            "start": s,
            "end": e,
            "kind": k,
            "surface_sha1": devset.surface_hash(text[s:e]),
        }
        for s, e, k in entities
    ]
    devset.write_tsv("entities.tsv", devset.ENTITY_COLUMNS, rows, folder)


def test_ant_text_is_the_text_element_with_lines_stripped_and_empty_lines_dropped(tmp_path):
    recs = devset.read_articles(_shared(tmp_path), ["ant:" + MEMBER])
    assert recs["ant:" + MEMBER]["text"] == TEXT


def test_load_devset_checks_text_and_surface_hashes(tmp_path):
    shared = _shared(tmp_path)
    start = TEXT.index("وزارة")
    _tables(tmp_path, TEXT, [(start, start + len("وزارة التجارة الصينية"), "ORG")])
    recs, _, entities = devset.load_devset(shared, tmp_path)
    assert recs["ant:" + MEMBER]["half"] == "A"
    assert entities[0]["start"] == start

    rows = (tmp_path / "entities.tsv").read_text(encoding="utf-8")  # an offset one off
    (tmp_path / "entities.tsv").write_text(rows.replace(f"\t{start}\t", f"\t{start + 1}\t"))
    with pytest.raises(SystemExit, match="surface hash differs"):
        devset.load_devset(shared, tmp_path)

    _tables(tmp_path, TEXT + " ", [])  # the raw text no longer has the annotated hash
    with pytest.raises(SystemExit, match="sha1 differs"):
        devset.load_devset(shared, tmp_path)


def test_locate_takes_the_bracketed_part_and_cut_word_catches_a_hit_inside_a_word():
    sent = "قدمت للثقافة الفلسطينية ولفلسطين"
    start, end = devset._locate(sent, "ول[فلسطين]", 1)
    assert sent[start:end] == "فلسطين" and sent[start - 2 : start] == "ول"
    inside = sent.index("لفلسطين")  # the first hit is inside الفلسطينية
    entity = {"doc_id": "d", "start": inside, "end": inside + len("لفلسطين")}
    assert "cuts a word" in devset._cut_word(sent, entity)
    assert devset._cut_word(sent, {"doc_id": "d", "start": start, "end": end}) == ""


GOLD = [("d", 10, 20, "ORG"), ("d", 30, 35, "GPE")]


def test_exact_needs_same_span_and_kind_untyped_only_the_span():
    pred = [("d", 10, 20, "GPE"), ("d", 30, 35, "GPE")]
    typed = dev_score.exact(GOLD, pred).row(None)
    untyped = dev_score.exact(GOLD, pred, typed=False).row(None)
    assert (typed["P"], typed["R"]) == (0.5, 0.5)
    assert (untyped["P"], untyped["R"]) == (1.0, 1.0)
    assert dev_score.exact(GOLD, pred).row("ORG")["R"] == 0.0


def test_overlap_matches_one_prediction_per_annotation_of_the_same_kind():
    pred = [("d", 8, 15, "ORG"), ("d", 15, 22, "ORG"), ("d", 30, 35, "LOC")]
    tally = dev_score.overlap(GOLD, pred)
    org = tally.row("ORG")
    assert org["R"] == 1.0 and org["P"] == 0.5  # two halves of one name: one matches
    assert tally.row("GPE")["R"] == 0.0  # a LOC over a GPE is not a match
    assert dev_score.overlap(GOLD, pred, typed=False).row(None)["R"] == 1.0


def test_only_predictions_overlapping_an_annotated_sentence_count():
    sentences = [{"doc_id": "d", "start": 0, "end": 40}]
    pred = [("d", 10, 20, "ORG"), ("d", 41, 45, "PER"), ("e", 10, 20, "ORG")]
    assert dev_score.in_sentences(pred, sentences) == [("d", 10, 20, "ORG")]
