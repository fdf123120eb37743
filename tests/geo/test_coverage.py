"""Dekking per VG-locatie on a hand-built world: GP, HAP agreement, ANW, completeness, behandeling, scenarios."""
from datetime import date

import numpy as np
import pandas as pd
import pytest

from data.errors import UserError
from geo.analysis import analyse
from geo.coverage import COLUMNS, GAPS, coverage_change, coverage_table, gap_counts, select_locations, selection_text
from geo.coverage_scenario import Scenario, gap_comparison, new_poli, pc4_point, run
from geo.scenario import apply_changes
from tests.geo import world

PEILDATUM = date(2025, 6, 30)
GEOGRAPHY = world.geography()
# Two HAP areas (h1: Westdorp and Middendorp west, h2: Oostdorp); Middendorp east (9022) and Leegdorp lie in none.
AREAS = [("h1", "9011"), ("h1", "9012"), ("h1", "9021"), ("h2", "9031"), ("h2", "9032")]
FACILITIES = [
    world.facility("h1", "hap", 102_000, anw_open=True),
    world.facility("h2", "hap", 125_000, anw_open=False),
    world.facility("p1", "avg_poli", 104_000, avg_fte=5),
    world.facility("g1", "huisartsenpraktijk", 103_000),
    world.facility("g2", "huisartsenpraktijk", 123_000),
    # Organisation A: a cluster around g1, all in h1's area.
    world.facility("a1", "vg_locatie", 101_000, org="A", clienten=20),  # GP g1, contract with the HAP
    world.facility("a2", "vg_locatie", 102_500, org="A", clienten=20),  # GP g1, only an oral agreement with the HAP
    world.facility("a3", "vg_locatie", 106_000, org="A", clienten=20),  # no GP, behandeling unknown
    world.facility("a4", "vg_locatie", 107_000, org="A", clienten=20, behandeling="met"),  # no GP: own physician
    world.facility("a5", "vg_locatie", 108_000, org="A", clienten=20, behandeling="zonder"),  # no GP
    world.facility("a6", "vg_locatie", 101_500, org="A", clienten=20),  # GP tie ended in 2020
    world.facility("a7", "vg_locatie", 116_000, org="A", clienten=20),  # in no HAP area (PC4 9022)
    # Organisation B: in h2's area (not open all ANW hours), GP g2.
    world.facility("b1", "vg_locatie", 124_000, org="B", clienten=20),
    # Organisation C: no tie at all in the registry.
    world.facility("c1", "vg_locatie", 122_000, org="C", clienten=20),
    # Far from every AVG-poli: accessibility 0.
    world.facility("d1", "vg_locatie", 139_000, org="D", clienten=20),
]
TIES = [
    ("a1", "g1", "contract"), ("a1", "h1", "contract"),
    ("a2", "g1", "mondelinge_afspraak"), ("h1", "a2", "mondelinge_afspraak"),
    ("a3", "h1", "schriftelijke_afspraak"), ("a4", "h1", "schriftelijke_afspraak"), ("a5", "h1", "contract"),
    ("a6", "g1", "contract", "2015-01-01", "2020-12-31"), ("a6", "h1", "contract"),
    ("b1", "g2", "gezamenlijke_medische_dienst"), ("b1", "h2", "contract"),
    ("d1", "g2", "casuistiek", "2030-01-01", None),  # starts after the peildatum: not yet a tie
]


def make_registry(facilities=FACILITIES, ties=TIES):
    padded = [tuple(tie) + (None,) * (5 - len(tie)) for tie in ties]  # van, naar, soort, sinds, tot
    return world.registry(facilities, padded, AREAS)


@pytest.fixture(scope="module")
def table():
    registry = make_registry()
    frame = coverage_table(analyse(registry, GEOGRAPHY, geometry=False), registry, PEILDATUM)
    return frame.set_index("id", drop=False)


def gaps_of(table, location) -> tuple:
    return table.loc[location, "knelpunt_sleutels"]


def test_one_row_per_vg_location_with_the_cli_columns(table):
    assert list(table["id"]) == sorted(f["id"] for f in FACILITIES if f["type"] == "vg_locatie")
    assert set(COLUMNS) <= set(table.columns)


def test_a_location_without_a_gp_tie_lists_geen_huisarts_unless_it_has_treatment(table):
    assert table.loc["a3", "knelpunten"].startswith("geen huisarts (behandeling onbekend)")
    assert gaps_of(table, "a5") == ("geen_huisarts",) and table.loc["a5", "knelpunten"] == "geen huisarts"
    assert "geen_huisarts" not in gaps_of(table, "a4")  # Wlz met behandeling: its own physician
    assert table.loc["a4", "behandeling"] == "met" and table.loc["a5", "behandeling"] == "zonder"
    assert "geen_huisarts" not in gaps_of(table, "a1")


