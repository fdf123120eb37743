"""Signals a pilot commission can trust: completeness, size-aware structure, evidence rules, robustness.

Each test builds a small registry whose right answer follows from the study's definitions (regio 1 vs regio 2,
Table 1 'netwerk te zwak') and the catalogue's rules.
"""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from geo.analysis import analyse
from monitor import catalogue as catalogue_module
from monitor.analysis import analyse_level, pilot_candidates
from monitor.robustness import variants
from tests.monitor import world

Y = world.Y0 + 10_000


def _signals(registry, geography, niveau="zorgkantoorregio", golf=None):
    result = analyse_level(analyse(registry, geography, geometry=False), registry, geography, niveau, golf)
    return result, result.signals.set_index("code")


def _large_and_small_world():
    """ZK81: a large organisation L, 40 locations in four clusters over three HAP areas, a contracted GP per
    cluster for all but one location and written agreements with every HAP. ZK80: a small organisation S, six
    locations in one town, four with a different GP on oral terms, two without GP, only an oral HAP agreement."""
    fac, ties = [world.facility("HAP-K", "hap", 105_000, anw_open=True)], []
    fac += [world.facility(f"HAP-W{j + 1}", "hap", x, anw_open=True) for j, x in enumerate((120_000, 140_000, 160_000))]
    hap_of = lambda x: "HAP-W1" if x < 130_000 else ("HAP-W2" if x < 150_000 else "HAP-W3")  # noqa: E731
    for c, centre in enumerate((115_000, 125_000, 140_000, 160_000)):
        fac.append(world.facility(f"HA-L{c + 1}", "huisartsenpraktijk", centre, Y - 500))
        for i in range(10):
            loc = f"L-{c}{i}"
            x = centre + 150 * i
            fac.append(world.facility(loc, "vg_locatie", x, Y + 100 * (i % 3), org="L", clienten=12))
            if (c, i) != (3, 9):
                ties.append((loc, f"HA-L{c + 1}", "contract", 2015))
            ties.append((loc, hap_of(x), "schriftelijke_afspraak", 2016))
    for i in range(6):
        loc = f"S-{i}"
        fac.append(world.facility(loc, "vg_locatie", 104_000 + 300 * i, Y, org="S", clienten=12))
        if i < 4:
            fac.append(world.facility(f"HA-S{i}", "huisartsenpraktijk", 103_000 + 400 * i, Y + 800))
            ties.append((loc, f"HA-S{i}", "mondelinge_afspraak", 2018))
        ties.append((loc, "HAP-K", "mondelinge_afspraak", 2018))
    return world.registry(fac, ties)


def test_large_spread_organisation_with_agreements_is_not_flagged_and_small_patchy_one_is(geography):
    result, signals = _signals(_large_and_small_world(), geography)
    large, small = signals.loc["ZK81"], signals.loc["ZK80"]
    assert not large["zwak_netwerk"] and large["scores"]["netwerk_te_zwak"] > 1.0
    assert result.facts.loc["ZK81", "aandeel_hds_zonder_afspraak"] == 0.0
    assert result.facts.loc["ZK81", "huisartsenpraktijken_per_cluster"] == pytest.approx(1.0)
    assert small["zwak_netwerk"] and small["scores"]["netwerk_te_zwak"] == pytest.approx(-2.0)
    assert result.facts.loc["ZK80", "huisartsenpraktijken_per_cluster"] == pytest.approx(4.0)
    assert "2 van de 6 locaties van Stichting S hebben geen huisarts." in small["redenen"]
    _, organisations = _signals(_large_and_small_world(), geography, "organisatie")
    assert not organisations.loc["L", "zwak_netwerk"] and organisations.loc["S", "zwak_netwerk"]


