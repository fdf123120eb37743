"""Tables on the pages: numbers stay numbers (they sort as numbers) in Dutch notation, long texts wrap, nothing
shows as 'None'.

The table builders (components/region.py, pilot.py, trend.py, organisation.py) return numbers rounded as they
should read; ``show_table`` puts a frame on the page with

- every numeric column as a number column in the browser's notation ("localized": 1.234,5 in a Dutch browser),
  so a click on the header sorts 9 before 10;
- the given long-text columns wide and with taller rows, so a finding or a reason is read whole instead of cut off;
- ``placeholder`` for missing values (Streamlit would show 'None'), e.g. "geen bewijs" or "onbekend".
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd
import streamlit as st

LINE_PX = 21  # one line of table text
PADDING_PX = 14
CHARS_PER_LINE = 70  # in a 'large' column
MAX_LINES = 4


def row_height(frame: pd.DataFrame, long_text: Iterable[str]) -> int | None:
    """Row height that shows the longest of the long texts whole (up to MAX_LINES lines); None for one line."""
    longest = 0
    for column in long_text:
        if column in frame.columns and len(frame):
            longest = max(longest, int(frame[column].fillna("").astype(str).str.len().max()))
    lines = min(MAX_LINES, -(-longest // CHARS_PER_LINE)) if longest else 1
    return None if lines <= 1 else PADDING_PX + LINE_PX * lines


def _is_number(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


def column_config(frame: pd.DataFrame, long_text: Iterable[str] = (), help: dict[str, str] | None = None) -> dict:
    """Number columns for the numeric columns, wide text columns for the long texts, ``help`` per column header."""
    help = dict(help or {})
    long_text = set(long_text)
    config = {}
    for column in frame.columns:
        tip = help.get(column)
        if _is_number(frame[column]):
            config[column] = st.column_config.NumberColumn(str(column), format="localized", help=tip)
        elif column in long_text:
            config[column] = st.column_config.TextColumn(str(column), width="large", help=tip)
        elif tip:
            config[column] = st.column_config.Column(str(column), help=tip)
    return config


def without_none(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy with missing texts as empty strings (numbers stay numbers; their gaps show the placeholder)."""
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if not _is_number(values) and not pd.api.types.is_bool_dtype(values) and not pd.api.types.is_datetime64_any_dtype(values):
            shown[column] = values.astype(object).where(values.notna(), "")
    return shown


def show_table(frame: pd.DataFrame, long_text: Iterable[str] = (), placeholder: str = "–",
               help: dict[str, str] | None = None, **kwargs) -> None:
    """st.dataframe with Dutch-notation numbers that sort as numbers, readable long texts and no 'None'."""
    long_text = [c for c in long_text if c in frame.columns]
    shown = without_none(frame)
    options = {"hide_index": True, "width": "stretch", **kwargs}
    height = row_height(shown, long_text)
    if height is not None:
        options.setdefault("row_height", height)
    st.dataframe(shown, column_config=column_config(shown, long_text, help), placeholder=placeholder, **options)
