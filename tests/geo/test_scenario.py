"""Scenarios: closing and opening facilities, recomputed per region."""
import numpy as np
import pytest
from hypothesis import given, settings as hyp_settings, strategies as st

from data.errors import UserError
from geo import catalogue
from geo.analysis import analyse, capacity_recorded
from geo.scenario import apply_changes, compare, run_scenario
from tests.geo import world

FACILITIES = [
    world.facility("h1", "hap", 102_000),
    world.facility("h2", "hap", 125_000),
    world.facility("p1", "avg_poli", 112_000, avg_fte=2),
    world.facility("v1", "vg_locatie", 101_000, org="A", clienten=50),
    world.facility("v2", "vg_locatie", 108_000, org="A", clienten=30, avg_fte=0.5),
    world.facility("v3", "vg_locatie", 123_000, org="B", avg_fte=1),
]
GEOGRAPHY = world.geography()


def test_closing_a_poli_lowers_access_and_reports_before_after_and_difference():
    frame = run_scenario(world.registry(FACILITIES), GEOGRAPHY, ["p1"], niveau="gemeente").set_index("code")
    keys = catalogue.keys("gemeente")
    assert list(frame.columns) == ["naam"] + [f"{k}{s}" for k in keys for s in ("", "_voor", "_verschil")]
    row = frame.loc["GM9002"]
    assert row["aantal_avg_poli_voor"] == 1 and row["aantal_avg_poli"] == 0 and row["aantal_avg_poli_verschil"] == -1
    assert row["avg_toegankelijkheid"] < row["avg_toegankelijkheid_voor"]
    assert row["avg_toegankelijkheid_verschil"] == pytest.approx(row["avg_toegankelijkheid"] - row["avg_toegankelijkheid_voor"])


def test_opening_a_poli_raises_access_nearby():
    lon, lat = world.lonlat(137_000, 455_000)
    frame = run_scenario(world.registry(FACILITIES), GEOGRAPHY, open_facilities=[{"type": "avg_poli", "lat": lat, "lon": lon, "avg_fte": 3}],
                         niveau="gemeente").set_index("code")
    assert frame.loc["GM9004", "avg_toegankelijkheid_verschil"] > 0
    assert frame.loc["GM9004", "aantal_avg_poli"] == 1


def test_closing_a_vg_location_keeps_its_clients_as_demand():
    frame = run_scenario(world.registry(FACILITIES), GEOGRAPHY, ["v1"], niveau="gemeente").set_index("code")
    assert (frame["avg_toegankelijkheid_verschil"] <= 0).all()
    assert frame.loc["GM9001", "aantal_vg_locatie_verschil"] == -1


def test_closing_a_hap_removes_its_area_and_keeps_the_row_for_comparison():
    frame = run_scenario(world.registry(FACILITIES), GEOGRAPHY, ["h1"], niveau="hap").set_index("code")
    assert np.isnan(frame.loc["h1", "aantal_pc4"]) and frame.loc["h1", "aantal_pc4_voor"] == 3
    assert frame.loc["h2", "aantal_pc4"] == 8


def test_organisation_level_scenario():
    frame = run_scenario(world.registry(FACILITIES), GEOGRAPHY, ["v3"], niveau="organisatie").set_index("code")
    assert np.isnan(frame.loc["B", "aantal_locaties"]) and frame.loc["B", "aantal_locaties_voor"] == 1


@pytest.mark.parametrize(
    "close, opened, message",
    [
        (["nope"], [], "Voorziening 'nope' bestaat niet"),
        ([], [{"type": "kliniek", "lat": 52.1, "lon": 5.1, "avg_fte": 1}], "type 'kliniek' is onbekend"),
        ([], [{"type": "avg_poli", "lat": "noord", "lon": 5.1}], "lat 'noord' is geen getal"),
        ([], [{"type": "avg_poli", "lat": 5.1, "lon": 52.1}], "ligt niet in Nederland"),
        ([], [{"type": "avg_poli", "lat": 52.1, "lon": 5.1, "avg_fte": -2}], "niet negatief"),
        ([], [{"type": "avg_poli", "lat": 52.1, "lon": 5.1, "id": "p1"}], "bestaat al"),
    ],
)
def test_bad_scenarios_are_refused_in_dutch(close, opened, message):
    with pytest.raises(UserError, match=message):
        apply_changes(world.registry(FACILITIES), close, opened)


