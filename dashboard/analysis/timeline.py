"""When: mentions and articles per period (publication dates), and the dates the
articles *talk about* (TIMEX3 values of the ``dates`` frame).

Periods are labelled by their first day (``period`` is a Timestamp): day, ISO week
starting Monday, or calendar month. Series are zero-filled over the view's full
publication range so lines are comparable and gaps show as zeros.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard.analysis.filters import View

FREQS = {"D": "D", "W": "W-SUN", "M": "M"}  # our code -> pandas Period frequency
GRANULARITIES = ("day", "week", "month", "season", "year")


def _period_freq(freq: str) -> str:
    try:
        return FREQS[freq]
    except KeyError:
        raise ValueError(f"freq must be one of {tuple(FREQS)}, not {freq!r}") from None


def period_start(days, freq: str) -> pd.Series:
    """First day of the period holding each of ``days`` (datetime-like, NaT kept)."""
    days = pd.to_datetime(pd.Series(days), errors="coerce")
    return days.dt.to_period(_period_freq(freq)).dt.start_time


def _periods(view: View, freq: str) -> pd.DatetimeIndex:
    """Every period from the view's first to last dated article."""
    days = view.index.art_day[view.article_mask]
    days = days[~np.isnat(days)]
    if not len(days):
        return pd.DatetimeIndex([], name="period")
    span = pd.period_range(days.min(), days.max(), freq=_period_freq(freq))
    return pd.DatetimeIndex(span.start_time, name="period")


def _article_period_starts(view: View, freq: str) -> np.ndarray:
    """First day of the period of every corpus article (NaT if undated), cached per freq."""
    extras = view.index.extras
    key = ("period_starts", freq)
    if key not in extras:
        extras[key] = period_start(view.index.art_day, freq).to_numpy(dtype="datetime64[ns]")
    return extras[key]


def _mention_periods(view: View, freq: str, mask: np.ndarray):
    """(periods of the view, period position of each masked mention; -1 if undated)."""
    idx = view.index
    periods = _periods(view, freq)
    art_pos = periods.get_indexer(_article_period_starts(view, freq))
    arts = idx.ment_art[mask]
    pos = np.where(arts >= 0, art_pos[np.clip(arts, 0, None)], -1) if len(art_pos) else arts
    return periods, pos


def _tidy(codes, pos, n_rows: int, periods: pd.DatetimeIndex, key: str, labels) -> pd.DataFrame:
    """Zero-filled (key, period) counts from row codes and period positions."""
    ok = (codes >= 0) & (pos >= 0)
    n_per = len(periods)
    grid = np.bincount(codes[ok] * n_per + pos[ok], minlength=n_rows * n_per)
    return pd.DataFrame(
        {
            "period": np.tile(periods.to_numpy(), n_rows),
            key: pd.array(np.repeat(np.asarray(labels, dtype=object), n_per), dtype="string"),
            "mentions": grid.reshape(n_rows, n_per).ravel().astype(np.int64),
        }
    )


def mentions_over_time(view: View, actor_ids=None, freq: str = "W", top_n: int = 5) -> pd.DataFrame:
    """Mentions per period of each actor, tidy and zero-filled.

    ``actor_ids``: the actors (unknown ids dropped); None = the ``top_n`` most
    mentioned in the view. Mentions in undated articles are not counted.
    Columns: period (Timestamp, first day), actor_id, mentions (int); ordered by
    the given actor order, then period.
    """
    idx = view.index
    if actor_ids is None:
        from dashboard.analysis.counts import top_actors

        actor_ids = top_actors(view, n=top_n)["actor_id"].tolist()
    actor_ids = [str(a) for a in dict.fromkeys(actor_ids)]
    codes = idx.actor_codes(actor_ids)
    known = [str(a) for a in idx.actor_ids.take(codes)]
    # Row of each mention's actor among the chosen ones (-1 = not chosen).
    row_of = np.full(len(idx.actor_ids) + 1, -1, dtype=np.int64)
    row_of[codes] = np.arange(len(codes))
    mask = view.mention_mask & (idx.ment_actor >= 0)
    mask &= row_of[np.where(idx.ment_actor >= 0, idx.ment_actor, len(idx.actor_ids))] >= 0
    periods, pos = _mention_periods(view, freq, mask)
    rows = row_of[idx.ment_actor[mask]]
    return _tidy(rows, pos, len(codes), periods, "actor_id", known)


