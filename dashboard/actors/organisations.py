"""Organisation names by their grammar: a head noun, a construct chain, agreeing adjectives.

Arabic names most organisations the same way: a head noun (وزارة، هيئة، محكمة، حزب …,
``data/gazetteers/org_heads.tsv``), then

- a construct chain ending in a definite noun or a place: وزارة **الخارجية**, هيئة
  **تنظيم الاتصالات**, منتخب **إيطاليا**, جامعة **القاهرة**;
- adjectives that agree with the noun before them: المحكمة **الإدارية العليا**,
  وزارة الخدمة **المدنية**, البنك **المركزي المصري**;
- a complement with ل and its own chain: الهيئة الوطنية **للانتخابات**, المنتخب السعودي
  **لكرة القدم**; coordinated nouns: حزب العدالة **والتنمية**;
- or a proper name no list knows (a rare word, not a common one): جامعة **هارفارد**,
  شركة **بريتش بتروليوم**, مؤسسة **نافالني** لمكافحة الفساد.

An adjective agrees with the last noun or with the head (شركة النفط **الوطنية**). A noun
of the chain no lexicon entry lists is taken when the news also writes it with the
article (a noun, not a verb) and the chain goes on after it (تحالف **دعم** الإخوان).
The head's ``names`` column says where a proper name after it puts the span: ``in`` keeps
the head (جامعة هارفارد), ``out`` leaves a classifier out when only the name follows
(شركة [بريتش بتروليوم], صحيفة "[واشنطن بوست]") but keeps it before a complement, and
``only`` heads (صحيفة، قناة) take nothing but a proper name.

The name stops where this grammar stops: at punctuation, a stop word, a word of
``org_breakers.txt`` (days, months, ordinals: أعلنت وزارة الصحة **الثلاثاء**; participles
that take the ل after them: القوات **الموالية** للحكومة), an adjective that does not agree,
or a name of another kind; a second head behind و or ل (الهيئة العامة للرياضة
**والاتحاد** السعودي). A complement with ل goes on only after an adjective or a chain
(الوزارة **للصحفيين** and لجنة **للتحقيق** name nothing), and not with a word that ends
names (رابطة المحترفين **للمرة** الخامسة) or, after a state body, with those it speaks to
(``org_addressees.txt``: وزارة الخارجية **للصحفيين**, but الاتحاد الدولي للصحفيين). A definite head needs more than
itself (الوزارة alone refers back to a ministry named before), and with only a country
adjective it is a name only for heads marked so (المنتخب السعودي, not الشركة الأمريكية).

:func:`find_organisations` scans one sentence's token keys; :func:`english_name` builds
an English name from the head and the chain (``org_words.tsv``), not a transliteration.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from dashboard.actors.gazetteer import load_gazetteer
from dashboard.actors.patterns import (
    can_be_name,
    is_definite,
    known_names,
    load_patterns,
    person_titles,
)
from dashboard.actors.text import clitic_forms, clitic_variants, name_key
from dashboard.arabic.chars import ARTICLE, LAM_ARTICLE, QUOTE_CLOSERS
from dashboard.arabic.clitics import lexicon
from dashboard.arabic.stopwords import is_stopword
from dashboard.datafiles import read_table, read_words

#: Stands for the organisation's country in an English name (filled in by the linker).
COUNTRY = "{country}"

#: Longest chain after the head, in tokens.
MAX_CHAIN = 7
#: Most words of a proper name after a head (بريتش بتروليوم), or inside quotes after one.
MAX_NAME = 3
MAX_QUOTED = 4
#: A chain noun no lexicon entry lists is a noun when the news writes it with the article
#: at least this often (السوق, الدعم; a verb such as يضم never takes it).
MIN_DEFINITE_NOUN = 50
#: Prepositions after a verbal noun with ل that make it the sentence's purpose (للحصول
#: على، للتحقيق في), not a complement of a name (مؤسسة الفريد للإبداع الفني).
PURPOSE_OBJECTS = frozenset(("على", "علي", "في", "من", "الى", "عن", "مع"))
#: Endings of an indefinite nisba (تركي، سعودية): after a definite name it starts another
#: phrase (a person's name, a description), it does not qualify the name.
NISBA_ENDINGS = ("ي", "يه", "يين", "يون")

#: What covers a token already (dashboard.actors.pipeline): (end token, kind, actor ids).
Covered = tuple[int, str, tuple[str, ...]]


@dataclass(frozen=True)
class Head:
    """An organisation head noun: its English word, how the English name is ordered, and
    whether the definite head with only a country adjective is a name."""

    english: str
    order: str  # "of", "before" or "team"
    nisba_alone: bool
    state: bool  # a body of a state: without a country in its name, the article's
    names: str = "in"  # a proper name after it: "in" the span, "out" of it, "only" that
    bare: bool = True  # the indefinite head starts a name (not إدارة: إدارة الأزمة)
    # The definite head with a country adjective is a name, but not with another adjective
    # no lexicon lists: الإدارة الأمريكية, not الإدارة الفنية (``nisba`` "country").
    country_alone: bool = False
    # The bare head starts a name when its first noun is a lexicon word with an adjective
    # (إدارة الرقابة الشاملة), not otherwise (إدارة الأزمة): ``bare`` "adjective".
    bare_with_adjective: bool = False


@dataclass(frozen=True)
class Grammar:
    """The data the grammar reads (see the module docstring)."""

    heads: dict[str, Head] = field(default_factory=dict)  # normalised indefinite head
    words: dict[tuple[str, ...], str] = field(default_factory=dict)  # stems → English
    max_words: int = 1
    firsts: frozenset[str] = frozenset()  # first stem of every entry of ``words``
    breakers: frozenset[str] = frozenset()
    head_keys: frozenset[str] = frozenset()  # every token key that may read as a head
    seats: frozenset[str] = frozenset()  # ب + a word of ``org_seats.txt`` (بمنطقه)
    namesake_titles: frozenset[str] = frozenset()  # الملك … (``namesake_titles.txt``)
    person_titles: frozenset[str] = frozenset()  # one-word titles of people (الرئيس)
    common_heads: frozenset[str] = frozenset()  # heads that need a known noun (غرفة)
    addressees: frozenset[str] = frozenset()  # للصحفيين after a state body (``org_addressees.txt``)
    on_words: frozenset[str] = frozenset()  # الرقابة | على المنشطات (``org_on_words.txt``)


@lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    """The grammar from ``data/gazetteers/org_{heads,words}.tsv``, ``org_breakers.txt``,
    ``org_seats.txt``, ``namesake_titles.txt``, ``org_common_heads.txt``,
    ``org_addressees.txt``, ``org_on_words.txt`` and the people's titles of ``patterns.toml``."""
    heads = {
        name_key(head): Head(
            english,
            order,
            nisba == "yes",
            state == "yes",
            names,
            bare == "yes",
            nisba == "country",
            bare == "adjective",
        )
        for head, english, order, nisba, state, names, bare in read_table(
            "gazetteers/org_heads.tsv",
            ("head", "english", "order", "nisba", "state", "names", "bare"),
            header=True,
        )
    }
    words = {
        tuple(_bare(w) for w in name_key(arabic).split(" ")): english
        for arabic, english in read_table(
            "gazetteers/org_words.tsv", ("arabic", "english"), header=True
        )
    }
    breakers = frozenset(name_key(w) for w in read_words("gazetteers/org_breakers.txt"))
    # Heads bare, definite, and behind proclitics (لوزارة، للهيئة): a token key outside
    # this set starts no organisation, and is passed over without reading it.
    head_keys = frozenset(
        form for head in heads for base in (head, ARTICLE + head) for form in clitic_forms(base)
    )
    firsts = frozenset(k[0] for k in words)
    seats = frozenset("ب" + name_key(w) for w in read_words("gazetteers/org_seats.txt"))
    namesake = frozenset(name_key(w) for w in read_words("gazetteers/namesake_titles.txt"))
    return Grammar(
        heads,
        words,
        max(len(k) for k in words),
        firsts,
        breakers,
        head_keys,
        seats,
        namesake,
        person_titles() | namesake,
        frozenset(name_key(w) for w in read_words("gazetteers/org_common_heads.txt")),
        frozenset(name_key(w) for w in read_words("gazetteers/org_addressees.txt")),
        frozenset(name_key(w) for w in read_words("gazetteers/org_on_words.txt")),
    )


