"""Reported statements of one article: who said what, where (DESIGN.md's ``quotes`` frame).

:func:`extract_quotes` is pure: it reads one article's text, its sentence spans and its
linked mentions, and returns one row per reported statement. How it works:

1. **Triggers.** A reporting verb (any form of ``data/quotes/verbs.tsv``: قال، وأضافت،
   مضيفا، قوله …) followed, within its clause, by an *opener*: a complementiser (أن، إن،
   بأنه …, not after بعد/إلا/يمكن …), a quotation mark, or a colon. A verb with no opener
   reports no statement (نفى لافروف أي تدخل). Two verbs reaching the same opener make one
   statement (وأضاف قائلا: …).
2. **Spans.** A quotation runs to its closing mark (across sentences; an unclosed one to
   the end of its paragraph); a colon without marks runs to the end of its paragraph; a
   clause runs to the end of its sentence (and over following sentences that start with
   وأن/وإن), cut before a coordinated reporting verb (…، وأضاف أن) and before the reporter's
   attribution (…، وفقا لما …). A clause that is one whole quotation counts as direct.
3. **Nesting.** A statement whose verb lies inside another statement's span is quoted inside
   it (``parent_id``); it ends where the quotation holding it ends.
4. **Speakers**, by the first policy of :data:`POLICIES` that answers (see
   :mod:`dashboard.quotes.speakers`).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import compress, count

from dashboard.arabic.calendar_names import weekdays
from dashboard.arabic.chars import ARTICLE, CONJUNCTIONS, PREPOSITIONS, QUOTE_CHARS
from dashboard.datafiles import read_lines, read_table, read_words
from dashboard.frames import QUOTE_HOW, SCHEMAS
from dashboard.quotes.lexicon import QuoteLexicon, Role, VerbForm, load_lexicon
from dashboard.quotes.names import is_object_word
from dashboard.quotes.speakers import (
    ActorInfo,
    ArticleActors,
    Mention,
    Speaker,
    has_preposition,
    strip_conjunction,
)
from dashboard.quotes.text import SENTENCE_MARKS, TRAILING_PUNCTUATION, ArticleText, Quotation

#: The columns of the ``quotes`` frame, in order (``dashboard.frames.SCHEMAS``: DESIGN.md's,
#: then the mention the speaker was resolved to, which re-linking re-maps to an actor).
QUOTE_COLUMNS = tuple(SCHEMAS["quotes"])
#: How a speaker was found (the ``how`` column; ``dashboard.frames.QUOTE_HOW``).
HOW_VALUES = QUOTE_HOW

# How many words a verb of each form may be from its opener (a subject with titles and an
# adverbial: وأكد التحالف اليمني لرصد انتهاكات حقوق الإنسان …، في كلمة له …، أن).
WINDOW_WORDS = {"perfect": 28, "imperfect": 28, "participle": 10, "masdar": 6}
# Fewer words than this in quotation marks make a quoted name or phrase, not a statement.
MIN_QUOTED_WORDS = 4
# Words of a subject read before the role noun or name is given up on.
_HEAD_ROLE_WORDS = 3
# Words after a role noun that tell one role from another (وزير الخارجية، رئيس البرلمان).
_ROLE_KEY_WORDS = 2
# Sentences after a role noun's own read for the name of a person nobody named before.
_LATER_SENTENCES = 1
# Tokens of a sentence opening with its verb read for the person who is its subject.
_VERB_FIRST_WORDS = 8
# Words before a verb read for a subject written before it (… إن or كان … قد, which open it,
# may stand further).
_SUBJECT_BEFORE_WORDS = 14
# Marks that end a clause: a subject before its verb does not reach past them.
_CLAUSE_BREAKS = frozenset(SENTENCE_MARKS + "،,:")
# Punctuation that may stand inside a subject (apposition, a bracketed hashtag).
_IN_SUBJECT = set("،,()#_-")


@dataclass
class Trigger:
    """A reporting verb and what opens its statement (``clause``, ``quote``, ``colon`` or
    ``before``: a quotation just before the verb)."""

    verb: int
    reading: VerbForm
    opener: str
    at: int
    quotation: Quotation | None = None


@dataclass
class Statement:
    trigger: Trigger
    start: int
    end: int
    direct: bool
    parent: Statement | None = None
    speaker: Speaker = field(default_factory=lambda: Speaker(None, "implicit"))


def extract_quotes(
    article_id: str,
    text: str,
    sentences: Sequence[tuple[int, int, int]],
    mentions: Sequence[Mention],
    actors: Mapping[str, ActorInfo] | None = None,
    lexicon: QuoteLexicon | None = None,
) -> list[dict]:
    """Rows of the ``quotes`` frame (keys :data:`QUOTE_COLUMNS`) for one article.

    ``sentences``: ``(sentence_id, start, end)`` of the article's sentences; ``mentions``:
    its linked mentions (offsets into ``text``, actor id, kind); ``actors``: actor id ->
    :class:`ActorInfo` (kind, gender and Arabic name when known; optional). ``speaker`` is an
    actor id or None; ``parent_id`` and the speaker offsets are None when there are none.
    Rows come in the order of their verbs.
    """
    doc, statements = find_statements(text, sentences, mentions, actors, lexicon)
    return [_row(article_id, doc, s) for s in statements]


def find_statements(
    text: str,
    sentences: Sequence[tuple[int, int, int]],
    mentions: Sequence[Mention],
    actors: Mapping[str, ActorInfo] | None = None,
    lexicon: QuoteLexicon | None = None,
    tokens: Sequence[tuple[int, int]] | None = None,
) -> tuple[ArticleText, list[Statement]]:
    """The article as the extractor read it and its statements (speakers resolved, each
    with its ``parent``), in the order of their verbs; arguments as :func:`extract_quotes`',
    and ``tokens``, the text's token spans if the caller has them (see :class:`ArticleText`)."""
    lex = lexicon or load_lexicon()
    doc = ArticleText(text, sentences, tokens)
    return doc, statements_in(doc, verb_readings(doc, lex), mentions, actors, lex)


def statements_in(
    doc: ArticleText,
    readings: Mapping[int, VerbForm],
    mentions: Sequence[Mention],
    actors: Mapping[str, ActorInfo] | None,
    lex: QuoteLexicon,
) -> list[Statement]:
    """The statements of an article already read (:func:`find_statements`), from the
    reporting verbs among its tokens (:func:`verb_readings`): none, with no work on its
    mentions, when it has no such verb."""
    if not readings:
        return []
    people = ArticleActors(doc, mentions, actors or {}, lex)
    triggers = find_triggers(doc, people, lex, readings)
    if not triggers:
        return []
    verbs = {t.verb for t in triggers}
    statements = [statement_of(doc, t, verbs, lex) for t in triggers]
    nest(doc, statements)
    resolve_speakers(doc, people, statements, lex)
    dropped = {id(s) for s in statements if s.end <= s.start or _own_words(doc, s, lex)}
    kept = [s for s in statements if id(s) not in dropped]
    for s in kept:
        while s.parent is not None and id(s.parent) in dropped:
            s.parent = s.parent.parent
    return kept


def _own_words(doc: ArticleText, s: Statement, lex: QuoteLexicon) -> bool:
    """A verb in quotation marks inside another statement is the quoted speaker talking
    (“… أعتقد أن …”), not a statement reported inside the quote, when it has no subject of
    its own or when it may be the speaker's own imperfect (أعتقد reads as اعتقد, "he
    believed": وقال الرجوب: "أعتقد ما حصل …"), whatever its subject was read as. (A
    perfect in ت may be anyone's: ذكرت.)"""
    if s.parent is None or doc.quotation_around(doc.starts[s.trigger.verb]) is None:
        return False
    readings = lex.forms.get(doc.keys[s.trigger.verb], ())
    return s.speaker.how == "implicit" or any(
        r.person == 1 and r.form == "imperfect" for r in readings
    )


# -- 1. triggers -----------------------------------------------------------------------
def _reading(lex: QuoteLexicon, key: str) -> VerbForm | None:
    """The third-person reading of a key (first and second person are the speaker's own
    words inside a quote: وأنا أؤكد أن …)."""
    return lex.third_person.get(key)


def verb_readings(doc: ArticleText, lex: QuoteLexicon) -> dict[int, VerbForm]:
    """Token index -> third-person reading of every token that is a reporting verb (a verb
    misspelt ووأضاف included), before any other work: the article's reporting words are
    found by one set intersection, then their tokens by a scan in C."""
    return key_readings(doc.keys, lex)


def key_readings(keys: Sequence[str], lex: QuoteLexicon) -> dict[int, VerbForm]:
    """:func:`verb_readings` of the tokens whose keys are ``keys`` (before the article is
    read into an :class:`ArticleText`, which an article without them never needs)."""
    present = lex.reporting_keys.intersection(keys)
    if not present:
        return {}
    written = lex.written_third_person
    found = list(compress(count(), map(present.__contains__, keys)))
    return dict(zip(found, map(written.__getitem__, map(keys.__getitem__, found)), strict=True))


