"""CRF features of the tokens of one sentence, for Arabic named-entity recognition.

In: the tokens of one sentence (CoNLL-like: clitics still attached, punctuation
separate). Out: one list of feature strings per token, for python-crfsuite.

Speed comes from memoising: everything that depends on a token alone
(:mod:`dashboard.actors.token_features`) is computed once per distinct token string;
a sentence's features are then assembled by concatenating those cached lists, plus
the few features that need the sentence: bigrams, sentence ends, quoted spans
(:mod:`dashboard.actors.quote_features`), multi-word gazetteer matches and preceding
trigger phrases. The second stage's document features are
:mod:`dashboard.actors.document_features`; the lexical resources,
:mod:`dashboard.actors.resources`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from dashboard.actors.quote_features import quote_features
from dashboard.actors.resources import Resources
from dashboard.actors.token_features import FeatureSet, TokenInfo, compute_token

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
        self._cache: dict[str, TokenInfo] = {}

    # -- per distinct token -------------------------------------------------
    def token_info(self, token: str) -> TokenInfo:
        """The token's :class:`TokenInfo`, memoised."""
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

    def compute_token(self, token: str) -> TokenInfo:
        """Everything about one token on its own, its features seen from each neighbour's
        position included (not memoised; see :meth:`token_info`)."""
        return compute_token(token, self.res, self.fs).with_positions()

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
        infos: Sequence[TokenInfo | None],
        rng: random.Random | None = None,
        gaz_dropout: float = 0.0,
        candidates: Sequence[list[int]] | None = None,
    ):
        """(token index, feature) pairs that need the whole sentence: quoted spans,
        multi-word gazetteer matches, preceding trigger phrases.

        ``keys``: the tokens' normalised forms; ``infos``: their :class:`TokenInfo`.
        ``candidates``: (quote, gazetteer, trigger) token indices where each kind can
        start — tokens that are quote marks, have ``gaz_starts``, have ``trig`` or
        ``tstart`` — when the caller knows them; the pairs are the same either way, and
        ``infos`` is then only read at the gazetteer and trigger candidates.
        """
        quotes, gaz, trig = candidates or (None, None, None)
        if self.fs.quotes and quotes != []:
            yield from quote_features(keys, quotes)
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
