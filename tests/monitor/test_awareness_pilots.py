"""Awareness of the convenant per stakeholder group and wave, and the pilot register, on hand-built tables."""
from __future__ import annotations

import dataclasses
import math
from datetime import date

import pandas as pd
import pytest

from data.registry import awareness_frame, pilot_frame
from monitor.awareness import awareness_by_wave, awareness_wide, has_awareness
from monitor.dossier.model import Paragraph, Table
from monitor.pilots import commission_of, pilot_blocks, pilot_register, stand
from tests.monitor import world


def with_tables(registry, awareness=(), pilots=()):
    return dataclasses.replace(registry, awareness=awareness_frame(awareness), pilots=pilot_frame(pilots))


def cell(table, golf, stakeholder, bron="enquête"):
    rows = table[(table["golf"] == golf) & (table["stakeholder"] == stakeholder) & (table["bron"] == bron)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_share_per_stakeholder_group_and_wave_from_the_national_rows(geography):
    registry = with_tables(world.archetypes(), awareness=[
        ("", "2021", "aanbieders", 10, 40), ("", "2024", "aanbieders", 30, 60), ("", "2024", "gebruikers", 0, 20),
        ("ZK81", "2024", "aanbieders", 5, 5),  # a regional row does not count where a national row exists
    ])
    table = awareness_by_wave(registry, None, geography)
    assert cell(table, "2021", "aanbieders")["aandeel"] == pytest.approx(0.25)
    assert cell(table, "2024", "aanbieders")["aandeel"] == pytest.approx(0.5)
    assert cell(table, "2024", "gebruikers")["aandeel"] == 0.0  # measured: nobody knows it
    assert math.isnan(cell(table, "2021", "gebruikers")["aandeel"])  # not measured: unknown, never 0
    assert set(table["stakeholder"]) == {"aanbieders", "gebruikers", "intermediairs", "voorwaardenscheppend"}
    wide = awareness_wide(table)
    assert list(wide.columns) == ["2021", "2024"] and wide.loc["aanbieders", "2024"] == pytest.approx(0.5)


def test_without_a_national_row_the_regions_of_one_level_are_summed(geography):
    registry = with_tables(world.archetypes(), awareness=[
        ("ZK80", "2024", "intermediairs", 2, 10), ("ZK81", "2024", "intermediairs", 6, 10),
        ("GM8002", "2024", "intermediairs", 1, 4),  # inside ZK81: the level with fewer respondents is left out
    ])
    national = cell(awareness_by_wave(registry, None, geography), "2024", "intermediairs")
    assert (national["bekend"], national["totaal"]) == (8, 20)
    region = cell(awareness_by_wave(registry, "ZK81", geography), "2024", "intermediairs")
    assert (region["bekend"], region["totaal"]) == (6, 10)


def test_coded_findings_count_apart_from_the_survey(geography):
    findings = [
        world.finding("ZK81", "zachte_instituties", -1, "convenant onbekend", golf="2024", code="ZI15"),
        world.finding("ZK81", "zachte_instituties", -1, "nooit van gehoord", golf="2024", code="ZI15", gewicht=1),
        world.finding("ZK80", "zachte_instituties", +1, "gebruikt als deurenopener", golf="2024", code="ZI71"),
        world.finding("ZK80", "zachte_instituties", -1, "convenant onbekend", golf="2024", stakeholder="gebruikers",
                      code="ZI15"),
    ]
    registry = world.archetypes(findings=findings)
    table = awareness_by_wave(registry, None, geography)
    assert not has_awareness(table, "enquête") and has_awareness(table, "bevindingen")
    found = cell(table, "2024", "aanbieders", "bevindingen")
    assert (found["bekend"], found["totaal"]) == (1, 3) and found["aandeel"] == pytest.approx(1 / 3)
    assert cell(table, "2024", "gebruikers", "bevindingen")["aandeel"] == 0.0
    own = cell(awareness_by_wave(registry, "ZK80", geography), "2024", "aanbieders", "bevindingen")
    assert (own["bekend"], own["totaal"]) == (1, 1)


PILOTS = [
    ("ZK81", "Pilotcommissie Wijdland", date(2023, 3, 15), "loopt", "vaste huisarts per cluster", None, None),
    ("GM8001", "Commissie Kleinburg", None, "verkenning", None, None, None),
]


def test_the_register_by_region_with_overlap(geography):
    registry = with_tables(world.archetypes(), pilots=PILOTS)
    everything = pilot_register(registry, geography=geography)
    assert everything["regio"].tolist() == ["GM8001", "ZK81"]
    assert everything["regio_naam"].tolist() == ["Kleinburg", "Wijdland"]
    assert pilot_register(registry, "GM8003", geography)["commissie"].tolist() == ["Pilotcommissie Wijdland"]
    assert pilot_register(registry, "PV80", geography)["regio"].tolist() == ["GM8001", "ZK81"]
    assert pilot_register(registry, "ZK82", geography).empty
    assert pilot_register(registry, "ZK81")["regio"].tolist() == ["ZK81"]  # without geography: the code itself
    row = everything.iloc[1]
    assert stand(row) == "loopt sinds 15-3-2023" and stand(everything.iloc[0]) == "in verkenning"
    assert commission_of(everything)["ZK81"] == "Pilotcommissie Wijdland: loopt sinds 15-3-2023"


def test_blocks_for_the_dossier(geography):
    registry = with_tables(world.archetypes(), pilots=PILOTS)
    blocks = pilot_blocks(registry, "GM8002", geography, "Verweg-Noord")
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.rows[0][:4] == ("Wijdland (ZK81)", "Pilotcommissie Wijdland", "15-3-2023", "loopt")
    assert "Afspraken: vaste huisarts per cluster." in table.rows[0][4]
    empty = pilot_blocks(registry, "ZK82", geography, "Leegland")
    assert isinstance(empty[-1], Paragraph) and "geen commissie voor Leegland (ZK82)" in empty[-1].text
    assert pilot_register(world.archetypes(), "ZK81", geography).empty  # an empty register


def test_frames_have_fixed_types():
    frame = pilot_frame(PILOTS)
    assert str(frame["start"].dtype) == "datetime64[ns]" and pd.isna(frame["start"].iloc[1])
    awareness = awareness_frame([(None, "2024", "aanbieders", "3", 5)])
    assert awareness["regio"].tolist() == [""] and str(awareness["bekend"].dtype) == "Int64"
