"""The recogniser's features of one token on its own, as a table of small builders.

Everything here depends on the token string alone (its normalised form, clitic-stripped
stem, affixes, shape, word clusters, single-token gazetteer classes, trigger class), so
:class:`dashboard.actors.features.Featurizer` and :class:`dashboard.actors.scoring.StateScorer`
compute it once per distinct token. :func:`token_facts` finds the facts;
the builders in :data:`OWN_FEATURES`, :data:`NEAR_FEATURES` and :data:`FAR_FEATURES`
turn them into feature strings: the token's own, and the token as seen from a
neighbour one or two positions away (as the date extractor's handler table,
``dashboard/dates/extract.py``, turns matches into dates).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain

from dashboard.actors.resources import AUTOTAG_CLASSES, PROFILE_CLASSES, Resources
from dashboard.arabic.chars import ARTICLE, CONJUNCTIONS, LAM_ARTICLE, PREPOSITIONS
from dashboard.arabic.normalize import normalize
from dashboard.arabic.tokens import strip_clitics

_ARABIC = re.compile(r"^[\u0621-\u064a]+$")
_DIGITS = re.compile(r"^[0-9\u0660-\u0669][0-9\u0660-\u0669.,/:\-]*$")
_LATIN = re.compile(r"^[A-Za-z]+$")
_PUNCT = re.compile(r"^[^\w\s]+$")


@dataclass(frozen=True)
class FeatureSet:
    """Which feature groups are on (for the ablation table)."""

    arabic: bool = True  # normalised form, stem, affixes, ال, clitics
    gazetteer: bool = True
    triggers: bool = True
    clusters: bool = True
    quotes: bool = True  # inside «...» or "...": names of papers, companies, clubs
    profiles: bool = True  # how unlabelled news introduces the word (context_profiles)
    autotags: bool = True  # how a trained recogniser tags the word in news (autotags)


def shape(token: str) -> str:
    """The token's kind of characters: ``ar``, ``num``, ``lat``, ``p`` + punctuation, ``mix``."""
    if _ARABIC.match(token):
        return "ar"
    if _DIGITS.match(token):
        return "num"
    if _LATIN.match(token):
        return "lat"
    if _PUNCT.match(token):
        return "p" + token[:2]
    return "mix"


def stem_of(word: str) -> str:
    """The clitic-stripped stem of a normalised word (the word itself if nothing is left)."""
    return strip_clitics(word) or word


def surface_forms(word: str) -> tuple[str, ...]:
    """Forms under which a normalised word may appear in a gazetteer (keys keep ال).

    ``وبالقاهره`` → (وبالقاهره, بالقاهره, القاهره); ``للامم`` → (للامم, لامم, الامم).
    """
    forms = [word]
    w = word
    if len(w) > 3 and w[0] in CONJUNCTIONS:
        w = w[1:]
        forms.append(w)
    if len(w) > 3 and w.startswith(LAM_ARTICLE):
        forms.append(ARTICLE + w[2:])
    if len(w) > 3 and w[0] in PREPOSITIONS:
        forms.append(w[1:])
    return tuple(dict.fromkeys(forms))


@dataclass(slots=True)
class TokenFacts:
    """What the builders need to know about one token (see :func:`token_facts`)."""

    word: str  # the ``w=`` feature's value: normalised when the Arabic features are on
    key: str  # normalised
    shape: str
    stem: str
    forms: tuple[str, ...]  # gazetteer lookup forms
    arabic: bool  # Arabic letters and the Arabic features are on
    article: bool  # carries ال (or لل), possibly after clitics
    classes: tuple[str, ...]  # single-token gazetteer classes, sorted
    clusters: tuple[str, ...] | None  # None: cluster features off
    rank: int | None  # frequency rank in unlabelled news
    trigger: str  # class of a one-word trigger, or ""
    profile: tuple[str, ...]  # context-profile cues with their share bucket ("ORGH1")
    autotag: tuple[str, ...]  # auto-tag types with their share bucket ("ORG0")


