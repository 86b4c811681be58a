"""Deferred side effects: items kept inside a batch are flushed once when it ends."""

from core.batching import Deferred


def test_a_nested_batch_keeps_the_outer_batchs_items_and_flushes_once():
    flushed = []
    deferred = Deferred(flushed.append)
    with deferred.batched():
        deferred.absorb({"outer-before"})
        with deferred.batched():
            deferred.absorb({"inner"})
        assert flushed == [], "nothing leaves before the outer batch ends"
        assert deferred.absorb({"outer-after"})
    assert flushed == [{"outer-before", "inner", "outer-after"}]


def test_outside_a_batch_nothing_is_absorbed():
    deferred = Deferred(lambda items: None)
    assert deferred.absorb({"x"}) is False
