"""CSV and XLSX exports of the signal list and a region's evidence; demo data is labelled."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from data.errors import UserError
from monitor.analysis import analyse_level, pilot_candidates
from monitor.exports import DEMO_LABEL, region_evidence, signal_list, to_csv_bytes, to_xlsx_bytes


@pytest.fixture(scope="module")
def result(registry, geography, geo_result):
    return analyse_level(geo_result, registry, geography, "zorgkantoorregio")


def test_signal_list_as_csv_flattens_scores_and_reasons(result):
    data = to_csv_bytes(signal_list(result))
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    assert list(frame["code"]) == ["ZK80", "ZK81", "ZK82"]
    assert "scores_netwerk_te_zwak" in frame.columns and "gegevens" not in frame.columns
    weak = frame.set_index("code").loc["ZK81"]
    assert "3 van de 12 locaties van Stichting B hebben geen huisarts." in weak["redenen"].split(" | ")
    assert frame.set_index("code").loc["ZK82", "scores_netwerk_te_zwak"] == ""


def test_demo_exports_are_labelled(result):
    frame = pd.read_csv(io.BytesIO(to_csv_bytes(signal_list(result), demo=True)))
    assert (frame["gegevens"] == DEMO_LABEL).all() and frame.columns[0] == "gegevens"
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"signalen": signal_list(result)}, demo=True)))
    assert book.sheetnames == ["toelichting", "signalen"]
    assert "fictieve" in book["toelichting"]["A2"].value
    assert book["signalen"]["A2"].value == DEMO_LABEL


def test_region_evidence_export(result):
    evidence = region_evidence(result, "ZK81")
    assert set(evidence["code"]) == {"ZK81"} and set(evidence["naam"]) == {"Wijdland"}
    assert {"voorwaarde", "stakeholder", "soort", "omschrijving", "waarde", "deelscore", "gewicht", "bron"} <= set(evidence.columns)
    assert evidence["voorwaarde"].iloc[0] == "infrastructuur"  # conditions in the framework's order
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"bewijs ZK81": evidence, "pilots": pilot_candidates(result)})))
    assert book.sheetnames == ["bewijs ZK81", "pilots"]
    assert book["bewijs ZK81"].max_row == len(evidence) + 1
    with pytest.raises(UserError, match="ZK99"):
        region_evidence(result, "ZK99")
