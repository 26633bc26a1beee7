"""Score the quote extractor against the hand-annotated statements (``statements.tsv``).

Loads the annotated articles of ``../shared/data/corpora/dated_news.jsonl`` (relative to
the repository, or ``--corpus``) with ``dashboard.load_corpus``, runs
``dashboard.quotes.quotes_frame`` on them, and reports for half A, B or all:

- statements: a predicted statement matches a gold one when their verbs overlap (else
  their statement spans), one to one; precision / recall of the matched statements whose
  spans overlap, and of those whose spans are equal after trimming spaces, punctuation and
  quotation marks at both ends;
- speaker accuracy over the matched gold statements: right when the predicted actor is one
  of the actors linked inside the gold speaker span, or when gold and prediction both have
  no speaker (unnamed); also end to end (over all gold statements, unmatched ones wrong);
  and, apart, counting a gold span that no mention covers but that is the last name of an
  actor linked in the article (قال المنصوري) as naming that actor;
- ``direct`` accuracy over matched statements.

    python bench/quotes/score.py --half A [--show] [--errors] [--check]

``--show`` and ``--errors`` list the misses; they work on the tuning halves A, C and D only,
so that half B's errors are never read while tuning. Half C (82 statements of 18 more
articles, session 5) was annotated for speakers from the extractor's output, each
speaker checked by hand and corrected, statements that report nothing (a first-person
أعتقد inside a quote) left out and a missed verb added: its speaker figures are the
tuning set's; its spans are the extractor's, so its span figures say nothing.
Half D (67 statements of 11 more articles, session 8) was annotated the same way, from
the extractor's output read against the article, every verb, span and speaker checked by
hand, missed statements added and spans corrected; it was committed before any code was
tuned on it.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))

from dashboard import load_corpus  # noqa: E402
from dashboard.arabic.normalize import normalize  # noqa: E402
from dashboard.quotes import load_lexicon, quotes_frame  # noqa: E402

# ../shared beside the checkout (a worktree under /work/wt/ finds it one level further up).
SHARED = next(
    (p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()),
    REPO.parent / "shared",
)
DEFAULT_CORPUS = SHARED / "data" / "corpora" / "dated_news.jsonl"
GOLD = Path(__file__).resolve().parent / "statements.tsv"
TUNING = ("A", "C", "D")
TRIM = " \t\n\u00a0.،,:؛;!?؟\"'“”«»„()-–—…"


def read_gold(half: str) -> list[dict]:
    with GOLD.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [r for r in rows if half == "all" or r["half"] == half]


def load_articles(corpus: Path, ids: set[str]):
    """``load_corpus`` on the annotated records only (their JSONL lines, unchanged)."""
    with corpus.open(encoding="utf-8") as fh:
        lines = [line for line in fh if json.loads(line).get("id") in ids]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "annotated.jsonl"
        path.write_text("".join(lines), encoding="utf-8")
        return load_corpus(path)


def short_hash(surface: str) -> str:
    return hashlib.sha1(surface.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]


def check(gold: list[dict], texts: dict[str, str]) -> int:
    """Rows whose verb or speaker surface no longer hashes as annotated."""
    bad = 0
    for g in gold:
        text = texts[g["article_id"]]
        verb = text[int(g["verb_start"]) : int(g["verb_end"])]
        speaker = (
            text[int(g["speaker_start"]) : int(g["speaker_end"])] if g["speaker_start"] else ""
        )
        if short_hash(verb) != g["verb_hash"] or (
            speaker and short_hash(speaker) != g["speaker_hash"]
        ):
            bad += 1
            print(f"offset drift in row {g['row']} ({g['article_id']}): {verb!r} {speaker!r}")
    return bad


def trimmed(text: str, start: int, end: int) -> str:
    return text[start:end].strip(TRIM)


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def match(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs: same verb first, then overlapping statements."""
    pairs, free = [], list(pred)
    for by_verb in (True, False):
        for g in gold:
            if any(g is pg for pg, _ in pairs):
                continue
            for p in free:
                if by_verb:
                    ok = overlaps(
                        int(g["verb_start"]), int(g["verb_end"]), p["verb_start"], p["verb_end"]
                    )
                else:
                    ok = overlaps(int(g["start"]), int(g["end"]), p["start"], p["end"])
                if ok:
                    pairs.append((g, p))
                    free.remove(p)
                    break
    return pairs


