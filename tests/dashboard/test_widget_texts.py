"""Streamlit's own English widget texts that the app can avoid stay avoided (README "Bekende beperkingen").

A source scan, so it covers every page without running one: each multiselect turns off Streamlit's "Select all"
option, and no widget sets `max_selections` (Streamlit then says "You can only select up to N options" in English;
"Kies twee of drie regio's" on Pilotregio's explains the limit in Dutch instead).
"""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
import streamlit as st

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "dashboard").rglob("*.py")) + [ROOT / "streamlit_app.py"]


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    """(place, call) for each call of `st.name(`, `column.name(` or `name(`; place is the file and the n-th such call
    in it (stable test ids while others edit the file; the line number is in the failure message)."""
    found = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        calls = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if called == name:
                    calls.append(node)
        calls.sort(key=lambda call: (call.lineno, call.col_offset))
        found += [(f"{path.relative_to(ROOT)}#{number}", call) for number, call in enumerate(calls, start=1)]
    return found


MULTISELECTS = _calls("multiselect")


def test_the_scan_finds_the_multiselects():
    places = [place for place, _ in MULTISELECTS]
    assert any(place.startswith("dashboard/pages/pilotregios.py") for place in places)  # "Kies twee of drie regio's"


def test_streamlit_still_takes_select_all():
    assert "select_all" in inspect.signature(st.multiselect).parameters


@pytest.mark.parametrize("call", [call for _, call in MULTISELECTS], ids=[place for place, _ in MULTISELECTS])
def test_every_multiselect_turns_off_select_all(call):
    line = f"line {call.lineno}"
    assert not any(keyword.arg is None for keyword in call.keywords), f"{line}: **kwargs hide whether select_all is off"
    values = [keyword.value for keyword in call.keywords if keyword.arg == "select_all"]
    assert values and isinstance(values[0], ast.Constant) and values[0].value is False, (
        f"{line}: pass select_all=False, otherwise Streamlit adds an English 'Select all' option"
    )


def test_no_widget_sets_max_selections():
    used = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            by_keyword = isinstance(node, ast.keyword) and node.arg == "max_selections"
            by_name = isinstance(node, ast.Constant) and node.value == "max_selections"  # e.g. **{"max_selections": 3}
            if by_keyword or by_name:
                used.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}")
    assert not used, f"max_selections makes Streamlit answer in English ('You can only select up to …'): {used}"
