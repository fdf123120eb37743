"""analyse(): shapes of the result, region assignment, demand, aggregation and row-order independence."""
import numpy as np
import pandas as pd
import pytest

from data.errors import UserError
from geo import catalogue
from geo.analysis import NIVEAUS, analyse
from geo.settings import GeoSettings
from tests.geo import world

FACILITIES = [
    world.facility("h1", "hap", 102_000),
    world.facility("h2", "hap", 125_000),
    world.facility("p1", "avg_poli", 112_000, avg_fte=2),
    world.facility("v1", "vg_locatie", 101_000, org="A", clienten=50),
    world.facility("v2", "vg_locatie", 108_000, org="A", clienten=30),
    world.facility("v3", "vg_locatie", 123_000, org="B", avg_fte=1),
    world.facility("g1", "huisartsenpraktijk", 103_000),
]
TIES = [("v1", "g1", "contract"), ("g1", "v2", "casuistiek")]


@pytest.fixture
def result():
    return analyse(world.registry(FACILITIES, TIES), world.geography())


def test_every_level_has_one_row_per_region_and_the_catalogue_columns(result):
    assert set(result.indicators) == set(NIVEAUS)
    for niveau, frame in result.indicators.items():
        assert list(frame.columns) == catalogue.columns(niveau)
    assert result.indicators["gemeente"]["code"].tolist() == ["GM9001", "GM9002", "GM9003", "GM9004"]
    assert result.indicators["zorgkantoorregio"]["code"].tolist() == ["ZK90", "ZK91", "ZK92"]  # ZK92 is empty
    assert result.indicators["provincie"]["code"].tolist() == ["PV90"]
    assert result.indicators["hap"]["code"].tolist() == ["h1", "h2"]
    assert result.indicators["organisatie"]["code"].tolist() == ["A", "B"]


def test_facilities_are_placed_in_their_regions(result):
    facilities = result.facilities.set_index("id")
    expected = {"x", "y", "pc4", "gemeente", "zorgkantoorregio", "provincie", "hap_gebied", "reistijd_hap_min",
                "reistijd_eigen_hap_min", "reistijd_avg_poli_min", "aantal_huisartsen", "heeft_huisarts", "formeel",
                "organisatie_naam", "lat", "lon", "naam", "type", "organisatie_id"}
    assert expected <= set(facilities.columns)
    assert facilities.loc["v2", ["pc4", "gemeente", "zorgkantoorregio", "provincie"]].tolist() == ["9012", "GM9001", "ZK90", "PV90"]
    assert facilities.loc["v3", ["pc4", "gemeente", "zorgkantoorregio"]].tolist() == ["9031", "GM9003", "ZK91"]
    assert facilities.loc["v3", "hap_gebied"] == "h2"
    assert facilities.loc["v1", "reistijd_avg_poli_min"] == pytest.approx(11 * 1.3, abs=1e-4)
    assert pd.isna(facilities.loc["h1", "heeft_huisarts"])  # only VG locations have ties


def test_counts_clients_and_fte_per_region(result):
    gemeente = result.indicators["gemeente"].set_index("code")
    assert gemeente.loc["GM9001", ["aantal_hap", "aantal_vg_locatie", "aantal_huisartsenpraktijk"]].tolist() == [1, 2, 1]
    assert gemeente.loc["GM9001", "clienten"] == 80
    assert np.isnan(gemeente.loc["GM9003", "clienten"])  # v3's count is unknown
    assert gemeente.loc["GM9002", "avg_fte"] == 2 and gemeente.loc["GM9003", "avg_fte"] == 1
    assert gemeente.loc["GM9004", "aantal_vg_locatie"] == 0
    assert gemeente.loc["GM9001", "inwoners"] == 2000  # sum of its two PC4s


def test_demand_is_clients_or_an_estimate_from_population(result):
    pc4 = result.pc4.set_index("pc4")
    assert pc4.loc["9011", "vraag"] == 50 and not pc4.loc["9011", "vraag_geschat"]
    assert pc4.loc["9012", "vraag"] == 30
    prevalence = GeoSettings().prevalence
    assert pc4.loc["9041", "vraag"] == pytest.approx(1000 * prevalence) and pc4.loc["9041", "vraag_geschat"]
    gemeente = result.indicators["gemeente"].set_index("code")
    assert gemeente.loc["GM9001", "aandeel_vraag_geschat"] == 0
    assert gemeente.loc["GM9004", "aandeel_vraag_geschat"] == 1