def test_gp_column_names_the_practice_and_the_kind_of_tie(table):
    assert table.loc["a1", "huisarts"] == "huisartsenpraktijk g1 (contract)"
    assert table.loc["b1", "huisarts"] == "huisartsenpraktijk g2 (gezamenlijke medische dienst)"
    assert table.loc["a1", "huisartsen"] == ("g1",) and table.loc["a1", "aantal_huisartsen"] == 1
    assert table.loc["a1", "reistijd_huisarts_min"] > 0


def test_a_location_in_a_hap_area_without_a_formal_agreement_lists_geen_afspraak_met_de_hap(table):
    assert table.loc["a2", "hap_id"] == "h1"
    assert table.loc["a2", "hap_formeel"] is False
    assert "geen_afspraak_hap" in gaps_of(table, "a2")
    assert table.loc["a1", "hap_formeel"] is True and "geen_afspraak_hap" not in gaps_of(table, "a1")


def test_ties_count_only_when_they_exist_on_the_peildatum(table):
    assert "geen_huisarts" in gaps_of(table, "a6")  # its GP tie ended in 2020
    registry = make_registry()
    earlier = coverage_table(analyse(registry, GEOGRAPHY, geometry=False), registry, date(2019, 6, 30)).set_index("id")
    assert "geen_huisarts" not in earlier.loc["a6", "knelpunt_sleutels"]
    assert pd.isna(table.loc["d1", "huisarts"])  # its tie starts in 2030: empty


def test_an_organisation_without_any_tie_is_a_hole_in_the_registry_not_a_gap(table):
    assert table.loc["c1", "geregistreerd"] == False  # noqa: E712
    assert gaps_of(table, "c1")[0] == "niet_geregistreerd"
    assert "geen_huisarts" not in gaps_of(table, "c1") and "geen_afspraak_hap" not in gaps_of(table, "c1")
    assert table.loc["c1", "hap_formeel"] is None  # unknown, not 'nee'
    # d1's only tie lies in the future, but it is registered: its organisation is not a hole.
    assert table.loc["d1", "geregistreerd"] == True  # noqa: E712


def test_hap_opening_hours_and_areas(table):
    assert table.loc["b1", "hap_anw_volledig"] is False and "hap_niet_anw" in gaps_of(table, "b1")
    assert table.loc["a1", "hap_anw_volledig"] is True
    assert gaps_of(table, "a7")[0] == "buiten_hap_gebied" and table.loc["a7", "knelpunten"].startswith("buiten elk HAP")
    assert table.loc["a7", "hap_formeel"] is None and table.loc["a7", "hap_anw_volledig"] is None
    assert np.isnan(table.loc["a7", "reistijd_eigen_hap_min"]) and table.loc["a7", "reistijd_hap_min"] > 0


def test_unknown_hap_opening_is_empty_and_no_gap():
    facilities = [world.facility("h1", "hap", 102_000), world.facility("v1", "vg_locatie", 101_000, org="A")]
    registry = world.registry(facilities, [("v1", "h1", "contract")], [("h1", "9011")])
    row = coverage_table(analyse(registry, GEOGRAPHY, geometry=False), registry, PEILDATUM).iloc[0]
    assert row["hap_anw_volledig"] is None and "hap_niet_anw" not in row["knelpunt_sleutels"]


def test_low_avg_accessibility(table):
    assert table.loc["d1", "avg_toegankelijkheid"] == 0
    assert "avg_laag" in gaps_of(table, "d1") and table.loc["d1", "knelpunten"].endswith("AVG-toegankelijkheid laag")
    assert "avg_laag" not in gaps_of(table, "a1")


def test_gaps_are_listed_worst_first_and_the_worst_decides(table):
    order = list(GAPS)
    for keys, worst in zip(table["knelpunt_sleutels"], table["ergste"]):
        assert list(keys) == sorted(keys, key=order.index)
        assert (worst == keys[0]) if keys else (worst is None or worst != worst)


def test_counts_and_selection(table):
    counts = gap_counts(table).set_index("sleutel")["aantal"]
    assert counts["geen_huisarts"] == 5  # a3, a5, a6, a7 and d1 (its only tie starts in 2030)
    assert counts["niet_geregistreerd"] == 1
    assert counts["totaal"] == sum(bool(k) for k in table["knelpunt_sleutels"])
    west = select_locations(table, "zorgkantoorregio", "ZK90")
    assert set(west["id"]) == {"a1", "a2", "a3", "a4", "a5", "a6", "a7"}
    assert set(select_locations(table, "hap", "h2")["id"]) == {"b1", "c1"}
    assert set(select_locations(table, organisatie="A", gaps=["geen_huisarts"])["id"]) == {"a3", "a5", "a6", "a7"}
    assert "a1" not in set(select_locations(table, only_gaps=True)["id"])


def test_closing_the_only_gp_practice_of_a_cluster_makes_exactly_those_locations_gain_geen_huisarts():
    registry = make_registry()
    outcome = run(registry, GEOGRAPHY, Scenario(close_practices=("g1",)), peildatum=PEILDATUM)
    gained = outcome.changes[outcome.changes["erbij"].str.contains("geen huisarts")]
    assert set(gained["id"]) == {"a1", "a2"}
    assert set(outcome.changes["id"]) == {"a1", "a2"}
    after = outcome.coverage_after.set_index("id")
    assert pd.isna(after.loc["a1", "huisarts"])
    assert after.loc["a1", "geregistreerd"]  # the ended ties still show the organisation registers its ties