def find_triggers(
    doc: ArticleText,
    people: ArticleActors,
    lex: QuoteLexicon,
    readings: Mapping[int, VerbForm] | None = None,
) -> list[Trigger]:
    """Every reporting verb of the article that has an opener, in text order;
    ``readings``: :func:`verb_readings` of ``doc``, if the caller has them."""
    if readings is None:
        readings = verb_readings(doc, lex)
    # Where the search for an earlier verb's opener stops: another verb, which reports its
    # own statement (… ما قالت إنه، مضيفا أن) — unless it has an object pronoun and sits in a
    # relative clause (في بيان نقلته وسائل الإعلام: …), or is negated (اللذين لم تفصح …
    # عن هويتهما، أن: it reports nothing) or a noun after a preposition.
    not_reporting = {
        i for i in readings if _negated(doc, i) or _after_preposition(doc, i, readings)
    }
    barriers = {
        i
        for i, r in readings.items()
        if r.form != "masdar" and not r.object_pronoun and i not in not_reporting
    }
    mention_starts = {m.start for m in people.mentions}
    inside_mentions = [(m.start, m.end) for m in people.mentions]
    triggers: list[Trigger] = []
    used: set[tuple[str, int]] = set()
    for i, reading in sorted(readings.items()):
        if reading.form == "masdar" and not _masdar_reports(doc, i, reading, mention_starts, lex):
            continue
        trigger = _opener(doc, i, reading, barriers, inside_mentions, lex)
        if trigger is None:
            trigger = _quotation_before(doc, i, reading)
        if trigger is None or (trigger.opener, trigger.at) in used:
            continue
        if doc.keys[i] in lex.impersonal and trigger.at == i + 1:
            continue  # يذكر أن: nobody speaks
        if i in not_reporting:
            continue  # لم تفصح، دون أن يوضح: nothing is said
        used.add((trigger.opener, trigger.at))
        triggers.append(trigger)
    return triggers


@cache
def negations() -> tuple[tuple[str, ...], ...]:
    """The phrases that negate a reporting verb right after them, as normalised words
    (``data/quotes/negations.txt``)."""
    return tuple(tuple(line.split()) for line in read_lines("quotes/negations.txt"))


@cache
def prepositions() -> frozenset[str]:
    """Prepositions written as words of their own (``data/quotes/prepositions.txt``)."""
    return frozenset(read_words("quotes/prepositions.txt"))


def _after_preposition(doc: ArticleText, i: int, readings: Mapping[int, VerbForm]) -> bool:
    """Whether the finite verb form at token ``i`` follows a preposition, which makes it a
    noun (في نقل السفارة)."""
    return (
        readings[i].form in ("perfect", "imperfect")
        and i > 0
        and doc.is_word[i - 1]
        and strip_conjunction(doc.keys[i - 1]) in prepositions()
    )


@cache
def _negation_ends() -> frozenset[str]:
    """The last words of the phrases of :func:`negations`: a verb after any other word
    (most are) is not negated, told by one lookup."""
    return frozenset(phrase[-1] for phrase in negations())


def _negated(doc: ArticleText, i: int) -> bool:
    """Whether the verb at token ``i`` follows a phrase of :func:`negations`."""
    keys = doc.keys
    if i == 0 or (
        keys[i - 1] not in _negation_ends()
        and strip_conjunction(keys[i - 1]) not in _negation_ends()
    ):
        return False  # the word before is no phrase's last word (nor one with و/ف)
    for phrase in negations():
        first = i - len(phrase)
        if first < 0 or not doc.is_word[first] or strip_conjunction(keys[first]) != phrase[0]:
            continue
        if tuple(keys[first + 1 : i]) == phrase[1:]:
            return True
    return False


def _masdar_reports(
    doc: ArticleText, i: int, reading: VerbForm, mention_starts: set[int], lex: QuoteLexicon
) -> bool:
    # قوله إن (a pronoun names the speaker), إعلان ترامب بأن (a name follows) or قول الرئيس
    # (a title follows).
    if reading.gender or reading.number:
        return True
    nxt = i + 1
    return nxt < len(doc.starts) and (
        doc.starts[nxt] in mention_starts or _role_at(doc, nxt, lex) is not None
    )


def _opener(
    doc: ArticleText,
    i: int,
    reading: VerbForm,
    barriers: set[int],
    inside_mentions: list[tuple[int, int]],
    lex: QuoteLexicon,
) -> Trigger | None:
    starts, keys, is_word, opening = doc.starts, doc.keys, doc.is_word, doc.opening
    end = doc.sentence_end(starts[i])
    enclosing = doc.quotation_around(starts[i])
    if enclosing is not None:
        end = min(end, enclosing.close)  # a verb inside a quotation reports inside it
    stop = bisect_left(starts, end)  # the first token at or after the end
    complementizers = lex.complementizers
    budget = WINDOW_WORDS[reading.form]
    j = i + 1
    while j < stop:
        key = keys[j]
        if is_word[j]:
            if j in barriers:
                return None
            if (
                key in complementizers
                and not _blocked(doc, j, lex)
                and not _inside(inside_mentions, starts[j])
            ):
                return Trigger(i, reading, "clause", j)
            budget -= 1
            if budget < 0:
                return None
        elif key == ":":
            nxt = j + 1
            if nxt < len(starts) and starts[nxt] in opening:
                return Trigger(i, reading, "quote", nxt, opening[starts[nxt]])
            if nxt < len(starts) and starts[nxt] < doc.paragraph_end(starts[j]):
                return Trigger(i, reading, "colon", j)
            return None
        elif key == "(" and reading.form == "masdar":
            # قول الرئيس رجب طيب أردوغان (يمكن أن نهاجم …): a verbal noun's words in brackets
            bracketed = _bracketed(doc, j)
            return Trigger(i, reading, "quote", j, bracketed) if bracketed else None
        elif starts[j] in opening:
            quotation = opening[starts[j]]
            if _statement_like(doc, j, quotation):
                return Trigger(i, reading, "quote", j, quotation)
            j = doc.token_at(quotation.close + 1)  # a quoted name or phrase: read on
            continue
        elif key in SENTENCE_MARKS:
            return None
        j += 1
    return None


def _bracketed(doc: ArticleText, j: int) -> Quotation | None:
    """The words in the brackets opening at token ``j``, as a quotation, when they close in
    the paragraph and hold a statement's words (not an abbreviation: (YPG))."""
    open_at = doc.starts[j]
    close = doc.text.find(")", open_at, doc.paragraph_end(open_at))
    if close < 0:
        return None
    quotation = Quotation(open_at, close, True)
    return quotation if _statement_like(doc, j, quotation) else None


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls inside one of the sorted, non-overlapping ``spans``."""
    k = bisect_right(spans, (offset, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= offset < spans[k][1]


def _statement_like(doc: ArticleText, j: int, quotation: Quotation) -> bool:
    """A quotation opens a statement when it holds a few words and does not follow a comma
    (… معالم الموصل، "في مشروع …"، وفقا …) — a quoted name (شركة "ماي هريتيج") does not."""
    if j > 0 and (doc.keys[j - 1] in "،," or doc.keys[j - 1] in ("ب", "ل")):
        return False  # after a comma, or بـ"…" / لـ"…": a quoted name or term
    first, last = doc.token_at(quotation.open + 1), doc.token_at(quotation.close)
    return sum(doc.is_word[first:last]) >= MIN_QUOTED_WORDS


def _blocked(doc: ArticleText, j: int, lex: QuoteLexicon) -> bool:
    """أن after بعد، إلا، يمكن … is no complementiser of a reporting verb."""
    prev = j - 1
    return prev >= 0 and strip_conjunction(doc.keys[prev]) in lex.not_before_complementizer


def _quotation_before(doc: ArticleText, i: int, reading: VerbForm) -> Trigger | None:
    # “…”، قال لافروف — the quotation comes first.
    j = i - 1
    if j < 1 or doc.keys[j] not in "،,":
        return None
    j -= 1
    if doc.is_word[j]:
        return None
    q = doc.closing.get(doc.starts[j])
    if q is not None and _statement_like(doc, doc.token_at(q.open), q):
        return Trigger(i, reading, "before", j, q)
    return None


# -- 2. spans --------------------------------------------------------------------------
def statement_of(
    doc: ArticleText, trigger: Trigger, verbs: set[int], lex: QuoteLexicon
) -> Statement:
    """The statement a trigger opens: its span and whether it is direct; ``verbs``: the
    token indexes of the article's triggers (a clause stops before another one)."""
    if trigger.opener in ("quote", "before"):
        assert trigger.quotation is not None
        start, end = trigger.quotation.open + 1, trigger.quotation.close
        return Statement(trigger, *_trim(doc.text, start, end), direct=True)
    first = trigger.at + 1
    if first >= len(doc.starts):
        return Statement(trigger, len(doc.text), len(doc.text), direct=trigger.opener == "colon")
    start = doc.starts[first]
    if trigger.opener == "colon":
        end = doc.paragraph_end(start)
        return Statement(trigger, *_trim(doc.text, start, end), direct=True)
    quotation = doc.opening.get(start)
    if quotation is not None and quotation.closed and _nothing_after(doc, quotation.close + 1, lex):
        return Statement(trigger, *_trim(doc.text, start + 1, quotation.close), direct=True)
    end = _clause_end(doc, first, trigger, verbs, lex)
    if quotation is not None:
        start += 1  # أنه "لا يكترث" إذا …: the statement starts with the quoted word
    return Statement(trigger, *_trim(doc.text, start, end), direct=False)


