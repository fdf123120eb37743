"""Downloads of the Pilotregio's page open correctly in Dutch Excel: ';', decimal comma, labels, ja/nee."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from dashboard.components import pilot
from dashboard.components.downloads import download_files
from geo.analysis import analyse
from monitor.analysis import analyse_level, pilot_candidates
from monitor.exports import region_evidence
from tests.monitor import world


@pytest.fixture(scope="module")
def result():
    registry = world.archetypes(findings=[
        world.finding("ZK81", "netwerk_te_zwak", -1, "=HYPERLINK(\"x\") lappendeken", golf="2024", gewicht=3),
    ])
    geography = world.geography()
    return analyse_level(analyse(registry, geography, geometry=False), registry, geography, "zorgkantoorregio", "2024")


def read_csv(data: bytes) -> pd.DataFrame:
    assert data.startswith(b"\xef\xbb\xbf")
    return pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")


def test_pilot_list_csv_reads_back_with_numbers_and_words(result):
    frame = pilot.download_frame(pilot.rank_robust_first(pilot_candidates(result), result.signals))
    assert len(frame) >= 1
    csv_bytes, xlsx = download_files(frame, "pilotregio's", "Meetgolf 2024.", demo=True)
    back = read_csv(csv_bytes)
    assert back.columns[0] == "Gegevens" and (back["Gegevens"] == "fictief voorbeeld").all()
    assert {"Rang", "Regio", "Robuust", "Prioriteit", "Score netwerk te zwak", "Volledigheid (0-1)"} <= set(back.columns)
    assert not any("_" in column for column in back.columns), list(back.columns)
    assert pd.api.types.is_float_dtype(back["Prioriteit"]) and pd.api.types.is_numeric_dtype(back["Rang"])
    assert set(back["Robuust"]) <= {"ja", "nee"}
    assert "Wijdland" in back["Regio"].tolist()
    text = csv_bytes.decode("utf-8-sig")
    assert "True" not in text and "False" not in text
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx))["pilotregio's"]
    headers = [c.value for c in sheet[1]]
    assert "Score netwerk te zwak" in headers and "rang" not in headers and "Regio" in headers
    assert sheet.column_dimensions["B"].width >= 8


def test_evidence_csv_has_labels_words_and_guarded_formulas(result):
    evidence = region_evidence(result, "ZK81")
    csv_bytes, xlsx = download_files(evidence, "bewijs", "", demo=False)
    back = read_csv(csv_bytes)
    assert {"Voorwaarde", "Stakeholdergroep", "Soort bewijs", "Omschrijving", "Deelscore (-2 tot +2)"} <= set(back.columns)
    assert set(back["Soort bewijs"]) <= {"registerfeit", "bevinding"}
    assert "Interactie – netwerk te zwak" in set(back["Voorwaarde"])
    assert back["Deelscore (-2 tot +2)"].between(-2, 2).all()
    finding = back[back["Soort bewijs"] == "bevinding"]["Omschrijving"].iloc[0]
    assert "HYPERLINK" in finding
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert [c.value for c in book["bewijs"][1]][:3] == ["Code", "Regio", "Niveau"]
