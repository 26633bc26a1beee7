"""The small results a store database keeps between queries (``ResultCache``): each
computed once, the least recently used dropped first, and the rows of the frames kept
bounded so that the server's memory does not grow with the actors viewed."""

from __future__ import annotations

import pandas as pd

from dashboard.query.database import ResultCache


def test_a_result_is_computed_once_per_key():
    cache = ResultCache(capacity=4)
    calls = []
    for _ in range(3):
        assert cache.get("a", lambda: calls.append("a") or 1) == 1
    assert calls == ["a"]
    assert cache.peek_many(["a"]) == [1]
    assert cache.peek_many(["a", "b"]) is None


def test_the_least_recently_used_result_goes_first():
    cache = ResultCache(capacity=2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("a", lambda: 0)  # "a" used again: "b" is now the oldest
    cache.put("c", 3)
    assert cache.peek_many(["a", "c"]) == [1, 3]
    assert cache.peek_many(["b"]) is None


def test_frames_are_kept_up_to_a_number_of_rows():
    cache = ResultCache(capacity=10, max_rows=100)
    cache.put("small", pd.DataFrame({"x": range(40)}))
    cache.put("medium", pd.DataFrame({"x": range(50)}))
    cache.put("numbers", 7)  # not a frame: counts no rows
    cache.put("more", pd.DataFrame({"x": range(30)}))  # 120 rows: the oldest frame goes
    assert cache.peek_many(["small"]) is None
    assert cache.peek_many(["medium", "numbers", "more"]) is not None
    cache.put("huge", pd.DataFrame({"x": range(101)}))  # larger than all: not kept
    assert cache.peek_many(["huge"]) is None
    assert cache.peek_many(["medium", "more"]) is not None
    # Keeping a key again replaces its rows rather than adding to them.
    for _ in range(5):
        cache.put("medium", pd.DataFrame({"x": range(50)}))
    assert cache.peek_many(["medium", "more"]) is not None