def test_missing_ties_are_a_registry_hole_not_a_weak_network(geography):
    facilities, ties = world.archetype_facilities()
    only_a = [t for t in ties if t[0].startswith("A-")]  # organisation B's ties were never delivered
    registry = world.registry(facilities, only_a)
    for niveau, code, located in (("zorgkantoorregio", "ZK81", 12), ("organisatie", "B", 12), ("gemeente", "GM8002", 3)):
        result, signals = _signals(registry, geography, niveau)
        row = signals.loc[code]
        assert row["onvoldoende_gegevens"] and not row["zwak_netwerk"], niveau
        assert row["volledigheid"] == 0.0
        assert row["volledigheid_tekst"] == f"gegevens over 0 van de {located} VG-locaties"
        assert row["redenen"][0].startswith("Onvoldoende gegevens: samenwerkingen zijn geregistreerd")
        assert pd.isna(result.facts.loc[code, "aandeel_locaties_zonder_huisarts"])  # not 'all without GP'
    _, signals = _signals(registry, geography)
    assert not signals["zwak_netwerk"].any()
    assert signals.loc["ZK80", "volledigheid"] == 1.0 and not signals.loc["ZK80", "onvoldoende_gegevens"]


def test_completeness_below_the_minimum_blocks_a_signal(geography):
    facilities, ties = world.archetype_facilities()
    # A second organisation D in Wijdland with 20 locations and no ties: B's 12 of 32 locations are below 50%.
    facilities += [world.facility(f"D-L{i}", "vg_locatie", 111_000 + 3_500 * i, Y, org="D") for i in range(20)]
    _, signals = _signals(world.registry(facilities, ties), geography)
    row = signals.loc["ZK81"]
    assert row["onvoldoende_gegevens"] and not row["zwak_netwerk"]
    assert row["volledigheid"] == pytest.approx(12 / 32)
    assert row["scores"]["netwerk_te_zwak"] is None


def test_an_empty_register_gives_no_score_and_no_flag_at_any_level(geography):
    registry = world.registry([], [])
    for niveau in ("gemeente", "zorgkantoorregio", "provincie", "organisatie"):
        _, signals = _signals(registry, geography, niveau)
        assert signals["onvoldoende_gegevens"].all() and not signals["zwak_netwerk"].any()
        for scores in signals["scores"]:
            assert all(value is None for value in scores.values()), (niveau, scores)


def test_neutral_facts_never_reach_the_minimum_weight(geography):
    facilities, ties = world.archetype_facilities()
    # One concentration figure (weight 2) and no closed poli (neutral, weight 1): below the minimum weight of 3.
    facilities += [world.facility("POLI-B", "avg_poli", 161_000, org="B", avg_fte=6.0),
                   world.facility("C-L1", "vg_locatie", 142_000, org="C", clienten=30, avg_fte=0.1)]
    ties = [*ties, ("C-L1", "HA-W4", "contract", 2018)]
    result, signals = _signals(world.registry(facilities, ties), geography)
    evidence = result.evidence[(result.evidence["code"] == "ZK81") & (result.evidence["voorwaarde"] == "netwerk_te_sterk")]
    assert sorted(evidence["deelscore"].round(2).tolist())[-1] == 0.0  # the neutral 'no closed poli'
    assert signals.loc["ZK81", "scores"]["netwerk_te_sterk"] < -0.5
    assert not signals.loc["ZK81", "te_sterk_netwerk"]


def test_a_finding_repeated_unchanged_counts_once_when_waves_are_pooled(geography):
    same = dict(gewicht=3, bron="document")
    findings = [world.finding("ZK80", "netwerk_te_zwak", -1, "geen vaste huisarts", golf="2021", **same),
                world.finding("ZK80", "netwerk_te_zwak", -1, "geen vaste huisarts", golf="2024", **same)]
    result, _ = _signals(world.archetypes(findings=findings), geography)
    cited = result.evidence[(result.evidence["code"] == "ZK80") & (result.evidence["soort"] == "bevinding")]
    assert cited["omschrijving"].tolist() == ["Bevinding (document, 2024): geen vaste huisarts"]


