"""The geo command line's output is fit for sharing: "<10" for small client counts, formulas guarded in CSV."""
from __future__ import annotations

import csv
import io
import json

import pandas as pd

from geo.output import render


def test_small_client_counts_and_formula_text_in_json_and_csv():
    frame = pd.DataFrame({"code": ["=HYPERLINK(1)", "ORG2"], "clienten": [4.0, 25.0], "aantal_hap": [1, 2]})
    records = json.loads(render(frame, "json"))
    assert [r["clienten"] for r in records] == ["<10", 25]
    assert records[0]["code"] == "=HYPERLINK(1)"  # JSON is data, not a spreadsheet: the text stays as it is
    rows = list(csv.reader(io.StringIO(render(frame, "csv"), newline="")))
    assert rows[1] == ["'=HYPERLINK(1)", "<10", "1"] and rows[2] == ["ORG2", "25", "2"]
