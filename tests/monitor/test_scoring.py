"""Oracle tests: a cell score, the normalisation and the confidence recomputed by hand."""
from __future__ import annotations

import numpy as np
import pytest

from geo.analysis import analyse
from monitor import catalogue
from monitor.analysis import analyse_level
from monitor.scoring import normalise
from tests.monitor import world


def _cell(result, code, condition, stakeholder):
    cells = result.cells
    row = cells[(cells["code"] == code) & (cells["voorwaarde"] == condition) & (cells["stakeholder"] == stakeholder)]
    return row.iloc[0]


def test_normalisation_of_each_range_by_hand():
    cat = catalogue.default()
    practices = cat.indicator("huisartsenpraktijken_per_cluster")  # lager_beter, goed 1, slecht 3, negatief
    assert normalise(practices, [0.5, 1, 2, 3, 8]).tolist() == [0.0, 0.0, -1.0, -2.0, -2.0]
    without_gp = cat.indicator("aandeel_locaties_zonder_huisarts")  # lager_beter, goed 0, slecht 0.3, vol
    assert normalise(without_gp, [0.0, 0.15, 0.3, 0.5]).tolist() == pytest.approx([2.0, 0.0, -2.0, -2.0])
    joint = cat.indicator("aandeel_gezamenlijke_medische_dienst")  # hoger_beter, goed 0.5, slecht 0, positief
    assert normalise(joint, [0.0, 0.25, 0.5, 1.0]).tolist() == [0.0, 1.0, 2.0, 2.0]
    closed = cat.indicator("gesloten_avg_polis")  # lager_beter, goed 0, slecht 2, negatief
    assert normalise(closed, [0, 1, 2, 3]).tolist() == [0.0, -1.0, -2.0, -2.0]
    assert np.isnan(normalise(practices, [np.nan])[0])


def test_cell_score_recomputed_by_hand(registry, geography, geo_result):
    # Wijdland (ZK81), netwerk_te_zwak x aanbieders: Stichting B's 9 locations with a GP lie 6 km or more apart,
    # so 9 clusters of 5 km share 6 practices (weight 2), and 3 of its 12 locations have no GP (weight 3).
    cat = catalogue.default()
    practices = 0.0  # 6 / 9 = 0,67 practices per cluster: no excess, neutral (bereik negatief)
    share = 0.25
    t = (share - 0.3) / (0.0 - 0.3)
    without_gp = 4 * t - 2  # -1.333...
    expected = (2 * practices + 3 * without_gp) / (2 + 3)
    result = analyse_level(geo_result, registry, geography, "zorgkantoorregio")
    cell = _cell(result, "ZK81", "netwerk_te_zwak", "aanbieders")
    assert cell["score"] == pytest.approx(expected)  # -0.8
    assert cell["n_bewijs"] == 2
    assert cell["betrouwbaarheid"] == pytest.approx(5 / (5 + cat.halfwaarde))
    assert result.facts.loc["ZK81", "huisartsenpraktijken_per_cluster"] == pytest.approx(6 / 9)
    assert result.facts.loc["ZK81", "aandeel_locaties_zonder_huisarts"] == pytest.approx(0.25)


def test_finding_weights_by_hand(geography):
    # A good practice on ZK81 (weight 2, full) and a failure on the whole provincie (weight 3, half: the
    # provincie is larger than the zorgkantoorregio) join the two registry facts of the cell above.
    findings = [
        world.finding("ZK81", "netwerk_te_zwak", +1, "vaste overleggen", gewicht=2),
        world.finding("PV80", "netwerk_te_zwak", -1, "niemand neemt regie", gewicht=3),
    ]
    registry = world.archetypes(findings=findings)
    result = analyse_level(analyse(registry, geography, geometry=False), registry, geography, "zorgkantoorregio")
    cell = _cell(result, "ZK81", "netwerk_te_zwak", "aanbieders")
    expected = (2 * 0.0 + 3 * (-4 / 3) + 2 * 2.0 + 1.5 * -2.0) / (2 + 3 + 2 + 1.5)
    assert cell["score"] == pytest.approx(expected)
    assert cell["n_bewijs"] == 4


def test_condition_score_is_the_weighted_mean_of_all_its_evidence(registry, geography, geo_result):
    result = analyse_level(geo_result, registry, geography, "zorgkantoorregio")
    evidence = result.evidence[(result.evidence["code"] == "ZK81") & (result.evidence["voorwaarde"] == "netwerk_te_zwak")]
    expected = (evidence["deelscore"] * evidence["gewicht"]).sum() / evidence["gewicht"].sum()
    row = result.conditions[(result.conditions["code"] == "ZK81") & (result.conditions["voorwaarde"] == "netwerk_te_zwak")]
    assert row["score"].iloc[0] == pytest.approx(expected)
    assert row["n_bewijs"].iloc[0] == len(evidence) == 4  # practices per cluster, HDS, without GP, informal only


def test_same_data_same_scores(registry, geography, geo_result):
    a = analyse_level(geo_result, registry, geography, "gemeente")
    b = analyse_level(analyse(registry, geography, geometry=False), registry, geography, "gemeente")
    assert a.signals.equals(b.signals) and a.cells.equals(b.cells)
