"""Texts read as Dutch: '1 regio', never '1 regio's'; no sentence starts with '0'; decimal commas; readable levels
('HAP-werkgebied', not 'hap'); scenarios name facilities instead of showing their ids."""
from __future__ import annotations

import re

import pytest

from dashboard.components.catalogue import geo_catalogue_frame, level_list
from dashboard.components.coverage import Selection, gap_label
from dashboard.components.coverage_scenario import comparison
from dashboard.components.pilot_register import commission_sentence
from geo.catalogue import INDICATORS
from geo.coverage_scenario import Scenario, run
from tests.dashboard.test_pages import run_page, texts

# -- pilot register sentence --------------------------------------------------------------------------------


@pytest.mark.parametrize("listed, found, niveau, sentence", [
    (1, 1, "zorgkantoorregio", "De regio in de lijst hierboven heeft al een pilotcommissie"),
    (1, 0, "gemeente", "De regio in de lijst hierboven heeft nog geen pilotcommissie"),
    (5, 0, "zorgkantoorregio", "Geen van de 5 regio's in de lijst hierboven heeft al een pilotcommissie"),
    (5, 1, "zorgkantoorregio", "Van de 5 regio's in de lijst hierboven heeft er 1 al een pilotcommissie"),
    (5, 2, "provincie", "Van de 5 regio's in de lijst hierboven hebben er 2 al een pilotcommissie"),
    (3, 3, "zorgkantoorregio", "Alle 3 regio's in de lijst hierboven hebben al een pilotcommissie"),
    (20, 9, "organisatie", "Van de 20 organisaties in de lijst hierboven hebben er 9 al een pilotcommissie"),
    (1, 1, "organisatie", "De organisatie in de lijst hierboven heeft al een pilotcommissie"),
])
def test_commission_sentence_counts_in_dutch(listed, found, niveau, sentence):
    assert commission_sentence(listed, found, niveau) == sentence


# -- Pilotregio's page (demo database) -------------------------------------------------------------------------

ONE_CANDIDATE = {"pilot_voorwaarden": ["harde_instituties", "competenties", "infrastructuur"]}  # leaves Friesland
NO_CANDIDATE = {"pilot_voorwaarden": ["netwerk_te_sterk"]}


def test_pilotregios_with_one_listed_region_says_regio_not_regios(demo_app):
    at = run_page("pilotregios", ONE_CANDIDATE)
    shown = texts(at)
    assert at.header[0].value == "1 van 31 regio's met een zwak netwerk"
    assert "**De regio in de lijst hierboven heeft al een pilotcommissie**" in shown
    assert not re.search(r"\b1 (regio's|organisaties|pilotcommissies)\b", shown)


def test_pilotregios_without_candidates_does_not_start_with_zero(demo_app):
    at = run_page("pilotregios", NO_CANDIDATE)
    assert at.header[0].value == "Geen van de 31 regio's met een zwak netwerk"
    shown = texts(at)
    assert not re.search(r"(^|\n|\*\*)0 ", shown), "a text starts with 0"
    assert "0 daarvan" not in shown and "0 hebben" not in shown


# -- Dekking: scenario comparison and gap options ----------------------------------------------------------------


def test_scenario_comparison_names_the_closed_facilities():
    from tests.geo.test_coverage import GEOGRAPHY, PEILDATUM, make_registry

    registry = make_registry()
    first = run(registry, GEOGRAPHY, Scenario(close_practices=("g1",)), peildatum=PEILDATUM)
    second = run(registry, GEOGRAPHY, Scenario(close_ids=("h2",)), peildatum=PEILDATUM,
                 before=first.before, coverage_before=first.coverage_before)
    items = [{"nummer": 1, "outcome": first}, {"nummer": 2, "outcome": second}]
    selection = Selection("zorgkantoorregio", "ZK90", "Testregio", "", (), False)
    names = {"g1": "Praktijk De Linde", "h2": "Huisartsenpost Oost"}
    frame = comparison(items, selection, names)
    assert frame["Scenario"].tolist() == [
        "1: Sluit huisartsenpraktijk Praktijk De Linde (alle samenwerkingen eindigen)",
        "2: Sluit Huisartsenpost Oost",
    ]


def test_gap_options_keep_their_capitals():
    assert gap_label("buiten_hap_gebied") == "Buiten elk HAP-werkgebied"
    assert gap_label("hap_niet_anw") == "HAP niet alle ANW-uren open"
    assert gap_label("avg_laag") == "AVG-toegankelijkheid laag"
    assert gap_label("geen_afspraak_hap") == "Geen afspraak met de HAP"


# -- Over: the geo catalogue ------------------------------------------------------------------------------------


def test_geo_catalogue_lists_readable_levels():
    assert level_list(("organisatie", "zorgkantoorregio", "hap")) == "Organisatie, zorgkantoorregio, HAP-werkgebied"
    assert level_list(("hap",)) == "HAP-werkgebied"
    levels = geo_catalogue_frame(INDICATORS)["Niveaus"]
    assert levels.str.contains("HAP-werkgebied").any()
    assert not levels.str.contains(r"\bhap\b").any()  # the raw code, lower case


def test_over_shows_hap_werkgebied_in_the_geo_catalogue(empty_app):
    at = run_page("over")
    levels = at.dataframe[1].value["Niveaus"]
    assert levels.str.contains("HAP-werkgebied").any() and not levels.str.contains(r"\bhap\b").any()


def test_dekking_page_names_scenarios_and_keeps_capitals_in_gap_options(demo_app):
    from dashboard import cache

    at = run_page("dekking", {"regio_niveau": "zorgkantoorregio", "regio_code": "ZK08"})
    options = at.multiselect(key="dekking_knelpunten").options
    assert "Buiten elk HAP-werkgebied" in options and "HAP niet alle ANW-uren open" in options
    here = cache.coverage()
    here = here[(here["zorgkantoorregio"] == "ZK08").to_numpy()]
    practice = sorted({p for ties in here["huisartsen"] for p in ties})[0]
    name = dict(zip(cache.registry().facilities["id"], cache.registry().facilities["naam"]))[practice]
    at.multiselect(key="dekking_sluit_praktijk").set_value([practice])
    at.button[0].click().run()
    at.multiselect(key="dekking_sluit_praktijk").set_value([])
    at.number_input(key="dekking_open_lat").set_value(53.2)
    at.number_input(key="dekking_open_lon").set_value(5.8)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "**Scenario 2:** Open een AVG-poli bij 53,2000° NB, 5,8000° OL met 1 fte." in texts(at)
    scenarios = next(df.value for df in at.dataframe if "Scenario" in df.value.columns)["Scenario"].tolist()
    assert scenarios[0] == f"1: Sluit huisartsenpraktijk {name} (alle samenwerkingen eindigen)"
    assert practice != name and practice not in scenarios[0]


def test_pilotregios_at_organisation_level_compares_organisations(demo_app):
    at = run_page("pilotregios", {"pilot_niveau": "organisatie"})
    assert not at.exception, [e.value for e in at.exception]
    compare = at.multiselect(key="pilot_vergelijk_organisatie")
    assert compare.label == "Kies twee of drie organisaties"
    assert at.header[0].value.endswith("organisaties met een zwak netwerk")
