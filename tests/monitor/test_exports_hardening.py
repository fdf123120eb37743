"""Monitor exports meant for sharing: no formula cells, "<10" for client counts, written whole via --output."""
from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd

from monitor.__main__ import render
from monitor.exports import to_csv_bytes, to_xlsx_bytes

HOSTILE = pd.DataFrame({"naam": ["=2+2", '=HYPERLINK("http://x","bron")', "'=1+1"], "clienten": [3, 40, 0]})


def test_organisation_names_and_sources_never_become_formulas():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"bewijs": HOSTILE})))
    cells = [c for row in book["bewijs"].iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert [c.value for c in book["bewijs"]["A"]][1:] == ["=2+2", '=HYPERLINK("http://x","bron")', "'=1+1"]
    lines = to_csv_bytes(HOSTILE).decode("utf-8").splitlines()
    assert lines[1].startswith("'=2+2") and lines[3].startswith("''=1+1")


def test_client_counts_below_10_in_every_format():
    assert [r["clienten"] for r in json.loads(render(HOSTILE, "json", False, "x", None))] == ["<10", 40, "<10"]
    assert "<10" in render(HOSTILE, "tabel", False, "x", None)
    assert ",<10" in to_csv_bytes(HOSTILE).decode("utf-8")
