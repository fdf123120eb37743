"""Fast lookups of string keys (facility ids, PC4 and region codes).

pandas holds strings as arrow arrays; matching them in arrow is several times faster than pandas' hash lookup of
Python strings, and converting them to Python strings first costs more than the lookup itself.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def as_text(values: pd.Series) -> np.ndarray:
    """A column as Python strings in an object array, as str() gives them (a missing value: 'nan' or '<NA>')."""
    if isinstance(values.dtype, pd.StringDtype):
        return values.to_numpy(dtype=object, na_value=str(values.dtype.na_value))
    return values.to_numpy(dtype=object).astype(str).astype(object)


def _arrow(values) -> pa.Array:
    """Strings as an arrow array (None and NaN missing); other values (numbers) as str() gives them."""
    strings = isinstance(values, (pd.Series, pd.Index)) and isinstance(values.dtype, pd.StringDtype)
    if strings and values.dtype.storage == "pyarrow":
        return pa.array(values)  # no copy
    objects = np.asarray(values, dtype=object)
    try:
        return pa.array(objects, type=pa.large_string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array(objects.astype(str), type=pa.large_string())


def positions(values, keys) -> np.ndarray:
    """The position of every value in `keys`, -1 where absent (the first position of a repeated key).

    What pd.Index(keys).get_indexer(values) gives for unique string keys, with a missing value matching a
    missing key. values, keys: Series, Index or arrays of strings.

    >>> positions(pd.Series(["b", "x", None]), np.array(["a", "b"], dtype=object)).tolist()
    [1, -1, -1]
    """
    found = pc.index_in(_arrow(values), value_set=_arrow(keys))
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.intp)


def take(values, at: np.ndarray) -> np.ndarray:
    """`values` (an array) at positions `at`, missing where `at` is -1 (NaN; object and bool values become object).

    With at = positions(keys, index): what pd.Series(values, index).reindex(keys) holds.
    """
    return pd.api.extensions.take(np.asarray(values), np.asarray(at, dtype=np.intp), allow_fill=True)
