"""The stand-off entity development set: rebuild its article texts, build and check its tables.

The repository holds ids and offsets only (``articles.tsv``, ``sentences.tsv``,
``entities.tsv`` next to this file); the texts are rebuilt from the raw archives in
``../shared/data/corpora/raw`` (see README.md here for the format)::

    python bench/devset/devset.py check                 # rebuild every text, verify hashes
    python bench/devset/devset.py texts --out DIR       # DIR/devset.jsonl, as load_corpus reads it
    python bench/devset/devset.py candidates --out F    # (annotator) sentences to choose from
    python bench/devset/devset.py build ROWS POOL       # (annotator) rows -> the three tables
    python bench/devset/devset.py build ROWS POOL --half C   # (annotator) add a half to them

Article text, per input:

* ANT (``ant_multisource/*.tar.xz``, XML-like ``.txt`` files): the ``<TEXT>`` element, each
  line stripped, empty lines dropped, lines joined by ``\\n`` -- what
  ``raw/build_corpora.py`` writes into ``dated_news.jsonl``, so the project reads the same
  text from that JSONL or from ``texts --out``.  (Read as a ``.txt`` file, the project would
  take the whole XML file as the text, tags included.)
* SaudiNewsNet (``saudinewsnet/*.zip``, one JSON array each): the record's ``content``
  stripped -- what the project's JSON reader makes of it when given the zip itself.

Offsets count Python characters (code points) in that text.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import tarfile
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
ANT_ARCHIVE = "ant_multisource/antcorpus.multisource.data_all_31525_files.tar.xz"
SNN_ZIPS = ("saudinewsnet/2015-08-10.zip", "saudinewsnet/2015-08-11.zip")
ANT_OUTLETS = {
    "Alarabia": "Al Arabiya",
    "BBC": "BBC Arabic",
    "CNN": "CNN Arabic",
    "France24": "France 24 Arabic",
    "SkyNews": "Sky News Arabia",
}
ANT_CATEGORIES = ("sport", "economy", "culture", "technology")
KINDS = ("PER", "GPE", "LOC", "ORG")
ARTICLE_COLUMNS = ("doc_id", "archive", "member", "outlet", "category", "date", "sha1", "chars")
SENTENCE_COLUMNS = ("doc_id", "start", "end", "half")
ENTITY_COLUMNS = ("doc_id", "start", "end", "kind", "surface_sha1")


def find_shared(start: Path = REPO) -> Path:
    """The shared folder beside the repository (``../shared``), or beside its parent folder
    (a worktree in ``wt/NAME``)."""
    for parent in (start.parent, start.parent.parent):
        if (parent / "shared" / "data" / "corpora" / "raw").is_dir():
            return parent / "shared"
    raise SystemExit(f"no shared/data/corpora/raw beside {start}; pass --shared")


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def surface_hash(surface: str) -> str:
    """The short hash stored instead of an entity's surface text."""
    return sha1(surface)[:10]


# --------------------------------------------------------------------------- raw texts


def _tag(name: str, doc: str) -> str:
    # A regex, as build_corpora.py: 37 ANT files are not well-formed XML.
    m = re.search(rf"<{name}>(.*?)</{name}>", doc, re.S)
    return m.group(1) if m else ""


def ant_record(member: str, raw: bytes) -> dict:
    doc = raw.decode("utf-8")
    text = "\n".join(line.strip() for line in _tag("TEXT", doc).split("\n") if line.strip())
    outlet, category = member.split("/")[:2]
    docno = _tag("DOCNO", doc).strip()
    return {
        "doc_id": "ant:" + member,
        "archive": ANT_ARCHIVE,
        "member": member,
        "outlet": ANT_OUTLETS[outlet],
        "category": category,
        "date": f"{docno[-8:-4]}-{docno[-4:-2]}-{docno[-2:]}" if docno[-8:].isdigit() else "",
        "title": _tag("TITLE", doc).strip(),
        "text": text,
    }


def read_ant(shared: Path, members: set[str] | None = None) -> dict[str, dict]:
    """ANT records by doc_id: the ``members`` given, or every file of ``ANT_CATEGORIES``."""
    out = {}
    with tarfile.open(shared / "data/corpora/raw" / ANT_ARCHIVE, "r:xz") as tar:
        for info in tar:
            name = info.name.removeprefix("./")
            if not info.isfile() or not name.endswith(".txt") or name.count("/") != 2:
                continue
            wanted = (
                name in members if members is not None else name.split("/")[1] in ANT_CATEGORIES
            )
            member = tar.extractfile(info) if wanted else None
            if member is not None:
                rec = ant_record(name, member.read())
                out[rec["doc_id"]] = rec
    return out