def _nothing_after(doc: ArticleText, offset: int, lex: QuoteLexicon) -> bool:
    """Whether the sentence ends after ``offset`` with no more reported words (only
    punctuation, or a comma before an attribution or another reporting verb)."""
    end = doc.sentence_end(offset)
    j = doc.token_at(offset)
    while j < len(doc.starts) and doc.starts[j] < end and not doc.is_word[j]:
        j += 1
    if j >= len(doc.starts) or doc.starts[j] >= end:
        return True
    comma_before = j > 0 and doc.keys[j - 1] in "،,"
    return comma_before and (
        doc.keys[j] in lex.attributions or _reading(lex, doc.keys[j]) is not None
    )


def _clause_end(
    doc: ArticleText, first: int, trigger: Trigger, verbs: set[int], lex: QuoteLexicon
) -> int:
    end = doc.sentence_end(doc.starts[first])
    # A following sentence that starts with وأن / وإن goes on with the same report.
    while end < len(doc.text):
        nxt = doc.token_at(end)
        key = doc.keys[nxt] if nxt < len(doc.keys) else ""
        if not (key[:1] == "و" and key[1:] in lex.complementizers):
            break
        end = doc.sentence_end(doc.starts[nxt])
    # The clause's words come after its own verb: every trigger's verb read there is another's.
    end = min(end, _cut(doc, first, end, verbs, lex))
    quotation = doc.quotation_around(doc.starts[trigger.verb])
    if quotation is not None and quotation.close > doc.starts[first]:
        return min(end, quotation.close)
    return end


def _cut(doc: ArticleText, first: int, end: int, others: set[int], lex: QuoteLexicon) -> int:
    """Where the reported words of a clause stop before ``end``: before the reporter's
    attribution (…، وفقا لما …), before another reporting verb (…، مضيفا أن / … وأضاف أن),
    or after a quotation that opens the clause when the sentence goes on in the reporter's
    words (إنه "…" الواقعة إلى جانب …، أنه "…" وقد تم احتجازه)."""
    starts, keys, closing = doc.starts, doc.keys, doc.closing
    attributions = lex.attributions
    opening = doc.opening.get(starts[first])
    stop = bisect_left(starts, end)  # the first token at or after ``end``
    for j in range(first, stop):
        key = keys[j]
        following = keys[j + 1] if j + 1 < stop else ""
        if key in "،,":
            if following in attributions or (j + 1 in others and _reading(lex, following)):
                return starts[j]
        elif j in others and key[:1] in CONJUNCTIONS and lex.forms.get(key):
            return starts[j]  # … وأضاف أن: a new statement, not this one's words
        elif (
            opening is not None and starts[j] == opening.close and _reporter_goes_on(following, lex)
        ):
            return doc.ends[j]
        elif starts[j] in closing and following in attributions:
            return doc.ends[j]  # …"، وفقا لما …: the comma inside the quotation
    return end


