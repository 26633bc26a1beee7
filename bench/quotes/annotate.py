"""Turn hand-written context snippets into the stand-off rows of ``statements.tsv``.

The annotator reads each article and writes, outside the repository (the snippets hold
article text), one line per statement::

    @ ARTICLE_ID
    VERB | START | END | d|i | SPEAKER | how [| parent]

Each field is a context copied from the article: ``{...}`` marks the span inside it
(``{وقالت} الوزيرة``), ``...{`` where the statement starts and ``}...`` where it ends.
A context is looked up nearest the verb; a leading ``<`` takes the last occurrence before
the verb, ``>`` the first after it, ``~N`` the N-th occurrence. ``-`` as the speaker means
unnamed. ``parent`` is the 1-based number of an earlier statement of the same article.

    python bench/quotes/annotate.py SNIPPETS CORPUS.jsonl > bench/quotes/statements.tsv

A later half is appended with one label and rows numbered on from the file's last::

    python bench/quotes/annotate.py SNIPPETS CORPUS.jsonl --half D --first-row 330 \
        >> bench/quotes/statements.tsv
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

COLUMNS = [
    "row",
    "article_id",
    "half",
    "verb_start",
    "verb_end",
    "start",
    "end",
    "direct",
    "speaker_start",
    "speaker_end",
    "how",
    "parent",
    "verb_hash",
    "speaker_hash",
]


def short_hash(surface: str) -> str:
    """The first 8 hex digits of the SHA-1 of ``surface`` (catches offset drift)."""
    return hashlib.sha1(surface.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]


def locate(text: str, ctx: str, near: int) -> tuple[int | None, int | None]:
    """(start, end) marked by ``{``/``}`` in the context ``ctx`` found in ``text``."""
    prefer = ctx[0] if ctx[0] in "<>" else ""
    ctx = ctx.lstrip("<>")
    nth = None
    if "~" in ctx:
        ctx, number = ctx.rsplit("~", 1)
        nth = int(number)
    plain = ctx.replace("{", "").replace("}", "")
    found = [i for i in range(len(text)) if text.startswith(plain, i)]
    if not found:
        raise ValueError(f"context not found: {ctx}")
    if nth is not None:
        at = found[nth - 1]
    elif prefer == "<":
        at = [f for f in found if f < near][-1]
    elif prefer == ">":
        at = [f for f in found if f >= near][0]
    else:
        at = min(found, key=lambda f: abs(f - near))
    opening, closing = ctx.find("{"), ctx.find("}")
    if opening >= 0 and closing >= 0:
        return at + opening, at + closing - 1
    if opening >= 0:
        return at + opening, None
    return None, at + closing


def read_texts(corpus: Path) -> dict[str, str]:
    """Article id -> text as the JSONL reader gives it (stripped); no-break spaces become
    spaces for the lookup only (same length, so offsets do not move)."""
    texts = {}
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            texts[record["id"]] = record["text"].strip()
    return texts


def convert(snippets: Path, texts: dict[str, str], first_row: int = 1) -> list[dict]:
    rows: list[dict] = []
    article, local, searchable = "", {}, ""
    for number, line in enumerate(snippets.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            article, local = line[1:].strip(), {}
            searchable = texts[article].replace("\xa0", " ").replace("\u202f", " ")
            continue
        fields = [f.strip() for f in line.split("|")]
        verb, start, end, kind, speaker, how = fields[:6]
        parent = fields[6] if len(fields) > 6 else ""
        try:
            verb_start, verb_end = locate(searchable, verb, 0)
            assert verb_start is not None and verb_end is not None
            span_start, _ = locate(searchable, start, verb_start)
            assert span_start is not None
            _, span_end = locate(searchable, end, span_start)
            assert span_end is not None and span_end > span_start
            spk = (None, None) if speaker == "-" else locate(searchable, speaker, verb_start)
        except (ValueError, IndexError, AssertionError) as err:
            sys.exit(f"{snippets} line {number}: {err}")
        text = texts[article]
        row = str(len(rows) + first_row)
        local[len(local) + 1] = row
        rows.append(
            {
                "row": row,
                "article_id": article,
                "verb_start": verb_start,
                "verb_end": verb_end,
                "start": span_start,
                "end": span_end,
                "direct": int(kind == "d"),
                "speaker_start": "" if spk[0] is None else spk[0],
                "speaker_end": "" if spk[1] is None else spk[1],
                "how": how,
                "parent": local[int(parent)] if parent else "",
                "verb_hash": short_hash(text[verb_start:verb_end]),
                "speaker_hash": "" if spk[0] is None else short_hash(text[spk[0] : spk[1]]),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snippets", type=Path)
    parser.add_argument("corpus", type=Path, help="the JSONL the articles come from")
    parser.add_argument("--half", help="one half label for every row (default: A/B alternating)")
    parser.add_argument(
        "--first-row", type=int, default=1, help="number of the first row; above 1, no header"
    )
    args = parser.parse_args(argv)
    rows = convert(args.snippets, read_texts(args.corpus), args.first_row)
    # Halves by article, alternating within each outlet in the order articles appear.
    outlet = {a: a.split("-", 1)[0] for a in {r["article_id"] for r in rows}}
    seen: dict[str, int] = {}
    half: dict[str, str] = {}
    for r in rows:
        a = r["article_id"]
        if a not in half:
            n = seen.get(outlet[a], 0)
            half[a], seen[outlet[a]] = "AB"[n % 2], n + 1
        r["half"] = args.half or half[a]
    if args.first_row == 1:
        print("\t".join(COLUMNS))
    for r in rows:
        print("\t".join(str(r[c]) for c in COLUMNS))


if __name__ == "__main__":
    main()
