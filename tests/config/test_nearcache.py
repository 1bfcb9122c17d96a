"""The near cache (`config.nearcache`): a worker's copy answers without a round trip, and is
never fresher or staler than the shared cache's entry it copies."""

import time

from django.core.cache import cache

import pytest

from config import nearcache
from config.nearcache import NearCache, Stamped, near_clear, near_get, near_set


@pytest.fixture
def near(settings):
    settings.NEAR_CACHE_BYTES = 1_000
    near_clear()
    yield
    near_clear()
    cache.clear()


def test_a_kept_value_is_read_from_the_workers_copy_without_the_shared_cache(near):
    near_set("k:1", "page", 30)
    cache.delete("k:1")  # had the worker asked the shared cache, it would find nothing

    assert near_get("k:1") == "page"


def test_a_value_kept_by_another_worker_is_copied_on_its_first_read(near):
    cache.set("k:2", Stamped(time.time() + 30, "page"), 30)  # as another worker's near_set

    assert near_get("k:2") == "page"
    cache.delete("k:2")
    assert near_get("k:2") == "page"


def test_a_copy_expires_when_the_shared_entry_does_not_a_timeout_after_the_copy(near, monkeypatch):
    made = time.time()
    cache.set("k:3", Stamped(made + 30, "count 10"), 30)
    monkeypatch.setattr(time, "time", lambda: made + 29)
    assert near_get("k:3") == "count 10"  # copied 29 s into its 30

    monkeypatch.setattr(time, "time", lambda: made + 31)
    assert near_get("k:3") is None


def test_with_no_room_set_nothing_is_kept_in_the_worker(settings):
    settings.NEAR_CACHE_BYTES = 0
    near_set("k:4", "page", 30)
    cache.delete("k:4")

    assert near_get("k:4") is None


def test_the_least_recently_read_copies_go_first_when_the_room_is_full():
    copies = NearCache(max_bytes=800)
    far = time.time() + 60
    for name in ("a", "b", "c"):
        copies.put(name, Stamped(far, name * 100))
    copies.get("a", time.time())  # a is read again: b is now the oldest
    for name in "defghi":  # nine of 100 in a room of 800: one goes
        copies.put(name, Stamped(far, name * 100))

    assert copies.size <= 800
    assert copies.get("b", time.time()) is None
    assert copies.get("a", time.time()) == "a" * 100


def test_a_value_larger_than_an_eighth_of_the_room_is_not_copied():
    copies = NearCache(max_bytes=800)
    copies.put("big", Stamped(time.time() + 60, "x" * 101))

    assert copies.get("big", time.time()) is None


def test_a_mutable_value_is_a_new_object_on_each_read(near):
    near_set("k:5", {"items": [1, 2]}, 30)
    first = near_get("k:5")
    first["items"].append(3)

    assert near_get("k:5") == {"items": [1, 2]}


def test_an_entry_not_kept_by_near_set_is_not_taken_for_one(near):
    cache.set("k:6", ("old", "format"), 30)

    assert near_get("k:6") is None


def test_the_room_follows_the_setting(settings):
    settings.NEAR_CACHE_BYTES = 2_000
    assert nearcache._copies().max_bytes == 2_000
    settings.NEAR_CACHE_BYTES = 0
    assert nearcache._copies() is None
