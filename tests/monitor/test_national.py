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


def test_latest_wave_flags_the_designed_regions_robustly_and_data_poor_ones_are_unknown(national):
    registry, geography, geo_result = national
    zk = analyse_level(geo_result, registry, geography, "zorgkantoorregio", "2024")
    flags = zk.signals.set_index("code")
    designed = {"ZK08", "ZK17", "ZK27"}
    for code in designed:
        assert flags.loc[code, "zwak_netwerk"] and flags.loc[code, "robuust"], code
    for code in ("ZK07", "ZK24", "ZK26"):  # their organisations never delivered ties
        assert flags.loc[code, "onvoldoende_gegevens"] and not flags.loc[code, "zwak_netwerk"], code
        assert flags.loc[code, "volledigheid"] == 0.0
    for code in ("ZK10", "ZK21", "ZK31"):
        assert not flags.loc[code, "zwak_netwerk"], code
    # A pilot commission reads the robust signals first: the designed weak regions lead the list.
    candidates = pilot_candidates(zk)
    assert designed <= set(candidates["code"].head(4)) and candidates["robuust"].head(3).all()
    # A province carries a signal only because a zorgkantoorregio inside it does.
    provinces = analyse_level(geo_result, registry, geography, "provincie", "2024").signals.set_index("code")
    for code in provinces.index[provinces["zwak_netwerk"].to_numpy()]:
        assert provinces.loc[code, "redenen"][0].startswith("Signaal omdat"), code
    assert provinces.loc["PV21", "zwak_netwerk"] and provinces.loc["PV29", "zwak_netwerk"]
    organisations = analyse_level(geo_result, registry, geography, "organisatie").signals
    assert len(organisations) == registry.facilities["organisatie_id"].nunique()


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
