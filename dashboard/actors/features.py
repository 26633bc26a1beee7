"""CRF features for Arabic named-entity recognition.

In: the tokens of one sentence (CoNLL-like: clitics still attached, punctuation
separate). Out: one list of feature strings per token, for python-crfsuite.

Speed comes from memoising: everything that depends on a token alone (its
normalised form, clitic-stripped stem, affixes, shape, clusters, single-token
gazetteer classes, trigger class, and the same facts as seen from a neighbour's
position) is computed once per distinct token string; a sentence's features
are then assembled by concatenating those cached lists, plus the few features
that need the sentence (bigrams, multi-word gazetteer matches, preceding
trigger phrases).

Resources (all in ``data/model/``, loaded by :class:`Resources`):
``gazetteer.tsv`` (``key<TAB>class``: PER/LOC/ORG multi-word names, FN given
names, PN person-name tokens, NIS nisba adjectives), ``clusters.tsv``
(distributional word clusters learned from unlabelled news),
``triggers.tsv`` (title words, verbs of saying, place prepositions, head nouns).
"""

from __future__ import annotations

import random
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.actors.conll import entity_spans
from dashboard.arabic.normalize import normalize
from dashboard.paths import data_file

try:  # helper T's clitic stripper, when present; else the conservative fallback below
    from dashboard.arabic.tokens import strip_clitics as _strip_clitics
except ImportError:  # pragma: no cover - depends on build order
    _strip_clitics = None

NAME_TYPES = ("PER", "LOC", "ORG")

_ARABIC = re.compile(r"^[\u0621-\u064a]+$")
_DIGITS = re.compile(r"^[0-9\u0660-\u0669][0-9\u0660-\u0669.,/:\-]*$")
_LATIN = re.compile(r"^[A-Za-z]+$")
_PUNCT = re.compile(r"^[^\w\s]+$")
_PROCLITICS = ("و", "ف")
_PREPOSITIONS = ("ب", "ك", "ل")


def fallback_strip(word: str) -> str:
    """Conservative clitic stripping of a normalised word: و/ف, then ب/ك/ل, then ال.

    Keeps at least three letters of stem, so short words are left alone.
    """
    w = word
    if len(w) > 4 and w[0] in _PROCLITICS:
        w = w[1:]
    if len(w) > 4 and w.startswith("لل"):
        w = w[2:]
    elif len(w) > 3 and w[0] in _PREPOSITIONS:
        w = w[1:]
    if len(w) > 4 and w.startswith("ال"):
        w = w[2:]
    return w


def stem_of(word: str) -> str:
    """The clitic-stripped stem of a normalised word (helper T's rule, else the fallback)."""
    if _strip_clitics is not None:
        stem = _strip_clitics(word)
        return stem or word
    return fallback_strip(word)


def surface_forms(word: str) -> tuple[str, ...]:
    """Forms under which a normalised word may appear in a gazetteer (keys keep ال).

    ``وبالقاهره`` → (وبالقاهره, بالقاهره, القاهره); ``للامم`` → (للامم, لامم, الامم).
    """
    forms = [word]
    w = word
    if len(w) > 3 and w[0] in _PROCLITICS:
        w = w[1:]
        forms.append(w)
    if len(w) > 3 and w.startswith("لل"):
        forms.append("ال" + w[2:])
    if len(w) > 3 and w[0] in _PREPOSITIONS:
        forms.append(w[1:])
    return tuple(dict.fromkeys(forms))


#: Longest name (in tokens) that document-level features and propagation look for. Real
#: names are far shorter; the bound keeps a text that repeats one name thousands of times
#: (or a first stage that tags a whole sentence) linear instead of cubic.
MAX_NAME_TOKENS = 8