def _reporter_goes_on(word: str, lex: QuoteLexicon) -> bool:
    """Whether the word after a closing quotation mark is the reporter's: a relative
    adjective with the article (الواقعة، المدعومة) or a new clause (وقد)."""
    return word in lex.clause_openers or (
        word.startswith(ARTICLE) and len(word) > 3 and lex.role_of(word) is None
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in TRAILING_PUNCTUATION:
        end -= 1
    return start, end


# -- 3. nesting ------------------------------------------------------------------------
def nest(doc: ArticleText, statements: Sequence[Statement]) -> None:
    """Set each statement's parent: the innermost other statement holding its verb and
    the start of its words; a child ends where its parent ends."""
    for s in statements:
        verb_at = doc.starts[s.trigger.verb]
        holders = [
            o for o in statements if o is not s and o.start <= verb_at < o.end and s.start < o.end
        ]
        if holders:
            s.parent = min(holders, key=lambda o: o.end - o.start)
            s.end = min(s.end, s.parent.end)


# -- 4. speakers -----------------------------------------------------------------------
@dataclass
class Context:
    """What a speaker policy may read: the article, its actors, the lexicon, the statements
    resolved so far (text order) and the subject words after the verb."""

    doc: ArticleText
    people: ArticleActors
    lex: QuoteLexicon
    earlier: list[Statement]
    head: tuple[int, int]  # token range of the subject words after the verb


Policy = Callable[[Statement, Context], Speaker | None]
# The kinds of actor that issue a document.
_SPEAKING_KINDS = ("ORG", "GPE")
# Words between a document noun and its issuer (بيان صادر عن …).
_ISSUED = frozenset(("صادر", "صادره"))
# The short vowel u: on a verb's first letter it marks the passive (see _is_passive).
_DAMMA = "\u064f"
# What a word before the verb answers when it rules a subject there out.
_NO_SUBJECT = Speaker(None, "none")


def _subject_head(doc: ArticleText, trigger: Trigger, lex: QuoteLexicon) -> tuple[int, int]:
    """Token range after the verb (and a weekday right after it) where its subject is
    written: up to the opener, a
    preposition, adverbial or relative word (في، خلال، مع، الجمعة، التي …). A word with a
    glued ب ل also ends it, unless the subject opened with a title (المدرب الألماني لنادي
    ليفربول … يورغن كلوب: a genitive chain before the name)."""
    start = trigger.verb + 1
    if start < len(doc.keys) and doc.keys[start] in weekdays():
        start += 1  # صرحت الأربعاء مايا كوسيانسيتش: the day before the subject
    stop = trigger.at if trigger.opener != "before" else start
    titled = start < stop and _role_at(doc, start, lex) is not None
    j = start
    while j < stop:
        key = doc.keys[j]
        if doc.is_word[j]:
            if strip_conjunction(key) in lex.subject_stops or key in lex.subject_stops:
                break
            first_role = j == start and lex.role_of(key) is not None
            if (first_role or (j > start and not titled)) and has_preposition(key):
                break  # لبي بي سي، للشركة: an object, not the subject (كالين is a name)
        elif key not in _IN_SUBJECT and key not in QUOTE_CHARS and not key.isdigit():
            break  # a quoted name stays in the subject: وأشارت "ايزفيستيا"
        j += 1
    return start, j


def _role_at(doc: ArticleText, j: int, lex: QuoteLexicon) -> Role | None:
    return lex.role_of(doc.keys[j]) if doc.is_word[j] else None


def _speaks_for_itself(s: Statement) -> bool:
    """A verbal noun with a pronoun (قوله، إعلانه) names its speaker by the pronoun."""
    r = s.trigger.reading
    return r.form == "masdar" and bool(r.gender or r.number)


def by_passive(s: Statement, ctx: Context) -> Speaker | None:
    """ويُعتقد أن، أُبلغت: a verb written with a damma on its first letter after the
    proclitics is passive (it is believed, she was told): nobody is named as saying it."""
    return Speaker(None, "unnamed") if _is_passive(ctx.doc, s.trigger) else None


def _is_passive(doc: ArticleText, trigger: Trigger) -> bool:
    """Whether the verb is vocalised as passive: a damma on the perfect's first letter
    (أُبلغ، ذُكر), or on the imperfect's prefix (يُعتقد، تُتهم) unless the verb's own
    imperfect takes one (a verb whose perfect opens with أ: يُعلن is active)."""
    reading = trigger.reading
    if reading.form not in ("perfect", "imperfect") or (
        reading.form == "imperfect" and reading.lemma.startswith("أ")
    ):
        return False
    written = doc.text[doc.starts[trigger.verb] : doc.ends[trigger.verb]]
    letters = [ch for ch in written if ch.isalpha() or ch == _DAMMA]
    first = len(reading.proclitic)
    return len(letters) > first + 1 and letters[first + 1] == _DAMMA


def by_speaker_after(s: Statement, ctx: Context) -> Speaker | None:
    """نقلت وكالة الإعلام الروسية عن وزير الخارجية سيرغي لافروف قوله: the name after عن."""
    word = s.trigger.reading.speaker_after
    if not word:
        return None
    doc = ctx.doc
    for j in range(s.trigger.verb + 1, s.trigger.at):
        if strip_conjunction(doc.keys[j]) == word:
            end = doc.starts[s.trigger.at]
            named = _named(ctx, doc.ends[j], end, allow_prepositional=True)
            if named is None and j + 1 < s.trigger.at:
                # عن مصدر عسكري قوله: a source nobody names, not the agency that reports it
                return Speaker(None, "unnamed", doc.starts[j + 1], doc.ends[j + 1])
            return named
    return None


def _named(ctx: Context, start: int, end: int, allow_prepositional: bool = False) -> Speaker | None:
    """The first person, else the first organisation or place, mentioned in ``[start, end)``
    that is not an adjective of origin nor after a preposition."""
    found = [
        i
        for i in ctx.people.in_range(start, end)
        if not ctx.people.is_nisba(i)
        and (allow_prepositional or not ctx.people.is_prepositional(i))
    ]
    person = next((i for i in found if ctx.people.is_person(i)), None)
    choice = person if person is not None else (found[0] if found else None)
    if choice is None:
        return None
    m = ctx.people.mentions[choice]
    return Speaker(m, "subject", m.start, m.end)


def by_subject_after(s: Statement, ctx: Context) -> Speaker | None:
    """وقال وزير الخارجية الروسي سيرغي لافروف: an actor named in the subject words.

    An organisation named after a person's title (المتحدث باسم الأمم المتحدة) gives way to
    the person holding that title in the article, if one is named."""
    first, last = ctx.head
    if first >= last or _speaks_for_itself(s):
        return None
    doc = ctx.doc
    found = _named(ctx, doc.starts[first], doc.ends[last - 1])
    if found is None:
        return None
    before = _before_verb(s, ctx)
    if before is not None:
        opened = _opened_subject(s, ctx, before)
        if opened is not None and opened.mention is not None:
            return None  # وكان الرجوب دعا ميسي: the actor after the verb is its object
    role = _role_at(doc, first, ctx.lex)
    if (
        role is not None
        and role.kind == "PER"
        and found.mention is not None
        and found.mention.kind != "PER"
    ):
        named = _person_past_locative(ctx, last, s.trigger.at)
        if named is not None:
            return Speaker(named, "subject", named.start, named.end)
        gender = role.gender or s.trigger.reading.gender
        key = _role_key(ctx, first)
        complement = key[1] if len(key) > 1 else ""
        holder = _titled_person(
            ctx, s, role.base, gender, later_too=True, complement=complement
        ) or _later_person(ctx, s, gender)
        if holder is not None:
            return Speaker(holder, "role", doc.starts[first], doc.ends[first])
    return found


def _person_past_locative(ctx: Context, j: int, limit: int) -> Mention | None:
    """The person named right after a place phrase that opens at token ``j`` with a
    locative (في) and names only places or bodies, before token ``limit``: the holder of
    the title the subject started with (مدير منظمة الصحة العالمية الإقليمي في أفريقيا
    ماتشيديسو مويتي، زعيم الأغلبية في مجلس الشيوخ ميتش ماكونيل); None when another word
    comes first."""
    doc, people = ctx.doc, ctx.people
    if j >= limit or strip_conjunction(doc.keys[j]) not in ctx.lex.locatives:
        return None
    k = j + 1
    while k < limit:
        if doc.keys[k] in "،,":
            k += 1  # الحاكم في تركيا، ماهر أونال: a comma before the name
            continue
        covering = people.covering_index(doc.starts[k])
        if covering is None:
            return None
        m = people.mentions[covering]
        if m.start == doc.starts[k] and people.is_person(covering):
            return m if k > j + 1 else None  # في لافروف: no place came between
        k = doc.token_at(m.end)
    return None


def by_name_part(s: Statement, ctx: Context) -> Speaker | None:
    """وقال المنصوري: a subject word the linker left unlinked that ends the name of a
    person mentioned earlier (سلطان بن سعيد المنصوري) names that person; so does the last
    word of a full name it missed here and linked later (قال رئيس الوزراء التركي بن علي
    يلدريم … ونقلت "رويترز" عن يلدريم)."""
    first, last = ctx.head
    if first >= last or _speaks_for_itself(s):
        return None
    for j in range(first, last):
        found = _name_part_at(ctx, j, ctx.doc.starts[s.trigger.verb])
        if found is not None:
            return found
    return None


def _name_part_at(ctx: Context, j: int, offset: int) -> Speaker | None:
    """The earlier person whose name ends with the word at token ``j`` (not a role noun
    nor part of a linked mention), as the speaker written there."""
    doc = ctx.doc
    if not doc.is_word[j] or _role_at(doc, j, ctx.lex) is not None:
        return None
    if ctx.people.in_range(doc.starts[j], doc.ends[j]) or ctx.people.covering(doc.starts[j]):
        return None
    index = ctx.people.by_name_part(doc.keys[j], offset)
    if index is None:
        return None
    return Speaker(ctx.people.mentions[index], "subject", doc.starts[j], doc.ends[j])


def by_subject_before(s: Statement, ctx: Context) -> Speaker | None:
    """لكن كين قال إن / وكان ولي العهد السعودي قال: an actor (or a title) written just
    before a verb that carries no و or ف; a subject there that names no actor after إن,
    لكن or كان (إلا أن منظمات حقوقية أشارت) is an unnamed speaker."""
    t = s.trigger
    doc = ctx.doc
    j = _before_verb(s, ctx)
    if j is None:
        return None
    opened = _opened_subject(s, ctx, j)
    if opened is not None:
        return opened
    sentence = doc.sentence_of(doc.starts[t.verb])
    for k in range(j, max(-1, j - _HEAD_ROLE_WORDS), -1):
        if not doc.is_word[k] or doc.sentence_of(doc.starts[k]) != sentence:
            return None
        key = doc.keys[k]
        if (
            key in ctx.lex.relatives
            or strip_conjunction(key) in ctx.lex.subject_stops
            or key in ctx.lex.forms
        ):
            return None
        found = _named_before(s, ctx, k)
        if found is not None:
            return None if found is _NO_SUBJECT else found
    return None


def _before_verb(s: Statement, ctx: Context) -> int | None:
    """The token right before a verb that may have its subject written before it (no و or
    ف on it, not a verbal noun or participle), adverbs and quotation marks skipped; None
    for a verb whose subject cannot stand before it."""
    t = s.trigger
    if t.reading.proclitic or t.reading.form in ("masdar", "participle"):
        return None
    doc = ctx.doc
    j = t.verb - 1
    while j >= 0 and (
        doc.keys[j] in ctx.lex.adverbs or (not doc.is_word[j] and doc.keys[j] in QUOTE_CHARS)
    ):
        j -= 1
    return j


def _opened_subject(s: Statement, ctx: Context, j: int) -> Speaker | None:
    """The subject between an opener (إن، لكن، كان … قد) and the verb, whose last word
    before it is at token ``j``: its first actor (لكن فيليبي موجيو الأمين العام لاتحاد …
    (كونكاكاف) قال), or an unnamed speaker when it names none (إلا أن منظمات حقوقية
    أشارت). None when no opener stands within reach in the sentence."""
    doc, lex = ctx.doc, ctx.lex
    sentence = doc.sentence_of(doc.starts[j]) if j >= 0 else -1
    for k in range(j, max(-1, j - _SUBJECT_BEFORE_WORDS), -1):
        key = doc.keys[k]
        if doc.sentence_of(doc.starts[k]) != sentence or key in _CLAUSE_BREAKS:
            return None
        if not doc.is_word[k]:
            continue
        if key in lex.subject_openers:
            if k == j:
                continue  # مون جيه-إن: a name that ends like إن
            found = (
                _named(ctx, doc.starts[k + 1], doc.ends[j])
                or _name_part_between(s, ctx, k + 1, j)
                or _role_before(s, ctx, k + 1, j)
            )
            if found is not None and _group_of_others(s, ctx, k + 1, found):
                found = None
            return found or Speaker(None, "unnamed", doc.starts[k + 1], doc.ends[j])
        if key in lex.adverbs:
            return None  # وكانت القاهرة قد صعدت حملة ضد وسائل إعلام تقول: قد ends a clause
        if key in lex.relatives or key in lex.forms or strip_conjunction(key) in lex.subject_stops:
            return None
    return None


def _name_part_between(s: Statement, ctx: Context, first: int, last: int) -> Speaker | None:
    """The person the first unlinked word of tokens ``first`` to ``last`` names by ending
    their name (وكان الرجوب دعا, after جبريل الرجوب), if any (see :func:`_name_part_at`)."""
    verb_at = ctx.doc.starts[s.trigger.verb]
    for w in range(first, last + 1):
        found = _name_part_at(ctx, w, verb_at)
        if found is not None:
            return found
    return None


def _group_of_others(s: Statement, ctx: Context, first: int, found: Speaker) -> bool:
    """Whether a plural verb's subject opening at token ``first`` is a group the actor
    ``found`` further in it only qualifies (وكان خبراء اقتصاديون استطلعت رويترز آراءهم قد
    توقعوا: the economists, not Reuters): no single actor speaks with a plural verb unless
    its name opens the subject (وكان الحوثيون قالوا)."""
    if s.trigger.reading.number != "pl" or found.start is None:
        return False
    doc = ctx.doc
    head = next((w for w in range(first, len(doc.keys)) if doc.is_word[w]), None)
    return head is not None and doc.starts[head] < found.start


def _role_before(s: Statement, ctx: Context, first: int, last: int) -> Speaker | None:
    """A subject written before the verb (tokens ``first`` to ``last``) that names no
    actor but starts with a role noun: a body's country (وكانت شرطة مكافحة الإرهاب
    البريطانية قالت), else what the role resolves to (وكان ولي العهد السعودي قال)."""
    doc, people = ctx.doc, ctx.people
    for j in range(first, min(last + 1, first + _HEAD_ROLE_WORDS)):
        role = _role_at(doc, j, ctx.lex)
        if role is None:
            continue
        if role.kind == "ORG":
            for i in people.in_range(doc.starts[j], doc.ends[last]):
                if people.is_nisba(i) and people.mentions[i].kind == "GPE":
                    m = people.mentions[i]
                    return Speaker(m, "subject", m.start, m.end)
        complement = next(
            (
                _bare_key(doc.keys[w])
                for w in range(j + 1, last + 1)
                if doc.is_word[w] and not people.covering(doc.starts[w])
            ),
            "",
        )
        gender = role.gender or s.trigger.reading.gender
        actor = _role_actor(s, ctx, role.base, gender, role.kind, complement)
        return Speaker(actor, "role", doc.starts[j], doc.ends[j])
    return None


def _named_before(s: Statement, ctx: Context, k: int) -> Speaker | None:
    """The speaker the word at token ``k`` before the verb names: a linked actor, a role
    noun, a surname; :data:`_NO_SUBJECT` when the word rules a subject out (an actor
    after a preposition, a role that resolves to nobody); None to read on."""
    doc = ctx.doc
    i = ctx.people.covering_index(doc.starts[k])
    if i is not None and not ctx.people.is_nisba(i):
        if ctx.people.is_prepositional(i):
            return _NO_SUBJECT
        m = ctx.people.mentions[i]
        return Speaker(m, "subject", m.start, m.end)
    role = _role_at(doc, k, ctx.lex)
    if role is not None:
        gender = role.gender or s.trigger.reading.gender
        actor = _role_actor(s, ctx, role.base, gender, role.kind)
        return Speaker(actor, "role", doc.starts[k], doc.ends[k]) if actor else _NO_SUBJECT
    return _name_part_at(ctx, k, doc.starts[s.trigger.verb])


def by_role(s: Statement, ctx: Context) -> Speaker | None:
    """وقالت الوزيرة / وأوضح البيان: a role noun, resolved to an actor named elsewhere.

    A role noun binds first to an earlier statement's speaker introduced with the same role
    (وقال متحدث باسم البحرية … وأوضح المتحدث باسم البحرية: the same speaker, named or not).
    An organisation's role noun with its country (وزارة الدفاع البريطانية، الجهاز المركزي
    للإحصاء في السودان) names that country; one with words of its own name after it that
    the linker left unlinked (وزارة البترول، لجنة 8 مارس) names nobody the article links."""
    first, last = ctx.head
    doc = ctx.doc
    if _speaks_for_itself(s):
        return None
    for j in range(first, min(last, first + _HEAD_ROLE_WORDS)):
        role = _role_at(doc, j, ctx.lex)
        if role is None:
            continue
        key = _role_key(ctx, j)
        if role.kind == "ORG":
            known = _known_body(s, ctx, j, role.base)
            if known is not None:
                return Speaker(known, "role", doc.starts[j], doc.ends[j])
            country = _country_of_body(s, ctx)
            if country is not None:
                return country
        if role.kind == "ANY":
            issuer = _document_issuer(s, ctx, j, role.base)
            if issuer is not None:
                return Speaker(issuer.mention, "role", doc.starts[j], doc.ends[j])
        origin = _origin_after(ctx, j)
        bound = _bound_speaker(ctx, key)
        if bound is not None and not _of_another_country(ctx, bound.mention, origin):
            return Speaker(bound.mention, "role", doc.starts[j], doc.ends[j])
        if _someone_unnamed(ctx, j, role, key):
            return Speaker(None, "unnamed", doc.starts[j], doc.ends[j])
        gender = role.gender or s.trigger.reading.gender
        complement = key[1] if len(key) > 1 else ""
        actor = _role_actor(s, ctx, role.base, gender, role.kind, complement, origin)
        return Speaker(actor, "role", doc.starts[j], doc.ends[j])
    return None


def _someone_unnamed(ctx: Context, j: int, role: Role, key: tuple[str, ...]) -> bool:
    """Whether the person's role noun at token ``j`` is written without the article and
    without words of its own after it (وأوضح مسؤول أنه، وقال مسؤول أمريكي إن): an official
    the article does not name, not the last person it named. Not in the article's first
    sentence, whose role may be held by the person named next (see :func:`_later_person`)."""
    doc = ctx.doc
    return (
        role.kind == "PER"
        and len(key) == 1
        and not strip_conjunction(doc.keys[j]).startswith(ARTICLE)
        and doc.sentence_of(doc.starts[j]) != doc.sentence_of(ctx.people.dateline_end)
    )


def _document_issuer(s: Statement, ctx: Context, j: int, base: str) -> Speaker | None:
    """Who issued the document the role noun at token ``j`` names: written in the subject
    without the article (وقال بيان صادر عن وزارة الداخلية), the one named there; else (وأضاف
    البيان) the one named where it was so written before (بيان الادعاء، بيان لوزارة
    الخارجية) — not the agency that relayed it (ونقلت الوكالة بيان الادعاء). None when it
    was never so named: the last speaker issued it (وقال … في بيان)."""
    doc = ctx.doc
    if not strip_conjunction(doc.keys[j]).startswith(ARTICLE):
        return _issuer_at(ctx, j)
    for k, role in ctx.people.roles_before(s.trigger.verb):
        if role.base != base:
            continue
        if strip_conjunction(doc.keys[k]).startswith(ARTICLE):
            return None  # البيان again: the one named before that, if any, is read above
        return _issuer_at(ctx, k)
    return None


def _issuer_at(ctx: Context, j: int) -> Speaker | None:
    """The issuer named after the indefinite document noun at token ``j``: its genitive,
    with ل or after صادر عن; an issuer nobody linked when a word with the article stands
    there unlinked (بيان الادعاء); None when none is named (في بيان، قال)."""
    doc, people = ctx.doc, ctx.people
    k = j + 1
    if k + 1 < len(doc.keys) and doc.keys[k] in _ISSUED and doc.keys[k + 1] == "عن":
        k += 2  # بيان صادر عن وزارة الداخلية
    if k >= len(doc.keys) or not doc.is_word[k]:
        return None
    named = [i for i in people.in_range(doc.starts[k], doc.ends[k]) if not people.is_nisba(i)]
    if named:
        return Speaker(people.mentions[named[0]], "role")
    if doc.keys[k].startswith(ARTICLE) and not people.covering(doc.starts[k]):
        # بيان الداخلية: the body named before with that word (وزارة الداخلية); بيان
        # الادعاء: an issuer nobody linked
        return Speaker(_body_by_word(ctx, doc.starts[j], _bare_key(doc.keys[k])), "role")
    return None


def _body_by_word(ctx: Context, before: int, word: str) -> Mention | None:
    """The nearest organisation or country mentioned before ``before`` with ``word`` (no
    article) among its words, None when none is."""
    people, doc = ctx.people, ctx.doc
    for i in people.iter_before(before):
        m = people.mentions[i]
        if m.kind in _SPEAKING_KINDS and word in {
            _bare_key(w) for w in doc.words_in(m.start, m.end)
        }:
            return m
    return None


def _origin_after(ctx: Context, j: int) -> str | None:
    """The country of the adjective of origin right after the role noun at token ``j``
    (الرئيس الأمريكي -> the United States), None when none follows it."""
    _, last = ctx.head
    if j + 1 >= last:
        return None
    i = ctx.people.covering_index(ctx.doc.starts[j + 1])
    if i is None or ctx.people.mentions[i].kind != "GPE" or not ctx.people.is_nisba(i):
        return None
    return ctx.people.mentions[i].actor_id


def _of_another_country(ctx: Context, mention: Mention | None, origin: str | None) -> bool:
    """Whether a person was titled with another country's adjective than ``origin``
    (الرئيس الفرنسي إيمانويل ماكرون is not وقال الرئيس الأمريكي)."""
    if mention is None or origin is None or mention.kind != "PER":
        return False
    origins = ctx.people.origins(ctx.people.mentions.index(mention))
    return bool(origins) and origin not in origins


def _known_body(s: Statement, ctx: Context, j: int, base: str) -> Mention | None:
    """The organisation a definite role noun at token ``j`` refers back to, when one was
    introduced earlier with that role (شركة "تي سي إل" … وتقول الشركة الصينية: the
    company, which an adjective of origin only describes); None for an indefinite one
    (وزارة الدفاع البريطانية names a new body by its country)."""
    if not strip_conjunction(ctx.doc.keys[j]).startswith(ARTICLE):
        return None
    introduced = _introduced(ctx, ctx.doc.starts[s.trigger.verb], base)
    if introduced is not None and introduced.kind == "ORG":
        return introduced
    return _named_with_role(s, ctx, j, base)


def _named_with_role(s: Statement, ctx: Context, j: int, base: str) -> Mention | None:
    """The nearest organisation named before the verb whose name holds the role noun at
    token ``j`` and the word with the article after it (وقال الاتحاد البلجيكي لكرة القدم …
    وأضاف الاتحاد البلجيكي: the federation, not Belgium); None when no such word follows."""
    doc, people = ctx.doc, ctx.people
    nxt = j + 1
    after = (
        _bare_key(doc.keys[nxt])
        if nxt < len(doc.keys) and doc.is_word[nxt] and doc.keys[nxt].startswith(ARTICLE)
        else ""
    )
    if not after:
        return None  # الهيئة alone: the speaker it was bound to, or the last body, says it
    for i in people.iter_before(doc.starts[s.trigger.verb]):
        m = people.mentions[i]
        if m.kind != "ORG" or base not in _surface_keys(ctx, i):
            continue
        if after in {_bare_key(w) for w in doc.words_in(m.start, m.end)}:
            return m
    return None


def _role_key(ctx: Context, j: int) -> tuple[str, ...]:
    """The role noun at token ``j`` as a binding key: its base and the (at most two) words
    of the subject right after it, without the article, up to an actor's name (وزير الخارجية
    -> وزير، خارجيه; مدرب إنتر -> مدرب، انتر; المهاجم البرازيلي -> مهاجم)."""
    doc, lex = ctx.doc, ctx.lex
    role = lex.role_of(doc.keys[j])
    assert role is not None
    words = [role.base]
    _, last = ctx.head
    k = j + 1
    while k < last and len(words) <= _ROLE_KEY_WORDS:
        if doc.keys[k] in QUOTE_CHARS:
            k += 1  # منظمة "أس أو أس ميديتيرانيه": a quoted name is part of the role
            continue
        if not doc.keys[k].isalnum():
            break  # a word or a number (لجنة 8 مارس)
        covering = ctx.people.covering_index(doc.starts[k])
        if covering is not None:
            # An adjective of origin leaves the role bare (المهاجم البرازيلي); the name of
            # whom the role is (رئيس لجنة العلاقات الدولية، مدرب إنتر) is part of it.
            if not ctx.people.is_nisba(covering):
                words.append(_bare_key(doc.keys[k]))
            break
        words.append(_bare_key(doc.keys[k]))
        k += 1
    return tuple(words)


def _bare_key(key: str) -> str:
    """A normalised word without the article (الخارجيه -> خارجيه)."""
    return key[len(ARTICLE) :] if key.startswith(ARTICLE) else key


def _bound_speaker(ctx: Context, key: tuple[str, ...]) -> Speaker | None:
    """The latest earlier statement's speaker written with the same role (one key a prefix
    of the other: الوزيرة after وزيرة الخارجية), None when none was."""
    for earlier in reversed(ctx.earlier):
        role = earlier.speaker.role
        if role and role[: len(key)] == key[: len(role)]:
            return earlier.speaker
    return None


def _introduced(ctx: Context, verb_at: int, base: str) -> Mention | None:
    """The body the role noun introduced where it was written earlier with it, nearest
    first: an organisation named right after it (جماعة "جيش الإسلام" … وقالت الجماعة) or
    a country as its adjective of origin (السلطات المغربية … وتؤكد السلطات) — unless the
    name goes on after the adjective (المرصد السوري لحقوق الإنسان is no Syrian body)."""
    doc, people = ctx.doc, ctx.people
    for j, role in people.roles_before(doc.token_at(verb_at)):
        if role.base != base:
            continue
        k = j + 1
        while k < len(doc.keys) and doc.keys[k] in QUOTE_CHARS:
            k += 1  # جماعة "جيش الإسلام"
        if k >= len(doc.keys) or doc.starts[k] >= verb_at:
            continue
        for i in people.in_range(doc.starts[k], doc.ends[k]):
            m = people.mentions[i]
            if m.kind == "ORG" and not people.is_nisba(i):
                return m
            if m.kind == "GPE" and people.is_nisba(i) and not _name_goes_on(doc, m.end):
                return m
    return None


def _name_goes_on(doc: ArticleText, offset: int) -> bool:
    """Whether the word at ``offset`` carries a glued preposition (لحقوق، للإعلام): the
    genitive that goes on with an organisation's name."""
    k = doc.token_at(offset)
    return k < len(doc.keys) and doc.is_word[k] and has_preposition(doc.keys[k])


def _named_body(ctx: Context, verb_at: int, base: str) -> Mention | None:
    """The nearest organisation or country before ``verb_at`` whose name holds the role
    noun (وزارة الخارجية الروسية for وزارة الخارجية)."""
    for i in ctx.people.iter_before(verb_at):
        if ctx.people.mentions[i].kind in ("ORG", "GPE") and base in _surface_keys(ctx, i):
            return ctx.people.mentions[i]
    return None


def _country_of_body(s: Statement, ctx: Context) -> Speaker | None:
    """The country of an organisation in the subject: an adjective of origin in the subject
    words, or a country right after في ending them."""
    doc, people = ctx.doc, ctx.people
    first, last = ctx.head
    for i in people.in_range(doc.starts[first], doc.ends[last - 1]):
        m = people.mentions[i]
        if people.is_nisba(i) and m.kind == "GPE":
            return Speaker(m, "subject", m.start, m.end)
    if last < s.trigger.at and strip_conjunction(doc.keys[last]) in ctx.lex.locatives:
        after = doc.ends[last]
        for i in people.in_range(after, after + 2):
            m = people.mentions[i]
            if m.kind == "GPE":
                return Speaker(m, "subject", m.start, m.end)
    return None


@cache
def _role_synonyms() -> frozenset[tuple[str, str]]:
    """Pairs of role nouns that name the same role (``data/quotes/role_synonyms.tsv``),
    both ways."""
    rows = read_table("quotes/role_synonyms.tsv", ("role", "same_as"), header=True)
    return frozenset((a, b) for x, y in rows for a, b in ((x, y), (y, x)))


def same_role(base: str, other: str) -> bool:
    """Whether two role nouns' bases name the same role (ناطق، متحدث)."""
    return base == other or (base, other) in _role_synonyms()


def _titled_person(
    ctx: Context,
    s: Statement,
    base: str,
    gender: str,
    later_too: bool,
    complement: str = "",
    origin: str | None = None,
) -> Mention | None:
    """The nearest person named with this title before the verb (or the first after it);
    with a ``complement``, a title written with that word too (رئيس لجنة …: not الرئيس
    الروسي فلاديمير بوتين); with an ``origin``, not one titled with another country's
    adjective (:func:`_of_another_country`)."""
    people = ctx.people
    verb_at = ctx.doc.starts[s.trigger.verb]

    def titled(i: int) -> bool:
        # The title first (most names have another or none), the gender last (it may read
        # the titles of the person's other mentions).
        return (
            people.is_person(i)
            and not people.is_prepositional(i)  # المحامي الخاص لترامب: not Trump
            and any(same_role(role.base, base) for role in people.titles(i))
            and (not complement or complement in people.title_words(i))
            and people.agrees(i, gender, "sg")
            and not _of_another_country(ctx, people.mentions[i], origin)
        )

    # The nearest one: titles are read around a person's name only until one fits.
    earlier = next((i for i in people.iter_before(verb_at) if titled(i)), None)
    if earlier is not None:
        return people.mentions[earlier]
    if later_too:
        later = next((i for i in people.starting_after(verb_at) if titled(i)), None)
        if later is not None:
            return people.mentions[later]
    return None


def _role_actor(
    s: Statement,
    ctx: Context,
    base: str,
    gender: str,
    kind: str,
    complement: str = "",
    origin: str | None = None,
) -> Mention | None:
    """The actor a role noun stands for. A bare role (الوزيرة، المتحدث، المنظمة) refers back:
    the person named with that title, else the last speaker or actor of its kind. A role
    with words of its own after it, the first of them ``complement`` (المتحدث العسكري باسم
    الجيش، رئيس لجنة العلاقات الدولية، وزارة البترول), describes someone: only a person
    named with that title and that word (or named next, or a body whose name holds the role)
    is them. ``origin``: the country of an adjective after the role (الرئيس الأمريكي),
    which rules out a person titled with another's."""
    people = ctx.people
    verb_at = ctx.doc.starts[s.trigger.verb]
    earlier = people.before(verb_at)
    described = bool(complement)
    if kind == "PER":
        pick = _titled_person(ctx, s, base, gender, False, complement, origin)
        if pick is None and not described:
            spoke = _last_speaker(ctx, lambda k: k == "PER", gender, s)
            if _of_another_country(ctx, spoke, origin):
                spoke = None
            pick = spoke or next(
                (
                    people.mentions[i]
                    for i in earlier
                    if people.is_person(i)
                    and people.agrees(i, gender, "sg")
                    and not _of_another_country(ctx, people.mentions[i], origin)
                ),
                None,
            )
        return (
            pick
            or _titled_person(ctx, s, base, gender, True, complement, origin)
            or _later_person(ctx, s, gender)
        )
    if kind == "ORG" and described:
        return _named_body(ctx, verb_at, base)
    if kind == "ORG":
        bodies = [i for i in earlier if people.mentions[i].kind in ("ORG", "GPE")]
        named = next((i for i in bodies if base in _surface_keys(ctx, i)), None)
        if named is not None:
            return people.mentions[named]
        introduced = _introduced(ctx, verb_at, base)
        if introduced is not None:
            return introduced
        spoke = _last_speaker(ctx, lambda k: k in ("ORG", "GPE"), "", s)
        if spoke:
            return spoke
        # a body's role noun names no place it is not named by (الشرطة is not برن)
        rest = [i for i in bodies if people.mentions[i].kind == "ORG"]
        return people.mentions[rest[0]] if rest else None
    return _last_speaker(ctx, lambda k: True, "", s)


def _later_person(ctx: Context, s: Statement, gender: str) -> Mention | None:
    """The person named as the subject of the next reporting verb after the statement, in
    the next sentence at the latest (قال رئيس مجلس إدارة الهيئة … إن …. وأضاف سلطان بن سعيد
    المنصوري): a role that opens the article names the speaker named next."""
    people, doc = ctx.people, ctx.doc
    verb_at = doc.starts[s.trigger.verb]
    if doc.sentence_of(verb_at) != doc.sentence_of(people.dateline_end):
        return None  # further on, a role nobody held is someone the article never names
    last = doc.sentence_of(s.end) + _LATER_SENTENCES
    for i in people.starting_from(s.end):
        m = people.mentions[i]
        if people.is_nisba(i) or people.is_prepositional(i):
            continue
        if doc.token_before(m.start)[0] not in ctx.lex.forms:
            continue
        if doc.sentence_of(m.start) > last:
            break
        if people.is_person(i) and people.agrees(i, gender, "sg"):
            return m
    return None


def _surface_keys(ctx: Context, index: int) -> set[str]:
    m = ctx.people.mentions[index]
    return {
        role.base
        for k in ctx.doc.words_in(m.start, m.end)
        if (role := ctx.lex.role_of(k)) is not None
    }


def _last_speaker(
    ctx: Context,
    kind_ok: Callable[[str], bool],
    gender: str,
    speaking: Statement | None = None,
) -> Mention | None:
    """The latest earlier statement's speaker of a fitting kind (and gender, for people);
    with ``speaking``, the statement being resolved, not one quoted inside another unless
    it is too (see :func:`_speaks_on`)."""
    for s in reversed(ctx.earlier):
        if speaking is not None and not _speaks_on(s, speaking):
            continue
        mention = s.speaker.mention
        if mention is None or not kind_ok(mention.kind):
            continue
        if (
            gender
            and mention.kind == "PER"
            and (ctx.people.gender_of(mention.actor_id) or "m") != gender
        ):
            continue
        return mention
    return None


def by_short_name(s: Statement, ctx: Context) -> Speaker | None:
    """وقال الصندوق: a subject noun with the article that is the first word of the name of
    an organisation named earlier (#صندوق_النقد_الدولي) stands for it, as a role noun would."""
    first, last = ctx.head
    doc, people = ctx.doc, ctx.people
    if first >= last or _speaks_for_itself(s) or not doc.is_word[first]:
        return None
    key = doc.keys[first]
    if not key.startswith(ARTICLE) or len(key) <= len(ARTICLE) + 2:
        return None
    if people.covering(doc.starts[first]) or _role_at(doc, first, ctx.lex) is not None:
        return None
    bare = _bare_key(key)
    for i in people.iter_before(doc.starts[s.trigger.verb]):
        m = people.mentions[i]
        if m.kind == "ORG" and _bare_key(doc.words_in(m.start, m.end)[0].lstrip("#")) == bare:
            return Speaker(m, "role", doc.starts[first], doc.ends[first])
    return None


def by_unnamed(s: Statement, ctx: Context) -> Speaker | None:
    """وقال خبراء / وأكد ناشطون / وقال 70 في المئة: subject words (or a number) that name
    no actor. A comma right after the verb (وقال، وسط …) or a word with a glued
    preposition (وقال لأنصاره) is no subject: the speaker is left in the verb."""
    first, last = ctx.head
    doc = ctx.doc
    if _speaks_for_itself(s) or (first < last and doc.keys[first] in "،,"):
        return None
    for j in range(first, last):
        key = doc.keys[j]
        if key.isdigit():
            return Speaker(None, "unnamed", doc.starts[j], doc.ends[j])
        if not doc.is_word[j] or strip_conjunction(key) in ctx.lex.adverbs:
            continue
        if (
            key[:1] in PREPOSITIONS
            and is_object_word(_after_glued_preposition(key))
            and not ctx.people.covering(doc.starts[j])
        ):
            continue  # لأنصاره، للصحفيين: whom it was said to (كالين، بيومي are names)
        return Speaker(None, "unnamed", doc.starts[j], doc.ends[j])
    return None


def _after_glued_preposition(key: str) -> str:
    """A word's key without its glued preposition; ل before the article takes the
    article's alef (للصحفيين -> الصحفيين)."""
    if key.startswith("لل"):
        return ARTICLE + key[2:]
    return key[1:]


def by_implicit(s: Statement, ctx: Context) -> Speaker | None:
    """وأضافت، مضيفا، وقال إن: the subject left in the verb — the sentence's own subject
    if it agrees, else the speaker of the last statement whose verb agrees, else the
    nearest agreeing actor before the verb (a person or organisation before a country)."""
    reading = s.trigger.reading
    gender, number = reading.gender, reading.number
    doc, people = ctx.doc, ctx.people
    verb_at = doc.starts[s.trigger.verb]
    sentence_start = max(doc.sentence_start(verb_at), people.dateline_end)
    for earlier in reversed(ctx.earlier):
        # … قال لافروف “…”، مضيفا: a statement earlier in the same sentence speaks on.
        if (
            doc.starts[earlier.trigger.verb] >= sentence_start
            and _speaks_on(earlier, s)
            and _agree(earlier.trigger.reading, reading)
        ):
            return Speaker(earlier.speaker.mention, "implicit")
    subject = _sentence_subject(s, ctx, sentence_start) or _subject_past_fronted_phrase(
        s, ctx, sentence_start, verb_at
    )
    if subject is not None and _indefinite_origin(ctx, subject):
        return Speaker(None, "implicit")  # أفادت وسائل إعلام ألمانية …، مشيرة: nobody named
    if subject is not None:
        return Speaker(subject, "implicit")
    by_title = _role_subject(s, ctx, sentence_start) if number == "sg" else None
    if by_title is not None:
        return by_title
    for earlier in reversed(ctx.earlier):
        if _speaks_on(earlier, s) and _agree(earlier.trigger.reading, reading):
            return Speaker(earlier.speaker.mention, "implicit")
    if number in ("pl", "du"):
        return Speaker(None, "implicit")  # a group nobody named before
    # The nearest agreeing actor before the verb: for a masculine verb a person or an
    # organisation before a country (most countries take a feminine verb); a name before an
    # adjective of origin. Read nearest first, stopping at the first of the best kind.
    fallback: tuple[int, int] | None = None
    for i in people.iter_before(verb_at):
        if people.mentions[i].start < people.dateline_end:
            break
        if not people.agrees(i, gender, number) or people.is_prepositional(i):
            continue
        rank = (people.mentions[i].kind == "GPE" and gender != "f") + 2 * people.is_nisba(i)
        if rank == 0:
            return Speaker(people.mentions[i], "implicit")
        if fallback is None or rank < fallback[0]:
            fallback = (rank, i)
    if fallback is not None:
        return Speaker(people.mentions[fallback[1]], "implicit")
    return Speaker(None, "implicit")


def _subject_past_fronted_phrase(
    s: Statement, ctx: Context, sentence_start: int, verb_at: int
) -> Mention | None:
    """:func:`_sentence_subject` read again after a phrase the sentence opens with (see
    :func:`_past_fronted_phrase`); None when there is no such phrase."""
    clause_start = _past_fronted_phrase(ctx, sentence_start, verb_at)
    if clause_start == sentence_start:
        return None
    return _sentence_subject(s, ctx, clause_start)


def _past_fronted_phrase(ctx: Context, start: int, end: int) -> int:
    """Where the clause that holds a sentence's subject starts: after the comma that closes
    a phrase the sentence opens with a preposition or adverbial (فقبل ساعات من القمة في
    أنقرة، أعلن الرئيس الأمريكي دونالد ترامب …، مؤكدا), else at ``start``; ``end``: the
    implicit verb, which the comma must come before."""
    doc = ctx.doc
    first = doc.token_at(start)
    if first >= len(doc.keys) or not doc.is_word[first]:
        return start
    if strip_conjunction(doc.keys[first]) not in ctx.lex.subject_stops:
        return start
    for j in range(first + 1, doc.token_at(end)):
        if doc.keys[j] in "،,":
            return doc.ends[j]
    return start


def _role_subject(s: Statement, ctx: Context, sentence_start: int) -> Speaker | None:
    """The speaker of an implicit verb whose sentence has a body's role noun with the
    article as the subject of the verb it opens with, no actor named there (رفضت الشركة طلب
    تونيك …، قائلة; فعادت الشركة لتقول; after a fronted phrase: ففي أبريل، رفضت الشركة):
    the body named with that role (:func:`_body_named_so`), nobody when there is none — not
    an actor further back (a city the company has a shop in). None when there is no such
    role noun (a person's title is read by :func:`_titled_subject`)."""
    doc = ctx.doc
    verb_at = doc.starts[s.trigger.verb]
    clause_start = _past_fronted_phrase(ctx, sentence_start, verb_at)
    for start in dict.fromkeys((sentence_start, clause_start)):
        j = doc.token_at(start) + 1  # the word after the sentence's (or clause's) verb
        if j >= s.trigger.verb or not doc.is_word[j]:
            continue
        key = strip_conjunction(doc.keys[j])
        role = ctx.lex.role_of(key) if key.startswith(ARTICLE) else None
        if role is None or role.kind != "ORG" or ctx.people.covering(doc.starts[j]):
            continue
        return Speaker(_body_named_so(ctx, verb_at, role.base), "implicit")
    return None


def _body_named_so(ctx: Context, verb_at: int, base: str) -> Mention | None:
    """The nearest organisation or country named before ``verb_at`` with the role noun
    ``base`` in its name (وزارة الداخلية الألمانية … وناشدت الوزارة), else the body the
    role noun introduced (:func:`_introduced`); None otherwise — not merely the last
    organisation named (وقالت اللجنة is no party the article mentioned)."""
    people = ctx.people
    for i in people.iter_before(verb_at):
        if people.mentions[i].kind in _SPEAKING_KINDS and base in _surface_keys(ctx, i):
            return people.mentions[i]
    return _introduced(ctx, verb_at, base)


def _speaks_on(earlier: Statement, s: Statement) -> bool:
    """Whether the speaker of an earlier statement may be the one left in the verb of
    ``s``: not when the earlier one is quoted inside another and ``s`` is not (وقال "…
    قال تونيك إن …". وأضاف "…": the outer speaker goes on, not the one he quoted)."""
    return earlier.parent is None or s.parent is not None


def _indefinite_origin(ctx: Context, mention: Mention) -> bool:
    """Whether a mention is an adjective of origin without the article (وسائل إعلام
    ألمانية، مصادر أمنية عراقية): it describes a subject nobody names, not a country."""
    index = ctx.people.mentions.index(mention)
    if not ctx.people.is_nisba(index):
        return False
    # Read as written: the article's alef bears no hamza (الألمانية), a nisba's own may
    # (ألمانية), which normalising erases.
    written = ctx.doc.text[mention.start : mention.end]
    return not written.startswith(ARTICLE) and not written[1:].startswith(ARTICLE)


def _sentence_subject(s: Statement, ctx: Context, sentence_start: int) -> Mention | None:
    """The agreeing subject of the sentence of an implicit verb, written before it: the
    first actor there (a name before an adjective of origin), else the person named after a
    title and a place phrase, else a surname; else the person the sentence before opened
    with (see :func:`_previous_subject`). None when there is none."""
    reading = s.trigger.reading
    gender, number = reading.gender, reading.number
    doc, people = ctx.doc, ctx.people
    verb_at = doc.starts[s.trigger.verb]
    subject_end = _subject_end(ctx, sentence_start, verb_at)
    in_sentence = [
        i
        for i in people.in_range(sentence_start, subject_end)
        if not people.is_prepositional(i)
        and not people.is_governed(i)
        and people.agrees(i, gender, number)
    ]
    subject = [i for i in in_sentence if not people.is_nisba(i)] or in_sentence
    if subject:
        return people.mentions[subject[0]]
    titled = _titled_subject(ctx, sentence_start, subject_end, s.trigger.verb)
    if titled is not None and people.agrees(people.mentions.index(titled), gender, number):
        return titled
    named = _name_part_in(ctx, sentence_start, subject_end, gender, number)
    if named is not None:
        return named
    verb_opens = doc.token_at(sentence_start) >= s.trigger.verb
    return _previous_subject(ctx, sentence_start, gender, number, verb_opens)


def _previous_subject(
    ctx: Context, start: int, gender: str, number: str, verb_opens: bool = False
) -> Mention | None:
    """The person the sentence before ``start`` opens with after إن، أن or لكن (إلا أن
    ساندرز طعن في التلميحات … . وأضاف: Sanders goes on), when that sentence reports no
    statement (else its speaker goes on) and the person agrees with the verb; with
    ``verb_opens`` (the implicit verb opens its own sentence), also the person a sentence
    opening with its verb names as its subject (:func:`_verb_first_subject`)."""
    doc, people = ctx.doc, ctx.people
    if start <= people.dateline_end or not doc.sentences:
        return None
    begin = doc.sentence_start(start - 1)
    if any(begin <= doc.starts[e.trigger.verb] < start for e in ctx.earlier):
        return None
    first = doc.token_at(begin)
    words = [j for j in range(first, min(first + 4, len(doc.keys))) if doc.is_word[j]][:3]
    for j in words[:-1]:
        if strip_conjunction(doc.keys[j]) in ctx.lex.subject_openers:
            nxt = words[words.index(j) + 1]
            for i in people.in_range(doc.starts[nxt], doc.ends[nxt]):
                if (
                    people.is_person(i)
                    and not people.is_prepositional(i)
                    and people.agrees(i, gender, number)
                ):
                    return people.mentions[i]
            return None
    # a verb that opens its sentence (وقال إن) goes on from one opening with its verb
    return _verb_first_subject(ctx, first, gender, number) if verb_opens else None


def _verb_first_subject(ctx: Context, first: int, gender: str, number: str) -> Mention | None:
    """The person a sentence opening with its verb names as its subject within its first
    :data:`_VERB_FIRST_WORDS` tokens, titles and commas between (وصعّد وزير الخارجية
    البريطاني، بوريس جونسون، من حدة … . وقال إن …: Johnson goes on): the first person
    there, read up to a preposition or a stop word (للفنان المصري لطفي لبيب: no subject)."""
    doc, people, lex = ctx.doc, ctx.people, ctx.lex
    for j in range(first + 1, min(first + _VERB_FIRST_WORDS, len(doc.keys))):
        i = people.covering_index(doc.starts[j])
        if i is not None and not people.is_nisba(i):
            if not people.is_person(i) or people.is_governed(i):
                return None
            return people.mentions[i] if people.agrees(i, gender, number) else None
        key = doc.keys[j]
        if not doc.is_word[j]:
            if key not in "،,":
                return None
        elif has_preposition(key) or strip_conjunction(key) in lex.subject_stops:
            return None
    return None


def _titled_subject(ctx: Context, start: int, end: int, verb: int) -> Mention | None:
    """The person a sentence's subject names after its title and a place phrase (ولكن زعيم
    الأغلبية في مجلس الشيوخ ميتش ماكونيل أعلن …، مؤكدا): ``text[start:end]`` is the
    subject's part before the locative, which must hold a person's role noun."""
    doc = ctx.doc
    first, stop = doc.token_at(start), doc.token_at(end)
    roles = (_role_at(doc, j, ctx.lex) for j in range(first, stop))
    if not any(role is not None and role.kind == "PER" for role in roles):
        return None
    return _person_past_locative(ctx, stop, verb)


def _name_part_in(ctx: Context, start: int, end: int, gender: str, number: str) -> Mention | None:
    """The person an unlinked word of ``text[start:end]`` names by ending their name,
    linked elsewhere in the article (حذرت مديرة صندوق النقد الدولي كريستين لاغارد …،
    مؤكدة: لاغارد, linked later), if they agree with the verb."""
    doc = ctx.doc
    for j in range(doc.token_at(start), doc.token_at(end)):
        found = _name_part_at(ctx, j, start)
        if found is not None and found.mention is not None:
            index = ctx.people.mentions.index(found.mention)
            if ctx.people.agrees(index, gender, number):
                return found.mention
    return None


def _subject_end(ctx: Context, start: int, end: int) -> int:
    """Where the part of a sentence that may hold its subject ends before ``end``: at the
    first preposition or adverbial after its first word (ورد المتحدث … بهرام قاسمي على
    تصريحات …؛ وعلق … على الصورة، "انستغرام"، قائلا: what follows is no subject)."""
    doc = ctx.doc
    first = doc.token_at(start)
    for j in range(first + 1, doc.token_at(end)):
        if doc.is_word[j] and strip_conjunction(doc.keys[j]) in ctx.lex.subject_stops:
            return doc.starts[j]
    return end


def _agree(earlier: VerbForm, reading: VerbForm) -> bool:
    """Whether two verbs can share a subject: same number, and gender when both show it."""
    return earlier.number == reading.number and (
        not earlier.gender or not reading.gender or earlier.gender == reading.gender
    )


#: Speaker policies, tried in order; the first that answers names the speaker.
POLICIES: tuple[Policy, ...] = (
    by_passive,
    by_speaker_after,
    by_subject_after,
    by_name_part,
    by_subject_before,
    by_role,
    by_short_name,
    by_unnamed,
    by_implicit,
)


def resolve_speakers(
    doc: ArticleText, people: ArticleActors, statements: Sequence[Statement], lex: QuoteLexicon
) -> None:
    """Give every statement its speaker, in text order (later ones read earlier ones)."""
    earlier: list[Statement] = []
    for s in statements:
        ctx = Context(doc, people, lex, earlier, _subject_head(doc, s.trigger, lex))
        for policy in POLICIES:
            found = policy(s, ctx)
            if found is not None:
                s.speaker = found
                break
        if _own_words(doc, s, lex):
            continue  # not a statement: later ones do not read its speaker
        if s.speaker.how in ("subject", "role"):
            people.learn_gender(s.speaker.actor_id, s.trigger.reading.gender)
            s.speaker.role = _head_role(ctx)
        elif s.speaker.how == "unnamed" and s.speaker.start is not None:
            # وقال مسؤول في الإدارة … وأضاف المسؤول: the same official, named by nobody
            s.speaker.role = _head_role(ctx)
        earlier.append(s)


def _head_role(ctx: Context) -> tuple[str, ...]:
    """The role the subject words start with (see :func:`_role_key`), () when none."""
    first, last = ctx.head
    for j in range(first, min(last, first + _HEAD_ROLE_WORDS)):
        if _role_at(ctx.doc, j, ctx.lex) is not None:
            return _role_key(ctx, j)
    return ()


# -- rows ------------------------------------------------------------------------------
def quote_id(article_id: str, verb_start: int) -> str:
    """A stable id: 16 hex digits of a hash of the article id and the verb's offset."""
    digest = hashlib.blake2b(f"{article_id}\x1f{verb_start}".encode(), digest_size=8)
    return digest.hexdigest()


def statement_fields(doc: ArticleText, s: Statement) -> dict:
    """What a statement's row says of it, but its ids and its actor: the verb and its
    offsets, the statement's span, ``direct``, how its speaker was found, the words naming
    the speaker, and the mention it was resolved to (None when none)."""
    verb_start, verb_end = doc.starts[s.trigger.verb], doc.ends[s.trigger.verb]
    mention = s.speaker.mention
    return {
        "verb_start": verb_start,
        "verb_end": verb_end,
        "verb": doc.text[verb_start:verb_end],
        "start": s.start,
        "end": s.end,
        "direct": s.direct,
        "how": s.speaker.how,
        "speaker_start": s.speaker.start,
        "speaker_end": s.speaker.end,
        "antecedent_start": mention.start if mention is not None else None,
        "antecedent_end": mention.end if mention is not None else None,
    }


def _row(article_id: str, doc: ArticleText, s: Statement) -> dict:
    fields = statement_fields(doc, s)
    verb_start = fields["verb_start"]
    sentence = doc.sentences[doc.sentence_of(verb_start)][0] if doc.sentences else None
    parent = s.parent
    return {
        "quote_id": quote_id(article_id, verb_start),
        "parent_id": quote_id(article_id, doc.starts[parent.trigger.verb]) if parent else None,
        "article_id": article_id,
        "sentence_id": sentence,
        "speaker": s.speaker.actor_id,
        **fields,
    }
