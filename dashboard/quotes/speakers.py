"""Who speaks: the actors of one article as the speaker resolver sees them.

A reported statement's speaker is found by one of a few small policies, tried in order
(see :data:`POLICIES` in :mod:`dashboard.quotes.extract`):

- ``subject``: an actor named right after the verb, titles allowed (وقال وزير الخارجية
  الروسي سيرغي لافروف), or right before it (لكن كين قال إن);
- ``role``: a role noun (وقالت الوزيرة) resolved to the person named earlier with that
  title, else the last matching speaker or actor;
- ``implicit``: no subject written (وأضافت): the sentence's own subject if it agrees with
  the verb, else the last speaker whose verb agreed, else the last matching actor;
- ``unnamed``: a subject is written but names no actor (وقال خبراء).

This module holds the per-article facts those policies read: each mention's kind, whether
it is a nisba adjective (الروسي), the titles written next to a person, and the gender of
people (given, from a feminine title or given name, or from the agreement of the verb at
their first quote).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

from dashboard.arabic.calendar_names import weekdays
from dashboard.arabic.chars import ARTICLE, CONJUNCTIONS, PREPOSITIONS, QUOTE_CHARS
from dashboard.arabic.clitics import split_clitics
from dashboard.arabic.normalize import normalize
from dashboard.quotes.lexicon import QuoteLexicon, Role
from dashboard.quotes.text import ArticleText

# The endings of a nisba adjective's last word, normalised: الروسي، الكورية، الأوكرانيين;
# plural ones name a people, never the state (الفلسطينيون، الكوريين الشماليين).
_NISBA_END = re.compile(r"ي(?:ه|ين|ون|ان|تان|تين|ات)?$")
_NISBA_PLURAL_END = re.compile(r"(?:يين|يون)$")
# A dateline before the story ("دبي، الإمارات العربية المتحدة (CNN)-- "): its places speak
# for nobody. It ends with a dash within the first characters of the text.
_DATELINE = re.compile(r"^.{0,80}?(?:--|—|–)\s*")
_PERSON_KINDS = ("PER",)
_BODY_KINDS = ("ORG", "GPE", "LOC")
# Bodies that speak when no subject is written: organisations and states, not other places
# (a square, a region) — those are named as the subject if ever they "say" anything.
_SPEAKING_BODIES = ("ORG", "GPE")
# Kinds a person's name is sometimes given by the recogniser (an unknown foreign name).
_MISTAKEN_KINDS = ("LOC", "ORG")
# How many words before / after a person's name may carry their title.
_TITLE_WORDS_BEFORE = 4
_TITLE_WORDS_AFTER = 3
# How many of a person's mentions are read for a feminine title or name.
_GENDER_MENTIONS = 3
# A surname shorter than this is no name part (ال، بن، أبو).
_NAME_PART_LETTERS = 3
# Characters read before / after a name to find those words.
_TITLE_SPAN_BEFORE = 70
_TITLE_SPAN_AFTER = 50


class Mention(NamedTuple):
    """A linked mention of an actor in the article: offsets into ``text``, actor id, kind.
    (A named tuple: an article's candidates make tens of them, and a tuple is built several
    times faster than a frozen dataclass.)"""

    start: int
    end: int
    actor_id: str
    kind: str


#: A mention's start (its first field), the key mentions are sorted by.
_START = itemgetter(0)
#: A mention's (actor id, kind).
_ACTOR_KIND = itemgetter(2, 3)


class ActorInfo(NamedTuple):
    """What the extractor may know of an actor: its kind, gender (``"m"``, ``"f"`` or
    ``""`` unknown) and canonical Arabic name (tells الروسي, an adjective, from روسيا)."""

    kind: str
    gender: str = ""
    name: str = ""


@dataclass
class Speaker:
    """A resolved speaker: the mention it was resolved to (its actor is the speaker; None
    when unresolved), how it was found, and the words of the statement's own sentence that
    name it (the subject's name, a role noun; None when the subject is left in the verb);
    ``role``: see there."""

    mention: Mention | None
    how: str
    start: int | None = None
    end: int | None = None
    #: The role the subject was written with (its base and the words after it, وزير
    #: الخارجية -> ("وزير", "الخارجيه")), so that a later role noun binds to this speaker.
    role: tuple[str, ...] = ()

    @property
    def actor_id(self) -> str | None:
        return self.mention.actor_id if self.mention is not None else None


class ArticleActors:
    """The mentions of one article with what speaker resolution needs to know of them."""

    def __init__(
        self,
        doc: ArticleText,
        mentions: Sequence[Mention],
        actors: Mapping[str, ActorInfo],
        lexicon: QuoteLexicon,
    ):
        self.doc = doc
        self.lexicon = lexicon
        self.mentions = sorted(mentions, key=_START)  # stable: ties keep their order
        # Their starts, ascending: a mention starting after an offset neither covers it nor
        # ends before it, so the scans below stop there.
        self._starts = list(map(_START, self.mentions))
        self.actors = actors
        dateline = _DATELINE.match(doc.text)
        #: Where the story starts after a dateline (0 when there is none).
        self.dateline_end = dateline.end() if dateline else 0
        #: actor id -> kind of its mentions here.
        self.kinds = dict(map(_ACTOR_KIND, self.mentions))  # the last mention's kind
        #: Genders learnt from the verbs of people's quotes (see :meth:`learn_gender`): the
        #: first one heard, which counts only for a person whose gender is not given.
        self.gender: dict[str, str] = {}
        # Facts computed on first use (most mentions are never looked at).
        self._nisba: dict[int, bool] = {}
        self._prepositional: dict[int, bool] = {}
        self._titles: dict[int, frozenset[Role]] = {}
        self._title_words: dict[int, frozenset[str]] = {}
        self._governed: dict[int, bool] = {}
        self._given: dict[str, str] = {}
        self._last_words: dict[str, list[int]] = {}
        self._surfaces: list[tuple[str, str]] | None = None
        self._any_surface: tuple[str, frozenset[str]] = ("", frozenset())
        self._surface_starts: list[int] = []
        self._by_name_end: dict[str, list[int]] = {}
        self._first_mentions: dict[str, list[int]] | None = None
        self._roles: list[tuple[int, Role]] | None = None
        # The largest end of the mentions up to each (see covering_index).
        self._end_reach: list[int] | None = None

    # -- facts about mentions -------------------------------------------------------
    def is_nisba(self, index: int) -> bool:
        """Whether the mention is an adjective of origin (الرئيس الروسي), not a name."""
        if index not in self._nisba:
            self._nisba[index] = self._is_nisba(self.mentions[index])
        return self._nisba[index]

    def is_prepositional(self, index: int) -> bool:
        """Whether the mention follows a preposition (للأسد، مع لافروف): not a subject."""
        if index not in self._prepositional:
            self._prepositional[index] = self._after_preposition(self.mentions[index])
        return self._prepositional[index]

    def is_governed(self, index: int) -> bool:
        """Whether a person's role noun governs the mention (مديرة صندوق النقد الدولي، رئيس
        كوريا الجنوبية): the mention is whose role it is, not the subject."""
        if index not in self._governed:
            key, is_word = self.doc.token_before(self.mentions[index].start)
            role = self.lexicon.role_of(strip_conjunction(key)) if is_word else None
            self._governed[index] = (
                role is not None and role.kind == "PER" and not key.startswith(ARTICLE)
            )
        return self._governed[index]

    def titles(self, index: int) -> frozenset[Role]:
        """The roles written next to a person's name (وزيرة الخارجية … شو سون هوي); for a
        name the linker gave another kind, the person's roles written right after it
        (رومانا روك المتحدثة باسم شرطة برن), which make it a person."""
        if index not in self._titles:
            if self.mentions[index].kind == "PER":
                self._titles[index] = self._words_around(index)
            elif self.mentions[index].kind in _MISTAKEN_KINDS and not self.is_nisba(index):
                self._titles[index] = self._title_after(index)
            else:
                self._titles[index] = frozenset()
        return self._titles[index]

    def title_words(self, index: int) -> frozenset[str]:
        """The words read around a person's name for titles, without the article (the
        words of a title: وزير، خارجيه، روسي)."""
        self.titles(index)
        return self._title_words.get(index, frozenset())

    def origins(self, index: int) -> frozenset[str]:
        """The countries of the adjectives of origin in the title written right before a
        person's name (الرئيس الفرنسي إيمانويل ماكرون -> France); empty when none is."""
        doc = self.doc
        k = doc.token_at(self.mentions[index].start) - 1
        found = set()
        for _ in range(_TITLE_WORDS_BEFORE):
            if k < 0 or not doc.is_word[k]:
                break
            i = self.covering_index(doc.starts[k])
            if i is not None and self.mentions[i].kind == "GPE" and self.is_nisba(i):
                found.add(self.mentions[i].actor_id)
            k -= 1
        return frozenset(found)

    def is_person(self, index: int) -> bool:
        """Whether the mention names a person: linked as one, or written with a person's
        title right after it (a name the linker took for a place or an organisation)."""
        return self.mentions[index].kind == "PER" or bool(self.titles(index))

    def by_name_part(self, key: str, offset: int) -> int | None:
        """The nearest person mentioned before ``offset`` whose name ends with the word
        ``key`` (a normalised surname alone, قال المنصوري, after سلطان بن سعيد المنصوري),
        else the first one mentioned after it (a full name the linker missed, linked later);
        None when no person's name ends so."""
        if key not in self._last_words:
            self._last_words[key] = self._ending_with(key)
        found = [i for i in self._last_words[key] if self.is_person(i)]
        earlier = [i for i in found if self.mentions[i].end <= offset]
        if earlier:
            return earlier[-1]
        later = [i for i in found if self.mentions[i].start > offset]
        return later[0] if later else None

    def _ending_with(self, key: str) -> list[int]:
        """Indexes of the mentions whose last word (of two or more), or the last word of
        whose actor's name, is ``key`` (a surname: :data:`_NAME_PART_LETTERS` letters or
        more). A mention's words are read only when its text holds ``key`` at all: most
        do not."""
        if len(key) < _NAME_PART_LETTERS:
            return []
        if self._surfaces is None:
            self._surfaces = [
                (self.doc.folded_text(m.start, m.end), _last_name_word(self._name_of(m)))
                for m in self.mentions
            ]
            # All of them at once: most words end no name and are told so by two lookups.
            self._any_surface = (
                "\x01".join(surface for surface, _ in self._surfaces),
                frozenset(name_end for _, name_end in self._surfaces),
            )
            # Where each surface starts in the joined text, and the mentions by the last
            # word of their actor's name: a word's mentions are found without a scan.
            self._surface_starts = list(
                accumulate((len(surface) + 1 for surface, _ in self._surfaces[:-1]), initial=0)
            )
            for i, (_, name_end) in enumerate(self._surfaces):
                self._by_name_end.setdefault(name_end, []).append(i)
        surfaces, name_ends = self._any_surface
        if key not in name_ends and key not in surfaces:
            return []
        words_in, mentions = self.doc.words_in, self.mentions
        found = set(self._by_name_end.get(key, ()))
        # the mentions whose surface holds ``key`` (it holds no \x01: no match spans two)
        at = surfaces.find(key)
        while at >= 0:
            i = bisect_right(self._surface_starts, at) - 1
            if (
                i not in found
                and len(words := words_in(mentions[i].start, mentions[i].end)) > 1
                and words[-1] == key
            ):
                found.add(i)
            following = i + 1
            if following >= len(self._surface_starts):
                break
            at = surfaces.find(key, self._surface_starts[following])
        return sorted(found)

    def _name_of(self, m: Mention) -> str:
        info = self.actors.get(m.actor_id)
        return info.name if info is not None else ""

    def gender_of(self, actor_id: str) -> str:
        """A person's gender: given, learnt from a verb, or from a feminine title or name
        next to one of their mentions; "" when unknown."""
        if actor_id not in self._given:
            if self._first_mentions is None:
                # The first few mentions of each person carry their title, if any (later
                # ones are the bare surname): one pass over the mentions for all actors.
                self._first_mentions = {}
                for i, m in enumerate(self.mentions):
                    first = self._first_mentions.setdefault(m.actor_id, [])
                    if len(first) < _GENDER_MENTIONS:
                        first.append(i)
            first = self._first_mentions.get(actor_id, [])
            self._given[actor_id] = next((g for i in first if (g := self._given_gender(i))), "")
        return self._given[actor_id] or self.gender.get(actor_id, "")

    def in_range(self, start: int, end: int) -> list[int]:
        """Indexes of the mentions starting in ``[start, end)``."""
        if end <= start:
            return []
        return list(range(bisect_left(self._starts, start), bisect_left(self._starts, end)))

    def covering(self, offset: int) -> bool:
        """Whether a mention covers ``offset`` (a word inside a linked name)."""
        return self.covering_index(offset) is not None

    def covering_index(self, offset: int) -> int | None:
        """Index of the mention covering ``offset``, None when none does."""
        # The first mention ending after ``offset`` is the first whose running maximum of
        # the ends passes it; it covers ``offset`` if it starts at or before it.
        if self._end_reach is None:
            self._end_reach = list(accumulate((m.end for m in self.mentions), max))
        first = bisect_right(self._end_reach, offset)
        return first if first < bisect_right(self._starts, offset) else None

    def before(self, offset: int) -> list[int]:
        """Indexes of the mentions ending at or before ``offset``, nearest first."""
        return list(self.iter_before(offset))

    def iter_before(self, offset: int) -> Iterator[int]:
        """:meth:`before`, one at a time (for a reader that stops at the first that fits)."""
        mentions = self.mentions
        for i in range(bisect_right(self._starts, offset) - 1, -1, -1):
            if mentions[i].end <= offset:
                yield i

    def starting_from(self, offset: int) -> range:
        """Indexes of the mentions starting at or after ``offset``, in text order."""
        return range(bisect_left(self._starts, offset), len(self.mentions))

    def starting_after(self, offset: int) -> range:
        """Indexes of the mentions starting after ``offset``, in text order."""
        return range(bisect_right(self._starts, offset), len(self.mentions))

    def roles_before(self, token: int) -> Iterator[tuple[int, Role]]:
        """(token index, role) of the role nouns before token ``token``, nearest first;
        the article's role nouns are looked up once, on first use."""
        if self._roles is None:
            doc, lex = self.doc, self.lexicon
            present = lex.role_keys.intersection(doc.keys)  # most words are none
            self._roles = [
                (j, role)
                for j, key in enumerate(doc.keys)
                if key in present and doc.is_word[j] and (role := lex.role_of(key)) is not None
            ]
        roles = self._roles
        for k in range(bisect_left(roles, (token,)) - 1, -1, -1):
            yield roles[k]

    def _is_nisba(self, m: Mention) -> bool:
        # An adjective of origin after a noun (الرئيس الروسي، وزيرة الخارجية الكورية الشمالية)
        # names no speaker by itself; the country named as a noun does (قالت السعودية).
        if m.kind not in ("GPE", "LOC"):
            return False
        surface = " ".join(self.doc.words_in(m.start, m.end))
        info = self.actors.get(m.actor_id)
        if info is not None and info.name and _normalized_name(info.name) == surface:
            return False
        if not _NISBA_END.search(surface):
            return False
        if _NISBA_PLURAL_END.search(surface):
            return True
        key, is_word = self.doc.token_before(m.start)
        return is_word and key not in self.lexicon.forms

    def _after_preposition(self, m: Mention) -> bool:
        # Glued (لبوتين، للأسد: the mention starts inside a word) or a separate preposition
        # right before it (مع لافروف).
        text = self.doc.text
        if m.start > 0 and text[m.start - 1].isalpha():
            return True
        if has_preposition(self.doc.word_at(m.start)):
            return True
        mark = m.start
        while mark > 0 and text[mark - 1].isspace():
            mark -= 1
        key, _ = self.doc.token_before(m.start)
        if mark and text[mark - 1] in QUOTE_CHARS:
            # a quoted name after a preposition of its own (حسابه على "تويتر"): read past
            # the mark; not after لـ (الموقع الإلكتروني لـ"سبورتس إيلوسترايتد" speaks)
            before, _ = self.doc.token_before(mark - 1)
            key = before if len(before) > 1 else key
        # a weekday ends a subject's words but puts no name after it in an object
        # (صرحت الأربعاء مايا كوسيانسيتش)
        return strip_conjunction(key) in self.lexicon.subject_stops and key not in weekdays()

    def _words_around(self, index: int, before: bool = True) -> frozenset[Role]:
        m = self.mentions[index]
        words_before = self.doc.words_in(m.start - _TITLE_SPAN_BEFORE, m.start) if before else []
        after = self.doc.words_in(m.end, m.end + _TITLE_SPAN_AFTER)
        words: list[str] = []
        for key in reversed(words_before[1:]):  # the first may be cut by the window
            if not key[:1].isalpha():
                if key in "،,":
                    continue
                break
            if not words and self._governs(key):
                break  # محامي ترامب: Trump's lawyer, not Trump's title
            words.append(key)
            if len(words) == _TITLE_WORDS_BEFORE:
                break
        taken = 0
        for key in after[:-1]:
            if key[:1].isalpha():
                words.append(key)
                taken += 1
                if taken == _TITLE_WORDS_AFTER:
                    break
            elif key not in "،,":
                break
        self._title_words[index] = frozenset(
            strip_conjunction(w)[len(ARTICLE) :] if strip_conjunction(w).startswith(ARTICLE) else w
            for w in words
        )
        return frozenset(role for w in words if (role := self.lexicon.role_of(w)) is not None)

    def _governs(self, key: str) -> bool:
        """Whether a word right before a name is a role noun without the article, which
        makes the name its genitive (محامي ترامب، مستشار بوتين)."""
        bare = strip_conjunction(key)
        return self.lexicon.role_of(bare) is not None and not bare.startswith(ARTICLE)

    def _title_after(self, index: int) -> frozenset[Role]:
        # The title is the next word, or the one after a last name part the mention left out
        # (رومانا روك المتحدثة): a word without the article.
        m = self.mentions[index]
        after = self.doc.words_in(m.end, m.end + _TITLE_SPAN_AFTER, most=2)
        for k, key in enumerate(after):
            role = self.lexicon.role_of(key)
            if role is not None and role.kind == "PER":
                return frozenset((role,))
            if k or not key[:1].isalpha() or key.startswith(ARTICLE):
                break
        return frozenset()

    def _given_gender(self, index: int) -> str:
        m = self.mentions[index]
        info = self.actors.get(m.actor_id)
        if info is not None and info.gender:
            return info.gender
        first_name = _normalized_name(self.doc.text[m.start : m.end]).split(" ")[0]
        if first_name in self.lexicon.feminine_names:
            return "f"
        if any(role.kind == "PER" and role.gender == "f" for role in self.titles(index)):
            return "f"
        return ""

    # -- agreement ------------------------------------------------------------------
    def agrees(self, index: int, gender: str, number: str) -> bool:
        """Whether the mention can be the subject of a verb of this gender and number.

        People agree in gender (a person of unknown gender takes a masculine verb);
        organisations and countries take either, other places neither; no single actor takes a plural or dual
        verb (those speak for a group: ناشطون، محاميان).
        """
        if number in ("pl", "du"):
            return False
        m = self.mentions[index]
        if self.is_person(index):
            return not gender or (self.gender_of(m.actor_id) or "m") == gender
        return m.kind in _SPEAKING_BODIES

    def learn_gender(self, actor_id: str | None, gender: str) -> None:
        """Record a person's gender from the verb of their first quote that shows one; it
        counts where no gender is given (:meth:`gender_of` reads the given one first, so
        that it is worked out only when asked for)."""
        if actor_id and gender and self.kinds.get(actor_id) == "PER":
            self.gender.setdefault(actor_id, gender)


def strip_conjunction(key: str) -> str:
    """``key`` without a leading و or ف when what remains is two letters or more."""
    return key[1:] if len(key) > 2 and key[0] in CONJUNCTIONS else key


@lru_cache(maxsize=65_536)
def _normalized_name(name: str) -> str:
    """A name normalised (an actor's canonical name, a mention's words: names repeat
    across articles)."""
    return normalize(name)


@lru_cache(maxsize=65_536)
def _last_name_word(name: str) -> str:
    """The normalised last word of an actor's canonical name (its surname; "" for none)."""
    return normalize(name).split(" ")[-1] if name else ""


@lru_cache(maxsize=65_536)
def has_preposition(key: str) -> bool:
    """Whether a normalised key starts with a glued ب ل ك (لبوتين، للأسد، بالقول); the
    article alone (الولايات) and the conjunctions و ف are no preposition."""
    cut, _ = split_clitics(key)
    head = key[:cut]
    if head.endswith(ARTICLE):
        head = head[: -len(ARTICLE)]
    return any(c in PREPOSITIONS for c in head)