def _bare(word: str) -> str:
    """A lexicon word without its article (الطاوله → طاوله)."""
    return word[2:] if word.startswith(ARTICLE) and len(word) > 3 else word


@dataclass
class Part:
    """One piece of an organisation span: ``role`` is head, noun (of a construct chain or
    after ل), adj, place (a gazetteer place: a country marker or part of the name)."""

    role: str  # head, noun, adj, place, name (a proper name no list knows), seat, namesake
    first: int
    last: int
    stem: str  # the word without clitics or article ("" for a place)
    ids: tuple[str, ...] = ()  # a place's actor ids
    joined: bool = False  # came with و (coordinated with the noun before)
    after_lam: bool = False  # came with ل (a complement)
    definite: bool = False  # a noun written with the article (الهيئة in مجلس الهيئة)


@dataclass
class OrgSpan:
    """An organisation name found in a sentence: tokens ``first``..``last`` (exclusive),
    ``prefix`` letters of proclitics on the first token left out, and its parts."""

    first: int
    last: int
    prefix: int
    head: str
    parts: list[Part]

    @property
    def place_ids(self) -> tuple[str, ...]:
        """Actor ids of the places inside the name (its country, its city)."""
        return tuple(i for p in self.parts if p.role in ("place", "seat") for i in p.ids)


def _is_feminine(stem: str) -> bool:
    """Feminine singular (عامه) or a sound feminine plural (اتصالات)."""
    return stem.endswith("ه") or stem.endswith("ات")


def _is_afal(stem: str) -> bool:
    """The shape أفعال: a broken plural (اركان), which takes a feminine singular adjective
    as every non-human plural does, or a masculine verbal noun (ابداع): either gender."""
    return len(stem) == 5 and stem[0] == "ا" and stem[3] == "ا"


def _is_participle(stem: str) -> bool:
    """A masculine active participle, the shape فاعل (فائز، حاكم): it describes what the
    organisation does, it does not name it (unless the lexicon lists it)."""
    return len(stem) == 4 and stem[1] == "ا" and stem[-1] not in "هي"