def gold_actors(g: dict, mentions_by_article: dict) -> set[str]:
    if not g["speaker_start"]:
        return set()
    s, e = int(g["speaker_start"]), int(g["speaker_end"])
    return {
        a for ms, me, a in mentions_by_article.get(g["article_id"], []) if overlaps(s, e, ms, me)
    }


def gold_by_surname(g: dict, text: str, names: dict[str, str]) -> set[str]:
    """The article's actors a gold speaker span that no mention covers names by their last
    name(s) (قال المنصوري, the linker having linked only سلطان بن سعيد المنصوري): those whose
    canonical Arabic name, normalised, ends with the span's words and is longer."""
    if not g["speaker_start"]:
        return set()
    words = normalize(text[int(g["speaker_start"]) : int(g["speaker_end"])]).split()
    found = set()
    for actor, name in names.items():
        parts = normalize(name).split()
        if words and len(parts) > len(words) and parts[-len(words) :] == words:
            found.add(actor)
    return found


def score_speaker(
    g: dict,
    p: dict,
    want: set[str],
    text: str,
    mentions_by_article: dict,
    name_of: dict,
    counts: Counter,
) -> bool:
    """Count one matched statement's speaker (``want``: the actors linked in the gold
    span); whether it is right. A gold span no mention covers is also tried by surname
    (:func:`gold_by_surname`), counted apart."""
    counts["linkable"] += bool(want) or not g["speaker_start"]
    right = p["speaker"] in want if g["speaker_start"] else p["speaker"] is None
    counts["speaker"] += right
    counts["speaker_linkable"] += right and (bool(want) or not g["speaker_start"])
    if not want and g["speaker_start"]:
        linked_here = {x for _, _, x in mentions_by_article.get(g["article_id"], [])}
        names = {x: name_of[x] for x in linked_here if isinstance(name_of.get(x), str)}
        by_surname = gold_by_surname(g, text, names)
        counts["surname"] += bool(by_surname)
        counts["speaker_surname"] += p["speaker"] in by_surname
    return right


