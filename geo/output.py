"""Indicator frames as JSON (numbers, null for unknown, UTF-8) or CSV text, fit for sharing.

`render` hides client counts below 10 ("<10", data.privacy) and, in CSV, guards text that a spreadsheet would
run as a formula (data.spreadsheets.guard_formula, the guard every writer shares).
"""
from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from data.privacy import suppress_small_counts
from data.spreadsheets import guard_formula


def _plain(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        # Rounded to 6 decimals: drops float noise (0.24999999999999992) far below any unit shown.
        return None if math.isnan(value) else round(float(value), DECIMALS)
    return value


DECIMALS = 6


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts: NaN/NA become None, numpy scalars become Python numbers."""
    columns = list(frame.columns)
    return [dict(zip(columns, map(_plain, row))) for row in frame.itertuples(index=False, name=None)]


def to_json(frame: pd.DataFrame) -> str:
    return json.dumps(records(frame), ensure_ascii=False, indent=1, allow_nan=False)


def to_csv(frame: pd.DataFrame) -> str:
    rows = [{k: guard_formula(v) if isinstance(v, str) else v for k, v in row.items()} for row in records(frame)]
    columns = [guard_formula(str(c)) for c in frame.columns]
    # CR LF line ends (RFC 4180): the csv module then also quotes a cell holding a lone CR.
    return pd.DataFrame([list(r.values()) for r in rows], columns=columns).to_csv(index=False, lineterminator="\r\n")


def render(frame: pd.DataFrame, fmt: str) -> str:
    frame = suppress_small_counts(frame)
    if fmt == "json":
        return to_json(frame)
    if fmt == "csv":
        return to_csv(frame)
    raise ValueError(f"unknown format {fmt!r}")
