"""The first load's progress in words, in the interface's language (no Streamlit).

``progress_text(event, lang)`` turns a ``dashboard.ingest.progress.ProgressEvent`` into
one line: the stage, "12,340 of 18,748 articles", the rate and the time left, e.g.
"تحليل المقالات: 12,340 من 18,748 مقالة · 210 مقالة في الثانية · الوقت المتبقي 0:31".
"""

from __future__ import annotations

from dashboard.i18n import t
from dashboard.ingest.progress import ProgressEvent

# Stage -> i18n key of its name; unit -> i18n key of "<n> <unit>" and of its rate.
STAGE_KEYS = {
    "reading": "stage_reading",
    "analysing": "stage_analysing",
    "linking": "stage_linking",
    "saving": "stage_saving",
    "done": "stage_done",
}
COUNT_KEYS = {"files": "count_files", "articles": "count_articles", "steps": "count_steps"}
RATE_KEYS = {"files": "rate_files", "articles": "rate_articles", "steps": "rate_steps"}


def clock(seconds: float) -> str:
    """Seconds as "m:ss" (or "h:mm:ss")."""
    whole = max(round(seconds), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def progress_text(event: ProgressEvent, lang: str) -> str:
    """One line saying where the load is: stage, counts, rate and time left (the last two
    once they are known; steps get no rate)."""
    stage = t(STAGE_KEYS.get(event.stage, "stage_analysing"), lang)
    parts = [stage]
    if event.total > 0 and event.stage not in ("linking", "saving"):
        parts.append(
            t(
                COUNT_KEYS.get(event.unit, "count_steps"),
                lang,
                done=f"{event.done:,}",
                total=f"{event.total:,}",
            )
        )
        if event.rate and event.stage != "done":
            parts.append(
                t(RATE_KEYS.get(event.unit, "rate_steps"), lang, rate=f"{event.rate:,.0f}")
            )
        if event.remaining_s is not None and event.stage != "done" and event.done < event.total:
            parts.append(t("time_left", lang, time=clock(event.remaining_s)))
    return " · ".join(parts)
