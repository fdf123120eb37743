"""Property: every CSV and XLSX writer gives back exactly the text it was given, and no cell is a formula.

Random text with formula starts, apostrophes, quotes, separators, line breaks (also CR LF) and non-Latin
letters goes through each writer: data.spreadsheets (downloads, dossiers), data.exports (the register's
round trip), monitor.exports (signal and evidence files) and geo.output (the geo command line). Each file is
read back as a spreadsheet would: CSV cells must read back identically after the one guard is undone and must
never start with a formula character; XLSX cells must be text cells with the identical text.
Control characters other than tab, LF and CR are left out: the importer refuses them (data.importing.storable),
so no writer ever receives them.
"""
from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.spreadsheets import FORMULA_STARTS, dutch_csv_bytes, unguard_formula, xlsx_bytes

PIECES = st.sampled_from(["=", "+", "-", "@", "'", '"', ";", ",", "\t", "\r", "\n", "\r\n", " ", "=HYPERLINK(\"x\")",
                          "Cliënt", "ß", "日本語", "مرحبا", "Ωμέγα", "🙂", "\u00a0", "1,5", "0"])
LETTERS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn"))
TEXT = st.lists(st.one_of(PIECES, LETTERS), max_size=12).map("".join)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def csv_cells(data: bytes, delimiter: str) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def assert_no_formula(cells: list[str]) -> None:
    for cell in cells:
        assert cell in ("-", "+") or not cell.startswith(FORMULA_STARTS), repr(cell)


def xlsx_column(data: bytes, sheet: str | None = None, column: int = 1) -> list:
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book[sheet] if sheet else book.worksheets[-1]
    cells = [row[column - 1] for row in ws.iter_rows(min_row=2)]
    assert all(c.data_type != "f" for c in cells), [c.value for c in cells if c.data_type == "f"]
    return [c.value for c in cells]


def empty_as_none(texts: list[str]) -> list:
    return [t if t != "" else None for t in texts]


@SETTINGS
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_spreadsheet_writers_round_trip(texts):
    frame = pd.DataFrame({"tekst": texts, "n": range(len(texts))})
    rows = csv_cells(dutch_csv_bytes(frame), ";")[1:]
    assert_no_formula([r[0] for r in rows])
    assert [unguard_formula(r[0]) for r in rows] == texts
    assert xlsx_column(xlsx_bytes({"blad": frame})) == empty_as_none(texts)


@SETTINGS
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_monitor_exports_round_trip(texts):
    from monitor.exports import to_csv_bytes, to_xlsx_bytes

    frame = pd.DataFrame({"naam": texts, "score": [0.5] * len(texts)})
    rows = csv_cells(to_csv_bytes(frame), ",")[1:]
    assert_no_formula([r[0] for r in rows])
    assert [unguard_formula(r[0]) for r in rows] == texts
    assert xlsx_column(to_xlsx_bytes({"signalen": frame})) == empty_as_none(texts)


@SETTINGS
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_geo_csv_round_trips(texts):
    from geo.output import render

    rows = csv_cells(render(pd.DataFrame({"naam": texts, "aantal_hap": 1}), "csv").encode("utf-8"), ",")[1:]
    assert_no_formula([r[0] for r in rows])
    assert [unguard_formula(r[0]) for r in rows] == texts


def _normalised(text: str) -> str:
    """What the importer makes of a cell (spaces at the ends and no-break spaces): the register holds this."""
    return text.replace("\u00a0", " ").strip()


@SETTINGS
@given(st.lists(TEXT.map(_normalised), min_size=1, max_size=4))
def test_register_export_reads_back_through_the_importer(tmp_path, texts):
    from data.exports import write_csv, write_xlsx
    from data.readers import read_table

    aliases = {"id": "id", "tekst": "tekst"}
    rows = [(f"r{n}", text) for n, text in enumerate(texts)]
    for name, write in (("uit.csv", lambda p: write_csv(p, ("id", "tekst"), rows)),
                        ("uit.xlsx", lambda p: write_xlsx(p, ("id", "tekst"), rows, "blad"))):
        path = tmp_path / name
        write(path)
        raw = path.read_bytes()
        if name.endswith(".csv"):
            assert_no_formula([r[1] for r in csv_cells(raw, ";")[1:]])
        else:
            xlsx_column(raw, column=2)
        frame = read_table(raw, name, aliases).frame
        assert frame["tekst"].tolist() == texts, name
