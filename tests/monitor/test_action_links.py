"""Bottleneck <-> action line on the tiny archetype world: which lines address what the monitor finds in a region,
where they stand (nationally and in overlapping regions) and which bottlenecks no line covers."""
from __future__ import annotations

import pytest

from data.action_lines import default as action_lines
from monitor.action_links import (
    COVERED, NOT_COVERED, NOT_STARTED, action_links, covering_lines, koppeling_table, koppeling_text, national_links,
    unlinked_actions,
)
from monitor.analysis import analyse_level
from monitor.bottlenecks import frequency, region_bottlenecks
from tests.monitor import world

INFO_SYSTEM = "Plan van eisen AVG-informatiesysteem"
FACILITATION = "Gesprekken faciliteren bij regionale knelpunten"
LEIDRAAD = "Aangepaste leidraad en handreiking samenwerking"
FINDINGS = [
    world.finding("ZK81", "netwerk_te_zwak", -1, "lappendeken", golf="2024", code="ZW02"),
    world.finding("ZK81", "infrastructuur", -1, "samenwerking kost veel geld", golf="2024",
                  stakeholder="voorwaardenscheppend", code="IN07"),
    world.finding("ZK81", "infrastructuur", -1, "dossier niet in te zien", golf="2024", code="IN04"),
    world.finding("ZK81", "netwerk_te_sterk", -1, "post stelt strenge eisen", golf="2024",
                  stakeholder="voorwaardenscheppend", code="TS03"),
    world.finding("GM8002", "netwerk_te_zwak", -1, "lappendeken in het noorden", golf="2021", code="ZW02"),
]
ACTIONS = [
    (INFO_SYSTEM, "VGN", "2024", "loopt", "", None),
    (FACILITATION, "Zorgkantoor", "2024", "gestart", "ZK81", None),
    (FACILITATION, "Zorgkantoor", "2024", "afgerond", "ZK80", None),
    (LEIDRAAD, "LHV", "2024", "niet_gestart", "", None),
    ("Een actie van vroeger", "VGN", "2024", "loopt", "", None),
]


@pytest.fixture(scope="module")
def case(geography):
    from geo.analysis import analyse

    registry = world.archetypes(findings=FINDINGS, actions=ACTIONS)
    geo_result = analyse(registry, geography, geometry=False)
    now = analyse_level(geo_result, registry, geography, "zorgkantoorregio", "2024")
    before = analyse_level(geo_result, registry, geography, "zorgkantoorregio", "2021")
    return registry, geography, now, before


def row(links, code, soort, sleutel):
    found = links[(links["code"] == code) & (links["soort"] == soort) & (links["sleutel"] == sleutel)]
    assert len(found) == 1, (code, soort, sleutel, links[["code", "soort", "sleutel"]].values.tolist())
    return found.iloc[0]


def test_each_coded_failure_is_a_bottleneck_with_the_lines_that_address_it(case):
    registry, geography, now, _ = case
    links = action_links(now, registry, geography)
    zw02 = row(links, "ZK81", "code", "ZW02")
    assert zw02["actielijnen"] == [FACILITATION, "Regionale afspraken huisartsenpost en VG-organisaties"]
    assert zw02["dekking"] == COVERED
    assert "regionale-facilitering: landelijk" not in zw02["stand"]  # no national row of this line
    assert "in de regio Zorgkantoor gestart" in zw02["stand"]
    assert "afgerond" not in zw02["stand"]  # ZK80's action is not ZK81's
    assert "regionale-afspraken-hap: geen stand geregistreerd" in zw02["stand"]
    in04 = row(links, "ZK81", "code", "IN04")
    assert INFO_SYSTEM in in04["actielijnen"] and in04["dekking"] == COVERED
    assert "avg-informatiesysteem: landelijk VGN loopt" in in04["stand"]


def test_a_bottleneck_no_line_addresses_is_flagged_uncovered(case):
    registry, geography, now, _ = case
    links = action_links(now, registry, geography)
    in07 = row(links, "ZK81", "code", "IN07")
    assert in07["actielijnen"] == [] and in07["dekking"] == NOT_COVERED
    assert covering_lines(action_lines(), "code", "infrastructuur", "IN07", ("IN07",)) == ()


