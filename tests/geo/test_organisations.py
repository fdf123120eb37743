"""Per-organisation lappendeken measures on hand-checkable cases."""
import numpy as np
import pytest

from geo.analysis import analyse
from tests.geo import world

# Three HAPs whose derived areas split the band at 111 km and 127.5 km.
HAPS = [world.facility("h1", "hap", 102_000), world.facility("h2", "hap", 120_000), world.facility("h3", "hap", 135_000)]


def _orgs(facilities, collaborations=()):
    result = analyse(world.registry(HAPS + facilities, collaborations), world.geography(), geometry=False)
    return result, result.indicators["organisatie"].set_index("code")


def test_organisation_in_one_versus_three_hap_areas():
    compact = [world.facility(f"a{n}", "vg_locatie", x, org="A") for n, x in enumerate((101_000, 103_000, 104_000))]
    spread = [world.facility(f"b{n}", "vg_locatie", x, org="B") for n, x in enumerate((101_500, 121_000, 136_000))]
    result, orgs = _orgs(compact + spread)
    assert orgs.loc["A", "aantal_hap_gebieden"] == 1
    assert orgs.loc["B", "aantal_hap_gebieden"] == 3
    assert orgs.loc["A", "aantal_locaties"] == 3
    # GM9001 holds 3 locations of A and 1 of B: weighted by locations (3*1 + 1*3) / 4.
    gemeente = result.indicators["gemeente"].set_index("code")
    assert gemeente.loc["GM9001", "aantal_hap_gebieden"] == pytest.approx(1.5)
    assert gemeente.loc["GM9001", "aantal_organisaties"] == 2


def test_share_of_locations_without_gp_and_formal_ties():
    locations = [world.facility(f"v{n}", "vg_locatie", 101_000 + n * 1_000, org="A") for n in range(4)]
    practices = [world.facility("g1", "huisartsenpraktijk", 102_000), world.facility("g2", "huisartsenpraktijk", 106_000)]
    ties = [
        ("v0", "g1", "contract"),
        ("g1", "v1", "casuistiek"),  # the other direction counts too
        ("v1", "g1", "mondelinge_afspraak"),  # same practice again: still one practice
        ("v2", "h1", "schriftelijke_afspraak"),  # a HAP tie: formal, but not a GP
    ]
    result, orgs = _orgs(locations + practices, ties)
    assert orgs.loc["A", "aandeel_locaties_zonder_huisarts"] == pytest.approx(0.5)  # v2 and v3
    assert orgs.loc["A", "aantal_huisartsenpraktijken"] == 1
    assert orgs.loc["A", "aandeel_formeel"] == pytest.approx(0.5)  # v0 (contract) and v2 (HAP agreement)
    facilities = result.facilities.set_index("id")
    assert facilities.loc[["v0", "v1", "v2", "v3"], "heeft_huisarts"].tolist() == [True, True, False, False]
    assert facilities.loc[["v0", "v1", "v2", "v3"], "formeel"].tolist() == [True, False, True, False]
    assert facilities.loc["v1", "aantal_huisartsen"] == 1
    links = result.gp_links.set_index("vg_id")
    assert links.loc["v1", "soorten"] == "mondelinge_afspraak,casuistiek"
    assert links.loc["v0", "reistijd_min"] == pytest.approx(1.3, abs=1e-5)  # 1 km apart
    assert "Geen samenwerking met een huisartsenpraktijk" in result.gaps.set_index(["id", "kenmerk"]).loc[("v3", "geen_huisarts"), "reden"]


def test_spread_and_median_travel_time():
    two = [world.facility("p", "vg_locatie", 101_000, org="P"), world.facility("q", "vg_locatie", 111_000, org="P")]
    one = [world.facility("s", "vg_locatie", 125_000, org="S")]
    _, orgs = _orgs(two + one)
    assert orgs.loc["P", "spreiding_km"] == pytest.approx(5.0, abs=1e-4)  # both 5 km from the centroid
    assert orgs.loc["S", "spreiding_km"] == 0.0
    # p: 1 km to h1 (1.3 min); q: 9 km to h1 (11.7 min) -> median 6.5 min.
    assert orgs.loc["P", "reistijd_hap_min_mediaan"] == pytest.approx(6.5, abs=1e-4)


def test_unknown_is_nan_not_zero():
    locations = [world.facility("v", "vg_locatie", 101_000, org="A", clienten=None)]
    result = analyse(world.registry(locations), world.geography(), geometry=False)  # no HAPs at all
    org = result.indicators["organisatie"].set_index("code").loc["A"]
    assert np.isnan(org["aantal_hap_gebieden"]) and np.isnan(org["reistijd_hap_min_mediaan"])
    gemeente = result.indicators["gemeente"].set_index("code")
    assert np.isnan(gemeente.loc["GM9001", "clienten"])  # a location whose count is unknown
    assert gemeente.loc["GM9002", "clienten"] == 0  # no locations at all
    assert gemeente.loc["GM9002", "aantal_vg_locatie"] == 0
    assert np.isnan(gemeente.loc["GM9002", "aandeel_locaties_zonder_huisarts"])
    assert "Er is geen huisartsenpost geregistreerd." in set(result.gaps["reden"])
