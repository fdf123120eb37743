"""Small-number suppression: client counts below 10 are never shared exactly (domain brief §9, privacy).

Every aggregated output meant for sharing (geo and monitor exports and command-line tables) passes its frame
through `suppress_small_counts`; the dashboard shows the same "<10" (dashboard.format.client_count). The
register's own export (data.exports) keeps exact values so that importing it again gives the same register,
and says so.

>>> import pandas as pd
>>> suppress_small_counts(pd.DataFrame({"code": ["A", "B", "C"], "clienten": [3, 12, None]}))["clienten"].tolist()
['<10', 12, None]
"""
from __future__ import annotations

import math
from numbers import Number

import pandas as pd

SMALL_COUNT_LIMIT = 10
SMALL_COUNT = "<10"


def is_client_count(column: object) -> bool:
    """Columns holding numbers of clients: 'clienten', 'clienten_voor', 'aantal_clienten', ... (not shares)."""
    name = str(column).lower()
    return name == "clienten" or name.startswith(("clienten_", "aantal_clienten"))


def small_count(value: object, difference: bool = False) -> object:
    """A count fit for sharing: "<10" below the limit (0 too), otherwise the number as an integer.

    With `difference` (a change, like 'clienten_verschil') a change of 0 stays 0 and any other change smaller
    than 10 either way becomes "<10".
    """
    if value is None or value is pd.NA or isinstance(value, bool):
        return value if isinstance(value, bool) else None
    if not isinstance(value, Number) or (isinstance(value, float) and math.isnan(value)):
        return None if isinstance(value, float) else value
    number = float(value)
    if difference:
        if number == 0:
            return 0
        if abs(number) < SMALL_COUNT_LIMIT:
            return SMALL_COUNT
    elif number < SMALL_COUNT_LIMIT:
        return SMALL_COUNT
    return int(round(number)) if float(number).is_integer() else value


def suppress_small_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which every client-count column has "<10" for counts below 10 (see `small_count`)."""
    columns = [c for c in frame.columns if is_client_count(c)]
    if not columns:
        return frame
    out = frame.copy()
    for column in columns:
        difference = str(column).lower().endswith("_verschil")
        out[column] = pd.Series([small_count(v, difference) for v in out[column].tolist()], index=out.index,
                                dtype=object)
    return out