def has_adjective_shape(stem: str) -> bool:
    """Whether a definite word's stem (without its feminine or plural ending) has a shape
    adjectives take: a nisba (الدولية), a participle with م (المسلحة، المستقلة، المعارض),
    فاعل and its doubled فاعّ (القابضة، العامة، الخاصة، الآجلة), فعيل (الكبير، السريعة),
    فيعل (الجيد، السيئة), أفعل / فعلى (الأعلى، العليا، الأزرق) or فعلال (العملاقة). A verbal
    noun or another noun after a name is the sentence's object, not an adjective: قوات
    الأمن | القبض، النادي | التعاقد، القوات الحكومية | السيطرة. Adjectives of other shapes
    are listed in ``org_words.tsv`` (الحرة، العرب)."""
    if stem.endswith(NISBA_ENDINGS) or stem.endswith("يات"):
        return True
    base = stem
    for ending in ("ين", "ون", "ات", "ه"):
        if base.endswith(ending) and len(base) - len(ending) >= 3:
            base = base[: -len(ending)]
            break
    if base.startswith("م") and len(base) >= 4:
        return True  # مفعول، مفعل، متفعل، مستفعل، مفاعل
    if len(base) == 3:
        return base[1] in "اي" or base[0] == "ا"  # فاعّ: عام، خاص; فيعل: جيد; آجل
    if len(base) == 4:
        return base[1] == "ا" or base[2] == "ي" or base[0] == "ا" or base[3] in "اي"
    return len(base) == 5 and base[3] == "ا" and base[0] != "ا"  # فعلال، not أفعال


def agrees(noun: str, adjective: str) -> bool:
    """Whether ``adjective`` (a stem) can qualify ``noun`` (a stem): gender by ending."""
    feminine_adjective = adjective.endswith("ه") or adjective.endswith("ا")
    if _is_afal(noun):
        return feminine_adjective or not adjective.endswith("ات")
    if _is_feminine(noun):
        return feminine_adjective
    return not (adjective.endswith("ه") or adjective.endswith("ات"))


def read_head(key: str, heads: Mapping[str, Head]) -> tuple[int, str, bool] | None:
    """(proclitic letters, head, definite) when ``key`` is a head noun (لوزاره, للهيئه)."""
    for prefix, word in ((0, key), *clitic_variants(key)):
        if word in heads:
            return prefix, word, False
        if word.startswith(ARTICLE) and word[2:] in heads:
            return prefix, word[2:], True
        if prefix and word.startswith(ARTICLE) and "ل" + word[2:] in heads:
            # لل is ل + لجنة as well as ل + ال: للجنة الاحتراف (read as the bare head,
            # which needs its complement; the span is the same either way)
            return prefix, "ل" + word[2:], False
    return None


def _definite_stem(key: str) -> tuple[str, bool, bool] | None:
    """(stem, came with و, came with ل) of a definite word: الخارجيه, والتنميه, للانتخابات."""
    joined = key.startswith("و") and key[1:].startswith(ARTICLE)
    word = key[1:] if joined else key
    if word.startswith(LAM_ARTICLE):
        return word[2:], joined, True
    if word.startswith(ARTICLE) and len(word) > 3:
        return word[2:], joined, False
    return None