def test_running_actions_and_a_good_network_lower_the_priority_and_are_named(geography):
    actions = [("Regionale regietafel", "ZN", "2024", "loopt", "ZK81", None)]
    _, before = _signals(world.archetypes(), geography, golf="2024")
    _, after = _signals(world.archetypes(actions=actions), geography, golf="2024")
    assert after.loc["ZK81", "zwak_netwerk"]
    assert after.loc["ZK81", "prioriteit"] == pytest.approx(before.loc["ZK81", "prioriteit"] - 0.25)
    assert after.loc["ZK81", "lopende_acties"] == ["Regionale regietafel (ZN, loopt)"]
    assert any("Regionale regietafel (ZN, loopt)" in r for r in after.loc["ZK81", "redenen"])
    good = [world.finding("ZK81", "goed_netwerk", +1, "vaste overleggen met de huisartsen", golf="2024", gewicht=3)]
    _, with_good = _signals(world.archetypes(findings=good), geography, golf="2024")
    assert with_good.loc["ZK81", "prioriteit"] < before.loc["ZK81", "prioriteit"]
    assert any(r.startswith("Goed netwerk: score +") for r in with_good.loc["ZK81", "redenen"])


def test_no_gp_at_all_is_never_an_ideal_structure(geography):
    facilities, ties = world.archetype_facilities()
    ties = [t for t in ties if not t[0].startswith("A-")]  # B keeps its GP ties: the registry records GP ties
    ties += [(f"A-L{i + 1}", "HAP-K", "schriftelijke_afspraak", 2016) for i in range(6)]  # A: HAP ties only
    result, signals = _signals(world.registry(facilities, ties), geography)
    assert pd.isna(result.facts.loc["ZK80"].get("huisartsenpraktijken_per_cluster"))
    assert result.facts.loc["ZK80", "aandeel_locaties_zonder_huisarts"] == 1.0
    assert signals.loc["ZK80", "scores"]["netwerk_te_zwak"] < 2.0


def test_a_gap_is_never_told_as_counterweight(geography):
    # 1 of B's 12 locations without GP scores positively (below 'slecht' 0,3): it reads as coverage, not as a gap.
    facilities, ties = world.archetype_facilities()
    gp = {"B-L03": "HA-W2", "B-L07": "HA-W3"}
    ties = [*ties, *[(loc, practice, "contract", 2019) for loc, practice in gp.items()]]
    findings = [world.finding("ZK81", "netwerk_te_zwak", -1, "lappendeken aan samenwerkingspartners", gewicht=3)]
    _, signals = _signals(world.registry(facilities, ties, findings=findings), geography)
    counter = [r for r in signals.loc["ZK81", "redenen"] if r.startswith("Tegenwicht")]
    assert "Tegenwicht: 11 van de 12 locaties van Stichting B hebben een huisarts." in counter
    assert not any("geen huisarts" in r for r in counter)


def test_robustness_marks_borderline_signals(geography):
    _, signals = _signals(world.archetypes(), geography)
    assert signals.loc["ZK81", "robuust"] and signals.loc["ZK81", "varianten_met_signaal"] == signals.loc["ZK81", "varianten"]
    cat = catalogue_module.default()
    found = variants(cat, "zorgkantoorregio")
    assert len(found) == signals.loc["ZK81", "varianten"] > 20
    # A rule threshold right at the region's score makes the signal depend on the assumption.
    score = signals.loc["ZK81", "scores"]["netwerk_te_zwak"]
    rules = tuple(dataclasses.replace(r, score_hoogstens=score) if r.sleutel == "zwak_netwerk" else r for r in cat.signalen)
    edge = dataclasses.replace(cat, signalen=rules)
    registry = world.archetypes()
    geography_result = analyse(registry, geography, geometry=False)
    result = analyse_level(geography_result, registry, geography, "zorgkantoorregio", None, edge)
    row = result.signals.set_index("code").loc["ZK81"]
    assert row["zwak_netwerk"] and not row["robuust"]
    assert 0 < row["varianten_met_signaal"] < row["varianten"]
    assert any(r.startswith("Gevoelig voor de aannames") for r in row["redenen"])


def test_a_province_is_flagged_because_of_the_regions_inside_it(registry, geography, geo_result):
    province = analyse_level(geo_result, registry, geography, "provincie").signals.set_index("code").loc["PV80"]
    assert province["zwak_netwerk"]
    assert province["redenen"][0] == ("Signaal omdat 1 van de 3 zorgkantoorregio's in deze provincie een zwak "
                                      "netwerk heeft: Wijdland (ZK81).")
    candidates = pilot_candidates(analyse_level(geo_result, registry, geography, "zorgkantoorregio"))
    assert list(candidates["code"]) == ["ZK81"] and candidates["robuust"].all()
