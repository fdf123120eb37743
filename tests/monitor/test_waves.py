"""Measurement waves: ties known per wave, scores per wave with their change, convenant action status."""
from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest

from data.registry import collaboration_frame
from monitor.analysis import analyse_level
from monitor.ties import known_in_wave, wave_year
from monitor.waves import SIGNAL_GROUPS, action_status, scores_by_wave, signal_counts, signals_by_wave
from tests.monitor import world


def test_wave_year_and_ties_known_in_a_wave():
    assert wave_year("2021") == 2021 and wave_year("2024-najaar") == 2024 and wave_year("nulmeting") is None
    ties = collaboration_frame([("a", "x", "contract", date(2019, 6, 15)), ("b", "y", "contract", date(2023, 1, 1)),
                                ("c", "z", "contract", None), ("d", "w", "contract", date(2021, 12, 31))])
    assert list(known_in_wave(ties, "2021")["van"]) == ["a", "c", "d"]  # the reference date is 31 December
    assert list(known_in_wave(ties, "nulmeting")["van"]) == ["a", "b", "c", "d"]


def test_a_tie_that_ends_between_two_waves_counts_only_in_the_first():
    ties = collaboration_frame([
        ("a", "x", "contract", date(2019, 1, 1), date(2023, 6, 30)),  # ended between the waves
        ("b", "y", "contract", None, date(2024, 12, 31)),  # its last day is wave 2024's reference date
        ("c", "z", "contract", date(2020, 1, 1), date(2021, 6, 1)),  # ended before wave 2021
    ])
    assert list(known_in_wave(ties, "2021")["van"]) == ["a", "b"]
    assert list(known_in_wave(ties, "2024-najaar")["van"]) == ["b"]
    assert list(known_in_wave(ties, "nulmeting")["van"]) == ["a", "b", "c"]  # no year: every tie


def test_an_ended_tie_changes_the_facts_of_the_later_wave(registry, geography, geo_result):
    # B-L02's only GP tie ends in 2023: one more location without a GP in wave 2024, not in 2021.
    ties = registry.collaborations.copy()
    ties.loc[ties["van"].eq("B-L02"), "tot"] = pd.Timestamp("2023-06-30")
    registry = dataclasses.replace(registry, collaborations=ties)
    share = {golf: analyse_level(geo_result, registry, geography, "zorgkantoorregio", golf).facts.loc[
        "ZK81", "aandeel_locaties_zonder_huisarts"] for golf in ("2021", "2024")}
    assert share == {"2021": pytest.approx(3 / 12), "2024": pytest.approx(4 / 12)}


def test_scores_per_wave_with_change_since_previous_wave(registry, geography, geo_result):
    # Stichting B puts its loose ties into contracts in 2023: they count in wave 2024, not in 2021.
    ties = registry.collaborations.copy()
    later = ties["van"].str.startswith("B-")
    contracts = ties[later].assign(soort="contract", sinds=pd.Timestamp("2023-04-01"))
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
    registry = world.archetypes(findings=[world.finding("ZK80", "netwerk_te_zwak", -1, "niemand neemt regie", golf="2024", gewicht=3)])
    table = scores_by_wave(geo_result, registry, geography, "zorgkantoorregio").set_index(["code", "golf", "voorwaarde"])
    assert table.loc[("ZK80", "2021", "netwerk_te_zwak"), "n_bewijs"] == 4
    assert table.loc[("ZK80", "2024", "netwerk_te_zwak"), "n_bewijs"] == 5


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


def test_signal_counts_put_each_region_in_one_group_so_they_add_up():
    signals = pd.DataFrame({"code": ["A", "B", "C", "D", "E", "F"],
                            "zwak_netwerk": [True, True, False, False, False, True],
                            "te_sterk_netwerk": [True, False, True, False, False, None],
                            "onvoldoende_gegevens": [False, False, False, True, False, False]})
    counts = signal_counts(signals)
    assert counts == {"zwak": 2, "sterk": 1, "beide": 1, "onvoldoende": 1, "geen": 1, "totaal": 6}
    assert sum(counts[key] for key in SIGNAL_GROUPS) == counts["totaal"] == len(signals)
    assert signal_counts(signals.iloc[:0])["totaal"] == 0