class _Scanner:
    """Reads the chain after one head (see :func:`find_organisations`)."""

    def __init__(self, keys, covered, grammar: Grammar, is_place_name, is_name_word):
        self.keys = keys
        self.covered = covered
        self.grammar = grammar
        self.is_place_name = is_place_name
        self.is_name_word = is_name_word
        self.lexicon = lexicon()
        self.names_ok = True  # whether the current head takes a proper name after it
        # Whether the chain so far ends in a proper name no list knows, after which a
        # definite word may be its noun (شركة آلة الجدولة) whatever its shape.
        self.after_name = False
        # Whether the chain so far is a definite head and adjectives of the kind names take
        # (اللجنة الدولية), a description that a complement with ل makes a name: any noun
        # the lexicon knows may start it (لحماية الصحفيين), not only org_words.tsv's.
        self.only_adjectives = False
        # Whether that name is one word shaped like a sound plural in construct (مصدري،
        # مهندسي), whose definite complement follows: جمعية مصدري الصلب.
        self.after_plural = False

    def stops(self, key: str) -> bool:
        return (
            not key.isalpha()
            or key in self.grammar.breakers
            or is_stopword(key)
            or (key.startswith("و") and is_stopword(key[1:]))  # والذي، والتي
        )

    def chain(self, i: int, head: str, definite: bool) -> list[Part]:
        """The parts after the head at token ``i``, as long as the grammar allows."""
        parts = [Part("head", i, i + 1, head)]
        self.names_ok = self.grammar.heads[head].names not in ("no", "owner")
        need_noun = not definite  # an indefinite noun needs its complement
        noun = head  # the noun the next adjective agrees with (or the head)
        j = i + 1
        while j < len(self.keys) and j - i <= MAX_CHAIN:
            after_nisba = parts[-1].role == "place" and self._definite_nisba(parts[-1].first)
            self.after_name = parts[-1].role == "name"
            self.after_plural = self.after_name and self._construct_plural(parts[-1])
            self.only_adjectives = definite and all(map(self._naming_adjective, parts[1:]))
            if self.keys[j] in self.grammar.person_titles:  # جامعة الملك سعود | قوات نظام الرئيس
                part = self.namesake(j) if len(parts) == 1 and not definite else None
            elif len(parts) == 1 and not definite and self.grammar.heads[head].names == "owner":
                part = self.owner(j) or self.next_part(j, noun, head, need_noun, after_nisba)
            else:
                part = self.next_part(j, noun, head, need_noun, after_nisba)
            if part is None or (part.joined and noun == head):
                break  # و joins nouns of the chain, not a second head (الجيش والشعب)
            if part.after_lam and len(parts) == 1:
                break  # a complement with ل names only after an adjective or a chain:
                # الوزارة للصحفيين، لجنة للتحقيق are no names, الهيئة العامة للرياضة is
            if part.after_lam and self._purpose_after_chain(parts[-1], part):
                break  # صندوق النقد | للحصول على: the sentence's purpose, not the name's
            parts.append(part)
            if part.role == "noun":
                noun = part.stem
            need_noun = self._indefinite(part)
            j = part.last
            if part.role == "noun" and self._object_with_ala(part):
                parts.append(Part("noun", j + 1, j + 2, self.keys[j + 1][2:]))
                j += 2  # للرقابة على المنشطات: the noun's object is part of the name
        while parts and self._indefinite(parts[-1]) and parts[-1].role == "noun":
            parts.pop()  # an indefinite noun without its complement is not part of it
        return parts

    def _ends_behind_lam(self, stem: str, head: str) -> bool:
        """Whether a definite word behind ل (its ``stem``) ends the name of ``head``: a
        word that ends names (لليوم، للمرة), or those a state body speaks to (للصحفيين)."""
        word = ARTICLE + stem
        if word in self.grammar.breakers:
            return True
        return self.grammar.heads[head].state and word in self.grammar.addressees

    def _naming_adjective(self, part: Part) -> bool:
        """An adjective of the kind names take (الدولية، الوطنية، العامة: a nisba or a word
        of org_words.tsv; a country's definite nisba: الشركة السعودية لمنتجات الألبان),
        not a participle that describes (الشركة المشغلة لدور السينما)."""
        if part.role == "place":
            return self._definite_nisba(part.first)
        return part.role == "adj" and (
            part.stem.endswith(NISBA_ENDINGS) or (part.stem,) in self.grammar.words
        )

    def _object_with_ala(self, part: Part) -> bool:
        """Whether على and a definite noun after ``part`` (a noun of ``org_on_words.txt``)
        are its object inside the name: اللجنة السعودية للرقابة على المنشطات."""
        j = part.last
        if part.stem not in self.grammar.on_words or j + 1 >= len(self.keys):
            return False
        after = self.keys[j + 1]
        return (
            self.keys[j] in ("على", "علي")
            and j + 1 not in self.covered
            and after.startswith(ARTICLE)
            and not self.stops(after)
        )

    def _construct_plural(self, part: Part) -> bool:
        key = self.keys[part.first]
        return part.last == part.first + 1 and key.endswith("ي") and len(key) >= 5

    def _purpose_after_chain(self, before: Part, complement: Part) -> bool:
        """Whether a complement with ل right after a noun of the construct chain says what
        the sentence's subject does (صندوق النقد | للحصول على الأموال) rather than naming:
        after a chain noun, a word ``org_words.tsv`` lacks followed by a preposition
        (``PURPOSE_OBJECTS``) ends the name; after an adjective, a place or a name, or
        without the preposition (مؤسسة الفريد للإبداع الفني), the complement goes on."""
        after = self.keys[complement.last] if complement.last < len(self.keys) else ""
        return (
            before.role == "noun"
            and not before.after_lam
            and complement.stem not in self.grammar.firsts
            and after in PURPOSE_OBJECTS
        )

    def _is_head(self, stem: str) -> bool:
        """Whether a definite word's stem is a head noun; behind لل the head's own ل may be
        merged with the article's (للجنة = ل + اللجنة)."""
        heads = self.grammar.heads
        return stem in heads or "ل" + stem in heads

    def _indefinite(self, part: Part) -> bool:
        key = self.keys[part.first]
        return part.role == "noun" and _definite_stem(key) is None and not key.startswith("ال")

    def next_part(
        self, j: int, noun: str, head: str, need_noun: bool, after_nisba: bool = False
    ) -> Part | None:
        """The part at token ``j`` after a chain ending in ``noun`` (``after_nisba``: in a
        definite country nisba, after which only a complement with ل goes on), or None."""
        key = self.keys[j]
        if j in self.covered:
            return self._covered_part(j, need_noun)
        if self.stops(key):
            return None
        definite = _definite_stem(key)
        if definite is not None:
            return self._definite_part(j, definite, (noun, head), need_noun, after_nisba)
        if need_noun and self.is_place_name(key):
            return Part("place", j, j + 1, "", ())
        # An indefinite noun of a chain (هيئة تنظيم الاتصالات), or after ل (لكرة القدم).
        lam = key[1:] if key.startswith("ل") else ""
        in_lam = bool(lam) and (
            lam in self.grammar.firsts
            or (
                self.only_adjectives
                and lam not in self.grammar.heads  # لحزب النهضة: a second organisation
                and ARTICLE + lam not in self.grammar.breakers  # لنهائيات كأس العالم
                and self._noun_before_its_complement(j, lam)
            )
        )
        if in_lam or (need_noun and key in self.grammar.firsts):
            return Part("noun", j, j + 1, lam if in_lam else key, after_lam=in_lam)
        if need_noun and self._noun_before_its_complement(j, key):
            return Part("noun", j, j + 1, key)
        if not need_noun and self._joined_construct(j):  # هيئة الرقابة ومكافحة الفساد
            return Part("noun", j, j + 1, key[1:], joined=True)
        if need_noun and self.names_ok and self.is_name_word(key) and not key.endswith("يه"):
            # (not an indefinite feminine nisba: محكمة بريطانية is "a British court")
            last = j + 1
            while last < min(len(self.keys), j + MAX_NAME) and self._name_at(last):
                last += 1
            return Part("name", j, last, "")
        return None

    def _definite_part(
        self,
        j: int,
        definite: tuple[str, bool, bool],
        nouns: tuple[str, str],
        need_noun: bool,
        after_nisba: bool,
    ) -> Part | None:
        """The part a definite word at ``j`` makes (``definite``: its stem, whether it came
        with و, with ل), after the chain's last noun and its head (``nouns``), or None."""
        stem, joined, after_lam = definite
        noun, head = nouns
        if (after_lam or joined) and self._is_head(stem):
            return None  # التحالف العربي | للجيش الوطني | واللجنة: a second organisation
        if after_lam and self._ends_behind_lam(stem, head):
            return None  # a time or an addressee: وزارة الخارجية | للصحفيين
        if need_noun or joined or after_lam or self.after_plural:
            return Part("noun", j, j + 1, stem, joined=joined, after_lam=after_lam, definite=True)
        if after_nisba or (self._is_head(stem) and not stem.endswith(NISBA_ENDINGS)):
            # The country comes last: السفارة الأمريكية | الجديدة; a head after a name is
            # another organisation or refers back: هيئة الطرق والمواصلات | الهيئة (a
            # head shaped like a nisba may be one: للانتخابات البلدية)
            return None
        if (stem,) not in self.grammar.words:
            if _is_participle(stem):
                return None  # منتخب فرنسا | الفائز بكأس العالم: a description
            if not (self.after_name or has_adjective_shape(stem)):
                return None  # قوات الأمن | القبض على: a noun, the sentence's object
        if agrees(noun, stem) or agrees(head, stem):
            return Part("adj", j, j + 1, stem)
        return None

    def _covered_part(self, j: int, need_noun: bool) -> Part | None:
        """A gazetteer name inside the chain: a place (its country, its city), unless it is
        an indefinite nisba after a definite name (المنتخب السعودي | تركي المطيري) or
        comes with و after a whole name."""
        last, kind, ids = self.covered[j]
        if kind not in ("GPE", "LOC"):
            return None
        key = self.keys[j]
        if not need_noun and not key.startswith(ARTICLE) and key.endswith(NISBA_ENDINGS):
            return None
        if need_noun and key.endswith("يه") and _nisba_only(key):
            return None  # محكمة بريطانية: an indefinite nisba describes "a British court"
        if not need_noun and key.startswith("و"):
            return None  # وزارة الخارجية | وواشنطن: a second conjunct, not the name's place
        return Part("place", j, last, "", ids)

    def _definite_nisba(self, j: int) -> bool:
        key = self.keys[j]
        return key.startswith(ARTICLE) and key.endswith(NISBA_ENDINGS)

    def _name_at(self, j: int) -> bool:
        """Whether token ``j`` goes on a proper name no list knows: a rare word, but not a
        given name with a name after it, which starts a person's (لشركة إيرباص | جون ليهي)."""
        if j in self.covered or not self.is_name_word(self.keys[j]):
            return False
        return not (
            self.keys[j] in _given_names()
            and j + 1 < len(self.keys)
            and (j + 1 in self.covered or self.is_name_word(self.keys[j + 1]))
        )

    def _joined_construct(self, j: int) -> bool:
        """A second noun of the name joined by و, in construct with a definite word after
        it (ومكافحة الفساد): a word of the lexicon of organisation words."""
        key = self.keys[j]
        if not key.startswith("و") or key[1:] not in self.grammar.firsts or j + 1 >= len(self.keys):
            return False
        after = self.keys[j + 1]
        return after.startswith(ARTICLE) and j + 1 not in self.covered and not self.stops(after)

    def _noun_before_its_complement(self, j: int, word: str) -> bool:
        """Whether the indefinite ``word`` at ``j`` (its token without a ل before it) is a
        noun the lexicon knows (السوق: the article is written on it), followed by a
        definite word or a name: تحالف دعم الإخوان، اللجنة الدولية لحماية الصحفيين."""
        if self.lexicon.get(ARTICLE + word, 0) < MIN_DEFINITE_NOUN or j + 1 >= len(self.keys):
            return False
        after = self.keys[j + 1]
        if j + 1 in self.covered:
            return self.covered[j + 1][1] in ("GPE", "LOC")
        if self.stops(after):
            return False
        return after.startswith(ARTICLE) or self.is_name_word(after)

    def namesake(self, j: int) -> Part | None:
        """The person an organisation is named after, from the title at ``j`` (الملك سعود):
        a person the gazetteer knows, or known given names and their connectors (بن)."""
        if self.keys[j] not in self.grammar.namesake_titles:
            return None
        for k in (j, j + 1):
            found = self.covered.get(k)
            if found is not None:
                return Part("namesake", j, found[0], "", found[2]) if found[1] == "PER" else None
        names, connectors = known_names(), load_patterns().connectors
        last = j + 1
        while (
            last < min(len(self.keys), j + 1 + MAX_NAME)
            and last not in self.covered
            and (self.keys[last] in names or self.keys[last] in connectors)
        ):
            last += 1
        while last > j + 1 and self.keys[last - 1] in connectors:
            last -= 1
        return Part("namesake", j, last, "") if last > j + 1 else None

    def owner(self, j: int) -> Part | None:
        """The person a force is named after (قوات حفتر، قوات صالح), right after its head:
        a person the gazetteer found, or a given name alone where the name ends."""
        found = self.covered.get(j)
        if found is not None:
            return Part("namesake", j, found[0], "", found[2]) if found[1] == "PER" else None
        # A given name alone, the chain ending after it (قوات صالح فيما), not a noun in
        # construct that reads like one (قوات نظام الأسد: the regime's forces).
        after = self.keys[j + 1] if j + 1 < len(self.keys) else "."
        if self.keys[j] in _given_names() and j + 1 not in self.covered and self.stops(after):
            return Part("namesake", j, j + 1, "")
        return None

    def seat(self, j: int) -> list[Part]:
        """Where a branch sits, after its name: بمنطقة الباحة (a place the gazetteer knows,
        or a definite rare word), as one part of role ``seat`` (the place's ids), or []."""
        if j + 1 >= len(self.keys) or self.keys[j] not in self.grammar.seats:
            return []
        if j + 1 in self.covered:
            last, kind, ids = self.covered[j + 1]
            return [Part("seat", j, last, "", ids)] if kind in ("GPE", "LOC") else []
        place = self.keys[j + 1]
        if place.startswith(ARTICLE) and can_be_name(place) and not self.stops(place):
            return [Part("seat", j, j + 2, "")]
        return []

    def quoted_name(self, j: int) -> tuple[int, int] | None:
        """Tokens (first, last) of a name in quotes opening at ``j`` (صحيفة "واشنطن بوست"),
        unless a single gazetteer name fills them (it is found already)."""
        closers = QUOTE_CLOSERS.get(self.keys[j])
        if closers is None:
            return None
        end = next(
            (
                k
                for k in range(j + 1, min(len(self.keys), j + MAX_QUOTED + 2))
                if self.keys[k] in closers
            ),
            None,
        )
        if end is None or end == j + 1:
            return None
        if not all(self.keys[k].isalpha() for k in range(j + 1, end)):
            return None
        found = self.covered.get(j + 1)
        if found is not None and found[0] == end and found[1] not in ("GPE", "LOC"):
            return None  # the paper "الشرق الأوسط" is no region; a known name is itself
        return j + 1, end


