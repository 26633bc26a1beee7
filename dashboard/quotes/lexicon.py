"""The words the quote extractor knows, read from ``data/quotes/`` (one validated loader).

``load_lexicon()`` returns a :class:`QuoteLexicon`: every written form of the reporting
verbs of ``data/quotes/verbs.tsv`` (generated here from one row per verb), the words that
open an indirect statement (أن، إن، بأنه …), the words around a verb's subject, role nouns
(الوزيرة، المتحدث، البيان) and women's given names. Keys are normalised
(:func:`dashboard.arabic.normalize.normalize`), so أكد and اكد, قالت and قالتْ match alike.

The verb table is compact: the perfect (قال) and its stem before consonant suffixes (قلـ),
the imperfect (يقول), a class (sound, hollow, defective), the participle stem (قائل) and the
verbal noun (قول). :func:`conjugate` spells out the perfect and imperfect in every person,
gender and number; :func:`verb_forms` adds participles, verbal nouns with their pronouns,
object pronouns and the proclitics و ف (and ل س before the imperfect).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from dashboard.arabic.normalize import normalize
from dashboard.datafiles import DataFileError, read_lines, read_table, resolve

FOLDER = "quotes"
VERB_COLUMNS = ("past", "past_stem", "present", "class", "participle", "masdar", "speaker_after")
ROLE_COLUMNS = ("masculine", "feminine", "kind")
VERB_CLASSES = ("sound", "hollow", "defective")
ROLE_KINDS = ("PER", "ORG", "ANY")

# Perfect suffixes as (person, gender, number, suffix, on_stem): on_stem says whether the
# suffix goes on the stem before consonant suffixes (قلت) or on the 3rd person base (قالت).
_PERFECT = (
    (3, "m", "sg", "", False),
    (3, "f", "sg", "ت", False),
    (3, "m", "du", "ا", False),
    (3, "f", "du", "تا", False),
    (3, "m", "pl", "وا", False),
    (3, "f", "pl", "ن", True),
    (2, "m", "sg", "ت", True),
    (2, "f", "sg", "ت", True),
    (2, "", "du", "تما", True),
    (2, "m", "pl", "تم", True),
    (2, "f", "pl", "تن", True),
    (1, "", "sg", "ت", True),
    (1, "", "pl", "نا", True),
)
# Imperfect (person, gender, number, prefix, suffix) on the stem (يقول -> قول).
_IMPERFECT = (
    (3, "m", "sg", "ي", ""),
    (3, "f", "sg", "ت", ""),
    (3, "m", "du", "ي", "ان"),
    (3, "f", "du", "ت", "ان"),
    (3, "m", "pl", "ي", "ون"),
    (3, "m", "pl", "ي", "وا"),  # subjunctive / jussive (لم يقولوا)
    (3, "f", "pl", "ي", "ن"),
    (2, "m", "sg", "ت", ""),
    (2, "f", "sg", "ت", "ين"),
    (2, "", "du", "ت", "ان"),
    (2, "m", "pl", "ت", "ون"),
    (2, "f", "pl", "ت", "ن"),
    (1, "", "sg", "أ", ""),
    (1, "", "pl", "ن", ""),
)
# Participle endings (gender, number, suffix): مضيفا، مضيفة، مضيفين، مضيفتين …
_PARTICIPLE = (
    ("m", "sg", "ا"),
    ("f", "sg", "ة"),
    ("m", "du", "ين"),
    ("m", "pl", "ين"),
    ("m", "pl", "ون"),
    ("f", "du", "تين"),
    ("f", "pl", "ات"),
)
# Attached pronouns (gender, number, suffix): on a verbal noun they name the speaker
# (قوله، قولها); on a verb they are its object (وصفها، وصفتهم) and say nothing of the speaker.
_PRONOUNS = (
    ("m", "sg", "ه"),
    ("f", "sg", "ها"),
    ("m", "pl", "هم"),
    ("", "du", "هما"),
    ("f", "pl", "هن"),
)
_ALL_CLITICS = ("", "و", "ف")
_IMPERFECT_CLITICS = ("ل", "س", "ول", "وس", "فل", "فس")
_MASDAR_CLITICS = ("ب", "وب")


@dataclass(frozen=True)
class VerbForm:
    """One reading of a written form: the verb (its perfect, ``lemma``), who speaks
    (``person``, ``gender`` "m"/"f"/"" for either, ``number`` "sg"/"du"/"pl"), what form it
    is (``perfect``, ``imperfect``, ``participle``, ``masdar``), and ``speaker_after``: the
    normalised word after which this verb names its speaker ("" when it is the subject);
    ``proclitic`` (و، ف …) and ``object_pronoun`` (وصفتها) say how it is written."""

    lemma: str
    person: int
    gender: str
    number: str
    form: str
    speaker_after: str = ""
    proclitic: str = ""
    object_pronoun: bool = False


@dataclass(frozen=True)
class Role:
    """A role noun: its masculine key, the gender it names ("m", "f"), and the kind of
    speaker it stands for (``PER``, ``ORG``, ``ANY``)."""

    base: str
    gender: str
    kind: str


@dataclass(frozen=True)
class QuoteLexicon:
    """Everything the extractor looks up, as normalised keys (see the module docstring)."""

    forms: dict[str, tuple[VerbForm, ...]]
    complementizers: frozenset[str]
    not_before_complementizer: frozenset[str]
    subject_stops: frozenset[str]
    adverbs: frozenset[str]
    attributions: frozenset[str]
    relatives: frozenset[str] = frozenset()
    impersonal: frozenset[str] = frozenset()
    clause_openers: frozenset[str] = frozenset()
    locatives: frozenset[str] = frozenset()
    subject_openers: frozenset[str] = frozenset()
    roles: dict[str, Role] = field(default_factory=dict)
    feminine_names: frozenset[str] = frozenset()
    _role_of: dict[str, Role | None] = field(default_factory=dict, repr=False, compare=False)
    #: Answers of pure tests of a word against this lexicon, by (test, normalised word):
    #: the same words come back in article after article (``dashboard.quotes.names``).
    word_tests: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False, compare=False)
    #: Written form -> its first third-person reading (what reports a statement: first and
    #: second person are the speaker's own words inside a quote, وأنا أؤكد أن …).
    third_person: dict[str, VerbForm] = field(init=False, repr=False, compare=False)
    #: :attr:`third_person` and the same forms misspelt with their و doubled (ووأضاف): the
    #: one lookup that tells a token that may report a statement from the rest.
    written_third_person: dict[str, VerbForm] = field(init=False, repr=False, compare=False)
    #: The keys of :attr:`written_third_person` that are not also a subject stop (a
    #: preposition or adverbial spelt like a verb): the words that may report a statement,
    #: so that one set operation tells an article without any.
    reporting_keys: frozenset[str] = field(init=False, repr=False, compare=False)
    #: Every written form :meth:`role_of` answers for (a role noun bare or with one of its
    #: prefixes): one set lookup tells the words of an article that may be role nouns.
    role_keys: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        third = {
            key: reading
            for key, readings in self.forms.items()
            if (reading := next((r for r in readings if r.person == 3), None)) is not None
        }
        doubled = {
            _DOUBLED_WAW[0] + key: reading
            for key, reading in third.items()
            if key[:1] == _DOUBLED_WAW[0] and reading.proclitic == _DOUBLED_WAW[0]
        }
        # frozen: the derived tables are set once, here
        object.__setattr__(self, "third_person", third)
        object.__setattr__(self, "written_third_person", {**doubled, **third})
        object.__setattr__(
            self, "reporting_keys", frozenset(self.written_third_person) - self.subject_stops
        )
        object.__setattr__(
            self,
            "role_keys",
            frozenset(self.roles).union(p + r for p in _TITLE_PREFIXES for r in self.roles),
        )

    def role_of(self, key: str) -> Role | None:
        """The role a normalised word names, with its clitics and article (والوزيرة,
        للرئيس), or None; one set lookup for the many words that name none (see
        :attr:`role_keys`), memoised for the others (titles repeat across articles)."""
        if key not in self.role_keys:
            return None
        role = self._role_of.get(key)
        if role is None:
            role = self._role_of[key] = self.roles.get(_bare(key, self.roles))
        return role


# A conjunction و written twice before a verb (ووأضاف), a slip of the keyboard.
_DOUBLED_WAW = "وو"
# Article and proclitic spellings a title may carry (والوزيرة، للرئيس، بالمتحدث), longest
# first; a word is looked up with each taken off until one is a known role.
_TITLE_PREFIXES = ("وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال", "و", "ف", "ل", "ب")


def _bare(key: str, known: dict[str, Role]) -> str:
    if key in known:
        return key
    for prefix in _TITLE_PREFIXES:
        if key.startswith(prefix) and key[len(prefix) :] in known:
            return key[len(prefix) :]
    return key


def _perfect(past: str, stem: str, verb_class: str) -> Iterator[tuple[int, str, str, str]]:
    # A defective verb drops its final weak letter before ت and وا (نفى: نفت، نفوا) but
    # keeps it in the stem before ا (نفيا، دعوا).
    base = past[:-1] if verb_class == "defective" else past
    for person, gender, number, suffix, on_stem in _PERFECT:
        if on_stem or (verb_class == "defective" and number == "du" and gender == "m"):
            yield person, gender, number, stem + suffix
        elif suffix:
            yield person, gender, number, base + suffix
        else:
            yield person, gender, number, past


def _imperfect(present: str, verb_class: str) -> Iterator[tuple[int, str, str, str]]:
    stem = present[1:]
    short = stem[:-1] if verb_class == "defective" else stem  # ينفي: ينفون، تنفين
    for person, gender, number, prefix, suffix in _IMPERFECT:
        if verb_class == "hollow" and gender == "f" and number == "pl":
            continue  # يقلن shortens the stem; rare in news, left out rather than misspelt
        body = short if suffix in ("ون", "وا", "ين") else stem
        yield person, gender, number, prefix + body + suffix


def conjugate(
    past: str, stem: str, present: str, verb_class: str
) -> list[tuple[str, int, str, str, str]]:
    """``(form, person, gender, number, tense)`` of every perfect and imperfect form.

    >>> forms = {f for f, *_ in conjugate("قال", "قل", "يقول", "hollow")}
    >>> {"قالت", "قالوا", "قلت", "يقولون", "تقول"} <= forms
    True
    >>> third = {f for f, p, g, n, t in conjugate("نفى", "نفي", "ينفي", "defective") if p == 3}
    >>> {"نفى", "نفت", "نفيا", "نفوا", "ينفي", "ينفون"} <= third
    True
    """
    if verb_class not in VERB_CLASSES:
        raise ValueError(f"unknown verb class {verb_class!r} for {past}")
    out = [(f, p, g, n, "perfect") for p, g, n, f in _perfect(past, stem, verb_class)]
    out += [(f, p, g, n, "imperfect") for p, g, n, f in _imperfect(present, verb_class)]
    return out


def _with_object(form: str) -> Iterator[str]:
    base = form[:-1] if form.endswith("وا") else form  # وصفوا + ها -> وصفوها
    for _, _, pronoun in _PRONOUNS:
        yield base + pronoun


def verb_forms(row: tuple[str, ...]) -> Iterator[tuple[str, VerbForm]]:
    """(written form, reading) of every form of one row of ``verbs.tsv``, with clitics."""
    past, stem, present, verb_class, participle, masdar, speaker_after = row
    after = "" if speaker_after == "-" else normalize(speaker_after)
    for form, person, gender, number, tense in conjugate(past, stem, present, verb_class):
        reading = VerbForm(past, person, gender, number, tense, after)
        clitics = _ALL_CLITICS + (_IMPERFECT_CLITICS if tense == "imperfect" else ())
        # The readings of each clitic, built once for the form and its object pronouns.
        plain = [(clitic, _replace(reading, clitic)) for clitic in clitics]
        with_object = _variant(reading, "", True)
        objects = (
            [(clitic, _replace(with_object, clitic)) for clitic in clitics] if person == 3 else []
        )
        for written, variants in (
            (form, plain),
            *((w, objects) for w in _with_object(form) if person == 3),
        ):
            for clitic, variant in variants:
                yield clitic + written, variant
    if participle != "-":
        for gender, number, suffix in _PARTICIPLE:
            reading = VerbForm(past, 3, gender, number, "participle", after)
            for clitic in _ALL_CLITICS:
                yield clitic + participle + suffix, _replace(reading, clitic)
    if masdar != "-":
        body = masdar[:-1] + "ت" if masdar.endswith("ة") else masdar
        yield masdar, VerbForm(past, 3, "", "", "masdar", after)
        for gender, number, pronoun in _PRONOUNS:
            reading = VerbForm(past, 3, gender, number, "masdar", after)
            for clitic in _ALL_CLITICS + _MASDAR_CLITICS:
                yield clitic + body + pronoun, _replace(reading, clitic)


def _replace(reading: VerbForm, clitic: str) -> VerbForm:
    return _variant(reading, clitic, reading.object_pronoun) if clitic else reading


def _variant(reading: VerbForm, proclitic: str, object_pronoun: bool) -> VerbForm:
    """``reading`` written with ``proclitic`` and ``object_pronoun`` (the constructor:
    ``dataclasses.replace`` made most of the lexicon's load time)."""
    r = reading
    return VerbForm(
        r.lemma, r.person, r.gender, r.number, r.form, r.speaker_after, proclitic, object_pronoun
    )


def _keys(name: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in read_lines(f"{FOLDER}/{name}"))


def _roles() -> dict[str, Role]:
    roles: dict[str, Role] = {}
    for masculine, feminine, kind in read_table(f"{FOLDER}/roles.tsv", ROLE_COLUMNS, header=True):
        if kind not in ROLE_KINDS:
            raise DataFileError(f"{resolve(f'{FOLDER}/roles.tsv')}: unknown kind {kind!r}")
        base = normalize(masculine)
        roles[base] = Role(base, "m", kind)
        if feminine != "-":
            roles[normalize(feminine)] = Role(base, "f", kind)
    return roles


def build_forms(rows: list[tuple[str, ...]]) -> dict[str, tuple[VerbForm, ...]]:
    """Normalised written form -> its readings, for the rows of ``verbs.tsv``."""
    forms: dict[str, list[VerbForm]] = {}
    for row in rows:
        if row[3] not in VERB_CLASSES:
            raise DataFileError(
                f"{resolve(f'{FOLDER}/verbs.tsv')}: unknown class {row[3]!r} ({row[0]})"
            )
        for written, reading in verb_forms(row):
            readings = forms.setdefault(normalize(written), [])
            if reading not in readings:
                readings.append(reading)
    return {key: tuple(readings) for key, readings in forms.items()}


@cache
def load_lexicon() -> QuoteLexicon:
    """The lexicon built from ``data/quotes/`` (read once per process)."""
    rows = read_table(f"{FOLDER}/verbs.tsv", VERB_COLUMNS, header=True)
    return QuoteLexicon(
        forms=build_forms(rows),
        complementizers=_keys("complementizers.txt"),
        not_before_complementizer=_keys("not_before_complementizer.txt"),
        subject_stops=_keys("subject_stops.txt"),
        adverbs=_keys("adverbs.txt"),
        attributions=_keys("attributions.txt"),
        relatives=_keys("relatives.txt"),
        impersonal=_keys("impersonal.txt"),
        clause_openers=_keys("clause_openers.txt"),
        locatives=_keys("locatives.txt"),
        subject_openers=_keys("subject_openers.txt"),
        roles=_roles(),
        feminine_names=_keys("feminine_names.txt"),
    )