@dataclass
class Resources:
    """Lexical resources the features read; see the module docstring for the files."""

    names: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    max_len: dict[str, int] = field(default_factory=dict)  # first token → longest entry
    word_classes: dict[str, frozenset[str]] = field(default_factory=dict)  # FN/PN/NIS/1-token
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)  # frequency rank in unlabelled news
    triggers: dict[tuple[str, ...], str] = field(default_factory=dict)
    trigger_max: int = 1
    trigger_firsts: set[str] = field(default_factory=set)  # first words of multi-word triggers

    @classmethod
    def load(cls, folder: str | Path | None = None) -> Resources:
        """Read the resource files from ``folder`` (default ``data/model``); absent files = empty."""
        folder = Path(folder) if folder else data_file("model")
        res = cls()
        gaz = folder / "gazetteer.tsv"
        if gaz.exists():
            res.add_gazetteer(_read_pairs(gaz))
        clusters = folder / "clusters.tsv"
        if clusters.exists():
            with open(clusters, encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("#"):
                        continue
                    word, *ids = line.rstrip("\n").split("\t")
                    res.clusters[word] = tuple(ids)
                    res.rank[word] = len(res.rank)  # the file lists words by frequency
        triggers = folder / "triggers.tsv"
        if triggers.exists():
            for phrase, cls_ in _read_pairs(triggers):
                key = tuple(phrase.split())
                res.triggers[key] = cls_
                res.trigger_max = max(res.trigger_max, len(key))
                if len(key) > 1:
                    res.trigger_firsts.add(key[0])
        return res

    def add_gazetteer(self, pairs) -> None:
        """Add (normalised key, class) pairs: multi-word names and single-word classes."""
        names: dict[tuple[str, ...], set[str]] = {}
        classes: dict[str, set[str]] = {}
        for key, cls_ in pairs:
            toks = tuple(key.split())
            if not toks:
                continue
            if cls_ in NAME_TYPES:
                names.setdefault(toks, set()).add(cls_)
                if len(toks) == 1:
                    classes.setdefault(toks[0], set()).add(cls_)
            elif len(toks) == 1:
                classes.setdefault(toks[0], set()).add(cls_)
        for toks, types in names.items():
            self.names[toks] = self.names.get(toks, frozenset()) | frozenset(types)
            self.max_len[toks[0]] = max(self.max_len.get(toks[0], 0), len(toks))
        for word, cl in classes.items():
            self.word_classes[word] = self.word_classes.get(word, frozenset()) | frozenset(cl)


def _read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 2:
                pairs.append((normalize(cols[0]).strip(), cols[1].strip()))
    return pairs


@dataclass(frozen=True)
class FeatureSet:
    """Which feature groups are on (for the ablation table)."""

    arabic: bool = True  # normalised form, stem, affixes, ال, clitics
    gazetteer: bool = True
    triggers: bool = True
    clusters: bool = True
    quotes: bool = True  # inside «...» or "...": names of papers, companies, clubs


class _TokenInfo:
    __slots__ = (
        *("own", "prev", "next", "prev2", "next2", "forms", "stem", "key", "trig", "tstart"),
        "gaz_starts",
    )

    def __init__(self, own, near, far, forms, stem, key, trig="", tstart=False, gaz_starts=()):
        self.own = own
        # This token's features as seen from the token after it (``-1…``), before it
        # (``1…``), two after (``-2…``) and two before (``2…``).
        self.prev, self.next = near
        self.prev2, self.next2 = far
        self.forms = forms  # gazetteer lookup forms
        self.stem = stem
        self.key = key  # normalised form
        self.trig = trig  # class of a one-word trigger, or ""
        self.tstart = tstart  # may start a multi-word trigger
        self.gaz_starts = gaz_starts  # (form, longest gazetteer name starting with it)


def _shape(token: str) -> str:
    if _ARABIC.match(token):
        return "ar"
    if _DIGITS.match(token):
        return "num"
    if _LATIN.match(token):
        return "lat"
    if _PUNCT.match(token):
        return "p" + token[:2]
    return "mix"


#: Distinct tokens whose features a Featurizer memoises (see Featurizer.token_info).
TOKEN_CACHE_SIZE = 100_000


class Featurizer:
    """Turns sentences into CRF feature lists, memoising per distinct token."""

    def __init__(
        self,
        resources: Resources | None = None,
        feature_set: FeatureSet | None = None,
    ):
        self.res = resources if resources is not None else Resources()
        self.fs = feature_set or FeatureSet()
        self._cache: dict[str, _TokenInfo] = {}

    # -- per distinct token -------------------------------------------------
    def token_info(self, token: str) -> _TokenInfo:
        info = self._cache.get(token)
        if info is None:
            info = self.compute_token(token)
            # Bound memory (training, experiments): an entry holds ~50 feature strings
            # (~3 KB), so 100,000 distinct tokens are ~300 MB. Tagging keeps score vectors
            # instead (dashboard.actors.scoring).
            if len(self._cache) > TOKEN_CACHE_SIZE:
                self._cache.clear()
            self._cache[token] = info
        return info

    def compute_token(self, token: str) -> _TokenInfo:
        """Everything about one token on its own (not memoised; see :meth:`token_info`)."""
        fs, res = self.fs, self.res
        w = normalize(token)
        shape = _shape(w)
        stem = stem_of(w) if shape == "ar" else w
        forms = surface_forms(w) if shape == "ar" else (w,)
        own = ["b", "w=" + (w if fs.arabic else token), "sh=" + shape]
        n = len(stem)
        own.append("len=" + (str(n) if n < 8 else "8+"))
        if fs.arabic and shape == "ar":
            own += ["s=" + stem, "p2=" + w[:2], "p3=" + w[:3], "x1=" + w[-1:], "x2=" + w[-2:]]
            own += ["x3=" + w[-3:], "sp2=" + stem[:2], "sx2=" + stem[-2:], "sx3=" + stem[-3:]]
            own.append("sp3=" + stem[:3])
            cut = w.find(stem) if stem != w else 0
            if cut > 0:
                own.append("pre=" + w[:cut])
            if w.startswith("ال") or (cut > 0 and w[:cut].endswith("ال")) or w.startswith("لل"):
                own.append("al")
        else:
            own += ["p1=" + w[:1], "x1=" + w[-1:], "x2=" + w[-2:]]
        classes: set[str] = set()
        if fs.gazetteer:
            for f in (*forms, stem):
                classes |= res.word_classes.get(f, frozenset())
            own += ["g=" + c for c in sorted(classes)]
        clus: tuple[str, ...] = ()
        if fs.clusters and res.clusters:
            clus = res.clusters.get(w) or res.clusters.get(stem) or ()
            if not clus:
                for f in forms[1:]:
                    clus = res.clusters.get(f, ())
                    if clus:
                        break
            own += [f"c{i}={c}" for i, c in enumerate(clus)] if clus else ["c=none"]
            # How common the word is in news: names are rarer than the words around them.
            rank = res.rank.get(w)
            own.append("fr=" + (str(rank.bit_length()) if rank is not None else "none"))
        trig = ""
        if fs.triggers:
            trig = res.triggers.get((w,)) or res.triggers.get((stem,)) or ""
            if not trig:
                for f in forms[1:]:
                    trig = res.triggers.get((f,), "")
                    if trig:
                        break
            if trig:
                own.append("tr=" + trig)
        # The same token seen from a neighbour's position.
        near = []
        far = []
        gaz = sorted(classes)
        for off in ("-1", "1"):
            feats = [off + "w=" + w, off + "sh=" + shape]
            if fs.arabic and shape == "ar":
                feats += [off + "s=" + stem, off + "x2=" + w[-2:]]
                if "al" in own:
                    feats.append(off + "al")
            if clus:
                feats += [f"{off}c1={clus[1]}", f"{off}c2={clus[-1]}"]
            feats += [off + "g=" + c for c in gaz]
            if trig:
                feats.append(off + "tr=" + trig)
            near.append(feats)
        for off in ("-2", "2"):
            feats = [off + "w=" + w]
            if fs.arabic and shape == "ar" and stem != w:
                feats.append(off + "s=" + stem)
            if clus:
                feats.append(f"{off}c1={clus[1]}")
            if trig:
                feats.append(off + "tr=" + trig)
            far.append(feats)
        tstart = fs.triggers and any(f in res.trigger_firsts for f in (*forms, stem))
        # Tuples, not lists: the garbage collector stops tracking tuples of strings, so a
        # cache of tens of thousands of tokens does not slow every collection down.
        own, near, far = tuple(own), [tuple(v) for v in near], [tuple(v) for v in far]
        max_len = res.max_len
        gaz_starts = tuple((f, max_len[f]) for f in forms if f in max_len)
        return _TokenInfo(own, near, far, forms, stem, w, trig, tstart, gaz_starts)

    # -- per sentence ---------------------------------------------------------
    def sentence(
        self, tokens: list[str], rng: random.Random | None = None, gaz_dropout: float = 0.0
    ) -> list[list[str]]:
        """Feature lists for each token of one sentence.

        ``rng``/``gaz_dropout``: during training, hide each multi-word gazetteer
        match with this probability so the model also learns to find names the
        gazetteer does not know.
        """
        cache = self._cache
        infos = [cache.get(t) or self.token_info(t) for t in tokens]
        n = len(infos)
        keys = [i.key for i in infos]
        # Word bigrams across each adjacent pair (j, j+1), as seen from each side, as
        # one-element lists so the assembly below is plain concatenation.
        back: list[list[str]] = []  # back[j]: "bg-=" feature of token j+1
        ahead: list[list[str]] = []  # ahead[j]: "bg+=" feature of token j
        for j in range(n - 1):
            pair = keys[j] + "|" + keys[j + 1]
            bg = "bg-=" + pair
            back.append([bg])
            bg = "bg+=" + pair
            ahead.append([bg])
        if n == 1:
            out = [[*infos[0].own, "BOS", "EOS"]]
        else:
            out = []
            for i, info in enumerate(infos):
                if i == 0:
                    left: list[str] = ["BOS"]
                elif i == 1:
                    left = [*infos[0].prev, *back[0], "-2BOS"]
                else:
                    left = [*infos[i - 1].prev, *back[i - 1], *infos[i - 2].prev2]
                if i == n - 1:
                    right: list[str] = ["EOS"]
                elif i == n - 2:
                    right = [*infos[i + 1].next, *ahead[i], "+2EOS"]
                else:
                    right = [*infos[i + 1].next, *ahead[i], *infos[i + 2].next2]
                out.append([*info.own, *left, *right])
        for i, feature in self.context_features(keys, infos, rng, gaz_dropout):
            out[i].append(feature)
        return out

    def context_features(
        self,
        keys: list[str],
        infos: list[_TokenInfo | None],
        rng: random.Random | None = None,
        gaz_dropout: float = 0.0,
        candidates: tuple[list[int], list[int], list[int]] | None = None,
    ):
        """(token index, feature) pairs that need the whole sentence: quoted spans,
        multi-word gazetteer matches, preceding trigger phrases.

        ``keys``: the tokens' normalised forms; ``infos``: their :class:`_TokenInfo`.
        ``candidates``: (quote, gazetteer, trigger) token indices where each kind can
        start — tokens that are quote marks, have ``gaz_starts``, have ``trig`` or
        ``tstart`` — when the caller knows them; the pairs are the same either way, and
        ``infos`` is then only read at the gazetteer and trigger candidates.
        """
        quotes, gaz, trig = candidates or (None, None, None)
        if self.fs.quotes and quotes != []:
            yield from _quote_features(keys, quotes)
        if self.fs.gazetteer and self.res.names and gaz != []:
            yield from self._gazetteer_matches(keys, infos, rng, gaz_dropout, gaz)
        if self.fs.triggers and self.res.triggers and trig != []:
            yield from self._trigger_context(keys, infos, trig)

    def _gazetteer_matches(self, keys, infos, rng, dropout, candidates=None):
        """Mark longest multi-word gazetteer matches with BIO features (gB=LOC, gI=LOC, gE=)."""
        names = self.res.names
        n = len(infos)
        after = 0  # a match covers tokens up to here: none starts inside it
        for i in range(n) if candidates is None else candidates:
            if i < after:
                continue
            best = 0
            best_types: frozenset[str] = frozenset()
            for first, m in infos[i].gaz_starts:
                for length in range(min(m, n - i), best, -1):
                    key = (first, *keys[i + 1 : i + length])
                    types = names.get(key)
                    if types:
                        best, best_types = length, types
                        break
            if not best:
                continue
            if rng is None or rng.random() >= dropout:
                tag = "".join(sorted(best_types))
                yield i, "gB=" + tag
                for j in range(i + 1, i + best):
                    yield j, "gI=" + tag
                if best > 1:
                    yield i, "gMW"
                if i + best < n:
                    yield i + best, "gAfter=" + tag
                if i > 0:
                    yield i - 1, "gBefore=" + tag
            after = i + best

    def _trigger_context(self, keys, infos, candidates=None):
        """Features naming the trigger phrase that ends 1-3 tokens before each token."""
        n = len(infos)
        ends: dict[int, str] = {}  # index of a trigger's last token → class
        for i in range(n) if candidates is None else candidates:
            info = infos[i]
            if info.trig and i not in ends:
                ends[i] = info.trig
            if info.tstart:
                triggers, tmax = self.res.triggers, self.res.trigger_max
                for length in range(min(tmax, n - i), 1, -1):
                    rest = tuple(keys[i + 1 : i + length])
                    cls_ = None
                    for f in (*info.forms, info.stem):
                        cls_ = triggers.get((f, *rest))
                        if cls_:
                            break
                    if cls_:
                        ends[i + length - 1] = cls_ + "M"
                        break
        if not ends:
            return
        # Each token takes the nearest trigger end 1-3 tokens before it.
        for i in sorted({e + d for e in ends for d in (1, 2, 3) if e + d < n}):
            for d in (1, 2, 3):
                cls_ = ends.get(i - d)
                if cls_:
                    yield i, f"pt{d}=" + cls_
                    break


_OPEN_QUOTES = {"«": "»", '"': '"', "''": "''", "“": "”", "``": "''"}


def _quote_features(keys: list[str], candidates=None):
    """(index, feature) marking tokens inside a short quoted span (at most 6 tokens) of
    one sentence; ``candidates``: the indices of opening quote marks, when known."""
    n = len(keys)
    after = 0
    for i in range(n) if candidates is None else candidates:
        if i < after:
            continue
        close = _OPEN_QUOTES.get(keys[i])
        if close is None:
            continue
        end = next((j for j in range(i + 1, min(n, i + 8)) if keys[j] == close), None)
        if end is None or end == i + 1:
            continue
        width = str(min(end - i - 1, 4))
        for j in range(i + 1, end):
            yield j, "inq" + width
        yield i + 1, "qfirst"
        yield end - 1, "qlast"
        after = end + 1


_LABELS = ("O", "BOS", "EOS", *(f"{p}-{t}" for p in "BI" for t in NAME_TYPES))
_S1 = {t: "s1=" + t for t in _LABELS}
_S1_BEFORE = {t: "s1-=" + t for t in _LABELS}
_S1_AFTER = {t: "s1+=" + t for t in _LABELS}


def _count_in_window(positions: list[int], centre: int, window: int) -> int:
    """How many sentence indices in the sorted list lie within ``window`` of ``centre``,
    not counting ``centre`` itself."""
    lo = bisect_left(positions, centre - window)
    hi = bisect_right(positions, centre + window)
    own = bisect_right(positions, centre) - bisect_left(positions, centre)
    return hi - lo - own


def document_features(
    featurizer: Featurizer,
    sentences: list[list[str]],
    tags: list[list[str]],
    window: int,
) -> list[list[list[str]]]:
    """Second-stage features from first-stage tags of the surrounding sentences.

    For each token: the first-stage tag of itself and its neighbours (``s1=``), the
    majority type other sentences within ``window`` gave to the same stem (``dt=``),
    and whether a name found elsewhere in the window starts or continues here
    (``dsB=``/``dsI=``). The token's own sentence never counts as "elsewhere".
    """
    infos = [[featurizer.token_info(t) for t in sent] for sent in sentences]
    s1_own, s1_before, s1_after = _S1, _S1_BEFORE, _S1_AFTER
    out: list[list[list[str]]] = []
    for sent_tags in tags:
        if not sent_tags:
            out.append([])
            continue
        own = [s1_own[t] for t in sent_tags]
        before = [s1_before[t] for t in ("BOS", *sent_tags[:-1])]
        after = [s1_after[t] for t in (*sent_tags[1:], "EOS")]
        out.append([list(x) for x in zip(own, before, after, strict=True)])
    for s_idx, i, feature in document_context(
        [[x.stem for x in sent] for sent in infos],
        [[x.key for x in sent] for sent in infos],
        tags,
        window,
    ):
        out[s_idx][i].append(feature)
    return out


def document_context(
    stems: list[list[str]],
    keys: list[list[str]],
    tags: list[list[str]],
    window: int,
):
    """(sentence index, token index, feature) pairs: the ``dt=`` and ``dsB=``/``dsI=``
    features of :func:`document_features`, from each token's stem and normalised key
    and the first-stage tags, in sentence order."""
    tok_index: dict[str, dict[str, list[int]]] = {}
    seq_index: dict[tuple[str, ...], dict[str, list[int]]] = {}
    for s_idx, (sent_stems, sent_keys, sent_tags) in enumerate(zip(stems, keys, tags, strict=True)):
        for start, end, typ in entity_spans(sent_tags):
            if end - start > MAX_NAME_TOKENS:  # a runaway first-stage span is no name to spread
                continue
            key = (sent_stems[start], *sent_keys[start + 1 : end])
            seq_index.setdefault(key, {}).setdefault(typ, []).append(s_idx)
            for stem in sent_stems[start:end]:
                tok_index.setdefault(stem, {}).setdefault(typ, []).append(s_idx)
    if not tok_index:
        return
    firsts = {k[0] for k in seq_index}
    max_len = max((len(k) for k in seq_index), default=0)
    for s_idx, (sent_stems, sent_keys) in enumerate(zip(stems, keys, strict=True)):
        n = len(sent_stems)
        for i, stem in enumerate(sent_stems):
            by_type = tok_index.get(stem)
            if not by_type:
                continue  # every first-token stem is in tok_index too
            best, best_n = "", 0
            for typ, positions in by_type.items():
                c = _count_in_window(positions, s_idx, window)
                if c > best_n:
                    best, best_n = typ, c
            if best:
                yield s_idx, i, "dt=" + best
                yield s_idx, i, "dt=" + best + ("+" if best_n > 1 else "1")
            if stem in firsts:
                for length in range(min(max_len, n - i), 0, -1):
                    key = (stem, *sent_keys[i + 1 : i + length])
                    found = seq_index.get(key)
                    if not found:
                        continue
                    counts = {
                        typ: _count_in_window(pos, s_idx, window) for typ, pos in found.items()
                    }
                    typ = max(counts, key=counts.get)
                    if counts[typ]:
                        yield s_idx, i, "dsB=" + typ
                        for j in range(i + 1, i + length):
                            yield s_idx, j, "dsI=" + typ
                        break
