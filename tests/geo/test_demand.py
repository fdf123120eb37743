"""Demand per PC4: registered clients, CIZ Wlz counts spread by inhabitants, or inhabitants x prevalence."""
import doctest

import pandas as pd
import pytest

from geo import demand
from geo.analysis import analyse
from geo.demand import latest_wlz, pc4_demand
from geo.settings import GeoSettings
from tests.geo import world

SETTINGS = GeoSettings(prevalence=0.01)
PC4 = pd.DataFrame({
    "pc4": ["1001", "1002", "1003", "2001", "2002", "3001"],
    "gemeente": ["GM1", "GM1", "GM1", "GM2", "GM2", "GM3"],
    "inwoners": [6000.0, 3000.0, 1000.0, 1000.0, float("nan"), 2000.0],
})


def locations(rows):
    return pd.DataFrame(rows, columns=["pc4", "clienten"])


def wlz(rows):
    return pd.DataFrame(rows, columns=["gemeentecode", "jaar", "aantal"])


def test_the_docstring_example_holds():
    assert doctest.testmod(demand).failed == 0


def test_without_ciz_counts_demand_is_clients_or_prevalence():
    frame = pc4_demand(locations([("1001", 40)]), PC4, SETTINGS).set_index("pc4")
    assert frame.loc["1001", "vraag"] == 40 and frame.loc["1002", "vraag"] == 0  # GM1 has counts
    assert (frame.loc[["1001", "1002", "1003"], "vraag_bron"] == "clienten").all()
    assert frame.loc["3001", "vraag"] == pytest.approx(20) and frame.loc["3001", "vraag_bron"] == "prevalentie"
    assert frame.loc["3001", "vraag_geschat"] and not frame.loc["1002", "vraag_geschat"]


def test_ciz_count_minus_registered_clients_is_spread_over_pc4s_without_clients_by_inhabitants():
    frame = pc4_demand(locations([("1001", 40)]), PC4, SETTINGS, wlz([("GM1", 2024, 120)])).set_index("pc4")
    assert frame.loc["1001", "vraag"] == 40 and frame.loc["1001", "vraag_bron"] == "clienten"
    assert frame.loc["1002", "vraag"] == pytest.approx(60) and frame.loc["1003", "vraag"] == pytest.approx(20)
    assert (frame.loc[["1002", "1003"], "vraag_bron"] == "ciz").all()
    assert frame.loc[["1001", "1002", "1003"], "vraag"].sum() == pytest.approx(120)  # the gemeente's CIZ count


def test_ciz_replaces_prevalence_in_a_gemeente_without_clients_and_spreads_evenly_without_inhabitants():
    frame = pc4_demand(locations([]), PC4, SETTINGS, wlz([("GM2", 2024, 30), ("GM3", 2024, 50)])).set_index("pc4")
    assert frame.loc["3001", "vraag"] == 50 and frame.loc["3001", "vraag_bron"] == "ciz"
    assert frame.loc["2001", "vraag"] == pytest.approx(30)  # 2002 has no known inhabitants
    unknown = PC4.assign(inwoners=float("nan"))
    even = pc4_demand(locations([]), unknown, SETTINGS, wlz([("GM2", 2024, 30)])).set_index("pc4")
    assert even.loc["2001", "vraag"] == even.loc["2002", "vraag"] == pytest.approx(15)


def test_more_registered_clients_than_ciz_counts_leaves_nothing_to_spread():
    frame = pc4_demand(locations([("1001", 200)]), PC4, SETTINGS, wlz([("GM1", 2024, 120)])).set_index("pc4")
    assert frame.loc["1001", "vraag"] == 200 and frame.loc["1002", "vraag"] == 0


def test_the_latest_year_with_a_count_is_used():
    counts = latest_wlz(wlz([("GM1", 2022, 100), ("GM1", 2024, 120), ("GM1", 2025, None), ("GM2", 2023, 5)]))
    assert counts.to_dict() == {"GM1": 120.0, "GM2": 5.0}
    assert latest_wlz(None).empty and latest_wlz(wlz([])).empty


def test_region_shares_say_which_part_of_demand_is_ciz_and_which_prevalence():
    facilities = [world.facility("p1", "avg_poli", 112_000, avg_fte=2),
                  world.facility("v1", "vg_locatie", 101_000, org="A", clienten=10)]
    registry = world.registry(facilities, wlz=[("GM9001", 2024, 40), ("GM9002", 2023, 30)])
    result = analyse(registry, world.geography(), geometry=False)
    pc4 = result.pc4.set_index("pc4")
    assert pc4.loc["9012", "vraag"] == pytest.approx(30) and pc4.loc["9012", "vraag_bron"] == "ciz"
    assert pc4.loc["9041", "vraag_bron"] == "prevalentie"
    gemeente = result.indicators["gemeente"].set_index("code")
    assert gemeente.loc["GM9001", "aandeel_vraag_ciz"] == pytest.approx(0.75)
    assert gemeente.loc["GM9001", "aandeel_vraag_prevalentie"] == 0
    assert gemeente.loc["GM9004", "aandeel_vraag_prevalentie"] == 1
    region = result.indicators["zorgkantoorregio"]
    assert (region["aandeel_vraag_geschat"] - region["aandeel_vraag_ciz"] - region["aandeel_vraag_prevalentie"]).abs().max() < 1e-12
