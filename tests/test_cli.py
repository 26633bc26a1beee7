"""The command line as a user runs it: python -m dashboard ..."""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from dashboard.frames import FRAME_NAMES, QUOTE_HOW, SCHEMAS
from tests.conftest import REPO, SEED_FILE


def run_cli(
    *args: str, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        env=full_env,
        timeout=600,
    )


def test_help_explains_every_command():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("export", "ingest", "publish", "ner-tag", "wordcloud"):
        assert command in result.stdout
    sub = run_cli("export", "--help")
    assert "--out" in sub.stdout and "skipped.csv" in sub.stdout


def test_export_seed(tmp_path):
    out = tmp_path / "OUT"
    result = run_cli("export", "seeds", "--out", str(out))
    assert result.returncode == 0, result.stderr
    names = {p.name for p in out.iterdir()}
    assert names >= {f"{n}.csv" for n in FRAME_NAMES}
    articles = pd.read_csv(out / "articles.csv", keep_default_na=False)
    assert len(articles) == 1
    art = articles.iloc[0]
    assert art["date"].startswith("2024-11-01")
    assert art["dateline"] == "موسكو"
    assert art["source"] == "أ ف ب"
    sentences = pd.read_csv(out / "sentences.csv", keep_default_na=False)
    assert len(sentences) >= 15
    for row in sentences.itertuples():
        assert art["text"][row.start : row.end] == row.text
    # quotes.csv: the contract's columns; a missing speaker or offset is an empty field.
    quotes = pd.read_csv(out / "quotes.csv", keep_default_na=False, dtype=str)
    assert list(quotes.columns[: len(SCHEMAS["quotes"])]) == list(SCHEMAS["quotes"])
    assert len(quotes) >= 8
    for row in quotes.itertuples():
        assert art["text"][int(row.verb_start) : int(row.verb_end)] == row.verb
        assert row.how in QUOTE_HOW and row.direct in ("True", "False")
    implicit = quotes[quotes["how"] == "implicit"]
    assert len(implicit) >= 2 and (implicit["speaker_start"] == "").all()
    assert (quotes["parent_id"] == "").sum() == len(quotes) - 1
    assert set(quotes["speaker"]) >= {"per-choe-son-hui", "per-sergey-lavrov"}


def test_ingest_shows_progress_in_articles_per_second(tmp_path):
    result = run_cli("ingest", "seeds", env={"DASHBOARD_CACHE": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    assert "Analysing" in result.stderr and "articles/s" in result.stderr
    assert "‰" not in result.stderr
    assert len(result.stdout.split()[-1]) == 16  # the corpus fingerprint


def _hostile_folder(root: Path) -> dict[str, int]:
    """The foundation issue's hostile folder; returns what should load and skip."""
    seed = SEED_FILE.read_text(encoding="utf-8")
    root.mkdir()
    (root / "seed.txt").write_text(seed, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "random.txt").write_bytes(random.Random(7).randbytes(4096))
    (root / "seed_cp1256.txt").write_bytes(seed.encode("cp1256"))
    (root / "seed_utf16.txt").write_bytes(seed.encode("utf-16"))
    (root / "lines.jsonl").write_text(
        '{"id": "j1", "date": "2024-11-02", "text": "زار وزير الخارجية المصري بغداد."}\n'
        '{"id": "j2", "text": "broken\n'
        '{"id": "j3", "date": "2024-11-03", "text": "التقى الملك عبد الله الثاني في عمّان وفدا أوروبيا."}\n',
        encoding="utf-8",
    )
    (root / "two.csv").write_text(
        "id,date,source,title,text\n"
        'c1,2024-11-04,رويترز,عنوان أول,"قالت الحكومة اللبنانية في بيروت إنها ستجتمع غدا."\n'
        'c2,2024-11-05,واس,عنوان ثان,"استقبل ولي العهد السعودي في الرياض رئيس وزراء باكستان."\n',
        encoding="utf-8",
    )
    with zipfile.ZipFile(root / "bundle.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("one.txt", "خبر أول من القاهرة عن مباحثات السلام.")
        zf.writestr("two.txt", "خبر ثان من الدوحة عن الوساطة القطرية.")
        zf.writestr("../escape.txt", "لا ينبغي أن يكتب هذا الملف خارج المجلد.")
        with zf.open("zeros.bin.txt", "w", force_zip64=True) as big:
            block = bytes(1 << 20)
            for _ in range(300):
                big.write(block)
    return {"loaded": 2 + 2 + 2 + 2 + 1, "skipped": 1 + 1 + 1 + 2}


@pytest.mark.slow
def test_export_hostile_folder(tmp_path):
    inputs = tmp_path / "in"
    expected = _hostile_folder(inputs)
    out = tmp_path / "OUT"
    before = set(tmp_path.parent.iterdir())
    maxrss_before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = run_cli(
        "export",
        str(inputs),
        "--out",
        str(out),
        cwd=tmp_path,
        env={"DASHBOARD_CACHE": str(tmp_path / "cache")},
    )
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert result.returncode == 0, result.stderr
    if peak_mb > maxrss_before / 1024:  # ru_maxrss of children is the largest child so far
        assert peak_mb < 1024, f"export used {peak_mb:.0f} MB"

    articles = pd.read_csv(out / "articles.csv", keep_default_na=False)
    skipped = pd.read_csv(out / "skipped.csv", keep_default_na=False)
    assert len(articles) == expected["loaded"], articles["article_id"].tolist()
    assert len(skipped) == expected["skipped"], skipped.to_string()
    assert (skipped["reason"].str.len() > 10).all()
    # every bad item is named
    for name in ("empty.txt", "random.txt", "lines.jsonl", "escape.txt", "zeros.bin.txt"):
        assert skipped["item"].str.contains(name, regex=False).any(), name
    # the re-encoded seeds read as the same Arabic
    by_path = articles.set_index("article_id")
    seed_text = by_path.loc["seed.txt", "text"]
    assert by_path.loc["seed_utf16.txt", "text"] == seed_text
    assert by_path.loc["seed_cp1256.txt", "text"] == seed_text
    assert by_path.loc["seed_cp1256.txt", "dateline"] == "موسكو"
    # nothing escaped the input folder
    assert not (tmp_path / "escape.txt").exists() and not (tmp_path.parent / "escape.txt").exists()
    assert set(tmp_path.parent.iterdir()) == before


def test_ner_tag_writes_iob2(tmp_path):
    conll = tmp_path / "in.conll"
    conll.write_text(
        "\n".join(
            [
                "قال O",
                "الرئيس O",
                "الروسي O",
                "فلاديمير B-PERS",
                "بوتين I-PERS",
                "في O",
                "موسكو B-LOC",
                ". O",
                "",
                "وصل O",
                "لافروف B-PERS",
                ".",
            ]
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out.conll"
    result = run_cli("ner-tag", str(conll), "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8").split("\n")
    tokens_in = [
        ln.split()[0] for ln in conll.read_text(encoding="utf-8").split("\n") if ln.strip()
    ]
    pairs = [ln.split() for ln in lines if ln.strip()]
    assert [p[0] for p in pairs] == tokens_in
    tags = [p[1] for p in pairs]
    assert all(
        t == "O" or t[:2] in ("B-", "I-") and t[2:] in ("PER", "LOC", "ORG", "GPE") for t in tags
    )
    assert tags[3:5] == ["B-PER", "I-PER"]
    assert tags[6] in ("B-LOC", "B-GPE")
