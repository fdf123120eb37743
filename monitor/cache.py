"""Memoise pure functions of (GeoResult, Registry, ...) per object identity, as geo.regions does for Geography.

The frames inside these frozen objects are treated as immutable; an entry disappears with its objects and at
most MAX_ENTRIES are kept, so a long-running dashboard does not grow without bound.
"""
from __future__ import annotations

import functools
import threading
import weakref
from collections import OrderedDict

MAX_ENTRIES = 12  # e.g. four levels x three wave choices
_ALL: list = []


def clear_all() -> None:
    """Forget every memoised result (benchmarks measure cold runs with this)."""
    for wrapper in _ALL:
        wrapper.cache_clear()


def register(cached) -> None:
    """Let clear_all also empty another cache (anything with cache_clear, e.g. functools.lru_cache)."""
    _ALL.append(cached)


def _forget(cache: OrderedDict, lock, key) -> None:
    with lock:
        cache.pop(key, None)


def memoised(function):
    cache: OrderedDict = OrderedDict()
    lock = threading.RLock()  # the dashboard warms its caches in a background thread while pages run

    @functools.wraps(function)
    def wrapper(*args):
        key = tuple(id(a) if not isinstance(a, (str, int, float, type(None))) else a for a in args)
        with lock:
            if key in cache:
                cache.move_to_end(key)
                return cache[key][0]
        result = function(*args)
        with lock:
            cache[key] = (result,)
            for arg in args:
                if not isinstance(arg, (str, int, float, type(None))):
                    # The entry goes when an argument is collected, before its id can be reused.
                    weakref.finalize(arg, _forget, cache, lock, key)
            while len(cache) > MAX_ENTRIES:
                cache.popitem(last=False)
        return result

    def clear() -> None:
        with lock:
            cache.clear()

    wrapper.cache_clear = clear
    _ALL.append(wrapper)
    return wrapper
