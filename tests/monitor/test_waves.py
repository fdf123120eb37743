"""Measurement waves: ties known per wave, scores per wave with their change, convenant action status."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from monitor.ties import known_in_wave, wave_year
from monitor.waves import action_status, scores_by_wave, signals_by_wave
from tests.monitor import world


def test_wave_year_and_ties_known_in_a_wave():
    assert wave_year("2021") == 2021 and wave_year("2024-najaar") == 2024 and wave_year("nulmeting") is None
    ties = pd.DataFrame({"van": ["a", "b", "c"], "naar": ["x", "y", "z"], "soort": ["contract"] * 3, "sinds": [2019, 2023, None]})
    assert list(known_in_wave(ties, "2021")["van"]) == ["a", "c"]
    assert list(known_in_wave(ties, "nulmeting")["van"]) == ["a", "b", "c"]


def test_scores_per_wave_with_change_since_previous_wave(registry, geography, geo_result):
    # Stichting B puts its loose ties into contracts in 2023: they count in wave 2024, not in 2021.
    ties = registry.collaborations.copy()
    later = ties["van"].str.startswith("B-")
    contracts = ties[later].assign(soort="contract", sinds=2023)
    registry = dataclasses.replace(registry, collaborations=pd.concat([ties, contracts], ignore_index=True))
    table = scores_by_wave(geo_result, registry, geography, "zorgkantoorregio")
    assert list(table.columns) == ["code", "naam", "golf", "voorwaarde", "score", "betrouwbaarheid", "n_bewijs",
                                   "verschil_vorige_golf"]
    formal = table[(table["code"] == "ZK81") & (table["voorwaarde"] == "harde_instituties")].set_index("golf")
    assert formal.loc["2024", "score"] > formal.loc["2021", "score"]
    assert pd.isna(formal.loc["2021", "verschil_vorige_golf"])
    assert formal.loc["2024", "verschil_vorige_golf"] == pytest.approx(formal.loc["2024", "score"] - formal.loc["2021", "score"], abs=1e-4)
    assert len(table) == 3 * 7 * 2


def test_findings_count_only_in_their_own_wave(geography, geo_result):
    registry = world.archetypes(findings=[world.finding("ZK82", "netwerk_te_zwak", -1, "niemand neemt regie", golf="2024", gewicht=3)])
    signals = signals_by_wave(geo_result, registry, geography, "zorgkantoorregio").set_index(["code", "golf"])
    assert signals.loc[("ZK82", "2021"), "onvoldoende_gegevens"]
    assert signals.loc[("ZK82", "2024"), "zwak_netwerk"]


def test_action_status_per_wave_with_change():
    actions = [
        ("Leidraad samenwerking", "LHV", "2021", "gestart", "", None),
        ("Leidraad samenwerking", "LHV", "2024", "afgerond", "", None),
        ("Regionale tafel", "Zorgkantoor", "2021", "loopt", "ZK81", None),
        ("Regionale tafel", "Zorgkantoor", "2024", "gestopt", "ZK81", None),
        ("Kaart AVG-poli's", "VGN", "2024", "loopt", "", None),
        ("Scholing", "NVAVG", "2021", "loopt", "", None),
        ("Scholing", "NVAVG", "2024", "loopt", "", None),
    ]
    table = action_status(world.archetypes(actions=actions), world.geography()).set_index(["actie", "partij"])
    assert list(table.columns) == ["regio", "regio_naam", "2021", "2024", "laatste_status", "verandering", "vooruitgang"]
    assert table.loc[("Leidraad samenwerking", "LHV"), "verandering"] == "gestart → afgerond"
    assert table.loc[("Leidraad samenwerking", "LHV"), "vooruitgang"] == 1
    assert table.loc[("Regionale tafel", "Zorgkantoor"), "vooruitgang"] == -1
    assert table.loc[("Regionale tafel", "Zorgkantoor"), "regio_naam"] == "Wijdland"
    assert table.loc[("Kaart AVG-poli's", "VGN"), "verandering"] == "nieuw: loopt"
    assert pd.isna(table.loc[("Kaart AVG-poli's", "VGN"), "2021"])
    assert table.loc[("Scholing", "NVAVG"), "verandering"] == "ongewijzigd (loopt)"
    assert table.loc[("Scholing", "NVAVG"), "regio_naam"] == "landelijk"


def test_no_actions_gives_an_empty_table_with_wave_columns():
    table = action_status(world.archetypes())
    assert table.empty and {"2021", "2024", "verandering"} <= set(table.columns)
