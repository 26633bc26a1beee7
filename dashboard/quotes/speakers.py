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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dashboard.arabic.clitics import split_clitics
from dashboard.arabic.normalize import normalize
from dashboard.quotes.lexicon import QuoteLexicon
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
# How many words before / after a person's name may carry their title.
_TITLE_WORDS_BEFORE = 4
_TITLE_WORDS_AFTER = 3


@dataclass(frozen=True)
class Mention:
    """A linked mention of an actor in the article: offsets into ``text``, actor id, kind."""

    start: int
    end: int
    actor_id: str
    kind: str


@dataclass(frozen=True)
class ActorInfo:
    """What the extractor may know of an actor: its kind, gender (``"m"``, ``"f"`` or
    ``""`` unknown) and canonical Arabic name (tells الروسي, an adjective, from روسيا)."""

    kind: str
    gender: str = ""
    name: str = ""


@dataclass
class Speaker:
    """A resolved speaker: actor id (or None), how it was found, the span that names it."""

    actor_id: str | None
    how: str
    start: int | None = None
    end: int | None = None


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
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.actors = actors
        dateline = _DATELINE.match(doc.text)
        #: Where the story starts after a dateline (0 when there is none).
        self.dateline_end = dateline.end() if dateline else 0
        self._nisba = [self._is_nisba(m) for m in self.mentions]
        self._prepositional = [self._after_preposition(m) for m in self.mentions]
        self.titles = {i: self._titles(i) for i, m in enumerate(self.mentions) if m.kind == "PER"}
        self.gender: dict[str, str] = {}
        for i, m in enumerate(self.mentions):
            if m.kind == "PER" and m.actor_id not in self.gender:
                found = self._given_gender(i)
                if found:
                    self.gender[m.actor_id] = found

    # -- facts about mentions -------------------------------------------------------
    def is_nisba(self, index: int) -> bool:
        return self._nisba[index]

    def is_prepositional(self, index: int) -> bool:
        return self._prepositional[index]

    def in_range(self, start: int, end: int) -> list[int]:
        """Indexes of the mentions starting in ``[start, end)``."""
        return [i for i, m in enumerate(self.mentions) if start <= m.start < end]

    def before(self, offset: int) -> list[int]:
        """Indexes of the mentions ending at or before ``offset``, nearest first."""
        return [i for i in range(len(self.mentions) - 1, -1, -1) if self.mentions[i].end <= offset]

    def _previous_token(self, offset: int) -> int:
        return self.doc.token_at(offset) - 1

    def _is_nisba(self, m: Mention) -> bool:
        # An adjective of origin after a noun (الرئيس الروسي، وزيرة الخارجية الكورية الشمالية)
        # names no speaker by itself; the country named as a noun does (قالت السعودية).
        if m.kind not in ("GPE", "LOC"):
            return False
        surface = normalize(self.doc.text[m.start : m.end])
        info = self.actors.get(m.actor_id)
        if info is not None and info.name and normalize(info.name) == surface:
            return False
        if not _NISBA_END.search(surface):
            return False
        if _NISBA_PLURAL_END.search(surface):
            return True
        prev = self._previous_token(m.start)
        if prev < 0 or not self.doc.is_word[prev]:
            return False
        return self.doc.keys[prev] not in self.lexicon.forms

    def _after_preposition(self, m: Mention) -> bool:
        # Glued (لبوتين، للأسد) or a separate preposition right before (مع لافروف).
        first = self.doc.token_at(m.start)
        if first < len(self.doc.starts) and self.doc.starts[first] < m.start:
            return True
        covering = first - 1
        if covering >= 0 and self.doc.ends[covering] > m.start:
            return True
        key = self.doc.keys[first] if first < len(self.doc.keys) else ""
        return has_preposition(key) or self._prepositional_word_before(first)

    def _prepositional_word_before(self, first: int) -> bool:
        prev = first - 1
        return prev >= 0 and strip_conjunction(self.doc.keys[prev]) in self.lexicon.subject_stops

    def _titles(self, index: int) -> frozenset[str]:
        """Keys (without clitics and article) of the words next to a person's name."""
        m = self.mentions[index]
        doc = self.doc
        first = doc.token_at(m.start)
        last = doc.token_at(m.end)
        words: list[str] = []
        for j in range(first - 1, max(-1, first - 1 - _TITLE_WORDS_BEFORE), -1):
            if not doc.is_word[j]:
                if doc.keys[j] in "،,":
                    continue
                break
            words.append(doc.keys[j])
        for j in range(last, min(len(doc.keys), last + _TITLE_WORDS_AFTER)):
            if doc.is_word[j]:
                words.append(doc.keys[j])
            elif doc.keys[j] not in "،,":
                break
        return frozenset(bare(w) for w in words)

    def _given_gender(self, index: int) -> str:
        m = self.mentions[index]
        info = self.actors.get(m.actor_id)
        if info is not None and info.gender:
            return info.gender
        first_name = normalize(self.doc.text[m.start : m.end]).split(" ")[0]
        if first_name in self.lexicon.feminine_names:
            return "f"
        for word in self.titles.get(index, ()):
            role = self.lexicon.roles.get(word)
            if role is not None and role.kind == "PER" and role.gender == "f":
                return "f"
        return ""

    # -- agreement ------------------------------------------------------------------
    def agrees(self, index: int, gender: str, number: str) -> bool:
        """Whether the mention can be the subject of a verb of this gender and number.

        People agree in gender (a person of unknown gender takes a masculine verb);
        organisations and countries take either; no single actor takes a plural or dual
        verb (those speak for a group: ناشطون، محاميان).
        """
        if number in ("pl", "du"):
            return False
        m = self.mentions[index]
        if m.kind == "PER":
            known = self.gender.get(m.actor_id, "")
            return not gender or (known or "m") == gender
        return m.kind in _BODY_KINDS

    def learn_gender(self, actor_id: str | None, gender: str) -> None:
        """Record a person's gender from the verb of their first quote (if not known)."""
        if actor_id and gender and actor_id not in self.gender:
            kind = next((m.kind for m in self.mentions if m.actor_id == actor_id), "")
            if kind == "PER":
                self.gender[actor_id] = gender


def strip_conjunction(key: str) -> str:
    """``key`` without a leading و or ف when what remains is two letters or more."""
    return key[1:] if len(key) > 2 and key[0] in "وف" else key


def has_preposition(key: str) -> bool:
    """Whether a normalised key starts with a glued ب ل ك (لبوتين، للأسد، بالقول); the
    article alone (الولايات) and the conjunctions و ف are no preposition."""
    cut, _ = split_clitics(key)
    head = key[:cut]
    if head.endswith("ال"):
        head = head[:-2]
    return any(c in "بلك" for c in head)


def bare(key: str) -> str:
    """A normalised key without its proclitics and article (والوزيرة -> وزيره)."""
    cut, _ = split_clitics(key)
    rest = key[cut:]
    if rest.startswith("ال") and len(rest) > 3:
        rest = rest[2:]
    return rest
