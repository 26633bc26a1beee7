"""Page options kept in the URL: a default and a parser per option (no Streamlit).

``choice``, ``integer`` and ``free_text`` build an ``Option``; the page registry
(``dashboard.ui.pages``) names each page's options with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MAX_TEXT = 200  # longest search text kept from a link


@dataclass(frozen=True)
class Option:
    """One page option: its default and how a URL string becomes a value.

    ``parse`` raises ``ValueError`` for a string it does not accept.
    """

    default: Any
    parse: Callable[[str], Any]
    values: tuple[Any, ...] = ()  # every accepted value, for a choice (else empty)

    def dump(self, value: Any) -> str:
        return str(value)


def choice(default: str, *allowed: str) -> Option:
    """An option taking one of ``allowed`` (default first)."""
    values = (default, *allowed)

    def parse(text: str) -> str:
        if text not in values:
            raise ValueError(text)
        return text

    return Option(default, parse, values)


def integer(default: int, low: int, high: int) -> Option:
    """An integer option in ``[low, high]``; values outside are refused."""

    def parse(text: str) -> int:
        if not re.fullmatch(r"\d{1,9}", text.strip()):
            raise ValueError(text)
        number = int(text)
        if not low <= number <= high:
            raise ValueError(text)
        return number

    return Option(default, parse)


def free_text(default: str = "") -> Option:
    """A text option (search box); control characters removed, length capped."""

    def parse(text: str) -> str:
        cleaned = "".join(ch for ch in text if ch.isprintable())
        if len(cleaned) > MAX_TEXT:
            raise ValueError(text)
        return cleaned

    return Option(default, parse)