def test_closing_a_practice_ends_its_ties_instead_of_deleting_them():
    registry = make_registry()
    changed = apply_changes(registry, close_practices=["g1"], peildatum=PEILDATUM)
    ties = changed.collaborations
    ended = ties[(ties["naar"] == "g1")]
    assert len(ended) == 3 and (ended["tot"] <= "2025-06-29").all()
    assert ended.loc[ended["van"] == "a6", "tot"].iloc[0].year == 2020  # an earlier end stays
    assert "g1" not in set(changed.facilities["id"])
    assert len(registry.collaborations) == len(ties) and registry.collaborations["tot"].notna().sum() == 1  # no change


@pytest.mark.parametrize("practice, message", [("nope", "Huisartsenpraktijk 'nope' bestaat niet"),
                                               ("h1", "'h1' is geen huisartsenpraktijk maar een hap")])
def test_closing_something_that_is_no_practice_is_refused(practice, message):
    with pytest.raises(UserError, match=message):
        apply_changes(make_registry(), close_practices=[practice])


def test_closing_a_hap_puts_its_locations_outside_every_area():
    outcome = run(make_registry(), GEOGRAPHY, Scenario(close_ids=("h2",)), peildatum=PEILDATUM)
    changed = outcome.changes.set_index("id")
    assert "buiten elk HAP-werkgebied" in changed.loc["b1", "erbij"]
    assert "HAP niet alle ANW-uren open" in changed.loc["b1", "eraf"]


def test_opening_a_poli_at_a_postcode_removes_low_accessibility():
    outcome = run(make_registry(), GEOGRAPHY, Scenario(open_polis=(new_poli(GEOGRAPHY, 3, pc4="9042"),)),
                  peildatum=PEILDATUM)
    changed = outcome.changes.set_index("id")
    assert changed.loc["d1", "eraf"] == "AVG-toegankelijkheid laag"
    access = outcome.access().set_index("pc4")
    assert access.loc["9042", "avg_toegankelijkheid_verschil"] > 0
    assert (access["avg_toegankelijkheid_verschil"].dropna() >= -1e-12).all()
    assert outcome.scenario.describe() == "Open een AVG-poli bij PC4 9042 met 3 fte"


def test_scenario_comparison_per_selection():
    outcome = run(make_registry(), GEOGRAPHY, Scenario(close_practices=("g1",)), peildatum=PEILDATUM)
    before = select_locations(outcome.coverage_before, "zorgkantoorregio", "ZK90")
    after = select_locations(outcome.coverage_after, "zorgkantoorregio", "ZK90")
    counts = gap_comparison(before, after).set_index("knelpunt")
    assert counts.loc["geen huisarts", "verschil"] == 2
    frame = outcome.indicators("organisatie").set_index("code")
    assert frame.loc["A", "aantal_huisartsenpraktijken_voor"] == 1 and frame.loc["A", "aantal_huisartsenpraktijken"] == 0


def test_a_scenario_needs_a_change_and_a_known_postcode():
    with pytest.raises(UserError, match="Kies minstens één wijziging"):
        run(make_registry(), GEOGRAPHY, Scenario())
    with pytest.raises(UserError, match="PC4 '1234' bestaat niet"):
        pc4_point(GEOGRAPHY, "1234")


def test_coverage_change_reports_closed_locations():
    registry = make_registry()
    outcome = run(registry, GEOGRAPHY, Scenario(close_ids=("c1",)), peildatum=PEILDATUM)
    row = outcome.changes.set_index("id").loc["c1"]
    assert row["knelpunten_na"] == "locatie gesloten"
    same = coverage_change(outcome.coverage_before, outcome.coverage_before)
    assert same.empty


def test_independent_of_the_row_order_of_the_registry(table):
    shuffled = list(reversed(FACILITIES))
    registry = make_registry(shuffled, list(reversed(TIES)))
    other = coverage_table(analyse(registry, GEOGRAPHY, geometry=False), registry, PEILDATUM).set_index("id", drop=False)
    for column in ("huisarts", "knelpunten", "hap_formeel", "hap_anw_volledig", "behandeling"):
        assert other[column].tolist() == table[column].tolist(), column


def test_the_selection_in_words_names_level_region_organisation_and_gaps():
    assert selection_text() == ""
    assert selection_text("hap", "HAP050", "Huisartsenpost Zwolle") == "HAP-werkgebied Huisartsenpost Zwolle (HAP050)"
    assert selection_text("gemeente", "GM0080") == "gemeente GM0080"  # no name known: the code alone
    words = selection_text("zorgkantoorregio", "ZK08", "Friesland", "Zorg Noord", ["geen_huisarts"], True)
    assert words == (f"zorgkantoorregio Friesland (ZK08), organisatie Zorg Noord, knelpunt {GAPS['geen_huisarts']}, "
                     "alleen locaties met een knelpunt")