def _snn_category(url: str) -> str:
    m = re.search(r"(?i)/(sport|economy|local|politics|culture|world|arts|saudi|tech)", url)
    return m.group(1).lower() if m else ""


def read_snn(shared: Path) -> dict[str, dict]:
    """SaudiNewsNet records by doc_id (``<zip>/<json>#<index in the array>``)."""
    out = {}
    for zip_name in SNN_ZIPS:
        with zipfile.ZipFile(shared / "data/corpora/raw" / zip_name) as zf:
            for entry in zf.namelist():
                if not entry.endswith(".json"):
                    continue
                for i, rec in enumerate(json.loads(zf.read(entry).decode("utf-8"))):
                    member = f"{entry}#{i}"
                    out[f"snn:{Path(zip_name).name}/{member}"] = {
                        "doc_id": f"snn:{Path(zip_name).name}/{member}",
                        "archive": zip_name,
                        "member": member,
                        "outlet": rec.get("source", ""),
                        "category": _snn_category(rec.get("url", "")),
                        "date": (rec.get("date_extracted") or "")[:10],
                        "title": (rec.get("title") or "").strip(),
                        "text": (rec.get("content") or "").strip(),
                        "url": rec.get("url", ""),
                    }
    return out


def read_articles(shared: Path, doc_ids: list[str]) -> dict[str, dict]:
    """The records of ``doc_ids`` rebuilt from the raw archives."""
    ant = {d.removeprefix("ant:") for d in doc_ids if d.startswith("ant:")}
    recs = read_ant(shared, ant) if ant else {}
    if any(d.startswith("snn:") for d in doc_ids):
        recs.update(read_snn(shared))
    missing = [d for d in doc_ids if d not in recs]
    if missing:
        raise SystemExit(f"not in the raw archives: {missing[:5]}")
    return {d: recs[d] for d in doc_ids}


# --------------------------------------------------------------------------- tables


def read_tsv(name: str, folder: Path = HERE) -> list[dict]:
    with open(folder / name, encoding="utf-8", newline="") as fh:
        return list(
            csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        )