def _valid(parts: list[Part], definite: bool, head: Head, grammar: Grammar) -> bool:
    """Whether the parts make a name (see the module docstring)."""
    rest = parts[1:]
    if not rest:
        return False
    if rest[0].role == "noun" and not _known_first_noun(parts, grammar):
        return False  # غرفة الأمتعة، حركة المرور: a common noun, not a name
    if head.names not in ("owner", "word") and _organ_of_a_body(parts, grammar):
        # Forces are named by the body they serve (قوات الجيش، قوات الحكومة), a club by a
        # word that may be a head (نادي [الاتحاد]).
        return False
    if head.names == "only":
        return len(rest) == 1 and rest[0].role == "name"
    if not definite:
        # A head that is a common noun when bare (مركز المدينة) still names a namesake's.
        return (
            rest[0].role == "namesake"
            or (head.bare and rest[0].role in ("noun", "place", "name"))
            or (head.bare_with_adjective and _known_noun_and_adjective(rest, grammar))
        )
    if head.nisba_alone or (head.country_alone and any(p.role == "place" for p in rest)):
        return True
    # A definite head with nothing but nisbas, known places or not (الشركة السنغافورية),
    # or adjectives no lexicon lists (الشركة المشغلة، المنتخب الضيف) is a description; a
    # noun or an adjective of the lexicon makes it a name.
    return any(p.role == "noun" or (p.role == "adj" and (p.stem,) in grammar.words) for p in rest)


