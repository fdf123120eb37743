"""All levels on the national demo: every region listed, the showcase regions come out as the demo intends."""
from __future__ import annotations

import pytest

from data.registry import load_geography, load_registry
from geo.analysis import analyse
from monitor.analysis import analyse_level, pilot_candidates
from monitor.waves import action_status, scores_by_wave


@pytest.fixture
def national(demo_engine):
    registry, geography = load_registry(demo_engine), load_geography(demo_engine)
    return registry, geography, analyse(registry, geography, geometry=False)


def test_national_demo_levels_and_showcases(national):
    registry, geography, geo_result = national
    counts = {"gemeente": 342, "zorgkantoorregio": 31, "provincie": 12}
    for niveau, count in counts.items():
        signals = analyse_level(geo_result, registry, geography, niveau).signals
        assert len(signals) == count and signals["code"].is_unique
    zk = analyse_level(geo_result, registry, geography, "zorgkantoorregio")
    flags = zk.signals.set_index("code")
    for compact in ("ZK10", "ZK21", "ZK31"):  # like the study's regio 1
        assert not flags.loc[compact, "zwak_netwerk"]
    for spread in ("ZK08", "ZK17", "ZK27"):  # like regio 2
        assert flags.loc[spread, "zwak_netwerk"]
    assert flags.loc["ZK06", "te_sterk_netwerk"]  # one organisation holds nearly all AVG capacity
    ranked = list(pilot_candidates(zk)["code"])
    assert ranked[0] in {"ZK08", "ZK17", "ZK27"}
    assert {"ZK08", "ZK17", "ZK27"} <= set(ranked[:5])


@pytest.mark.parametrize("golf", ["2024", None])
def test_the_demo_flags_exactly_its_designed_regions_at_every_level(national, golf):
    registry, geography, geo_result = national
    zk = analyse_level(geo_result, registry, geography, "zorgkantoorregio", golf).signals.set_index("code")
    designed = {"ZK08", "ZK17", "ZK27"}
    assert set(zk.index[zk["zwak_netwerk"].to_numpy()]) == designed
    assert set(zk.index[zk["te_sterk_netwerk"].to_numpy()]) == {"ZK06"}
    assert zk.loc[sorted(designed), "robuust"].all()
    for code in ("ZK07", "ZK24", "ZK26"):  # their organisations never delivered ties
        assert zk.loc[code, "onvoldoende_gegevens"] and zk.loc[code, "volledigheid"] == 0.0, code
    candidates = pilot_candidates(analyse_level(geo_result, registry, geography, "zorgkantoorregio", golf))
    assert set(candidates["code"]) == designed and candidates["robuust"].all()
    # Provinces carry the signals of the zorgkantoorregio's inside them, and say which.
    provinces = analyse_level(geo_result, registry, geography, "provincie", golf).signals.set_index("code")
    assert set(provinces.index[provinces["zwak_netwerk"].to_numpy()]) == {"PV21", "PV29", "PV31"}
    assert set(provinces.index[provinces["te_sterk_netwerk"].to_numpy()]) == {"PV22"}
    assert provinces.loc["PV31", "redenen"][0].startswith("Signaal omdat 1 van de 2 zorgkantoorregio's")
    # Gemeenten carry a signal only inside a flagged zorgkantoorregio; each designed region shows where.
    gemeenten = analyse_level(geo_result, registry, geography, "gemeente", golf).signals
    membership = geography.membership
    region_of = membership[membership["ouder_niveau"] == "zorgkantoorregio"].set_index("kind_code")["ouder_code"]
    flagged = set(gemeenten.loc[gemeenten["zwak_netwerk"].to_numpy(), "code"].map(region_of))
    assert flagged == designed


def test_national_waves_and_actions(national):
    registry, geography, geo_result = national
    waves = scores_by_wave(geo_result, registry, geography, "provincie")
    assert set(waves["golf"]) == {"2021", "2024"}
    assert waves.loc[waves["golf"] == "2024", "verschil_vorige_golf"].notna().any()
    actions = action_status(registry, geography)
    assert {"2021", "2024", "verandering"} <= set(actions.columns) and len(actions) > 0


def test_national_scores_do_not_depend_on_row_order(national):
    import dataclasses

    import numpy as np
    import pandas as pd

    registry, geography, geo_result = national
    rng = np.random.default_rng(7)
    shuffle = lambda frame: frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)  # noqa: E731
    permuted = dataclasses.replace(registry, facilities=shuffle(registry.facilities),
                                   collaborations=shuffle(registry.collaborations), findings=shuffle(registry.findings))
    permuted_geo = dataclasses.replace(geo_result, facilities=shuffle(geo_result.facilities))
    for niveau in ("zorgkantoorregio", "organisatie"):
        a = analyse_level(geo_result, registry, geography, niveau)
        b = analyse_level(permuted_geo, permuted, geography, niveau)
        pd.testing.assert_frame_equal(a.conditions, b.conditions)
        pd.testing.assert_frame_equal(a.signals, b.signals)