def test_region_accessibility_is_the_demand_weighted_mean_of_its_pc4s(result):
    pc4 = result.pc4
    for level in ("gemeente", "zorgkantoorregio", "provincie"):
        frame = result.indicators[level].set_index("code")
        for code, rows in pc4.groupby(level):
            expected = np.average(rows["avg_toegankelijkheid"], weights=rows["vraag"])
            assert frame.loc[code, "avg_toegankelijkheid"] == pytest.approx(expected, rel=1e-12)
    assert np.isnan(result.indicators["zorgkantoorregio"].set_index("code").loc["ZK92", "avg_toegankelijkheid"])


def test_pc4_accessibility_matches_a_direct_e2sfca(result):
    # Supply: p1 (2 FTE at 112 km) and v3 (1 FTE at 123 km); PC4 centres every 5 km from 102.5 km.
    settings = GeoSettings()
    pc4 = result.pc4.set_index("pc4")
    centres = {code: 102_500 + 5_000 * n for n, code in enumerate(pc4.index)}
    supply = {"p1": (112_000, 2.0), "v3": (123_000, 1.0)}

    def weight(a, b):
        t = abs(a - b) / 1000 * settings.detour_factor / settings.speed_kmh * 60
        return np.exp(-t * t / (2 * settings.decay_sigma_min**2)) if t <= settings.catchment_min else 0.0

    ratio = {j: fte / sum(pc4.loc[c, "vraag"] * weight(x, centres[c]) for c in pc4.index) for j, (x, fte) in supply.items()}
    for code, x in centres.items():
        expected = 1000 * sum(ratio[j] * weight(sx, x) for j, (sx, _) in supply.items())
        assert pc4.loc[code, "avg_toegankelijkheid"] == pytest.approx(expected, rel=1e-4)  # RD centres are approximate


def test_result_does_not_depend_on_row_order():
    base = analyse(world.registry(FACILITIES, TIES), world.geography(), geometry=False)
    shuffled = analyse(world.registry(FACILITIES[::-1], TIES[::-1]), world.geography(), geometry=False)
    for niveau in NIVEAUS:
        pd.testing.assert_frame_equal(base.indicators[niveau], shuffled.indicators[niveau])
    pd.testing.assert_frame_equal(base.pc4, shuffled.pc4)
    pd.testing.assert_frame_equal(base.gaps, shuffled.gaps)


def test_gaps_name_their_reason():
    far = [world.facility("h1", "hap", 101_000), world.facility("v", "vg_locatie", 139_000, org="A", clienten=20)]
    result = analyse(world.registry(far), world.geography(), geometry=False)
    gaps = result.gaps.set_index(["soort", "id", "kenmerk"])
    reason = gaps.loc[("vg_locatie", "v", "geen_hap_binnen_bereik"), "reden"]
    assert reason == "Geen huisartsenpost binnen 30 geschatte reisminuten (dichtstbijzijnde 49,4 min)."
    # No AVG capacity recorded anywhere is unknown, not low; a recorded poli far away makes it low.
    assert ("vg_locatie", "v", "lage_avg_toegankelijkheid") not in gaps.index
    assert result.pc4["avg_toegankelijkheid"].isna().all()
    with_poli = analyse(world.registry([*far, world.facility("p", "avg_poli", 101_000, avg_fte=0.5)]),
                        world.geography(), geometry=False)
    assert ("vg_locatie", "v", "lage_avg_toegankelijkheid") in with_poli.gaps.set_index(["soort", "id", "kenmerk"]).index
    assert gaps.loc[("vg_locatie", "v", "geen_huisarts"), "regio"] == "GM9004"
    assert list(result.gaps.columns)[:5] == ["soort", "id", "naam", "regio", "kenmerk"]


def test_bad_input_is_refused_with_a_dutch_message():
    bad_type = dict(world.facility("x", "hap", 101_000), type="ziekenhuis")
    with pytest.raises(UserError, match="Voorziening x: onbekend type 'ziekenhuis'"):
        analyse(world.registry([bad_type]), world.geography())
    bad_place = dict(world.facility("y", "hap", 101_000), lat=np.nan)
    with pytest.raises(UserError, match="Voorziening y: kolom lat/lon"):
        analyse(world.registry([bad_place]), world.geography())


def test_a_projected_geography_is_refused_loudly():
    geography = world.geography()
    projected = type(geography)(geography.regions.to_crs("EPSG:28992"), geography.membership)
    with pytest.raises(ValueError, match="EPSG:4326"):
        analyse(world.registry([]), projected)


def test_empty_registry_gives_empty_but_complete_frames():
    result = analyse(world.registry([]), world.geography(), geometry=False)
    assert len(result.indicators["organisatie"]) == 0 and len(result.indicators["hap"]) == 0
    gemeente = result.indicators["gemeente"]
    assert (gemeente["aantal_vg_locatie"] == 0).all() and gemeente["reistijd_hap_min_mediaan"].isna().all()
