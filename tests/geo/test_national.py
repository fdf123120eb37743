"""The national demo scenario on the real CBS geography: complete frames, sane values, regio 1 vs regio 2."""
import numpy as np
import pytest

from data.registry import load_geography, load_registry
from geo.analysis import analyse


@pytest.fixture(scope="module")
def national(_demo_template):
    from data.db import make_engine

    engine = make_engine(f"sqlite:///{_demo_template}")
    try:
        registry, geography = load_registry(engine), load_geography(engine)
    finally:
        engine.dispose()
    return registry, geography, analyse(registry, geography, geometry=False)


def test_every_region_of_every_level_has_a_row(national):
    _, geography, result = national
    counts = geography.regions["niveau"].value_counts()
    for level in ("gemeente", "zorgkantoorregio", "provincie"):
        assert len(result.indicators[level]) == counts[level]
    registry = national[0]
    assert len(result.indicators["hap"]) == (registry.facilities["type"] == "hap").sum()
    assert len(result.pc4) == counts["pc4"]


def test_every_facility_is_placed_and_pc4_and_gemeente_mostly_agree(national):
    _, _, result = national
    facilities = result.facilities
    assert facilities[["pc4", "gemeente", "zorgkantoorregio", "provincie"]].notna().all().all()
    gemeente_of_pc4 = result.pc4.set_index("pc4")["gemeente"].reindex(facilities["pc4"]).to_numpy()
    assert (gemeente_of_pc4 == facilities["gemeente"].to_numpy()).mean() > 0.9  # borders differ slightly


def test_values_are_in_range(national):
    _, _, result = national
    for frame in result.indicators.values():
        numbers = frame.drop(columns=["code", "naam"]).to_numpy(dtype=float)
        assert np.nanmin(numbers) >= 0
        for share in [c for c in frame.columns if c.startswith("aandeel")]:
            assert frame[share].dropna().between(0, 1).all()
    assert result.indicators["zorgkantoorregio"]["avg_toegankelijkheid"].notna().all()


def test_compact_regions_look_like_regio_1_and_spread_ones_like_regio_2(national):
    demo = pytest.importorskip("data.demo.scenario")
    zk = national[2].indicators["zorgkantoorregio"].set_index("code")
    compact = zk.reindex(demo.SHOWCASE_REGIONS["compact"]).dropna(subset=["naam"])
    spread = zk.reindex(demo.SHOWCASE_REGIONS["verspreid"]).dropna(subset=["naam"])
    if compact.empty or spread.empty:
        pytest.skip("the demo has no showcase regions")
    for key in ("aantal_hap_gebieden", "aantal_huisartsenpraktijken", "spreiding_km"):
        assert compact[key].mean() < spread[key].mean(), key