def test_lines_that_only_did_not_start_leave_the_bottleneck_open(case):
    registry, geography, now, _ = case
    ts03 = row(action_links(now, registry, geography), "ZK81", "code", "TS03")
    assert ts03["actielijnen"] == [LEIDRAAD]
    assert ts03["dekking"] == NOT_STARTED and "LHV niet gestart" in ts03["stand"]


def test_conditions_and_registry_facts_are_covered_through_their_condition(case):
    registry, geography, now, _ = case
    links = action_links(now, registry, geography)
    weak = row(links, "ZK81", "voorwaarde", "netwerk_te_zwak")
    assert weak["waarde"] < 0 and LEIDRAAD in weak["actielijnen"] and FACILITATION in weak["actielijnen"]
    facts = links[(links["code"] == "ZK81") & (links["soort"] == "registerfeit")]
    assert len(facts) >= 2
    for fact in facts.to_dict("records"):
        expected = [line.naam for line in action_lines().covering("voorwaarde", fact["voorwaarde"])]
        assert fact["actielijnen"] == expected
    # The compact region has no bottleneck on the network conditions.
    assert links[(links["code"] == "ZK80") & (links["voorwaarde"] == "netwerk_te_zwak")].empty


def test_nationally_bottlenecks_are_counted_with_the_previous_wave(case):
    registry, geography, now, before = case
    national = national_links(now, registry, geography, before)
    zw02 = national[(national["soort"] == "code") & (national["sleutel"] == "ZW02")].iloc[0]
    assert zw02["regios"] == 1 and zw02["regios_vorige_golf"] == 1  # GM8002 lies in ZK81
    assert zw02["regios_met_gestarte_actie"] == 1 and zw02["dekking"] == COVERED
    in07 = national[(national["sleutel"] == "IN07")].iloc[0]
    assert in07["regios_vorige_golf"] == 0 and in07["dekking"] == NOT_COVERED
    assert national["regios"].is_monotonic_decreasing
    assert frequency(region_bottlenecks(now))["regios"].sum() == len(region_bottlenecks(now).drop_duplicates(["code", "soort", "sleutel"]))


def test_the_command_line_table_and_text(case):
    registry, geography, now, before = case
    table = koppeling_table(now, registry, geography, before)
    assert table["code"].iloc[0] == "" and table["naam"].iloc[0] == "landelijk"
    assert set(table["code"]) >= {"", "ZK81"}
    only = koppeling_table(now, registry, geography, before, region="zk81")
    assert set(only["code"]) == {"ZK81"}
    text = koppeling_text(only, "2024")
    assert text.startswith("Wijdland (ZK81), meetgolf 2024")
    assert "Bevinding IN07" in text and NOT_COVERED in text


def test_the_national_rows_say_regio_for_one_region_and_regios_for_more(case):
    registry, geography, now, before = case
    national = koppeling_table(now, registry, geography, before)
    national = national[(national["code"] == "").to_numpy()]
    by_key = dict(zip(national["sleutel"], national["toelichting"]))
    assert by_key["ZW02"] == "in 1 regio; vorige golf 1"  # not "in 1 regio's"
    assert not any(t.startswith("in 1 regio's") for t in national["toelichting"])
    many = national[(national["waarde"] > 1).to_numpy()]  # waarde: the number of regions on a national row
    assert all(t.startswith(f"in {int(n)} regio's") for n, t in zip(many["waarde"], many["toelichting"]))
    assert "in 1 regio; vorige golf 1" in koppeling_text(national, "2024")


def test_actions_that_name_no_known_line_are_listed(case):
    registry, *_ = case
    assert unlinked_actions(registry) == ["Een actie van vroeger"]


def test_a_chain_is_a_bottleneck_covered_through_its_link_codes(geography):
    from geo.analysis import analyse

    findings = [world.finding("ZK81", "infrastructuur", -1, "te weinig huisartsen", golf="2024", code="IN02"),
                world.finding("ZK81", "infrastructuur", -1, "AVG's vangen huisartsenzorg op", golf="2024", code="IN11")]
    registry = world.archetypes(findings=findings)
    result = analyse_level(analyse(registry, geography, geometry=False), registry, geography, "zorgkantoorregio", "2024")
    links = action_links(result, registry, geography)
    chain = row(links, "ZK81", "keten", "huisartstekort_avg")
    assert "Taakherschikking naar verpleegkundig specialist en physician assistant" in chain["actielijnen"]
    assert chain["dekking"] == NOT_STARTED  # no action registered at all