def articles_over_time(view: View, freq: str = "W", by_source: bool = False) -> pd.DataFrame:
    """Articles per publication period, zero-filled.

    Columns: period, articles (+ source first when ``by_source``; articles without a
    source are grouped under "" ). Undated articles are not counted.
    """
    idx = view.index
    periods = _periods(view, freq)
    found = pd.DataFrame({"period": period_start(idx.art_day[view.article_mask], freq)})
    if by_source:
        src = pd.Series(idx.art_source[view.article_mask], dtype="string").fillna("")
        found["source"] = src.to_numpy()
        found = found.dropna(subset=["period"])
        sources = pd.Index(sorted(found["source"].unique()), name="source", dtype="string")
        full = pd.MultiIndex.from_product([sources, periods], names=["source", "period"])
        counts = found.groupby(["source", "period"]).size()
        out = counts.reindex(full, fill_value=0).rename("articles").reset_index()
        out = out[["period", "source", "articles"]]
    else:
        counts = found.dropna().groupby("period").size()
        out = counts.reindex(periods, fill_value=0).rename("articles").reset_index()
    out["articles"] = out["articles"].astype("int64")
    return out


# ---------------------------------------------------------------------------
# TIMEX3 values -> the period they name.

_SEASON_START = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "AU": (9, 3), "WI": (12, 3)}
_TIMEX = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$"), "day"),
    (re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$"), "week"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$"), "season"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{3})X$"), "decade"),
]