def _organ_of_a_body(parts: list[Part], grammar: Grammar) -> bool:
    """Whether the head is followed by another head, an organ of a body named or meant
    there (مجلس الإدارة، مجلس الهيئة، مجلس إدارة الهيئة السعودية للمهندسين): no name of
    its own; a body named after it is found at its own head. A head word of the lexicon
    (وزارة الدفاع) or one with its own adjective (وزارة الإدارة المحلية) is a chain noun."""
    if len(parts) < 2 or parts[1].role != "noun" or parts[1].after_lam or parts[1].joined:
        return False
    stem = parts[1].stem
    if stem not in grammar.heads or (stem,) in grammar.words:
        return False
    if grammar.heads[stem].bare and not parts[1].definite:
        return False  # a bare head in construct names a unit of it: مستشفى مديرية حيس
    return len(parts) == 2 or parts[2].role != "adj"


def _known_noun_and_adjective(rest: list[Part], grammar: Grammar) -> bool:
    """A first noun of the lexicon and its adjective: إدارة [الرقابة الشاملة]."""
    return (
        len(rest) > 1
        and rest[0].role == "noun"
        and rest[0].stem in grammar.firsts
        and rest[1].role == "adj"
    )


def _known_first_noun(parts: list[Part], grammar: Grammar) -> bool:
    """Whether the first noun after the head may name an organisation: any noun after
    most heads, a word of the lexicon after a head that is a common noun as well
    (``org_common_heads.txt``: غرفة التجارة, not غرفة الأمتعة)."""
    return parts[0].stem not in grammar.common_heads or parts[1].stem in grammar.firsts