def test_unknown_niveau_is_refused():
    with pytest.raises(ValueError, match="niveau"):
        run_scenario(world.registry(FACILITIES), GEOGRAPHY, ["p1"], niveau="wijk")


LEVELS = ("gemeente", "zorgkantoorregio", "provincie")
kinds = st.sampled_from(["hap", "avg_poli", "vg_locatie", "vg_locatie", "huisartsenpraktijk"])
random_facilities = st.lists(
    st.tuples(kinds, st.integers(100_500, 139_500), st.integers(450_500, 459_500), st.sampled_from(["A", "B", "C"]),
              st.one_of(st.none(), st.floats(0.1, 3)), st.one_of(st.none(), st.integers(1, 80))),
    min_size=2, max_size=9,
)


def _registry(rows):
    facilities = [
        world.facility(f"f{n}", kind, x, y, org=org if kind == "vg_locatie" else None, avg_fte=fte,
                       clienten=clients if kind == "vg_locatie" else None)
        for n, (kind, x, y, org, fte, clients) in enumerate(rows)
    ]
    return world.registry(facilities)


def _never_above(after, before):
    both = ~(np.isnan(after) | np.isnan(before))
    return np.all(after[both] <= before[both]) and np.array_equal(np.isnan(after), np.isnan(before))


def _both(registry, close=(), opened=()):
    """Baseline and changed analysis, as run_scenario does, computed once for all levels."""
    before = analyse(registry, GEOGRAPHY, geometry=False)
    after = analyse(apply_changes(registry, close, opened), GEOGRAPHY, geometry=False,
                    demand=before.pc4[["pc4", "vraag", "vraag_geschat"]], capacity_known=capacity_recorded(registry))
    return [compare(before, after, niveau) for niveau in LEVELS]


@hyp_settings(max_examples=15, deadline=None)
@given(random_facilities, st.data())
def test_closing_any_facility_never_raises_any_regions_accessibility(rows, data):
    registry = _registry(rows)
    closed = data.draw(st.sampled_from(list(registry.facilities["id"])))
    for frame in _both(registry, close=[closed]):
        assert _never_above(frame["avg_toegankelijkheid"].to_numpy(), frame["avg_toegankelijkheid_voor"].to_numpy())


@hyp_settings(max_examples=15, deadline=None)
@given(random_facilities, st.integers(100_500, 139_500), st.floats(0.1, 5))
def test_opening_capacity_never_lowers_any_regions_accessibility(rows, x, fte):
    lon, lat = world.lonlat(x, 455_000)
    for frame in _both(_registry(rows), opened=[{"type": "avg_poli", "lat": lat, "lon": lon, "avg_fte": fte}]):
        before, after = frame["avg_toegankelijkheid_voor"].to_numpy(), frame["avg_toegankelijkheid"].to_numpy()
        # Without any AVG capacity before, accessibility was unknown; opening a poli makes it known.
        known = ~np.isnan(before)
        assert _never_above(before[known], after[known])


@hyp_settings(max_examples=10, deadline=None)
@given(random_facilities, st.randoms(use_true_random=False))
def test_indicators_do_not_depend_on_facility_row_order(rows, random):
    numbered = list(enumerate(rows))
    random.shuffle(numbered)
    facilities = [world.facility(f"f{n}", kind, x, y, org=org if kind == "vg_locatie" else None, avg_fte=fte,
                                 clienten=clients if kind == "vg_locatie" else None)
                  for n, (kind, x, y, org, fte, clients) in numbered]
    base = analyse(_registry(rows), GEOGRAPHY, geometry=False)
    other = analyse(world.registry(facilities), GEOGRAPHY, geometry=False)
    for niveau, frame in base.indicators.items():
        assert frame.equals(other.indicators[niveau])


def test_scenario_description_writes_coordinates_with_a_decimal_comma_and_uses_names():
    from geo.coverage_scenario import Scenario

    scenario = Scenario(("h1",), ("g1",), ({"lat": 52.1, "lon": 5.12345, "avg_fte": 1.5},))
    assert scenario.describe({"h1": "Huisartsenpost Zwolle"}) == (
        "Sluit Huisartsenpost Zwolle; sluit huisartsenpraktijk g1 (alle samenwerkingen eindigen); "
        "open een AVG-poli bij 52,1000° NB, 5,1235° OL met 1,5 fte"
    )