def _add_months(day: _dt.date, months: int) -> _dt.date:
    total = day.year * 12 + (day.month - 1) + months
    return _dt.date(total // 12, total % 12 + 1, 1)


@lru_cache(maxsize=65536)
def parse_timex(value: str) -> tuple[pd.Timestamp, pd.Timestamp, str] | None:
    """The period a TIMEX3 value names: (first day, last day, granularity), or None.

    Understood: ``2024-10-31`` (day; a time part is ignored), ``2024-W44`` (ISO week,
    Monday..Sunday), ``2024-10`` (month), ``2024-SU`` (meteorological season:
    SP Mar-May, SU Jun-Aug, FA Sep-Nov, WI Dec of that year to Feb of the next),
    ``2024-Q3``, ``2024`` (year), ``199X`` (decade). Anything else (``PRESENT_REF``,
    ``XXXX-10``, durations) gives None.
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    for pattern, gran in _TIMEX:
        m = pattern.match(value)
        if not m:
            continue
        try:
            year = int(m.group(1))
            if gran == "day":
                start = end = _dt.date(year, int(m.group(2)), int(m.group(3)))
            elif gran == "week":
                start = _dt.date.fromisocalendar(year, int(m.group(2)), 1)
                end = start + _dt.timedelta(days=6)
            elif gran == "month":
                start = _dt.date(year, int(m.group(2)), 1)
                end = _add_months(start, 1) - _dt.timedelta(days=1)
            elif gran == "season":
                month, length = _SEASON_START[m.group(2)]
                start = _dt.date(year, month, 1)
                end = _add_months(start, length) - _dt.timedelta(days=1)
            elif gran == "quarter":
                start = _dt.date(year, 3 * int(m.group(2)) - 2, 1)
                end = _add_months(start, 3) - _dt.timedelta(days=1)
            elif gran == "year":
                start, end = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
            else:  # decade: "199X" -> 1990..1999
                start, end = _dt.date(year * 10, 1, 1), _dt.date(year * 10 + 9, 12, 31)
        except ValueError:  # 2024-02-30, week 54, month 13 ...
            return None
        if not 1 <= start.year <= 2262 - 1:  # pandas Timestamp range
            return None
        return pd.Timestamp(start), pd.Timestamp(end), gran
    return None


def referenced_dates(view: View, granularity=None) -> pd.DataFrame:
    """The dates the view's sentences talk about, one row per distinct TIMEX3 value.

    ``granularity``: None (all) or one granularity / a list of them (as in the
    ``dates`` frame: day, week, month, season, year).
    Columns: value, granularity, period_start, period_end (Timestamps, NaT when the
    value names no calendar period), mentions (expressions), articles (distinct
    articles), relative (expressions resolved against the article date); sorted by
    period_start, then value.
    """
    dates = view.dates
    if granularity is not None:
        grans = [granularity] if isinstance(granularity, str) else list(granularity)
        dates = dates[dates["granularity"].isin(grans)]
    cols = [
        "value",
        "granularity",
        "period_start",
        "period_end",
        "mentions",
        "articles",
        "relative",
    ]
    if dates.empty:
        empty = pd.DataFrame({c: [] for c in cols})
        return empty.astype(
            {
                "value": "string",
                "granularity": "string",
                "period_start": "datetime64[ns]",
                "period_end": "datetime64[ns]",
                "mentions": "int64",
                "articles": "int64",
                "relative": "int64",
            }
        )
    grouped = (
        dates.assign(relative=dates["relative"].astype(bool))
        .groupby(["value", "granularity"], dropna=False)
        .agg(
            mentions=("value", "size"),
            articles=("article_id", "nunique"),
            relative=("relative", "sum"),
        )
        .reset_index()
    )
    parsed = {v: parse_timex(v) for v in grouped["value"].dropna().unique()}

    def bound(value: str, which: int):
        period = parsed.get(value)
        return period[which] if period else pd.NaT

    starts = grouped["value"].map(lambda v: bound(v, 0))
    ends = grouped["value"].map(lambda v: bound(v, 1))
    grouped["period_start"] = pd.to_datetime(starts, errors="coerce").astype("datetime64[ns]")
    grouped["period_end"] = pd.to_datetime(ends, errors="coerce").astype("datetime64[ns]")
    out = grouped[cols].astype({"mentions": "int64", "articles": "int64", "relative": "int64"})
    return out.sort_values(["period_start", "value"], na_position="last").reset_index(drop=True)


def referenced_vs_published(view: View, freq: str = "M") -> pd.DataFrame:
    """Per period: articles published, and date expressions pointing into it.

    Only expressions at least as fine as ``freq`` are placed (a year is not a month).
    Columns: period, published, referenced; periods span both series.
    """
    fine_enough = {"D": {"day"}, "W": {"day", "week"}, "M": {"day", "week", "month"}}[freq]
    refs = referenced_dates(view)
    refs = refs[refs["granularity"].isin(fine_enough) & refs["period_start"].notna()]
    ref_counts = (
        pd.DataFrame(
            {"period": period_start(refs["period_start"], freq), "n": refs["mentions"].to_numpy()}
        )
        .groupby("period")["n"]
        .sum()
    )
    pub = articles_over_time(view, freq).set_index("period")["articles"]
    out = pd.DataFrame({"published": pub, "referenced": ref_counts}).fillna(0)
    out.index.name = "period"
    if len(out):
        span = pd.period_range(out.index.min(), out.index.max(), freq=_period_freq(freq))
        out = out.reindex(pd.DatetimeIndex(span.start_time, name="period"), fill_value=0)
    return out.astype("int64").reset_index()


def mentions_by_kind_over_time(view: View, freq: str = "W") -> pd.DataFrame:
    """Mentions per period and actor kind (for the overview), zero-filled.

    Columns: period, kind, mentions. Mentions in undated articles are not counted.
    """
    idx = view.index
    mask = view.mention_mask & (idx.ment_actor >= 0)
    kinds, kind_codes = np.unique(idx.actor_kind.astype(str), return_inverse=True)
    periods, pos = _mention_periods(view, freq, mask)
    rows = kind_codes[idx.ment_actor[mask]]
    present = np.flatnonzero(np.bincount(rows, minlength=len(kinds)))
    remap = np.full(len(kinds), -1, dtype=np.int64)
    remap[present] = np.arange(len(present))
    out = _tidy(remap[rows], pos, len(present), periods, "kind", kinds[present])
    return out[["period", "kind", "mentions"]]


# ---------------------------------------------------------------------------
# Where the referenced dates are: a few historical dates (1800, 1948) must not stretch
# a time axis whose data sits in one season.

#: References this far (or the span's own length, if longer) outside the focus still count as in it.
FOCUS_MARGIN = pd.Timedelta(days=180)


def split_outlying(
    refs: pd.DataFrame, published=None, margin: pd.Timedelta = FOCUS_MARGIN
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(near, outlying) rows of ``referenced_dates`` output.

    The focus is the span of ``published`` (publication days or periods, any
    datetime-like sequence) when it has dates, else the middle half (quartiles, weighted by
    mentions) of the referenced periods. A reference is outlying when its period ends
    more than ``max(margin, length of the focus)`` before the focus or starts that long
    after it. Rows without a period stay in ``near``. ``outlying`` is sorted by mentions
    (most first), then date.
    """
    if refs.empty:
        return refs, refs
    start = pd.to_datetime(refs["period_start"])
    end = pd.to_datetime(refs["period_end"]).fillna(start)
    days = pd.to_datetime(pd.Series(list(published) if published is not None else []))
    days = days.dropna()
    if len(days):
        low, high = days.min(), days.max()
    else:
        dated = start.notna().to_numpy()
        if not dated.any():
            return refs, refs.iloc[0:0]
        weights = refs["mentions"].to_numpy(dtype=np.int64)[dated]
        stamps = np.repeat(start[dated].to_numpy(dtype="datetime64[ns]").astype(np.int64), weights)
        low, high = (pd.Timestamp(int(q)) for q in np.quantile(stamps, [0.25, 0.75]))
    reach = max(margin, high - low)
    far = ((end < low - reach) | (start > high + reach)).to_numpy(dtype=bool)
    outlying = refs[far].sort_values(["mentions", "period_start"], ascending=[False, True])
    return refs[~far].reset_index(drop=True), outlying.reset_index(drop=True)
