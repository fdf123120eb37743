"""Memoise pure functions of (GeoResult, Registry, ...) per object identity, as geo.regions does for Geography.

The frames inside these frozen objects are treated as immutable; an entry disappears with its objects and at
most MAX_ENTRIES are kept, so a long-running dashboard does not grow without bound.
"""
from __future__ import annotations

import functools
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


def memoised(function):
    cache: OrderedDict = OrderedDict()

    @functools.wraps(function)
    def wrapper(*args):
        key = tuple(id(a) if not isinstance(a, (str, int, float, type(None))) else a for a in args)
        if key in cache:
            cache.move_to_end(key)
            return cache[key][0]
        result = function(*args)
        cache[key] = (result,)
        for arg in args:
            if not isinstance(arg, (str, int, float, type(None))):
                # The entry goes when an argument is collected, before its id can be reused.
                weakref.finalize(arg, cache.pop, key, None)
        while len(cache) > MAX_ENTRIES:
            cache.popitem(last=False)
        return result

    wrapper.cache_clear = cache.clear
    _ALL.append(wrapper)
    return wrapper