def speaker_error(text: str, g: dict, p: dict, want: set[str]) -> str:
    """One speaker error: the verb in its context, the gold speaker (surface, how, the
    actors linked there) and the predicted one (actor, how, the mention it was resolved to)."""
    vs, ve = int(g["verb_start"]), int(g["verb_end"])
    gold_surface = (
        text[int(g["speaker_start"]) : int(g["speaker_end"])] if g["speaker_start"] else ""
    )
    antecedent = (
        text[int(p["antecedent_start"]) : int(p["antecedent_end"])]
        if p.get("antecedent_start") is not None
        else ""
    )
    context = text[max(0, vs - 90) : vs] + "[" + text[vs:ve] + "]" + text[ve : ve + 90]
    return (
        f"ERROR {g['article_id']} row {g['row']} gold {g['how']} {gold_surface!r} "
        f"{sorted(want) or '(no linked actor)'}\n"
        f"  pred {p['how']} {p['speaker']} {antecedent!r}\n"
        f"  {' '.join(context.split())}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("A", "B", "C", "D", "all"), default="A")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--show", action="store_true", help="print each miss (tuning halves A, C, D only)"
    )
    parser.add_argument(
        "--errors",
        action="store_true",
        help="print each speaker error with its context (tuning halves A, C, D only)",
    )
    parser.add_argument("--check", action="store_true", help="verify the gold offsets' hashes")
    args = parser.parse_args(argv)
    if (args.show or args.errors) and args.half not in TUNING:
        parser.error("--show and --errors list the tuning halves' misses only (B is held out)")

    gold = read_gold(args.half)
    corpus = load_articles(args.corpus, {g["article_id"] for g in gold})
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"], strict=True))
    if args.check and check(gold, texts):
        sys.exit(1)
    load_lexicon()  # read once per process, not part of the per-article time
    began = time.perf_counter()
    quotes = quotes_frame(corpus.articles, corpus.sentences, corpus.mentions, corpus.actors)
    took = time.perf_counter() - began
    mentions_by_article: dict[str, list] = {}
    for a, s, e, x in corpus.mentions[["article_id", "start", "end", "actor_id"]].itertuples(
        index=False
    ):
        mentions_by_article.setdefault(a, []).append((int(s), int(e), x))
    name_of = dict(zip(corpus.actors["actor_id"], corpus.actors["name_ar"], strict=True))

    counts: Counter = Counter()
    for article_id, text in texts.items():
        g_rows = [g for g in gold if g["article_id"] == article_id]
        p_rows = [
            {k: (None if v is None or v != v else v) for k, v in row.items()}
            for row in quotes[quotes["article_id"] == article_id].to_dict("records")
        ]
        for row in p_rows:
            row["speaker"] = (
                None if row["speaker"] is None or str(row["speaker"]) == "<NA>" else row["speaker"]
            )
        pairs = match(g_rows, p_rows)
        counts["gold"] += len(g_rows)
        counts["pred"] += len(p_rows)
        counts["matched"] += len(pairs)
        for g, p in pairs:
            gs, ge, ps, pe = int(g["start"]), int(g["end"]), p["start"], p["end"]
            counts["overlap"] += overlaps(gs, ge, ps, pe)
            counts["exact"] += trimmed(text, gs, ge) == trimmed(text, ps, pe)
            counts["direct"] += bool(int(g["direct"])) == bool(p["direct"])
            want = gold_actors(g, mentions_by_article)
            right = score_speaker(g, p, want, text, mentions_by_article, name_of, counts)
            if args.errors and not right:
                print(speaker_error(text, g, p, want))
            if args.show and not right:
                print(
                    f"SPEAKER {article_id} {text[p['verb_start'] : p['verb_end']]} gold={want or '-'} "
                    f"how={g['how']} pred={p['speaker']} ({p['how']}) | {text[gs:ge][:60]}"
                )
            if args.show and trimmed(text, gs, ge) != trimmed(text, ps, pe):
                print(
                    f"SPAN {article_id} {text[p['verb_start'] : p['verb_end']]}\n  gold: {text[gs:ge]}\n  pred: {text[ps:pe]}"
                )
        if args.show:
            for g in g_rows:
                if not any(g is pg for pg, _ in pairs):
                    print(
                        f"MISSED {article_id} {text[int(g['verb_start']) : int(g['verb_end'])]} | "
                        f"{text[int(g['start']) : int(g['end'])][:70]}"
                    )
            for p in p_rows:
                if not any(p is pp for _, pp in pairs):
                    print(f"EXTRA {article_id} {p['verb']} | {text[p['start'] : p['end']][:70]}")

    n_gold, n_pred, n = counts["gold"], counts["pred"], counts["matched"]
    print(
        f"half {args.half}: {n_gold} gold statements in {len(texts)} articles, {n_pred} predicted, {n} matched"
    )
    print(
        f"  statements found: precision {n / max(n_pred, 1):.3f}  recall {n / max(n_gold, 1):.3f}"
    )
    print(
        f"  span overlap:     precision {counts['overlap'] / max(n_pred, 1):.3f}  recall {counts['overlap'] / max(n_gold, 1):.3f}"
    )
    print(
        f"  span exact:       precision {counts['exact'] / max(n_pred, 1):.3f}  recall {counts['exact'] / max(n_gold, 1):.3f}"
    )
    print(
        f"  speaker accuracy: {counts['speaker'] / max(n, 1):.3f} of matched ({counts['speaker']}/{n}), "
        f"{counts['speaker'] / max(n_gold, 1):.3f} of all gold; gold speakers the linker found: "
        f"{counts['linkable']}/{n}"
    )
    print(
        f"  speaker accuracy where the linker found the gold speaker (or none is named): "
        f"{counts['speaker_linkable'] / max(counts['linkable'], 1):.3f} "
        f"({counts['speaker_linkable']}/{counts['linkable']})"
    )
    print(
        f"  counting gold surnames no mention covers as the article's actor of that name "
        f"({counts['surname']} statements): "
        f"{(counts['speaker'] + counts['speaker_surname']) / max(n, 1):.3f} of matched"
    )
    print(f"  direct right:     {counts['direct'] / max(n, 1):.3f} of matched")
    print(f"  extraction: {took * 1000 / max(len(texts), 1):.2f} ms per article")


if __name__ == "__main__":
    main()
