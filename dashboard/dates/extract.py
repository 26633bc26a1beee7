"""Find the dates an Arabic news text mentions and resolve them to TimeML values.

``extract_dates(text, article_date)`` returns one dict per date expression, in text order:

    {"surface": "الخميس", "start": 312, "end": 318, "value": "2024-10-31",
     "granularity": "day", "relative": True}

``text[start:end] == surface`` always holds: matching runs on the normalised view of the
text (``dashboard.dates.textmap``) and the spans are mapped back. ``value`` is written as
HeidelTime writes TIMEX3 values ('2024-10-31', '2024-06', '2024-W44', '2024-SU', '1949');
``granularity`` is day / week / month / season / year; ``relative`` is True when the value
was worked out from the article date (weekdays, أمس, الأسبوع الماضي, آذار الماضي, هذا
الصيف, a day and month without a year). Without an article date those are left out.

The grammar is one compiled regex (``dashboard.dates.patterns``); this module holds the
small handlers that turn a match of each branch into dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

from dashboard.arabic.chars import ARTICLE
from dashboard.dates import calendar
from dashboard.dates import resolve as rv
from dashboard.dates.patterns import Branch, Grammar, grammar
from dashboard.dates.textmap import NormalisedView

# (view start, view end, value, granularity, relative)
Found = tuple[int, int, str, str, bool]
Handler = Callable[[re.Match, Branch, str, "dt.date | None"], Iterator[Found]]

_WORD = re.compile(r"\w+")
_WORD_START = re.compile(r"(?<!\w)\w")
# How far (words, characters) before an anchor word an expression may start: before a month
# 'يوم الجمعة الحادي والعشرين من شهر'; before other anchors 'أول من' (أمس), '01/11/' (2024).
_LOOKBACK_FAR = (6, 70)
_LOOKBACK_NEAR = (2, 24)
_PREV_WORD = re.compile(r"(\w+)[ \t\u00a0]+$")
_NEXT_WORD = re.compile(r"[ \t\u00a0]+(\w+)")
_CLAUSE_END = re.compile(r"[.!?؟؛\n]")
_FUTURE_WINDOW_WORDS = 8
# 'سيزور', 'ستعقد': five letters or more; shorter س-words are mostly names ('ستوك', 'سيرج'),
# and the few short future verbs ('سيتم', 'سيصل') are listed in future_words.
_FUTURE_VERB_MIN_LETTERS = 5
_ADJ_STEP = {"past": -1, "next": 1, "this": 0}


def extract_dates(text: str, article_date: dt.date | None = None) -> list[dict]:
    """The date expressions in ``text``, resolved against ``article_date`` where needed.

    ``text``: the article text (original characters; offsets point into it).
    ``article_date``: the day the article was published (a ``datetime.date``; a datetime
    or pandas Timestamp is reduced to its date; None or NaT means unknown, and then
    expressions that need it are skipped). Returns dicts with keys surface, start, end,
    value, granularity, relative, sorted by start; spans never overlap.
    """
    if not text:
        return []
    ref = _as_date(article_date)
    view = NormalisedView(text)
    g = grammar()
    out: list[dict] = []
    for match in _matches(g, view.view):
        # Every alternative of the master regex is a named branch, so one of them matched.
        branch = g.branches[match.lastgroup or ""]
        if _not_a_month(match, branch, view):
            continue
        try:
            found = list(_HANDLERS[branch.name](match, branch, view.view, ref))
        except (ValueError, OverflowError):  # e.g. 'أمس' in an article dated 0001-01-01
            continue
        for a, b, value, granularity, relative in found:
            start, end = view.span(a, b)
            out.append(
                {
                    "surface": text[start:end],
                    "start": start,
                    "end": end,
                    "value": value,
                    "granularity": granularity,
                    "relative": relative,
                }
            )
    return out


def _matches(g: Grammar, view: str) -> Iterator[re.Match]:
    """The matches of the master regex, left to right, without overlaps.

    Same as ``g.regex.finditer(view)`` as far as date expressions go (each one holds an
    anchor word), but the regex is only tried at the few word starts just before each
    anchor, which is what makes extraction fast on long texts.
    """
    done = 0  # end of the last match: nothing starts before it
    for anchor in g.anchors.finditer(view):
        at = anchor.start()
        if at < done:
            continue
        words, chars = _LOOKBACK_FAR if anchor.group("far") else _LOOKBACK_NEAR
        starts = [w.start() for w in _WORD_START.finditer(view, max(done, at - chars), at)]
        starts = starts[-words:]
        starts.append(at)
        for start in starts:
            if start != at and g.starters.match(view, start) is None:
                continue
            match = g.regex.match(view, start)
            if match is not None and match.end() > at:
                done = match.end()
                yield match
                break


def _not_a_month(match: re.Match, branch: Branch, view: NormalisedView) -> bool:
    """Is the month name of this match, as written, a word that is no month ('إب', a city)?"""
    if branch.get(match, "m1") is None:
        return False
    written = view.text[slice(*view.span(*branch.span(match, "m1")))]
    return written in calendar.original_words("not_months")


def _as_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        try:
            value = value.date()
        except (ValueError, AttributeError):
            return None
    if not isinstance(value, dt.date) or value != value:  # NaT is not equal to itself
        return None
    return value


# --- small readers of the view -----------------------------------------------------------


def _prev_word(view: str, pos: int) -> str:
    m = _PREV_WORD.search(view, max(0, pos - 40), pos)
    return m.group(1) if m else ""


def _next_word(view: str, pos: int) -> str:
    m = _NEXT_WORD.match(view, pos)
    return m.group(1) if m else ""


def _without_conjunction(word: str) -> str:
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


def _is_future_verb(word: str) -> bool:
    non_verbs = _word_set("future_non_verbs")
    return (
        len(word) >= _FUTURE_VERB_MIN_LETTERS
        and word.startswith(calendar.words("future_verb_prefixes"))
        and word not in non_verbs
    )


def _future_before(view: str, pos: int) -> bool:
    """Does the clause before ``pos`` announce the future ('سيزور الرئيس موسكو' + weekday)?

    Looks back a few words, stopping at the end of the previous sentence or quote, and at a
    reporting verb ('قال الخميس إنه سيزور' is about what was said on Thursday).
    """
    window = view[max(0, pos - 160) : pos]
    ends = list(_CLAUSE_END.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    future_words = _word_set("future_words")
    reporting = _word_set("reporting_verbs")
    for word in reversed(_WORD.findall(window)[-_FUTURE_WINDOW_WORDS:]):
        for form in {word, _without_conjunction(word)}:
            if form in reporting:
                return False
            if form in future_words or _is_future_verb(form):
                return True
    return False


def _nearest_or_ahead(view: str, pos: int) -> str:
    """How to place a day or month given without a year: 'ahead' (the next one) in a sentence
    about the future ('ستجرى الانتخابات في 12 مايو'), else the one nearest the article date."""
    return "ahead" if _future_before(view, pos) else "nearest"


_SETS: dict[str, frozenset[str]] = {}


def _word_set(section: str) -> frozenset[str]:
    found = _SETS.get(section)
    if found is None:
        found = _SETS[section] = frozenset(calendar.words(section))
    return found


def _surface(match: re.Match, branch: Branch, group: str = "s") -> tuple[int, int]:
    return branch.span(match, group)


def _month(match: re.Match, branch: Branch) -> int:
    return calendar.gregorian_months()[_collapse(branch.text(match, "m1"))]


def _collapse(words: str) -> str:
    """'تشرين   الثاني' (any spaces) -> 'تشرين الثاني', the form of calendar keys."""
    return " ".join(words.split())


def _day(match: re.Match, branch: Branch) -> int:
    digits = branch.get(match, "day")
    if digits is not None:
        return int(digits)
    return calendar.ordinal_days()[_collapse(branch.text(match, "ord"))]


def _weekday(match: re.Match, branch: Branch) -> int | None:
    """The weekday named in the match, if it names one."""
    return None if branch.get(match, "wd") is None else _named_weekday(match, branch)


def _named_weekday(match: re.Match, branch: Branch) -> int:
    return calendar.weekdays()[ARTICLE + branch.text(match, "wd")]


def _rel_year(match: re.Match, branch: Branch, ref: dt.date | None) -> int | None:
    """The year of 'من العام الماضي' / 'هذا العام' after a month or season (None if absent)."""
    adjective = branch.get(match, "yadj")
    if adjective is not None:
        return None if ref is None else ref.year + _ADJ_STEP[calendar.adjectives()[adjective]]
    if branch.get(match, "ythis") is not None:
        return None if ref is None else ref.year
    return None


def _day_found(span, day: dt.date | None, relative: bool) -> Iterator[Found]:
    if day is not None:
        yield (*span, rv.day_value(day), "day", relative)


# --- one handler per branch -------------------------------------------------------------


def _h_hijri_day(m, br, view, ref):
    day = rv.hijri_to_gregorian(int(br.get(m, "hy")), _hijri_month(m, br), _day(m, br))
    yield from _day_found(_surface(m, br), day, False)


def _hijri_month(m, br) -> int:
    return calendar.hijri_months()[_collapse(br.get(m, "hm"))]


def _h_hijri_month(m, br, view, ref):
    # A Hijri month straddles two Gregorian ones: take the one holding its 15th day.
    middle = rv.hijri_to_gregorian(int(br.get(m, "hy")), _hijri_month(m, br), 15)
    if middle is not None:
        yield (*_surface(m, br), rv.month_value(middle.year, middle.month), "month", False)


def _h_hijri_year(m, br, view, ref):
    # A Hijri year straddles two Gregorian ones: take the one holding 1 Rajab, its middle.
    middle = rv.hijri_to_gregorian(int(br.get(m, "hy")), 7, 1)
    if middle is not None:
        yield (*_surface(m, br), rv.year_value(middle.year), "year", False)


def _h_numeric(m, br, view, ref):
    day = rv.safe_date(int(br.get(m, "y")), int(br.get(m, "mo")), int(br.get(m, "d")))
    yield from _day_found(_surface(m, br), day, False)


def _h_day(m, br, view, ref):
    """'1 نوفمبر 2024'; without a year, the nearest such day ('20 يناير الماضي': the last one).

    A range '23 و27 مارس' gives two dates: '23' (the bare number) in the month and year
    of '27 مارس'.
    """
    month, day = _month(m, br), _day(m, br)
    year = br.get(m, "y")
    relative = year is None
    if year is not None:
        found = rv.safe_date(int(year), month, day)
    elif ref is None:
        return
    elif (rel_year := _rel_year(m, br, ref)) is not None:
        found = rv.safe_date(rel_year, month, day)
    else:
        adjective = br.get(m, "madj")
        if adjective is not None:
            mode = calendar.adjectives()[adjective]
        else:
            mode = _nearest_or_ahead(view, _surface(m, br)[0])
        found = rv.day_month_near(ref, month, day, mode, weekday=_weekday(m, br))
    if found is None:
        return
    first = br.get(m, "day0")
    if first is not None:
        yield from _day_found(
            br.span(m, "day0"), rv.safe_date(found.year, month, int(first)), relative
        )
    yield from _day_found(_surface(m, br), found, relative)


def _h_day_relmonth(m, br, view, ref):
    """'الـ18 من الشهر الجاري', '5 من الشهر المقبل': a day of a month named relatively."""
    if ref is None:
        return
    adjective = br.get(m, "adj")
    step = 0 if adjective is None else _ADJ_STEP[calendar.adjectives()[adjective]]
    year, month = rv.shift_months(ref.year, ref.month, step)
    yield from _day_found(_surface(m, br), rv.safe_date(year, month, int(br.get(m, "day"))), True)


def _short_month_with_clitic(m, br) -> bool:
    # 'باب 2020' is a door, not August: a clitic is only taken on month names of 3+ letters.
    return br.get(m, "cl") is not None and len(br.get(m, "m1")) <= 2


def _h_month_year(m, br, view, ref):
    if _short_month_with_clitic(m, br):
        return
    yield (*_surface(m, br), rv.month_value(int(br.get(m, "y")), _month(m, br)), "month", False)


def _h_month_relyear(m, br, view, ref):
    year = _rel_year(m, br, ref)
    if year is None or _short_month_with_clitic(m, br):
        return
    yield (*_surface(m, br), rv.month_value(year, _month(m, br)), "month", True)


def _h_month_adj(m, br, view, ref):
    if ref is None or _short_month_with_clitic(m, br):
        return
    year, month = rv.month_near(ref, _month(m, br), calendar.adjectives()[br.get(m, "madj")])
    yield (*_surface(m, br), rv.month_value(year, month), "month", True)


def _h_month_bare(m, br, view, ref):
    """A month alone ('في نوفمبر', 'شهر مارس'): the nearest one ('منذ': the latest one)."""
    if ref is None:
        return
    start = _surface(m, br)[0]
    before = _prev_word(view, start)
    context = calendar.month_context()
    mode = context.get(before) or context.get(_without_conjunction(before))
    if mode is None and br.get(m, "sh") is None:
        return
    mode = "since" if mode == "past" else _nearest_or_ahead(view, start)
    year, month = rv.month_near(ref, _month(m, br), mode)
    yield (*_surface(m, br), rv.month_value(year, month), "month", True)


def _season(m, br) -> str:
    return calendar.seasons()[ARTICLE + br.text(m, "sea")]


def _h_season_year(m, br, view, ref):
    yield (*_surface(m, br), rv.season_value(int(br.get(m, "y")), _season(m, br)), "season", False)


def _h_season_relyear(m, br, view, ref):
    year = _rel_year(m, br, ref)
    if year is not None:
        yield (*_surface(m, br), rv.season_value(year, _season(m, br)), "season", True)


def _h_season_this(m, br, view, ref):
    if ref is not None:
        year, code = rv.season_near(ref, _season(m, br), "this")
        yield (*_surface(m, br), rv.season_value(year, code), "season", True)


def _h_season_adj(m, br, view, ref):
    if ref is not None:
        mode = calendar.adjectives()[br.get(m, "adj")]
        year, code = rv.season_near(ref, _season(m, br), mode)
        yield (*_surface(m, br), rv.season_value(year, code), "season", True)


def _unit_value(ref: dt.date, unit: str, step: int) -> tuple[str, str]:
    if unit == "week":
        return rv.week_value(ref + dt.timedelta(weeks=step)), "week"
    if unit == "month":
        return rv.month_value(*rv.shift_months(ref.year, ref.month, step)), "month"
    return rv.year_value(ref.year + step), "year"


def _h_unit_this(m, br, view, ref):
    if ref is not None:
        unit = calendar.units()[ARTICLE + br.text(m, "unit")]
        yield (*_surface(m, br), *_unit_value(ref, unit, 0), True)


def _h_unit_adj(m, br, view, ref):
    if ref is None:
        return
    unit = calendar.units()[ARTICLE + br.text(m, "unit")]
    start = _surface(m, br)[0]
    # 'الأمين العام المقبل' is the next secretary-general, not next year.
    if unit == "year" and _prev_word(view, start) in _word_set("general_nouns"):
        return
    step = _ADJ_STEP[calendar.adjectives()[br.get(m, "adj")]]
    if br.get(m, "before") is not None:  # 'العام قبل الماضي': the year before last
        if step != -1:
            return
        step = -2
    yield (*_surface(m, br), *_unit_value(ref, unit, step), True)


def _h_year_dual(m, br, view, ref):
    yield (*_surface(m, br), rv.year_value(int(br.get(m, "y"))), "year", False)
    yield (*_surface(m, br, "s2"), rv.year_value(int(br.get(m, "y2"))), "year", False)


def _h_year(m, br, view, ref):
    yield (*_surface(m, br), rv.year_value(int(br.get(m, "y"))), "year", False)


def _h_weekday(m, br, view, ref):
    """'الخميس' is the latest Thursday up to the article day, unless the text looks ahead.

    Ahead: 'الأحد المقبل', 'غدا الأحد', or a future verb/word shortly before it in the same
    clause ('سيزور بكين الأحد'). Back a full week: 'الخميس الماضي', 'أمس الخميس'.
    """
    if ref is None:
        return
    start = _surface(m, br)[0]
    if _prev_word(view, start) in _word_set("weekday_blockers_before"):  # 'كلا الاثنين'
        return
    weekday = _named_weekday(m, br)
    if weekday == 0 and _is_the_two(view, start, br.span(m, "s")[1]):
        return
    adjective = br.get(m, "wadj")
    lead = br.get(m, "lead")
    offset = calendar.relative_days().get(_collapse(lead)) if lead is not None else None
    kind = calendar.adjectives()[adjective] if adjective is not None else None
    if kind == "past" or (offset is not None and offset < 0):
        day = rv.weekday_before(ref, weekday, at_least=1)
    elif kind == "next" or (offset is not None and offset > 0):
        day = rv.weekday_after(ref, weekday, at_least=1)
    elif offset is None and _future_before(view, start):
        day = rv.weekday_after(ref, weekday)
    else:
        day = rv.weekday_before(ref, weekday)
    yield (*_surface(m, br), rv.day_value(day), "day", True)


def _is_the_two(view: str, start: int, end: int) -> bool:
    """'بين الاثنين' / 'الاثنين معا': 'the two', not Monday (but 'بين الاثنين والجمعة' is)."""
    after = _next_word(view, end)
    if after in _word_set("the_two_after"):
        return True
    before = _prev_word(view, start)
    return before in _word_set("the_two_before") and not after.startswith("و")


def _h_relday(m, br, view, ref):
    if ref is None:
        return
    offset = calendar.relative_days()[_collapse(br.get(m, "rel"))]
    start, end = _surface(m, br)
    if _not_a_day_word(view, start, end, offset):
        return
    day = ref + dt.timedelta(days=offset)
    yield (start, end, rv.day_value(day), "day", True)


def _not_a_day_word(view: str, start: int, end: int, offset: int) -> bool:
    """'الأمس القريب' (lately), 'اليوم نفسه'; for 'اليوم' also 'اليوم الوطني', 'اليوم التالي',
    'ذلك اليوم', 'في اليوم' (per day), 'اليوم السابع' (a newspaper): not a day."""
    after = _next_word(view, end)
    if after in _word_set("relative_day_blockers_after"):
        return True
    if offset != 0:
        return False
    if after.startswith(ARTICLE):  # a weekday after it is matched by the weekday branch first
        return True
    before = _without_conjunction(_prev_word(view, start))
    return before in _word_set("today_blockers_before")


_HANDLERS: dict[str, Handler] = {
    "hijri_day": _h_hijri_day,
    "hijri_month": _h_hijri_month,
    "hijri_year": _h_hijri_year,
    "iso": _h_numeric,
    "dmy": _h_numeric,
    "day": _h_day,
    "day_relmonth": _h_day_relmonth,
    "month_year": _h_month_year,
    "month_relyear": _h_month_relyear,
    "month_adj": _h_month_adj,
    "season_year": _h_season_year,
    "season_relyear": _h_season_relyear,
    "season_this": _h_season_this,
    "season_adj": _h_season_adj,
    "unit_this": _h_unit_this,
    "unit_adj": _h_unit_adj,
    "year_dual": _h_year_dual,
    "year": _h_year,
    "year_suffix": _h_year,
    "weekday": _h_weekday,
    "relday": _h_relday,
    "month_bare": _h_month_bare,
}
