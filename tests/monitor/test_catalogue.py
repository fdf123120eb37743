"""The catalogue is data with a rationale: every indicator, rule and chain is documented and computable."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from data.errors import UserError
from monitor import catalogue
from monitor.analysis import analyse_level
from monitor.catalogue import CATALOGUE_PATH, MONITOR_LEVELS, markdown, parse

STUDY_REFERENCE = re.compile(r"(Tabel [12]|par\. \d|hoofdstuk \d|regio [12])", re.IGNORECASE)
README = Path(catalogue.__file__).with_name("README.md")


def test_every_indicator_rule_and_chain_is_documented_with_the_study_as_source():
    cat = catalogue.default()
    assert cat.versie and cat.indicatoren and cat.ketens
    for item in (*cat.indicatoren, *cat.signalen, *cat.ketens):
        assert STUDY_REFERENCE.search(item.onderbouwing), f"{item.sleutel}: onderbouwing zonder verwijzing naar de studie"
    assert STUDY_REFERENCE.search(cat.prioriteit_onderbouwing)
    for indicator in cat.indicatoren:
        assert indicator.label and indicator.eenheid
    tables = markdown(cat)
    for key in [i.sleutel for i in cat.indicatoren] + [s.sleutel for s in cat.signalen] + [k.sleutel for k in cat.ketens]:
        assert f"`{key}`" in tables


def test_readme_holds_the_current_catalogue_tables():
    text = README.read_text(encoding="utf-8")
    between = text.split("<!-- catalogus:begin -->\n", 1)[1].split("<!-- catalogus:end -->", 1)[0]
    assert between == markdown(), "monitor/README.md is verouderd: plak de uitvoer van `python -m monitor catalogus`"
    assert "## Hoe scores en signalen worden berekend" in text and "Klein Woolthuis" in text


def test_every_indicator_is_computed_and_every_computed_fact_is_in_the_catalogue(registry, geography, geo_result):
    cat = catalogue.default()
    for niveau in MONITOR_LEVELS:
        facts = analyse_level(geo_result, registry, geography, niveau).facts
        expected = {i.sleutel for i in cat.indicatoren}
        assert set(facts.columns) <= expected, f"ongedocumenteerde feiten op {niveau}"
        missing = {i.sleutel for i in cat.indicators_for(niveau)} - set(facts.columns)
        assert not missing, f"niet berekend op {niveau}: {missing}"


def test_geo_indicators_name_an_existing_geo_column(geo_result):
    for indicator in catalogue.default().indicatoren:
        if indicator.bron == "geo":
            for niveau in indicator.niveaus:
                assert indicator.kolom in geo_result.indicators[niveau].columns


def _raw() -> dict:
    return tomllib.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda r: r["indicator"][0].update(drempels={"goed": 3.0, "slecht": 1.0}), "passen niet bij richting"),
        (lambda r: r["indicator"][0].update(voorwaarde="geluk"), "voorwaarde 'geluk'"),
        (lambda r: r["indicator"][0].pop("onderbouwing"), "onderbouwing"),
        (lambda r: r["indicator"].append(dict(r["indicator"][0])), "dubbel"),
        (lambda r: r["keten"][0]["schakel"][0].update(indicatoren=["bestaat_niet"]), "bestaat_niet"),
        (lambda r: r["signaal"].pop(), "precies één regel"),
    ],
)
def test_a_broken_catalogue_is_refused_with_a_dutch_message(change, message):
    raw = _raw()
    change(raw)
    with pytest.raises(UserError, match=message):
        parse(raw)


def test_shipped_catalogue_parses_and_is_versioned():
    cat = parse(_raw())
    assert re.fullmatch(r"\d{4}\.\d+", cat.versie)
    assert (cat.schaal_min, cat.schaal_max) == (-2.0, 2.0)
