"""The one compiled regex that finds date expressions in normalised Arabic text.

Each kind of expression is a *branch* (a named alternative); the words come from
``data/calendar_ar.json`` through ``dashboard.dates.calendar``. Branches are tried in the
order of ``_branches()`` at each position, so longer forms that start at the same word
come first ('الجمعة 1 نوفمبر 2024' before 'الجمعة'). Inside a branch the group ``s`` is the
surface (clitics such as و/ف/ب before it are matched but not part of the date), and the
other groups are read by ``dashboard.dates.extract`` through ``Branch.get``.

Patterns are written in ordinary spelling and normalised as a whole (regex syntax is
ASCII, so ``normalize`` only touches the Arabic letters), matching the normalised view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dashboard.arabic.chars import ARTICLE, PROCLITIC_LETTERS
from dashboard.arabic.normalize import normalize
from dashboard.dates import calendar

# Any proclitic letter (و ف ب ك ل); branches that allow only some spell their subset out.
_CLITIC = f"[{PROCLITIC_LETTERS}]"


def alternation(words) -> str:
    """A regex matching any of the (normalised) words, as a trie: 'نو(?:فمبر|نبر)'.

    Python's regex engine tries the alternatives of a plain 'a|b|c' one by one at every
    position; the trie form fails on the first letter, which keeps the master regex fast.
    A space in a word matches any run of whitespace; longer words win (greedy).
    """
    trie: dict = {}
    for word in {normalize(w) for w in words}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict) -> str:
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _emit(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here and longer ones go on
        body = (body if len(branches) > 1 else f"(?:{body})") + "?"
    return body


def _strip_al(words) -> list[str]:
    return sorted({w[len(ARTICLE) :] if w.startswith(ARTICLE) else w for w in words})


@dataclass(frozen=True)
class Branch:
    """One named alternative of the master regex and the group names it defines."""

    name: str
    groups: tuple[str, ...]

    def get(self, match: re.Match, group: str) -> str | None:
        """The text of ``group`` of this branch in a match of the master regex (None if unset)."""
        return match.group(f"{self.name}__{group}") if group in self.groups else None

    def text(self, match: re.Match, group: str) -> str:
        """The text of ``group``, which this branch always sets where it is read."""
        value = self.get(match, group)
        if value is None:
            raise LookupError(f"the {self.name} branch matched without its group {group}")
        return value

    def span(self, match: re.Match, group: str) -> tuple[int, int]:
        """View span of ``group`` (-1, -1 if unset)."""
        return match.span(f"{self.name}__{group}")


@dataclass(frozen=True)
class Grammar:
    """The master regex over the normalised view and its branches by name."""

    regex: re.Pattern
    branches: dict[str, Branch]
    anchors: re.Pattern
    starters: re.Pattern


def _branches() -> list[tuple[str, str]]:
    """(name, pattern) of every branch, in priority order; patterns use normalised spelling."""
    months = alternation(calendar.gregorian_months())
    hijri = alternation(calendar.hijri_months())
    weekday_stems = alternation(_strip_al(calendar.weekdays()))
    ordinals = alternation(calendar.ordinal_days())
    adjectives = alternation(calendar.adjectives())
    this = alternation(calendar.words("this_before"))
    unit_stems = alternation(_strip_al(calendar.units()))
    year_unit_stems = alternation(
        _strip_al(w for w, unit in calendar.units().items() if unit == "year")
    )
    season_stems = alternation(_strip_al(calendar.seasons()))
    year_word_stems = alternation(_strip_al(calendar.words("year_words")))
    dual_year_words = alternation(calendar.words("year_words_dual"))
    greg_suffixes = calendar.words("gregorian_year_suffixes")
    greg_suffix = alternation(greg_suffixes)
    # Without a year word, a suffix must make the number a year: the one-letter
    # abbreviation glued to it ('2015م'), or a whole word ('2015 ميلادية').
    glued_suffix = alternation(w for w in greg_suffixes if len(w) == 1)
    word_suffix = alternation(w for w in greg_suffixes if len(w) > 1)
    hijri_suffix = alternation(calendar.words("hijri_year_suffixes"))
    month_word = alternation(calendar.words("month_word"))
    day_word = alternation(calendar.words("day_word"))
    rel_days = alternation(calendar.relative_days())
    # Leads that can stand before a weekday: 'يوم', 'اليوم', 'أمس', 'بعد غد' ('أمس الخميس').
    leads = alternation(
        [f"ال{w}" for w in calendar.words("day_word")]
        + list(calendar.words("day_word"))
        + list(calendar.words("day_word_dual"))  # 'يومي الأحد والاثنين'
        + list(calendar.relative_days())
    )

    year_word = rf"(?:ال|لل)?(?:{year_word_stems})"

    def year(name: str) -> str:
        # A Gregorian year 1800-2100, with an optional 'م' / 'ميلادي' after it.
        return (
            rf"(?P<{name}>1[89]\d\d|20\d\d|2100)(?!\d)"
            rf"(?:\s?(?:{greg_suffix})(?!\w))?"
        )

    hyear = r"(?P<hy>1[3-5]\d\d)(?!\d)"
    hsuffix = rf"\s?(?:{hijri_suffix})(?!\w)"
    # A month, possibly given in two series: 'تشرين الثاني/نوفمبر', 'يناير (كانون الثاني)'.
    month = (
        rf"(?P<m1>{months})(?!\w)"
        rf"(?:\s*[/\\(]\s*(?P<m2>{months})(?!\w)(?:\s*\))?|\s+(?P<m3>{months})(?!\w))?"
    )
    month_lead = rf"(?:{month_word}\s+)?"
    day = rf"(?:(?:ال)?(?P<day>[0-3]?\d)(?!\d)\s*|(?P<ord>{ordinals})\s+من\s+)"
    # the first day of a range: '23 و27 مارس', 'من 20 إلى 28 مارس', 'يومي 22 و26 مارس'
    day_range = r"(?:(?P<day0>[0-3]?\d)\s*(?:-|و|الى|حتى|وحتى)\s*)?"
    weekday_lead = rf"(?:(?:(?:{leads})\s+)?(?:ال|لل)(?P<wd>{weekday_stems})\s*[،,]?\s*)?"
    year_link = rf"(?:\s*[،,]?\s*|\s+(?:من\s+)?{year_word}\s+)"
    rel_year = (
        rf"\s+(?:من\s+)?(?:(?:ال)?(?:{year_unit_stems})\s+(?P<yadj>{adjectives})"
        rf"|(?P<ythis>{this})\s+ال(?:{year_unit_stems}))(?!\w)"
    )
    before = r"(?<![\w.,/])"

    return [
        # 25 شوال 1436 هـ ; الخامس والعشرين من شوال 1436
        (
            "hijri_day",
            rf"{before}و?(?P<s>{weekday_lead}{day}(?:{month_word}\s+)?(?P<hm>{hijri})(?!\w)"
            rf"\s+(?:(?:من\s+)?{year_word}\s+)?{hyear}(?:{hsuffix})?)",
        ),
        # شوال 1436 هـ
        (
            "hijri_month",
            rf"(?<!\w)(?P<s>{month_lead}(?P<hm>{hijri})(?!\w)\s+(?:(?:من\s+)?{year_word}\s+)?"
            rf"{hyear}(?:{hsuffix})?)",
        ),
        # 1436هـ ; عام 1436 هجرية
        ("hijri_year", rf"(?<!\w){_CLITIC}?(?P<s>(?:{year_word}\s+)?{hyear}{hsuffix})"),
        # 2024-11-01 ; 2024/11/01
        (
            "iso",
            rf"{before}(?P<s>(?P<y>1[89]\d\d|20\d\d)(?P<sep>[-/.])(?P<mo>[01]?\d)(?P=sep)"
            rf"(?P<d>[0-3]?\d))(?!\d|[-/.]\d)",
        ),
        # 01/11/2024 (day/month/year, as the Arabic press writes it)
        (
            "dmy",
            rf"{before}(?P<s>(?P<d>[0-3]?\d)(?P<sep>[-/.])(?P<mo>[01]?\d)(?P=sep)"
            rf"(?P<y>1[89]\d\d|20\d\d))(?!\d|[-/.]\d)",
        ),
        # (الجمعة) 1 نوفمبر 2024 ; الأول من تشرين الثاني/نوفمبر ; 20 يناير الماضي ;
        # 5 مارس من العام المقبل
        (
            "day",
            rf"{before}و?{day_range}(?P<s>{weekday_lead}{day}(?:من\s+)?{month_lead}{month}"
            rf"(?:{year_link}{year('y')}|{rel_year}|\s+(?P<madj>{adjectives})(?!\w))?)",
        ),
        # الـ18 من الشهر الجاري ; 5 من الشهر المقبل
        (
            "day_relmonth",
            rf"{before}و?(?P<s>(?:ال)?(?P<day>[0-3]?\d)(?!\d)\s*(?:من\s+)?"
            rf"(?:ال(?:{month_word})\s+(?P<adj>{adjectives})|(?:{this})\s+ال(?:{month_word}))"
            rf"(?!\w))",
        ),
        # تشرين الثاني/نوفمبر 2024 ; شهر جانفي 2018 ; نوفمبر من عام 2024
        ("month_year", rf"(?<!\w)(?P<cl>[وفبل])?(?P<s>{month_lead}{month}{year_link}{year('y')})"),
        # سبتمبر العام الماضي ; يناير من هذا العام
        ("month_relyear", rf"(?<!\w)(?P<cl>[وفبل])?(?P<s>{month_lead}{month}{rel_year})"),
        # آذار الماضي ; مايو المقبل ; الشهر الجاري is a unit, not this
        (
            "month_adj",
            rf"(?<!\w)(?P<cl>[وفبل])?(?P<s>{month_lead}{month}\s+(?P<madj>{adjectives})(?!\w))",
        ),
        # صيف 2024 ; شتاء عام 2018
        (
            "season_year",
            rf"(?<!\w)[وفبل]?(?P<s>(?P<sea>{season_stems})\s+(?:(?:من\s+)?{year_word}\s+)?"
            rf"{year('y')})",
        ),
        # صيف العام الماضي ; ربيع هذا العام
        ("season_relyear", rf"(?<!\w)[وفبل]?(?P<s>(?P<sea>{season_stems}){rel_year})"),
        # هذا الصيف
        ("season_this", rf"(?<!\w)[وف]?(?P<s>(?:{this})\s+ال(?P<sea>{season_stems}))(?!\w)"),
        # الصيف الماضي ; الشتاء المقبل
        (
            "season_adj",
            rf"(?<!\w)[وف]?[بك]?(?P<s>(?:ال|لل)(?P<sea>{season_stems})\s+(?P<adj>{adjectives}))"
            rf"(?!\w)",
        ),
        # هذا الأسبوع ; هذه السنة
        ("unit_this", rf"(?<!\w)[وف]?(?P<s>(?:{this})\s+ال(?P<unit>{unit_stems}))(?!\w)"),
        # الأسبوع الماضي ; العام المقبل ; العام قبل الماضي
        (
            "unit_adj",
            rf"(?<!\w)[وف]?[بك]?(?P<s>(?:ال|لل)(?P<unit>{unit_stems})\s+"
            rf"(?:(?P<before>قبل)\s+)?(?P<adj>{adjectives}))(?!\w)",
        ),
        # عامي 2011 و2014
        (
            "year_dual",
            rf"(?<!\w)[وفبل]?(?P<s>(?:ال)?(?:{dual_year_words})\s+{year('y')})"
            rf"\s*(?:و|-|الى|حتى|وحتى)\s*(?:{year_word}\s+)?(?P<s2>{year('y2')})",
        ),
        # عام 1949 ; العام 2018 ; سنة 2018
        ("year", rf"(?<!\w){_CLITIC}?(?P<s>{year_word}\s+{year('y')})"),
        # 2015م ; 2015 ميلادية
        (
            "year_suffix",
            rf"{before}(?P<s>(?P<y>1[89]\d\d|20\d\d)(?:{glued_suffix}|\s?(?:{word_suffix}))(?!\w))",
        ),
        # الخميس ; (الخميس) ; يوم الخميس ; اليوم الجمعة ; الأحد المقبل ; والسبت
        (
            "weekday",
            rf"(?<!\w)[وف]?[بلك]?(?P<s>(?:(?:{day_word}\s+)?(?P<lead>{leads})\s+)?(?:ال|لل)"
            rf"(?P<wd>{weekday_stems})"
            rf"(?:\s+(?P<wadj>{adjectives}))?)(?!\w)",
        ),
        # أمس ; أول أمس ; اليوم ; غدا ; يوم أمس ; بالأمس
        ("relday", rf"(?<!\w)[وف]?ب?(?P<s>(?:{day_word}\s+)?(?P<rel>{rel_days}))(?!\w)"),
        # a month alone: a date only after شهر or a word of month_context_before (checked later)
        ("month_bare", rf"(?<!\w)(?P<s>(?P<sh>{month_word}\s+)?{month})"),
    ]


def _anchor_pattern() -> str:
    """Words every date expression contains one of: month and weekday names, units, seasons,
    year words, relative day words, or a 4-digit number. Cheap to find; the master regex
    then only runs at the few word starts just before each of them. Month names (group
    ``far``) can have a long lead ('يوم الجمعة الحادي والعشرين من شهر نوفمبر'); the others
    at most two words ('يوم الخميس', 'أول من أمس', '01/11/2024').
    """
    generic = set(calendar.words("anchor_stopwords"))

    def anchor_words(names) -> list[str]:
        words = {w for name in names for w in name.split() if w not in generic}
        return _strip_al(words) + sorted(words)

    far = anchor_words(
        [*calendar.gregorian_months(), *calendar.hijri_months(), *calendar.words("month_word")]
    )
    near = anchor_words(
        [
            *calendar.weekdays(),
            *calendar.units(),
            *calendar.seasons(),
            *calendar.relative_days(),
            *calendar.words("year_words"),
            *calendar.words("year_words_dual"),
        ]
    )
    return (
        rf"(?<![^\W\d])(?:{_CLITIC}{{0,2}}(?:ال|لل)?(?:(?P<far>{alternation(far)})|{alternation(near)})"
        rf"(?![^\W\d])|\d{{4}}(?!\d))"
    )


def _starter_pattern() -> str:
    """The first words an expression can begin with (after a clitic): a number, a month, a
    weekday, an ordinal, 'يوم', 'هذا', a unit, a season, a year word, a relative day word.
    Checking this first lets the master regex skip most word starts at once.
    """
    names = [
        *calendar.gregorian_months(),
        *calendar.hijri_months(),
        *calendar.weekdays(),
        *calendar.ordinal_days(),
        *calendar.units(),
        *calendar.seasons(),
        *calendar.relative_days(),
        *calendar.words("year_words"),
        *calendar.words("year_words_dual"),
        *calendar.words("month_word"),
        *calendar.words("day_word"),
        *calendar.words("day_word_dual"),
        *calendar.words("this_before"),
    ]
    firsts = {name.split()[0] for name in names}
    words = alternation(_strip_al(firsts) + sorted(firsts))
    # A word ends where letters end: the master regex lets a digit follow a name directly
    # ('الخميس٠١آب'), so the cheap pre-checks must too, or they would miss what it finds.
    return rf"(?:{_CLITIC}{{0,2}}(?:ال|لل)?(?:{words})(?![^\W\d])|و?(?:ال)?\d)"


_SPACE = r"[^\S\n]"
_GROUP = re.compile(r"\(\?P<(\w+)>")
_BACKREF = re.compile(r"\(\?P=(\w+)\)")


@cache
def grammar() -> Grammar:
    """The compiled master regex (built once from the calendar file)."""
    parts = []
    branches: dict[str, Branch] = {}
    for name, pattern in _branches():
        # A date never runs across a line break: 'في نوفمبر' ending a paragraph and '2024'
        # starting the next are two things.
        pattern = normalize(pattern).replace(r"\s", _SPACE)
        groups = tuple(_GROUP.findall(pattern))
        renamed = _GROUP.sub(rf"(?P<{name}__\1>", pattern)
        renamed = _BACKREF.sub(rf"(?P={name}__\1)", renamed)
        parts.append(f"(?P<{name}>{renamed})")
        branches[name] = Branch(name, groups)
    anchors = re.compile(normalize(_anchor_pattern()))
    starters = re.compile(normalize(_starter_pattern()))
    return Grammar(re.compile("|".join(parts)), branches, anchors, starters)
