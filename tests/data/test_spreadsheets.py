"""data.spreadsheets: CSV and XLSX files that Dutch Excel opens as meant, with formulas never run."""
from __future__ import annotations

import doctest
import io
from datetime import date

import numpy as np
import openpyxl
import pandas as pd
import pytest

from data import spreadsheets
from data.spreadsheets import DEMO_LABEL, cell_text, dutch_csv_bytes, guard_formula, xlsx_bytes

LABELS = {"naam": "Regio", "aandeel": "Aandeel zonder huisarts", "robuust": "Robuust", "scores": "Score",
          "infrastructuur": "Infrastructuur", "redenen": "Redenen", "aantal": "Aantal locaties"}


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "naam": ["Friesland", "=SUM(A1)", "@cmd", "-", "\tTab"],
        "aandeel": [0.1 + 0.2, 1234.5, np.nan, -0.75, 2.0],
        "aantal": pd.array([12, 3, None, 0, 7], dtype="Int64"),
        "robuust": [True, False, np.bool_(True), False, True],
        "scores": [{"infrastructuur": -1.25}, {"infrastructuur": None}, {}, {"infrastructuur": 2}, None],
        "redenen": [["a", "b"], [], ["+c"], None, ["d"]],
    })


def read_back(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False,
                       na_values=[""])


def test_doctests_hold():
    assert doctest.testmod(spreadsheets).failed == 0


def test_csv_reads_back_with_semicolon_and_decimal_comma():
    data = dutch_csv_bytes(frame(), LABELS)
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    back = read_back(data)
    assert list(back.columns) == ["Regio", "Aandeel zonder huisarts", "Aantal locaties", "Robuust",
                                  "Score: Infrastructuur", "Redenen"]
    assert back["Aandeel zonder huisarts"].tolist()[:2] == [0.3, 1234.5]  # numbers, rounded, no float noise
    assert pd.isna(back["Aandeel zonder huisarts"][2]) and back["Aandeel zonder huisarts"][3] == -0.75
    assert back["Aantal locaties"].tolist()[:2] == [12, 3]
    assert back["Robuust"].tolist() == ["ja", "nee", "ja", "nee", "ja"]
    assert back["Score: Infrastructuur"][0] == -1.25 and back["Score: Infrastructuur"][3] == 2
    assert back["Redenen"][0] == "a | b"


def test_csv_guards_text_that_excel_would_run():
    back = read_back(dutch_csv_bytes(frame(), LABELS))
    assert back["Regio"].tolist() == ["Friesland", "'=SUM(A1)", "'@cmd", "-", "'\tTab"]
    assert back.loc[2, "Redenen"] == "'+c"
    assert "True" not in dutch_csv_bytes(frame(), LABELS).decode("utf-8-sig")


@pytest.mark.parametrize("text", ["=1+1", "+31", "-2+3", "@SUM(1)", "\t=1", "\r=1", "'=1"])
def test_guard_formula_prefixes_every_formula_start(text):
    assert guard_formula(text).startswith("'")


def test_numbers_stay_numbers_and_booleans_become_words():
    assert cell_text(-3) == "-3" and cell_text(-0.5) == "-0,5" and cell_text(np.float64(0.0)) == "0"
    assert cell_text(np.int64(12)) == "12" and cell_text(1e-9) == "0"
    assert cell_text(False) == "nee" and cell_text(date(2019, 6, 15)) == "2019-06-15"


def test_demo_files_say_so_in_every_row():
    back = read_back(dutch_csv_bytes(frame(), LABELS, demo=True))
    assert back.columns[0] == "Gegevens" and (back["Gegevens"] == DEMO_LABEL).all()
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"lijst": frame()}, LABELS, demo=True)))
    assert book.sheetnames == ["toelichting", "lijst"]
    assert "fictieve" in book["toelichting"]["A2"].value
    assert book["lijst"]["A1"].value == "Gegevens" and book["lijst"]["A2"].value == DEMO_LABEL


def test_xlsx_has_labels_widths_numbers_and_text_cells():
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"pilotregio's": frame()}, LABELS, notes=["Meetgolf 2024."])))
    sheet = book["pilotregio's"]
    headers = [c.value for c in sheet[1]]
    assert headers == ["Regio", "Aandeel zonder huisarts", "Aantal locaties", "Robuust", "Score: Infrastructuur",
                       "Redenen"]
    assert sheet["B2"].value == 0.3 and sheet["B2"].data_type == "n"
    assert sheet["C2"].value == 12 and sheet["D2"].value == "ja"
    assert sheet["A3"].value == "=SUM(A1)" and sheet["A3"].data_type == "s"  # text, never a formula
    assert all(sheet.column_dimensions[col].width >= 8 for col in "ABCDEF")
    assert sheet.column_dimensions["B"].width >= len("Aandeel zonder huisarts")
    assert sheet.freeze_panes == "A2"
    assert book["toelichting"]["A2"].value == "Meetgolf 2024."


def test_unlabelled_keys_read_as_words_and_empty_frames_work():
    back = read_back(dutch_csv_bytes(pd.DataFrame({"lopende_acties": [["x"]]})))
    assert list(back.columns) == ["Lopende acties"]
    assert dutch_csv_bytes(pd.DataFrame(columns=["a"])).decode("utf-8-sig").strip() == "A"
    assert openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"leeg": pd.DataFrame()})))
