"""Dates in Arabic text: ``extract_dates(text, article_date)`` (see ``dashboard.dates.extract``)."""

from dashboard.dates.extract import extract_dates

__all__ = ["extract_dates"]
