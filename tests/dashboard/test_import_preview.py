"""The preview of an uploaded file on the Gegevens page: years and postcodes as typed, codes as the app's words,
no internal columns, and the upload limit Streamlit shows equal to the one the app enforces."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pandas as pd

from dashboard.components.data_admin import template_files
from dashboard.components.region import DIRECTIONS
from dashboard.components.import_report import preview_table
from dashboard.format import label
from data import limits
from data.imports import KINDS, ImportReport, validate_file

ROOT = Path(__file__).resolve().parents[2]
# As tests/dashboard/e2e/test_pages.py scans the pages.
SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
RAW_VALUES = re.compile(r"\b(?:None|nan|NaN|True|False|NaT|undefined)\b")


def report_of(kind: str, preview: pd.DataFrame) -> ImportReport:
    preview = preview.copy()
    preview.insert(0, "rij", range(2, len(preview) + 2))
    preview.insert(1, "geldig", True)
    return ImportReport(kind=kind, filename="x.csv", dry_run=True, skip_invalid=False, preview=preview)


def shown_cells(table: pd.DataFrame) -> list[str]:
    return [str(v) for c in table.columns if c not in ("Rij", "Geldig") for v in table[c]]


def test_years_postcodes_and_waves_show_without_a_thousands_dot():
    preview = pd.DataFrame({
        "jaar": pd.array([2023, 2024, None], dtype="Int64"),
        "peiljaar": [2024.0, 2025.0, float("nan")],
        "pc4": [1011, 9999, 1012],
        "postcode": pd.array([1011, None, 3511], dtype="Int64"),
        "golf": [2024, 2025, 2024],
        "aantal": pd.array([1000, 12345, None], dtype="Int64"),
    })
    table = preview_table(report_of("wlz_vraag", preview))
    assert table["jaar"].tolist() == ["2023", "2024", ""]
    assert table["peiljaar"].tolist() == ["2024", "2025", ""]
    assert table["pc4"].tolist() == ["1011", "9999", "1012"]
    assert table["postcode"].tolist() == ["1011", "", "3511"]
    assert table["golf"].tolist() == ["2024", "2025", "2024"]
    assert table["aantal"].tolist() == ["1.000", "12.345", ""]  # a count keeps its Dutch thousands dot


def test_the_wlz_vraag_preview_shows_the_year_as_typed(reference_engine):
    path = template_files("wlz_vraag")[0]
    table = preview_table(validate_file(reference_engine, "wlz_vraag", path.read_bytes(), path.name))
    assert table["jaar"].tolist() == ["2023", "2024", "2024"]
    assert table["aantal"].tolist() == ["1.000", "1.005", "500"]


def test_the_findings_preview_hides_the_key_and_names_the_direction(reference_engine):
    raw = (
        "regio;golf;stakeholder;voorwaarde;richting;gewicht;bron;tekst\n"
        "GM0363;2024;aanbieders;infrastructuur;-;3;interview;Te weinig capaciteit\n"
        "GM0344;2024;intermediairs;goed_netwerk;+;2;enquête;Vast overleg\n"
        "GM0344;2024;intermediairs;goed_netwerk;?;2;enquête;Onleesbare richting\n"
    ).encode("utf-8")
    report = validate_file(reference_engine, "bevindingen", raw, "bevindingen.csv")
    assert "sleutel" in report.preview  # the report keeps it; only the display leaves it out
    table = preview_table(report)
    assert "sleutel" not in table.columns
    assert table["richting"].tolist() == [DIRECTIONS[-1], DIRECTIONS[1], "?"]  # '?' could not be read: as typed
    assert DIRECTIONS == {-1: "− knelpunt", 1: "+ goed voorbeeld"}  # the wording of the Regio page
    assert table["bron"].tolist() == ["interview", "enquête", "enquête"]  # a finding's bron is free text
    assert table["golf"].tolist() == ["2024"] * 3


def test_the_werkgebieden_preview_names_where_an_area_came_from():
    preview = pd.DataFrame({
        "hap_id": ["H1", "H1", "H2", "H3"],
        "pc4": ["1011", "", "", ""],
        "gemeentecode": ["", "GM0363", "", ""],
        "bron": pd.array(["pc4", "gemeente", "geojson", pd.NA], dtype="string"),
        "aantal_pc4": [1, 80, 12, 0],
    })
    table = preview_table(report_of("werkgebieden", preview))
    assert "bron" not in table.columns
    assert table["Werkgebied opgegeven als"].tolist() == [label("pc4"), label("gemeente"), "Omtrek (GeoJSON)", ""]
    assert label("pc4") == "Postcodegebied (PC4)"


def test_no_preview_shows_a_raw_key_or_an_empty_value(reference_engine):
    for kind in KINDS:
        for path in template_files(kind):
            report = validate_file(reference_engine, kind, path.read_bytes(), path.name)
            table = preview_table(report)
            cells = " ".join(shown_cells(table))
            assert not SNAKE_CASE.findall(cells), (path.name, SNAKE_CASE.findall(cells))
            assert not RAW_VALUES.findall(cells), (path.name, RAW_VALUES.findall(cells))
            assert not table.isna().any().any(), path.name
            derived = [c for c in table.columns if c not in report.source_cells.columns]  # not the file's own headers
            assert not SNAKE_CASE.findall(" ".join(derived)), (path.name, derived)
            assert not re.search(r"\b\d\.\d{3}\b", " ".join(table.get("jaar", []))), path.name


def test_the_upload_limit_streamlit_shows_is_the_one_the_app_enforces():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    # Streamlit's drop zone says "Limit <maxUploadSize>MB per file"; the help text says limits.megabytes(...).
    assert config["server"]["maxUploadSize"] * 1_000_000 == limits.MAX_FILE_BYTES
    assert limits.megabytes(limits.MAX_FILE_BYTES) == f"{config['server']['maxUploadSize']} MB"