def write_tsv(name: str, columns, rows, folder: Path = HERE) -> None:
    with open(folder / name, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(columns)
        for row in rows:
            w.writerow([row[c] for c in columns])


def load_devset(shared: Path, folder: Path = HERE) -> tuple[dict, list[dict], list[dict]]:
    """(records by doc_id with their ``half``, sentences, entities), every hash verified."""
    articles = read_tsv("articles.tsv", folder)
    sentences = read_tsv("sentences.tsv", folder)
    entities = read_tsv("entities.tsv", folder)
    recs = read_articles(shared, [a["doc_id"] for a in articles])
    problems = []
    for a in articles:
        rec = recs[a["doc_id"]]
        rec["category"] = a["category"]  # the table's (the annotator's, for SaudiNewsNet)
        if sha1(rec["text"]) != a["sha1"]:
            problems.append(f"{a['doc_id']}: text changed (sha1 differs)")
    halves: dict[str, str] = {}
    for s in sentences:
        s["start"], s["end"] = int(s["start"]), int(s["end"])
        halves.setdefault(s["doc_id"], s["half"])
        if halves[s["doc_id"]] != s["half"]:
            problems.append(f"{s['doc_id']}: sentences in both halves")
    for e in entities:
        e["start"], e["end"] = int(e["start"]), int(e["end"])
        surface = recs[e["doc_id"]]["text"][e["start"] : e["end"]]
        if surface_hash(surface) != e["surface_sha1"]:
            problems.append(f"{e['doc_id']} {e['start']}-{e['end']}: surface hash differs")
        if not any(
            s["doc_id"] == e["doc_id"] and s["start"] <= e["start"] and e["end"] <= s["end"]
            for s in sentences
        ):
            problems.append(f"{e['doc_id']} {e['start']}-{e['end']}: outside every sentence")
    if problems:
        raise SystemExit("devset check failed:\n" + "\n".join(problems[:20]))
    for doc_id, rec in recs.items():
        rec["half"] = halves.get(doc_id, "")
    return recs, sentences, entities


def write_jsonl(recs: dict[str, dict], path: Path) -> Path:
    """The articles as a JSONL file the project reads (id, date, source, title, text)."""
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, rec in recs.items():
            row = {"id": doc_id, "date": rec["date"], "source": rec["outlet"]}
            row |= {"title": rec["title"], "text": rec["text"]}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


# --------------------------------------------------------------------------- annotator tools

ORG_CUE = re.compile(
    r"وزار|هيئة|لجنة|مجلس|محكمة|نياب|ديوان|جامع|مستشف|بنك|مصرف|شرك|حزب|حركة|جبهة|وكال|غرفة|"
    r"أمانة|مؤسس|صندوق|منظم|اتحاد|نادي|نادى|منتخب|فريق|جمعية|مركز|معهد|سانا|واس|قنا|بترا|"
    r"يونيسف|رويترز|فرانس برس|بي بي سي|سي إن إن|فيفا|يويفا|أوبك|الأمم المتحدة|مهرجان|متحف|"
    r"بورصة|سوق|مجموعة|جهاز|إدارة|رئاسة|بلدية|تحالف|قوات|الجيش|الشرطة"
)


def split(text: str) -> list[tuple[int, int]]:
    if str(REPO) not in sys.path:
        sys.path.append(str(REPO))
    from dashboard.arabic.sentences import split_sentences

    return split_sentences(text)


def candidates(shared: Path, out: Path, per_group: int, snn_n: int, seed: int) -> None:
    """Write a pool of articles (and their sentences, cue-bearing ones marked) to choose from.

    Articles already in ``articles.tsv`` (and others with the same text) are left out, so a
    new half is drawn from unseen articles.
    """
    rng = random.Random(seed)
    ant = read_ant(shared)
    annotated = (
        {a["doc_id"] for a in read_tsv("articles.tsv")}
        if (HERE / "articles.tsv").exists()
        else set()
    )
    seen_text: set[str] = {r["text"] for d, r in ant.items() if d in annotated}
    groups: dict[tuple, list] = defaultdict(list)
    for rec in sorted(ant.values(), key=lambda r: r["doc_id"]):
        if rec["text"] and rec["text"] not in seen_text:
            seen_text.add(rec["text"])
            groups[(rec["outlet"], rec["category"])].append(rec)
    picked = []
    for group in sorted(groups):
        recs = [r for r in groups[group] if len(ORG_CUE.findall(r["text"])) >= 3]
        picked += rng.sample(recs, min(per_group, len(recs)))
    snn = [r for r in read_snn(shared).values() if 400 < len(r["text"]) < 4000]
    snn = [
        r
        for r in snn
        if len(ORG_CUE.findall(r["text"])) >= 4
        and r["text"] not in seen_text
        and r["doc_id"] not in annotated
    ]
    by_outlet: dict[str, list] = defaultdict(list)
    for r in snn:
        by_outlet[r["outlet"]].append(r)
    outlets = sorted(by_outlet)
    for i in range(snn_n):
        pool = by_outlet[outlets[i % len(outlets)]]
        if pool:
            picked.append(pool.pop(rng.randrange(len(pool))))
    pool_map: dict[str, str] = {}
    with open(out, "w", encoding="utf-8") as fh:
        for n, rec in enumerate(picked):
            key = f"d{n:03d}"
            pool_map[key] = rec["doc_id"]
            fh.write(f"\n=== {key} {rec['doc_id']} [{rec['outlet']} / {rec['category']}]\n")
            for i, (s, e) in enumerate(split(rec["text"])):
                sent = rec["text"][s:e]
                mark = "*" if ORG_CUE.search(sent) else " "
                fh.write(f"{mark}{i:02d} {sent}\n")
    out.with_suffix(".pool.json").write_text(json.dumps(pool_map, indent=0))
    print(f"{len(picked)} articles -> {out}")


def _locate(sent: str, surface: str, nth: int) -> tuple[int, int]:
    """(start, end) of the ``nth`` occurrence of ``surface`` in ``sent``.

    ``surface`` may carry context: ``ل[لبكي]`` finds ``للبكي`` and returns the bracketed part.
    """
    whole = surface.replace("[", "").replace("]", "")
    inner_at = surface.index("[") if "[" in surface else 0
    inner = surface[inner_at:].replace("[", "").split("]")[0] if "[" in surface else surface
    pos = -1
    for _ in range(nth):
        pos = sent.find(whole, pos + 1)
        if pos < 0:
            raise ValueError(f"{surface!r} occurrence {nth} not in sentence: {sent[:80]}")
    return pos + inner_at, pos + inner_at + len(inner)


# Letters that may be glued to the left of a name (proclitics, and the lam of an elided
# article after ل), and characters that may join a name to a hashtag.
_GLUE_LEFT = set("وفبكل") | {"_", "#", "ـ"}


def _cut_word(text: str, e: dict) -> str:
    """A complaint when entity ``e`` starts or ends inside a word (a wrong occurrence)."""
    before = text[e["start"] - 1] if e["start"] else " "
    after = text[e["end"]] if e["end"] < len(text) else " "
    if (before.isalpha() and before not in _GLUE_LEFT) or (after.isalpha() and after != "_"):
        return f"{e['doc_id']} {e['start']}-{e['end']}: cuts a word ({text[e['start'] - 3 : e['end'] + 3]!r})"
    return ""


def _overlaps(entities: list[dict]) -> list[str]:
    out = []
    by_doc: dict[str, list] = defaultdict(list)
    for e in entities:
        by_doc[e["doc_id"]].append((e["start"], e["end"]))
    for doc_id, spans in by_doc.items():
        spans.sort()
        for (s1, e1), (s2, e2) in zip(spans, spans[1:], strict=False):
            if s2 < e1:
                out.append(f"{doc_id}: spans {s1}-{e1} and {s2}-{e2} overlap")
    return out


def build(shared: Path, rows_path: Path, pool_path: Path, new_half: str | None = None) -> None:
    """Annotation rows -> articles.tsv, sentences.tsv, entities.tsv.

    Without ``new_half`` the rows are the whole set and the tables are rewritten, halves A
    and B alternating by article; with ``new_half`` (e.g. ``"C"``) the rows' articles are
    added to the tables as that half, and an article already in them is refused.

    ``rows_path`` lines: ``key | sentence-index`` (a chosen sentence, no entity),
    ``key | sentence-index | surface | KIND [| n-th occurrence]``, or ``key | category |
    topic`` (for SaudiNewsNet records, which have no category); ``#`` comments. The
    surface may carry context in brackets (``ل[لبكي]``), see ``_locate``.
    The sentence indices are those of ``candidates``' listing (the project's splitter).
    """
    pool = json.loads(pool_path.read_text())
    rows = []
    for lineno, line in enumerate(rows_path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            rows.append((lineno, [c.strip() for c in line.split("|")]))
    keys = sorted({r[1][0] for r in rows})
    recs = read_articles(shared, [pool[k] for k in keys])
    sentences, entities, errors = {}, [], []
    for lineno, cols in rows:
        rec = recs[pool[cols[0]]]
        if cols[1] == "category":  # the annotator's topic for a record without one
            rec["category"] = cols[2]
            continue
        spans = split(rec["text"])
        s, e = spans[int(cols[1])]
        sentences[(rec["doc_id"], s)] = {"doc_id": rec["doc_id"], "start": s, "end": e}
        if len(cols) < 4:
            continue
        surface, kind = cols[2], cols[3]
        if kind not in KINDS:
            errors.append(f"line {lineno}: kind {kind}")
            continue
        try:
            at, to = _locate(rec["text"][s:e], surface, int(cols[4]) if len(cols) > 4 else 1)
        except ValueError as err:
            errors.append(f"line {lineno}: {err}")
            continue
        surface = rec["text"][s + at : s + to]
        entities.append(
            {
                "doc_id": rec["doc_id"],
                "start": s + at,
                "end": s + to,
                "kind": kind,
                "surface_sha1": surface_hash(surface),
            }
        )
    if errors:
        raise SystemExit("\n".join(errors))
    problems = _overlaps(entities) + [_cut_word(recs[e["doc_id"]]["text"], e) for e in entities]
    if any(problems):
        raise SystemExit("\n".join(p for p in problems if p))
    if new_half:
        _append(recs, sentences, entities, new_half)
        return
    # Halves by article: alternate within each (outlet, category), in doc_id order.
    half = {}
    by_group: dict[tuple, list] = defaultdict(list)
    for doc_id in sorted(recs):
        by_group[(recs[doc_id]["archive"].split("/")[0], recs[doc_id]["category"])].append(doc_id)
    flip = 0
    for group in sorted(by_group):
        for doc_id in by_group[group]:
            half[doc_id] = "AB"[flip % 2]
            flip += 1
    articles = [
        {
            **{
                c: recs[d].get(c, "")
                for c in ("doc_id", "archive", "member", "outlet", "category", "date")
            },
            "sha1": sha1(recs[d]["text"]),
            "chars": len(recs[d]["text"]),
        }
        for d in sorted(recs)
    ]
    write_tsv("articles.tsv", ARTICLE_COLUMNS, articles)
    sent_rows = [dict(v, half=half[v["doc_id"]]) for _, v in sorted(sentences.items())]
    write_tsv("sentences.tsv", SENTENCE_COLUMNS, sent_rows)
    entities.sort(key=lambda e: (e["doc_id"], e["start"]))
    write_tsv("entities.tsv", ENTITY_COLUMNS, entities)
    print(f"{len(articles)} articles, {len(sent_rows)} sentences, {len(entities)} entities")


def _article_row(rec: dict) -> dict:
    return {
        **{
            c: rec.get(c, "") for c in ("doc_id", "archive", "member", "outlet", "category", "date")
        },
        "sha1": sha1(rec["text"]),
        "chars": len(rec["text"]),
    }


def _append(recs: dict, sentences: dict, entities: list[dict], half: str) -> None:
    """Add the articles of ``recs`` to the tables as half ``half`` (none may be there yet)."""
    articles = read_tsv("articles.tsv")
    known = {a["doc_id"] for a in articles}
    clash = sorted(known & set(recs))
    if clash:
        raise SystemExit(f"already annotated, not added to half {half}: {clash[:5]}")
    articles = sorted(articles + [_article_row(recs[d]) for d in recs], key=lambda a: a["doc_id"])
    write_tsv("articles.tsv", ARTICLE_COLUMNS, articles)
    sent_rows = read_tsv("sentences.tsv") + [dict(v, half=half) for v in sentences.values()]
    sent_rows.sort(key=lambda r: (r["doc_id"], int(r["start"])))
    write_tsv("sentences.tsv", SENTENCE_COLUMNS, sent_rows)
    ent_rows = read_tsv("entities.tsv") + entities
    ent_rows.sort(key=lambda e: (e["doc_id"], int(e["start"])))
    write_tsv("entities.tsv", ENTITY_COLUMNS, ent_rows)
    kinds = Counter(e["kind"] for e in entities)
    print(
        f"half {half}: {len(recs)} articles, {len(sentences)} sentences, "
        + ", ".join(f"{k} {kinds[k]}" for k in KINDS)
    )


def summary(recs: dict, sentences: list[dict], entities: list[dict]) -> str:
    lines = []
    per_src = Counter(
        (r["archive"].split("/")[0], r["outlet"], r["category"]) for r in recs.values()
    )
    lines.append("articles per source/outlet/category:")
    lines += [f"  {a} {o} {c or '-'}: {n}" for (a, o, c), n in sorted(per_src.items())]
    for half in sorted({r["half"] for r in recs.values()}):
        docs = {d for d, r in recs.items() if r["half"] == half}
        n_s = sum(1 for s in sentences if s["doc_id"] in docs)
        kinds = Counter(e["kind"] for e in entities if e["doc_id"] in docs)
        lines.append(
            f"half {half}: {len(docs)} articles, {n_s} sentences, "
            + ", ".join(f"{k} {kinds[k]}" for k in KINDS)
            + f", all {sum(kinds.values())}"
        )
    return "\n".join(lines)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, help="the shared folder (default: ../shared)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("check", help="rebuild every text and verify the hashes; print counts")
    t = sub.add_parser("texts", help="write the annotated articles as DIR/devset.jsonl")
    t.add_argument("--out", type=Path, required=True)
    c = sub.add_parser("candidates")
    c.add_argument("--out", type=Path, required=True)
    c.add_argument("--per-group", type=int, default=4)
    c.add_argument("--snn", type=int, default=30)
    c.add_argument("--seed", type=int, default=13)
    b = sub.add_parser("build")
    b.add_argument("rows", type=Path)
    b.add_argument("pool", type=Path)
    b.add_argument("--half", help="add the rows to the tables as this new half (e.g. C)")
    args = ap.parse_args(argv)
    shared = args.shared or find_shared()
    if args.cmd == "candidates":
        candidates(shared, args.out, args.per_group, args.snn, args.seed)
    elif args.cmd == "build":
        build(shared, args.rows, args.pool, args.half)
    else:
        recs, sentences, entities = load_devset(shared)
        if args.cmd == "texts":
            args.out.mkdir(parents=True, exist_ok=True)
            print(write_jsonl(recs, args.out / "devset.jsonl"))
        else:
            print(summary(recs, sentences, entities))
            print("ok: every text and surface hash matches")


if __name__ == "__main__":
    main()