def _name_only(parts: list[Part], head: Head) -> Part | None:
    """The proper name that stands for the organisation without its classifier head
    (شركة [بريتش بتروليوم] العالمية), or None when the head belongs to the name."""
    if head.names == "in" or parts[1].role != "name":
        return None
    if any(p.after_lam for p in parts[2:]):
        return None  # the head names it with its complement: مؤسسة نافالني لمكافحة الفساد
    if any(p.role == "noun" for p in parts[2:]):
        return None  # a noun after the first word makes a chain: جمعية مصدري الصلب
    return parts[1]  # words after the name describe it: شركة [بريتش بتروليوم] العالمية


@lru_cache(maxsize=4096)
def _nisba_only(key: str) -> bool:
    """Whether the one-token gazetteer name ``key`` is only ever a nisba adjective
    (بريطانيه), not also a place's name (سوريه is Syria)."""
    forms = {e[3] for e in load_gazetteer().index.get(key, ()) if e[0] == (key,)}
    return forms == {"nisba"}


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Given names (``given_names.txt``), as token keys."""
    return frozenset(name_key(w) for w in read_words("gazetteers/given_names.txt"))


def _club_word(parts: list[Part], head: Head, scanner: _Scanner) -> Part | None:
    """The one definite word after a head whose ``names`` is "word" (نادي [النصر]، نادي
    [الهلال] السعودي), as the organisation's own name without the classifier; None when
    the chain goes on with more than a country's nisba or the word is a lexicon word
    (نادي الصحافة: a club of the press, built on its head)."""
    if head.names != "word" or parts[0].stem == "" or len(parts) < 2:
        return None
    word = parts[1]
    if (
        word.role != "noun"
        or word.after_lam
        or word.joined
        or (word.stem,) in scanner.grammar.words
    ):
        return None
    if not scanner.keys[word.first].startswith(ARTICLE):
        return None
    # The club's country agrees with نادي (الهلال السعودي); a feminine nisba agrees with
    # the word, a description: نادي العاصمة الفرنسية.
    if not all(
        p.role == "place"
        and scanner._definite_nisba(p.first)
        and not _is_feminine(scanner.keys[p.first])
        for p in parts[2:]
    ):
        return None
    return Part("name", word.first, word.last, word.stem)


def is_name_word(key: str) -> bool:
    """A word that may belong to a proper name no list knows: rare in the news, without
    the article (بريتش، هارفارد، نافالني), or a capitalised Latin word (شركة Apple)."""
    if key.isascii():
        return key[:1].isupper() and key.isalpha()
    return can_be_name(key) and not is_definite(key)


def find_organisations(
    keys: list[str],
    covered: Mapping[int, Covered],
    is_place_name: Callable[[str], bool] = lambda key: False,
    grammar: Grammar | None = None,
    is_name_word: Callable[[str], bool] = is_name_word,
    tries: Sequence[int] | None = None,
) -> list[OrgSpan]:
    """Organisation names in one sentence's token keys, left to right, not overlapping.

    ``covered``: tokens already taken by gazetteer names, by their first token's range;
    places among them may sit inside an organisation's name (its country, its city),
    other names end it. ``is_place_name``: whether a bare token names a place (منتخب قطر).
    ``is_name_word``: whether a token may be a word of a proper name no list knows (a rare
    word: جامعة هارفارد). ``tries``: the tokens, in order, that may start a name (every
    token whose key is one of the grammar's ``head_keys`` at least), when the caller
    knows them; None: all.
    """
    grammar = grammar or load_grammar()
    head_keys = grammar.head_keys
    scanner: _Scanner | None = None  # made at the first head: most sentences have none
    found: list[OrgSpan] = []
    resume = 0  # after a name, the next one starts at its end
    for i in range(len(keys)) if tries is None else tries:
        key = keys[i]
        if i < resume or key not in head_keys or i in covered:
            continue
        reading = read_head(key, grammar.heads)
        if reading is None:
            continue
        if scanner is None:
            scanner = _Scanner(keys, covered, grammar, is_place_name, is_name_word)
        span = _organisation_at(scanner, i, *reading)
        if span is None:
            continue
        found.append(span)
        resume = max(span.last, i + 1)
    return found


def _organisation_at(
    scanner: _Scanner, i: int, prefix: int, head: str, definite: bool
) -> OrgSpan | None:
    """The organisation whose head is token ``i``, or None."""
    info = scanner.grammar.heads[head]
    # A name in quotes after a bare head is the name alone, whatever the head: صحيفة
    # "[الأهرام]"، لمنتخب "[المانشافت]"، جامعة "[السوربون]"، معهد "[كارنيغي أوروبا]".
    if info.bare and not definite and i + 1 < len(scanner.keys):
        quoted = scanner.quoted_name(i + 1)
        if quoted is not None:
            quote = Part("name", quoted[0], quoted[1], "")
            return OrgSpan(quoted[0], quoted[1], 0, head, [quote])
    parts = scanner.chain(i, head, definite)
    if not _valid(parts, definite, info, scanner.grammar):
        return None
    name = _name_only(parts, info) or _club_word(parts, info, scanner)
    if name is not None:
        return OrgSpan(name.first, name.last, 0, head, [name])
    parts += scanner.seat(parts[-1].last)
    return OrgSpan(i, parts[-1].last, prefix, head, parts)


def _chunks(parts: list[Part], grammar: Grammar):
    """(first part, English) of the words of ``parts``, longest lexicon entries first
    (كرة الطاولة → Table Tennis); places as (part, None); None for an unknown word."""
    k = 0
    while k < len(parts):
        if parts[k].role in ("place", "namesake"):
            yield parts[k], None
            k += 1
            continue
        for n in range(min(grammar.max_words, len(parts) - k), 0, -1):
            run = parts[k : k + n]
            if any(p.role in ("place", "namesake") for p in run):
                continue
            english = grammar.words.get(tuple(p.stem for p in run))
            if english:
                yield run[0], english
                k += n
                break
        else:
            yield parts[k], ""
            k += 1


def _phrase(parts: list[Part], place_name, grammar: Grammar) -> str | None:
    """English of the parts after the head (countries left out): each noun with its
    adjectives before it; a construct chain read backwards (تنظيم الاتصالات →
    Telecommunications Regulation); coordinated nouns joined by "and"."""
    groups: list[list[str]] = []  # runs of noun phrases, read backwards
    for part, english in _chunks(parts, grammar):
        if english is None:
            name = place_name(part)
            if name:
                groups.append([name])
            continue
        if not english:
            return None
        if part.role == "adj" and groups:
            groups[-1][-1] = f"{english} {groups[-1][-1]}"
        elif part.joined and groups:
            groups[-1] += ["and", english]
        else:
            groups.append([english])
    return " ".join(" ".join(g) for g in reversed(groups)) if groups else ""


def is_classifier(key: str, grammar: Grammar | None = None) -> bool:
    """Whether the token key ``key`` (bare or behind proclitics) is a classifier noun that
    stays outside an organisation's own name (وكالة رويترز، نادي برشلونة)."""
    grammar = grammar or load_grammar()
    reading = read_head(key, grammar.heads) if key in grammar.head_keys else None
    return reading is not None and not reading[2] and grammar.heads[reading[1]].names != "in"


def is_state_body(span: OrgSpan, grammar: Grammar | None = None) -> bool:
    """Whether the organisation is a body of a state (its head's ``state`` column)."""
    return (grammar or load_grammar()).heads[span.head].state


def english_name(
    span: OrgSpan,
    place_name: Callable[[Part], str | None] = lambda part: None,
    grammar: Grammar | None = None,
) -> str | None:
    """An English name built from the head and its chain (countries left out: the caller
    adds the country), or None when a word is not in ``org_words.tsv``.

    ``place_name(part)``: the English name of a place that is part of the name (a city),
    None for a country marker (left out).
    """
    grammar = grammar or load_grammar()
    if any(p.role == "name" or (p.role == "namesake" and not p.ids) for p in span.parts):
        return None  # a proper name no list knows has no English here (no transliteration)
    head = grammar.heads[span.head]
    rest = [p for p in span.parts[1:] if p.role != "seat"]
    name = _english(rest, head, place_name, grammar)
    seat = span.parts[-1]
    if name is None or seat.role != "seat":
        return name
    if not seat.ids:
        return None  # a seat no list knows: no English name for it
    city = place_name(seat)  # a country is the linker's to add
    return f"{name} in {city}" if city else name


def _english(rest: list[Part], head: Head, place_name, grammar: Grammar) -> str | None:
    """:func:`english_name` of the head and the parts ``rest`` after it (no seat)."""
    head_adjs = []
    while rest and rest[0].role == "adj":
        head_adjs.append(rest.pop(0))
    adjs = [w for p in head_adjs if (w := grammar.words.get((p.stem,)))]
    if len(adjs) != len(head_adjs):
        return None
    lam = next((k for k, p in enumerate(rest) if p.after_lam), len(rest))
    complement = _phrase(rest[:lam], place_name, grammar)
    purpose = _phrase(rest[lam:], place_name, grammar)
    if complement is None or purpose is None:
        return None
    front = " ".join(reversed(adjs))
    if head.order == "team":  # Saudi Arabia national team (Table Tennis)
        name = f"{complement or COUNTRY} {front + ' ' if front else ''}{head.english}"
        return f"{name} ({purpose})" if purpose else name
    if head.order == "of":  # Ministry of Civil Service
        name = f"{head.english} of {complement}" if complement else head.english
        name = f"{front} {name}" if front else name
        return f"{name} for {purpose}" if purpose else name
    # Civil Aviation Authority; General Civil Aviation Authority; Wrestling Federation
    inner = complement or purpose
    name = " ".join(w for w in (front, inner, head.english) if w)
    return f"{name} for {purpose}" if complement and purpose else name
