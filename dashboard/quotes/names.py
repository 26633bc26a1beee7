"""Speakers' names the recogniser missed: the subject of a reporting verb that looks like
a person's name becomes a candidate mention of a person, so that linking makes it an actor
and the statement has someone to point at.

``وقالت برايس إنها …``, ``وأضافت رومانا روك المتحدثة باسم شرطة برن أن …``, ``وقالت
النجمة البارزة كانغانا رانوت: …``: a transliterated or rare name right after the verb, or
after a person's title and its adjectives, that no gazetteer, pattern or model found.

A word is taken for part of a name only when nothing says it is a common word: not a
stop word, a reporting verb, a role noun or a word of the quote lexicon's lists; not
written with a glued preposition; and not a noun the news writes with the article about as
often as without it (``dashboard.actors.homographs.is_homograph``: مصدر، مسؤول، تقارير) nor
a word seen often in the news without ever taking it. The name must end where a subject
ends (a comma, the opener إن / أن, a colon or quotation mark, a preposition, a title with
the article after it: رومانا روك المتحدثة). A wrong speaker is worse than none: any doubt
leaves the subject as it was.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from functools import cache, lru_cache, wraps
from itertools import islice

from dashboard.actors.text import name_key
from dashboard.arabic.calendar_names import weekdays
from dashboard.arabic.chars import ARTICLE, QUOTE_CHARS
from dashboard.arabic.clitics import lexicon as news_lexicon
from dashboard.arabic.stopwords import stopwords
from dashboard.datafiles import read_words
from dashboard.quotes.lexicon import QuoteLexicon, VerbForm
from dashboard.quotes.speakers import has_preposition, strip_conjunction
from dashboard.quotes.text import ArticleText

#: A name has at most this many words (تشوي جونغ هون).
MAX_NAME_WORDS = 3
#: Words of a body's name after its head noun (جهاز الإحصاء، هيئة الأركان العامة).
MAX_BODY_WORDS = 3
#: A person's title before the name: at most this many words (النجمة البارزة، المفوضة
#: الأوروبية للتجارة).
MAX_TITLE_WORDS = 4
#: A word is a common noun when the news writes it with the article at least this often …
MIN_DEFINITE = 10
#: … and at least this share of the times it writes it without (a name almost never takes
#: the article: ترامب 0 times in 12,450, خالد 10 in 743; أحدث 82 in 1,488).
DEFINITE_SHARE = 0.05
#: Attached pronouns: a common noun with one (حالته، سفارتها، أحدهم) is no name.
_PRONOUNS = ("هما", "ها", "هم", "هن", "كم", "نا", "ه")
_OBJECT_PRONOUNS = frozenset(("هما", "ها", "هم", "هن"))
#: Endings of a sound plural's construct form (منتقدو الرئيس، مقاتلي المعارضة): no name
#: when the plural itself is a common noun (المنتقدين، المقاتلين).
_CONSTRUCT_PLURALS = ("و", "ي")
#: The prefixes of the imperfect, and how often another of its forms must be seen.
_IMPERFECT_PREFIXES = ("ي", "ت")
_SEEN = 3
#: A proclitic and the article, longest first (وبال before بال).
_DEFINITE_PREFIXES = ("وبال", "وال", "فال", "بال", "كال", "ولل", "لل")
#: Glued prepositions: بكل، لكل، بمثابة are a preposition and a common word.
_GLUED = ("ب", "ل", "ك")
#: How many tokens after the name its statement may open (إن، أن، a colon, a quotation
#: mark): a title after the name or a phrase (لبي بي سي، في بيان) may come between.
MAX_TO_OPENER = 10
#: Tokens that open a statement after its subject, besides the complementisers.
_OPENING_MARKS = frozenset(":") | frozenset(QUOTE_CHARS)
#: Tokens that end a name: punctuation a subject ends with.
_NAME_ENDS = frozenset("،,:؛;.()-–—") | frozenset(QUOTE_CHARS)
_TANWEEN = re.compile("[\u064b-\u064d]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_LATIN_LETTER = re.compile("[A-Za-z]")
#: How many tokens a person's title may run before the comma after which the name comes
#: (المتحدث باسم حزب العدالة والتنمية الحاكم في تركيا، ماهر أونال).
MAX_TITLE_PHRASE = 12
#: A one-word name the news writes more often than this is no unknown person's (يونايتد،
#: نوفيتشوك): the gazetteer or the model would know one so frequent.
MAX_SEEN_ALONE = 200
#: Negations before a verb: what follows is rarely a statement with a named speaker.
_NEGATIONS = frozenset(("لم", "لن", "لا", "ما", "ولم", "ولن", "ولا"))
#: What the candidates say of how the name was found (``MENTION_METHODS``).
METHOD = "pattern"


@cache
def not_names() -> frozenset[str]:
    """Normalised words that are never part of a speaker's name
    (``data/quotes/not_names.txt``)."""
    return frozenset(read_words("quotes/not_names.txt"))


def _per_lexicon(test: Callable[[str, QuoteLexicon], bool]) -> Callable[[str, QuoteLexicon], bool]:
    """``test`` answered once per word and lexicon (kept in the lexicon's ``word_tests``):
    a pure test of a normalised word against the lexicon and the word lists."""
    name = test.__name__

    @wraps(test)
    def memoised(key: str, lex: QuoteLexicon) -> bool:
        answer = lex.word_tests.get((name, key))
        if answer is None:
            answer = lex.word_tests[(name, key)] = test(key, lex)
        return answer

    return memoised


def speaker_names(
    doc: ArticleText,
    readings: Mapping[int, VerbForm],
    candidates: Sequence[Mapping],
    lex: QuoteLexicon,
) -> list[dict]:
    """Candidate mentions (the recogniser's fields, kind PER) of the names written as the
    subject of a reporting verb that no candidate covers (see the module docstring)."""
    covered: Covered | None = None  # built for the first verb that may have a name
    found: list[dict] = []
    for verb, reading in readings.items():
        if reading.form not in ("perfect", "imperfect") or reading.number != "sg":
            continue
        if covered is None:
            covered = sorted((c["start"], c["end"], c["form"] == "nisba") for c in candidates)
        kind = "PER"
        span = _name_after(doc, verb, covered, lex)
        if span is None:
            kind, span = "ORG", _body_after(doc, verb, covered, lex)
        if span is None or any(f["start"] == doc.starts[span[0]] for f in found):
            continue
        start, end = doc.starts[span[0]], doc.ends[span[1] - 1]
        surface = doc.text[start:end]
        found.append(
            {
                "start": start,
                "end": end,
                "surface": surface,
                "kind": kind,
                "method": METHOD,
                "key": name_key(surface),
                "actor_ids": "",
                "form": "name",
                "hint": "",
                "name_en": "",
            }
        )
    return found


#: A candidate's span and whether it is an adjective of origin (الأوروبية).
Covered = list[tuple[int, int, bool]]


def _name_after(
    doc: ArticleText, verb: int, covered: Covered, lex: QuoteLexicon
) -> tuple[int, int] | None:
    """Token range of the name written as the subject of the verb at token ``verb``: right
    after it (a weekday may come first: صرحت الأربعاء مايا …), or after a person's title
    (its words, or its phrase up to a comma: المتحدث باسم الحزب الحاكم، ماهر أونال); None
    when there is none or any word is in doubt."""
    if verb > 0 and doc.keys[verb - 1] in _NEGATIONS:
        return None  # لم يعد يبصر: no statement, and rarely a name after it
    j = verb + 1
    if j < len(doc.keys) and doc.keys[j] in weekdays():
        j += 1
    if j >= len(doc.keys):
        return None
    if lex.role_of(doc.keys[j]) is None:
        if _described(doc.keys[j], lex):  # وقال الطبيب جريجوري تسيان: a title of no list
            after = _past_title(doc, j, covered)
            if after is None or doc.keys[after][:1] in _GLUED:
                return None  # التحليل الدقيق لطرائف أشعب: the genitive, no name
            return _name_at(doc, after, covered, lex)
        return _name_at(doc, j, covered, lex)
    role = lex.role_of(doc.keys[j])
    if role is None or role.kind != "PER":
        return None
    if _is_title(doc.keys[j], lex):
        after_title = _past_title(doc, j, covered)
        if after_title is not None and (found := _name_at(doc, after_title, covered, lex)):
            return found
    # the name in apposition after the title's phrase, the title with the article or not
    # (قال مسؤول ملف الاستيطان في محافظة نابلس، غسان دغلس)
    comma = _comma_after(doc, j, lex)
    return _name_at(doc, comma + 1, covered, lex) if comma is not None else None


def _body_after(
    doc: ArticleText, verb: int, covered: Covered, lex: QuoteLexicon
) -> tuple[int, int] | None:
    """Token range of a body named as the subject of the verb at token ``verb`` by an
    organisation's role noun in the construct form and the words with the article after it
    (وقال جهاز الإحصاء إن، وذكرت وحدة النزاهة في بيان أن), which the recogniser did not
    find; None when there is none. A role noun alone (وقالت الشرطة) names no body of its
    own: the speaker rules resolve it to one the article names."""
    if verb > 0 and doc.keys[verb - 1] in _NEGATIONS:
        return None
    j = verb + 1
    if j < len(doc.keys) and doc.keys[j] in weekdays():
        j += 1
    if j >= len(doc.keys) or not doc.is_word[j]:
        return None
    head = doc.keys[j]
    role = lex.role_of(head)
    if role is None or role.kind != "ORG" or head.startswith(ARTICLE) or has_preposition(head):
        return None
    k = j + 1
    while k < len(doc.keys) and k - j <= MAX_BODY_WORDS and _body_word(doc, k, lex):
        k += 1
    if k == j + 1 or _covered(covered, doc.starts[j], doc.ends[k - 1]):
        return None
    if not _ends_name(doc, k, lex) or not _opens_after(doc, k, lex):
        return None
    return j, k


def _body_word(doc: ArticleText, k: int, lex: QuoteLexicon) -> bool:
    """Whether the token at ``k`` may go on a body's name after its head: a word with the
    article that is no listed word (a weekday, a stop word, an adverb, a role noun)."""
    key = doc.keys[k]
    return (
        doc.is_word[k]
        and key.startswith(ARTICLE)
        and len(key) > len(ARTICLE) + 2
        and key not in weekdays()
        and not _listed(key, lex)
    )


def _name_at(
    doc: ArticleText, first: int, covered: Covered, lex: QuoteLexicon
) -> tuple[int, int] | None:
    """Token range of the name starting at token ``first``, None when none does (see
    :func:`_name_after`)."""
    j = first
    while j < len(doc.keys) and j - first < MAX_NAME_WORDS and _name_word(doc, j, first, lex):
        if _covered(covered, doc.starts[j], doc.ends[j]):
            return None  # the recogniser read this name (or part of it): its answer stands
        j += 1
    if j == first or not _ends_name(doc, j, lex) or not _opens_after(doc, j, lex):
        return None
    if j == first + 1 and news_lexicon().get(doc.keys[first], 0) > MAX_SEEN_ALONE:
        return None  # a word the news writes this often is a name the lists know, or none
    return first, j


@_per_lexicon
def _described(key: str, lex: QuoteLexicon) -> bool:
    """Whether a word with the article is a common noun that may stand as a person's title
    before their name (الطبيب، المحلل، النجمة): not a listed word."""
    bare = strip_conjunction(key)
    if not bare.startswith(ARTICLE) or has_preposition(bare):
        return False
    noun = bare[len(ARTICLE) :]
    return (
        len(noun) > 2
        and not _listed(bare, lex)
        and _common_noun(noun)
        # also written without the article: not a family name that takes it (الرميحي)
        and news_lexicon().get(noun, 0) >= MIN_DEFINITE
    )


def _comma_after(doc: ArticleText, j: int, lex: QuoteLexicon) -> int | None:
    """The first comma within :data:`MAX_TITLE_PHRASE` tokens after the title at token
    ``j``, in its sentence and before the statement opens; None when there is none."""
    sentence = doc.sentence_of(doc.starts[j])
    for k in range(j + 1, min(j + MAX_TITLE_PHRASE, len(doc.keys))):
        key = doc.keys[k]
        if key in "،,":
            return k
        if (
            key in lex.complementizers
            or key in _OPENING_MARKS
            or key in lex.forms
            or doc.sentence_of(doc.starts[k]) != sentence
        ):
            return None
    return None


def _past_title(doc: ArticleText, j: int, covered: Covered) -> int | None:
    """The token after a person's title opening at token ``j`` (the role noun, then words
    with the article, an adjective of origin the recogniser found or an actor named with
    ل, a comma): where a name may start."""
    k = j + 1
    while k < len(doc.keys) and k - j < MAX_TITLE_WORDS:
        key = doc.keys[k]
        if key in "،,":
            k += 1
            break
        bare = strip_conjunction(key)
        if (
            not doc.is_word[k]
            or not (
                key.startswith(ARTICLE)
                or bare.startswith("لل")
                or _covered(covered, doc.starts[k], doc.ends[k], nisba_only=True)
                # whose title it is, named with ل (المحامي الخاص لترامب رودي جولياني)
                or (bare[:1] == "ل" and _covered(covered, doc.starts[k], doc.ends[k]))
            )
        ):
            break
        k += 1
    return k if k < len(doc.keys) else None


def _is_title(key: str, lex: QuoteLexicon) -> bool:
    role = lex.role_of(key)
    return role is not None and role.kind == "PER" and key.startswith(ARTICLE)


def _name_word(doc: ArticleText, j: int, first: int, lex: QuoteLexicon) -> bool:
    """Whether the token at ``j`` may be a word of a name starting at ``first``: no
    article (a family name with it, الهاملي, is not told from an adjective), no glued
    preposition or و on the first word, and not a common word."""
    key = doc.keys[j]
    if not doc.is_word[j] or len(key) <= 2 or key.startswith(ARTICLE):
        return False  # الهاملي: a family name with the article is no name here
    if _TANWEEN.search(doc.text, doc.starts[j], doc.ends[j]) or _defined_common(key):
        return False  # قولاً: written in the accusative, no subject; بالضرورة
    if j == first and (has_preposition(key) or key[:1] == "و" or _glued_common(key)):
        return False
    if _ARABIC_LETTER.search(key) and _LATIN_LETTER.search(key):
        return False  # لـCNN: a preposition glued to a Latin name
    if j > first and doc.keys[first] not in news_lexicon():
        # after a word the news never wrote (رومانا), a rarer common noun is a last name
        # (روك): only the lists and the inflections rule it out
        return not _listed(key, lex) and not _inflected(key)
    return not _common(key, lex)


@_per_lexicon
def _common(key: str, lex: QuoteLexicon) -> bool:
    """Whether a normalised word is a common word of the news or of the quote lexicon."""
    if _listed(key, lex) or _common_noun(key):
        return True
    return _inflected(key) or _imperfect_verb(key) or _adverbial_participle(key)


@lru_cache(maxsize=65_536)
def _defined_common(key: str) -> bool:
    """Whether ``key`` is a proclitic and the article before a word of the news
    (بالضرورة، للاتحاد); a name may start so (بالبيردي، فالفيردي)."""
    for prefix in _DEFINITE_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            rest = key[len(prefix) :]
            return news_lexicon().get(ARTICLE + rest, 0) >= MIN_DEFINITE
    return False


@lru_cache(maxsize=65_536)
def _glued_common(key: str) -> bool:
    """Whether ``key`` is a glued preposition and a common word (بكل، لكل، بمثابة), or
    the future's س and a verb (سيؤدي). A later word of a name may look so (أنييس بوزن)."""
    if key[:1] in _GLUED and (key[1:] in stopwords() or _common_noun(key[1:])):
        return True
    return key[:1] == "س" and key[1:2] in _IMPERFECT_PREFIXES and key[1:] in news_lexicon()


def is_object_word(key: str) -> bool:
    """Whether a normalised word after a glued preposition (its key without the
    preposition) is a common word that takes no name's place: one with the article the
    news writes so (للصحفيين -> الصحفيين), or a word of the news with an attached pronoun
    (لأنصاره، بقوله). A bare word is left alone: بيومي، لاسمر are names."""
    counts = news_lexicon()
    if key.startswith(ARTICLE):
        return len(key) > len(ARTICLE) + 2 and counts.get(key, 0) >= MIN_DEFINITE
    return any(
        counts.get(spelt, 0) >= MIN_DEFINITE
        for p in _PRONOUNS
        if key.endswith(p) and len(key) > len(p) + 2
        for spelt in _spellings(key[: -len(p)])
    )


def _listed(key: str, lex: QuoteLexicon) -> bool:
    """Whether a normalised word is a stop word or a word of the quote lexicon's lists."""
    return (
        key in stopwords()
        or key in not_names()
        or key in lex.forms
        or key in lex.subject_stops
        or key in lex.adverbs
        or key in lex.relatives
        or key in lex.complementizers
        or lex.role_of(key) is not None
    )


def _adverbial_participle(key: str) -> bool:
    """Whether ``key`` is a word in the accusative, which no subject is: an adverb the
    news writes often whose stem is a common noun (قريبا، رسميا، حقا), or a participle
    (مخاطبا، مبتسما: addressing, smiling) whose stem the news writes. A name ending so
    (رومانا) is a word the news hardly ever writes."""
    if not key.endswith("ا") or len(key) < 3:
        return False
    counts, stem = news_lexicon(), key[:-1]
    if key[:1] == "م" and len(stem) > 3 and counts.get(stem, 0) >= MIN_DEFINITE:
        return True
    if stem.endswith("ت") and _common_noun(stem[:-1] + "ه"):
        return True  # مجلتا: a dual's construct form
    return counts.get(key, 0) >= MIN_DEFINITE and _common_noun(stem)


def _imperfect_verb(key: str) -> bool:
    """Whether ``key`` reads as an imperfect verb the news also writes with the other
    prefix of the third person (تمكن: يمكن; تبني: يبني); not نـ, which opens nouns too
    (تسيان is no verb for نسيان)."""
    if key[:1] not in _IMPERFECT_PREFIXES or len(key) < 4:
        return False
    counts = news_lexicon()
    rest = key[1:]
    seen = sum(counts.get(p + rest, 0) >= _SEEN for p in _IMPERFECT_PREFIXES if p != key[0])
    return seen >= 1


@lru_cache(maxsize=65_536)
def _inflected(key: str) -> bool:
    """Whether ``key`` is an inflection of a word of the news: the word with an attached
    pronoun (حالته، سفارتها، أسماؤهم، رفعها), a sound plural (مراسلون) or a plural's
    construct form (منتقدو الرئيس، مقاتلي المعارضة، معارضوها) whose plural is a common
    noun."""
    counts = news_lexicon()
    bases = [key] + [key[: -len(p)] for p in _PRONOUNS if key.endswith(p) and len(key) > len(p) + 1]
    for i, base in enumerate(bases):
        if i and any(_common_noun(spelt) for spelt in _spellings(base)):
            return True
        # any word of the news with ها، هم on it (رفعها، حللها): no name ends so (but many
        # end in نا or ه: رومانا، ياسمينة)
        pronoun = key[len(base) :]
        if pronoun in _OBJECT_PRONOUNS and any(
            counts.get(s, 0) >= MIN_DEFINITE for s in _spellings(base)
        ):
            return True
        if base.endswith("ون") and len(base) > 3 and _common_noun(base[:-2]):
            return True
        if base.endswith(_CONSTRUCT_PLURALS) and len(base) > 2:
            stem = base[:-1]
            if _common_noun(stem + "ين") or _common_noun(stem + "ون"):
                return True
    return False


def _spellings(stem: str) -> tuple[str, ...]:
    """A noun's stem before a pronoun as the noun is written alone: سفارت -> سفاره,
    اسماؤ -> اسماء."""
    if stem.endswith("ت"):
        return stem, stem[:-1] + "ه"
    if stem.endswith(("ؤ", "ئ")):
        return stem, stem[:-1] + "ء"
    return (stem,)


@lru_cache(maxsize=65_536)
def _common_noun(key: str) -> bool:
    """Whether the news writes ``key`` with the article often enough to be a common noun
    (see :data:`MIN_DEFINITE`, :data:`DEFINITE_SHARE`)."""
    counts = news_lexicon()
    definite = counts.get(ARTICLE + key, 0)
    return definite >= MIN_DEFINITE and definite >= DEFINITE_SHARE * counts.get(key, 0)


def _ends_name(doc: ArticleText, j: int, lex: QuoteLexicon) -> bool:
    """Whether a name may end before token ``j``: at the end of the text, a punctuation
    mark, the statement's opener, a preposition, or a person's title with the article
    (رومانا روك المتحدثة; any other word with it makes the name a noun's construct form:
    أولياء الأمور، أصحاب السعادة)."""
    if j >= len(doc.keys):
        return True
    key = doc.keys[j]
    if not doc.is_word[j]:
        return key in _NAME_ENDS
    return (
        key in lex.complementizers
        or strip_conjunction(key) in lex.subject_stops
        or (has_preposition(key) and not key.startswith(ARTICLE))
        or _is_title(key, lex)
    )


def _opens_after(doc: ArticleText, j: int, lex: QuoteLexicon) -> bool:
    """Whether a statement opens within :data:`MAX_TO_OPENER` tokens from token ``j``, in
    the same sentence and before any other reporting verb: the name is a speaker's."""
    sentence = doc.sentence_of(doc.starts[j]) if j < len(doc.keys) else -1
    for k in range(j, min(j + MAX_TO_OPENER, len(doc.keys))):
        key = doc.keys[k]
        if key in lex.complementizers or key in _OPENING_MARKS:
            return True
        if key in ".؟?!" or key in lex.forms or doc.sentence_of(doc.starts[k]) != sentence:
            return False
        if (
            key in stopwords()
            and strip_conjunction(key) not in lex.subject_stops
            and not has_preposition(key)
            and not (key[:1] == "ب" and len(key) > 3)  # باسم، بحسب
        ):
            return False  # لا يمكنها أن: another clause, not the subject's phrase
    return False


def _covered(spans: Covered, start: int, end: int, nisba_only: bool = False) -> bool:
    """Whether a candidate (an adjective of origin, with ``nisba_only``) overlaps
    ``[start, end)``. The spans are sorted: only those starting before ``end`` are read."""
    before_end = islice(spans, bisect_left(spans, (end,)))
    if nisba_only:
        return any(start < e and nisba for _, e, nisba in before_end)
    return any(start < e for _, e, _ in before_end)