def _has_article(w: str, stem: str) -> bool:
    cut = w.find(stem) if stem != w else 0
    return (
        w.startswith(ARTICLE)
        or (cut > 0 and w[:cut].endswith(ARTICLE))
        or w.startswith(LAM_ARTICLE)
    )


def _clusters(res: Resources, w: str, stem: str, forms: tuple[str, ...]) -> tuple[str, ...]:
    """Cluster ids of the word, else of its stem, else of its first other surface form."""
    found = res.clusters.get(w) or res.clusters.get(stem)
    if not found:
        for f in forms[1:]:
            found = res.clusters.get(f)
            if found:
                break
    return found or ()


def _trigger(res: Resources, w: str, stem: str, forms: tuple[str, ...]) -> str:
    """Class of the word, its stem or its first other surface form as a one-word trigger."""
    found = res.triggers.get((w,)) or res.triggers.get((stem,))
    if not found:
        for f in forms[1:]:
            found = res.triggers.get((f,))
            if found:
                break
    return found or ""


def share_cues(counts: tuple[int, ...] | None, classes: tuple[str, ...]) -> tuple[str, ...]:
    """Each class of ``counts`` (``n``, then a count per class) seen at least twice, with
    its share of ``n`` as a bucket: ``0`` more than a half, ``1`` more than a quarter,
    ``2`` an eighth, ``3`` a sixteenth, ``4`` less."""
    if not counts:
        return ()
    n = counts[0]
    return tuple(
        cls_ + str(min(4, (n // c).bit_length() - 1))
        for cls_, c in zip(classes, counts[1:], strict=True)
        if c >= 2
    )


def profile_cues(res: Resources, stem: str) -> tuple[str, ...]:
    """The cues unlabelled news gives the stem, each with how often: ``ORGH0`` when more
    than half its occurrences follow an organisation head noun, ``ORGH1`` more than a
    quarter, ``ORGH2`` an eighth, ``ORGH3`` a sixteenth, ``ORGH4`` less (cues seen fewer
    than twice are left out)."""
    return share_cues(res.profiles.get(stem), PROFILE_CLASSES)


def autotag_cues(res: Resources, stem: str) -> tuple[str, ...]:
    """The name types a trained recogniser gave the stem across unlabelled news, each with
    its share bucket as in :func:`share_cues` (``ORG0``: more than half its occurrences
    were inside an organisation name)."""
    return share_cues(res.autotags.get(stem), AUTOTAG_CLASSES)


_NO_CUES: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


def stem_cues(res: Resources, stem: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(:func:`profile_cues`, :func:`autotag_cues`) of the stem, memoised in ``res.cues``
    (news repeats its stems under many clitics)."""
    cues = res.cues.get(stem)
    if cues is None:
        if stem not in res.profiles and stem not in res.autotags:
            return _NO_CUES  # most stems: nothing to remember
        cues = res.cues[stem] = (profile_cues(res, stem), autotag_cues(res, stem))
    return cues


def token_facts(token: str, res: Resources, fs: FeatureSet) -> TokenFacts:
    """The facts of one token under the feature groups ``fs`` and resources ``res``."""
    w = normalize(token)
    kind = shape(w)
    is_ar = kind == "ar"
    stem = stem_of(w) if is_ar else w
    forms = surface_forms(w) if is_ar else (w,)
    classes: frozenset[str] = frozenset()
    if fs.gazetteer:
        word_classes = res.word_classes
        found = [word_classes[f] for f in (*forms, stem) if f in word_classes]
        if found:
            classes = classes.union(*found)
    clusters_on = fs.clusters and bool(res.clusters)
    profile, autotag = stem_cues(res, stem) if is_ar else _NO_CUES
    return TokenFacts(
        word=w if fs.arabic else token,
        key=w,
        shape=kind,
        stem=stem,
        forms=forms,
        arabic=fs.arabic and is_ar,
        article=fs.arabic and is_ar and _has_article(w, stem),
        classes=tuple(sorted(classes)),
        clusters=_clusters(res, w, stem, forms) if clusters_on else None,
        rank=res.rank.get(w) if clusters_on else None,
        trigger=_trigger(res, w, stem, forms) if fs.triggers else "",
        profile=profile if fs.profiles else (),
        autotag=autotag if fs.autotags else (),
    )


# -- the token's own features ----------------------------------------------------------
def own_basics(t: TokenFacts) -> list[str]:
    """Bias, word (normalised when the Arabic features are on), shape, stem length."""
    n = len(t.stem)
    return ["b", "w=" + t.word, "sh=" + t.shape, "len=" + (str(n) if n < 8 else "8+")]


def own_letters(t: TokenFacts) -> list[str]:
    """Stem, prefixes and suffixes of word and stem, the proclitics cut off, ال."""
    w, stem = t.key, t.stem
    if not t.arabic:
        return ["p1=" + w[:1], "x1=" + w[-1:], "x2=" + w[-2:]]
    feats = ["s=" + stem, "p2=" + w[:2], "p3=" + w[:3], "x1=" + w[-1:], "x2=" + w[-2:]]
    feats += ["x3=" + w[-3:], "sp2=" + stem[:2], "sx2=" + stem[-2:], "sx3=" + stem[-3:]]
    feats.append("sp3=" + stem[:3])
    cut = w.find(stem) if stem != w else 0
    if cut > 0:
        feats.append("pre=" + w[:cut])
    if t.article:
        feats.append("al")
    return feats


def own_classes(t: TokenFacts) -> list[str]:
    """Single-token gazetteer classes (PER/LOC/ORG, FN, PN, NIS)."""
    return ["g=" + c for c in t.classes]


def own_clusters(t: TokenFacts) -> list[str]:
    """Word cluster ids at each granularity, and how common the word is in news (names
    are rarer than the words around them)."""
    if t.clusters is None:
        return []
    feats = [f"c{i}={c}" for i, c in enumerate(t.clusters)] if t.clusters else ["c=none"]
    feats.append("fr=" + (str(t.rank.bit_length()) if t.rank is not None else "none"))
    return feats


def own_trigger(t: TokenFacts) -> list[str]:
    """The class of a one-word trigger (title, verb of saying, place preposition ...)."""
    return ["tr=" + t.trigger] if t.trigger else []


def own_profile(t: TokenFacts) -> list[str]:
    """Context-profile cues: how news usually introduces the word."""
    return ["pf=" + c for c in t.profile]


def own_autotag(t: TokenFacts) -> list[str]:
    """Auto-tag cues: which names a trained recogniser puts the word in across news."""
    return ["at=" + c for c in t.autotag]


# -- the token as seen from a neighbour: the position prefix ("-1", "1", "-2", "2") is
# put in front of each of these (they are built once, for both sides) -------------------
def near_word(t: TokenFacts) -> list[str]:
    """Word and shape."""
    return ["w=" + t.key, "sh=" + t.shape]


def near_letters(t: TokenFacts) -> list[str]:
    """Stem, last two letters, ال."""
    if not t.arabic:
        return []
    feats = ["s=" + t.stem, "x2=" + t.key[-2:]]
    if t.article:
        feats.append("al")
    return feats


def near_clusters(t: TokenFacts) -> list[str]:
    """The middle and finest cluster ids."""
    return [f"c1={t.clusters[1]}", f"c2={t.clusters[-1]}"] if t.clusters else []


def near_classes(t: TokenFacts) -> list[str]:
    """Gazetteer classes."""
    return ["g=" + c for c in t.classes]


def near_trigger(t: TokenFacts) -> list[str]:
    """Trigger class."""
    return ["tr=" + t.trigger] if t.trigger else []


def far_word(t: TokenFacts) -> list[str]:
    """Word."""
    return ["w=" + t.key]


def far_stem(t: TokenFacts) -> list[str]:
    """Stem, when clitics were cut off."""
    return ["s=" + t.stem] if t.arabic and t.stem != t.key else []


def far_cluster(t: TokenFacts) -> list[str]:
    """The middle cluster id."""
    return [f"c1={t.clusters[1]}"] if t.clusters else []


#: Builders of the token's own features, in the order they are listed.
OWN_FEATURES: tuple[Callable[[TokenFacts], list[str]], ...] = (
    own_basics,
    own_letters,
    own_classes,
    own_clusters,
    own_trigger,
    own_profile,
    own_autotag,
)
#: Builders of the token's features seen from the next or previous token.
NEAR_FEATURES: tuple[Callable[[TokenFacts], list[str]], ...] = (
    near_word,
    near_letters,
    near_clusters,
    near_classes,
    near_trigger,
    own_profile,
    own_autotag,
)
#: Builders of the token's features seen from two tokens away.
FAR_FEATURES: tuple[Callable[[TokenFacts], list[str]], ...] = (
    far_word,
    far_stem,
    far_cluster,
    near_trigger,
)


#: The position prefixes of a token's features as its neighbours see them.
NEAR_OFFSETS = ("-1", "1")  # from the token after it, from the token before it
FAR_OFFSETS = ("-2", "2")  # from two after, from two before


class TokenInfo:
    """One token's feature strings, and the facts sentence features need.

    ``own``: its features; ``near``: as seen from a neighbour one position away, and
    ``far``: two away, without the position prefix (the scorer looks them up under each
    prefix; see :meth:`with_positions` for the prefixed strings CRFsuite reads). Tuples,
    not lists: the garbage collector stops tracking tuples of strings, so a cache of tens
    of thousands of tokens does not slow every collection down.
    """

    __slots__ = (
        *("own", "near", "far", "prev", "next", "prev2", "next2"),
        *("forms", "stem", "key", "trig", "tstart", "gaz_starts"),
    )

    def __init__(self, own, near, far, forms, stem, key, trig="", tstart=False, gaz_starts=()):
        self.own: tuple[str, ...] = own
        self.near: tuple[str, ...] = near
        self.far: tuple[str, ...] = far
        # Filled by with_positions: as seen from the token after / before it (-1… / 1…),
        # from two after / two before (-2… / 2…).
        self.prev: tuple[str, ...] = ()
        self.next: tuple[str, ...] = ()
        self.prev2: tuple[str, ...] = ()
        self.next2: tuple[str, ...] = ()
        self.forms: tuple[str, ...] = forms  # gazetteer lookup forms
        self.stem: str = stem
        self.key: str = key  # normalised form
        self.trig: str = trig  # class of a one-word trigger, or ""
        self.tstart: bool = tstart  # may start a multi-word trigger
        self.gaz_starts: tuple[tuple[str, int], ...] = gaz_starts  # (form, longest name from it)

    def with_positions(self) -> TokenInfo:
        """Fill ``prev``/``next``/``prev2``/``next2``: ``near``/``far`` with each position
        prefix in front (the attribute strings of ``Featurizer.sentence``); returns self."""
        self.prev, self.next = (tuple(map(off.__add__, self.near)) for off in NEAR_OFFSETS)
        self.prev2, self.next2 = (tuple(map(off.__add__, self.far)) for off in FAR_OFFSETS)
        return self


def compute_token(token: str, res: Resources, fs: FeatureSet) -> TokenInfo:
    """Everything about one token on its own, its features without position prefixes
    (not memoised; callers keep a table)."""
    t = token_facts(token, res, fs)
    own = tuple(chain.from_iterable([build(t) for build in OWN_FEATURES]))
    near = tuple(chain.from_iterable([build(t) for build in NEAR_FEATURES]))
    far = tuple(chain.from_iterable([build(t) for build in FAR_FEATURES]))
    tstart = fs.triggers and not res.trigger_firsts.isdisjoint((*t.forms, t.stem))
    max_len = res.max_len
    gaz_starts = tuple([(f, max_len[f]) for f in t.forms if f in max_len])
    return TokenInfo(own, near, far, t.forms, t.stem, t.key, t.trigger, tstart, gaz_starts)
