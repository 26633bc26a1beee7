"""Organisations with a country: a sample of ministry/court/agency mentions and their actor.

    .venv/bin/python bench/org_countries.py [--n 3000] [--sample 20] [--seed 13]

Loads the first ``--n`` articles of ``../shared/data/corpora/dated_news.jsonl`` (beside the
repository; ``--corpus`` names another file) the way the dashboard does, picks ``--sample``
mentions of state bodies the organisation grammar found (ministry, court, prosecution,
agency, authority …), one per article, and prints each with its sentence and the linked
actor's English name and country, as a Markdown table to check by reading.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.corpus import load_corpus  # noqa: E402

CORPUS = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "data"
    / "corpora"
    / "dated_news.jsonl"
)
HEADS = (
    "وزارة",
    "محكمة",
    "المحكمة",
    "نيابة",
    "النيابة",
    "وكالة",
    "هيئة",
    "الهيئة",
    "ديوان",
    "الديوان",
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--sample", type=int, default=20)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    lines = args.corpus.read_text(encoding="utf-8").splitlines()[: args.n]
    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / "articles.jsonl"
        subset.write_text("\n".join(lines) + "\n", encoding="utf-8")
        corpus = load_corpus(str(subset), use_cache=False)
    m = corpus.mentions
    orgs = m[(m["kind"] == "ORG") & (m["method"] == "pattern")]
    orgs = orgs[orgs["surface"].str.split(" ").str[0].str.lstrip("وبل").isin(HEADS)]
    orgs = orgs.drop_duplicates("article_id")
    rows = orgs.sample(min(args.sample, len(orgs)), random_state=args.seed)
    actors = corpus.actors.set_index("actor_id")
    sentences = corpus.sentences.set_index("sentence_id")["text"]
    sources = corpus.articles.set_index("article_id")["source"]
    print("| article | source | mention | actor (English) | country | sentence |")
    print("|---|---|---|---|---|---|")
    for r in rows.itertuples(index=False):
        a = actors.loc[r.actor_id]
        text = str(sentences.get(r.sentence_id, ""))[:140].replace("|", "/").replace("\n", " ")
        print(
            f"| {r.article_id} | {sources.get(r.article_id, '')} | {r.surface} | {a['name_en']} "
            f"| {a['country'] if isinstance(a['country'], str) else ''} | {text} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
