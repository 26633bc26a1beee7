"""The collector policy of an ingest (dashboard.ingest.runner.few_collections)."""

from __future__ import annotations

import gc
import weakref

from dashboard.ingest.runner import INGEST_GC_THRESHOLDS, few_collections


def test_few_collections_gives_the_collector_back_as_it_was() -> None:
    before = gc.get_threshold()
    with few_collections():
        assert gc.get_threshold() == INGEST_GC_THRESHOLDS
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_few_collections_restores_after_an_error() -> None:
    before = gc.get_threshold()
    try:
        with few_collections():
            raise RuntimeError("stage 1 failed")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


class _Node:
    other: _Node | None = None


def test_garbage_frozen_during_an_ingest_is_collected_after_it() -> None:
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    gone = weakref.ref(a)
    with few_collections():  # the cycle is frozen here
        del a, b
        gc.collect()
        assert gone() is not None
    gc.collect()
    assert gone() is None
