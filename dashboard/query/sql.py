"""Composing SQL text from templates and fragments this package writes.

Values (actor ids, days, search terms, limits) never enter SQL text: they travel as
DuckDB ``$parameters``. What ``compose`` puts into a template is code-made SQL only —
the filter's ``WITH`` clause, a column list, a fixed condition, a file list quoted by
``literal`` — so every query stays a readable constant with named holes.
"""

from __future__ import annotations


def compose(template: str, **parts: str) -> str:
    """``template`` with each ``{name}`` replaced by ``parts[name]``; a part the template
    does not hold is an error (a typo must not silently drop a condition)."""
    out = template
    for name, part in parts.items():
        hole = "{" + name + "}"
        if hole not in out:
            raise KeyError(f"the SQL template has no {hole}")
        out = out.replace(hole, part)
    return out


def literal(text: str) -> str:
    """``text`` as an SQL string literal (quotes doubled)."""
    return "'" + text.replace("'", "''") + "'"
