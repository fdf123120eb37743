"""Failure chains are recognised over evidence per link (coded findings, registry facts), never over keywords."""
from __future__ import annotations

import dataclasses
import tomllib

import pandas as pd
import pytest

from data import codebook
from data.errors import UserError
from monitor import catalogue
from monitor.catalogue import CATALOGUE_PATH, Chain, ChainLink, parse
from monitor.chains import chain_table, region_chain_links, region_chains
from monitor.scoring import EVIDENCE_COLUMNS

CAT = catalogue.default()
TRAIN = "huisartstekort_avg"


def fact(region: str, key: str, score: float) -> dict:
    return dict(code=region, voorwaarde="netwerk_te_zwak", stakeholder="aanbieders", soort="indicator", sleutel=key,
                omschrijving=f"feit {key} in {region}", waarde=0.5, deelscore=score, richting=-1 if score < 0 else 1,
                gewicht=1.0, bron="register", golf="", item="")


def finding(region: str, text: str, item: str = "", richting: int = -1, voorwaarde: str = "infrastructuur") -> dict:
    return dict(code=region, voorwaarde=voorwaarde, stakeholder="aanbieders", soort="bevinding", sleutel="",
                omschrijving=f"bevinding (interview, 2021): {text}", waarde=float("nan"), deelscore=2.0 * richting,
                richting=richting, gewicht=2.0, bron="interview", golf="2021", item=item)


def evidence(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=EVIDENCE_COLUMNS)


def chains_of(rows, region="ZK81", cat=CAT):
    return region_chain_links(evidence(*rows), [region], cat)[region]


def train(rows, region="ZK81", cat=CAT, key=TRAIN):
    return next((c for c in chains_of(rows, region, cat) if c.sleutel == key), None)


def test_keywords_without_a_code_show_no_link():
    # Texts full of the words the old keyword rules looked for, but uncoded: no link, so no chain.
    rows = [
        finding("ZK81", "Huisartstekort: te weinig huisartscapaciteit, huisartsdekking onvolledig"),
        finding("ZK81", "AVG's nemen huisartstaken en spoedzorg over; oneigenlijke taken buiten hun vak"),
        finding("ZK81", "De AVG-bezetting en AVG-capaciteit zijn kwetsbaar; AVG-vacatures blijven open"),
        finding("ZK81", "Specialisten ouderengeneeskunde nemen huisartstaken over", voorwaarde="competenties"),
    ]
    assert chains_of(rows) == []
    assert region_chains(evidence(*rows), ["ZK81"], CAT) == {"ZK81": []}


def test_a_code_of_another_link_does_not_show_this_link():
    # CO02 (other disciplines such as the SO do GP care) is coded, but no link of any chain names it.
    rows = [finding("ZK81", "Specialisten ouderengeneeskunde nemen huisartstaken over", "CO02", voorwaarde="competenties"),
            finding("ZK81", "Huisartsen hebben te weinig ruimte", "IN02")]
    assert train(rows) is None


def test_coded_findings_in_two_links_show_the_chain_with_the_evidence_per_link():
    rows = [
        finding("ZK81", "Huisartsen hebben te weinig ruimte voor bewoners", "IN02"),
        finding("ZK81", "AVG's vangen huisartsgeneeskundige zorg op", "IN11"),
        finding("ZK81", "Ongecodeerd: AVG-bezetting kwetsbaar"),
        finding("ZK80", "AVG-vak minder aantrekkelijk", "IN12"),  # another region
    ]
    found = train(rows)
    assert found is not None
    assert [link.positie for link in found.zichtbaar] == [1, 2]
    first, second = found.schakels[0], found.schakels[1]
    assert [(s.soort, s.code, s.omschrijving) for s in first.bewijs] == [
        ("bevinding", "IN02", "bevinding (interview, 2021): Huisartsen hebben te weinig ruimte voor bewoners")]
    assert [(s.soort, s.code) for s in second.bewijs] == [("bevinding", "IN11")]
    assert [link.zichtbaar for link in found.schakels] == [True, True, False, False, False]
    text = region_chains(evidence(*rows), ["ZK81"], CAT)["ZK81"][0]
    assert text.startswith("Keten 'huisartstekort zet de AVG-capaciteit onder druk': 2 van de 5 schakels")
    assert "(1) te weinig huisartsdekking: bevinding (interview, 2021): Huisartsen hebben te weinig ruimte voor " \
           "bewoners (code IN02)" in text
    assert "(2) AVG's nemen huisartsenzorg over: bevinding (interview, 2021): AVG's vangen" in text
    table = chain_table([found])
    assert list(table["schakel"]) == [1, 2, 3, 4, 5]
    assert list(table["code"]) == ["IN02", "IN11", "", "", ""]
    assert list(table["soort"][:2]) == ["bevinding", "bevinding"] and not table["zichtbaar"][2:].any()


def test_one_finding_never_supports_two_links():
    # IN03 names both a GP shortfall (link 1) and AVGs taking over (link 2); one such finding shows one link only.
    one = [finding("ZK81", "Huisartsdekking onvolledig: AVG's vangen huisartstaken op", "IN03")]
    assert train(one) is None
    # Two separate findings with that code may show both links, each supported by one of them.
    two = one + [finding("ZK81", "Ook hier nemen AVG's taken van de huisarts over", "IN03")]
    found = train(two)
    assert [len(link.bewijs) for link in found.schakels[:2]] == [1, 1]
    assert found.schakels[0].bewijs[0] != found.schakels[1].bewijs[0]


def test_evidence_is_shared_out_so_that_as_many_links_as_possible_are_visible():
    # The IN03 finding comes first and could serve link 1, but then link 2 would stay empty: it must go to link 2.
    rows = [finding("ZK81", "Dekking onvolledig, AVG's nemen over", "IN03"),
            finding("ZK81", "Huisartsen hebben te weinig capaciteit", "IN02")]
    found = train(rows)
    assert [(link.positie, link.bewijs[0].code) for link in found.zichtbaar] == [(1, "IN02"), (2, "IN03")]
    used = [s for link in found.schakels for s in link.bewijs]
    assert len(used) == len(set(used)) == 2


def test_further_evidence_goes_to_one_link_only():
    rows = [finding("ZK81", "a", "IN02"), finding("ZK81", "b", "IN02"), finding("ZK81", "c", "IN11")]
    found = train(rows)
    assert [[s.omschrijving[-1] for s in link.bewijs] for link in found.zichtbaar] == [["a", "b"], ["c"]]
    assert "en nog 1 bewijsstuk;" in found.uitleg()


def test_an_indicator_below_the_threshold_shows_its_link():
    threshold = CAT.schakel_drempel
    coded = finding("ZK81", "AVG's vangen huisartsenzorg op", "IN11")
    below = train([fact("ZK81", "aandeel_locaties_zonder_huisarts", threshold - 0.5), coded])
    assert below is not None
    support = below.schakels[0].bewijs[0]
    assert (support.soort, support.sleutel, support.code) == ("register", "aandeel_locaties_zonder_huisarts", "")
    at = train([fact("ZK81", "aandeel_locaties_zonder_huisarts", threshold), coded])
    assert at is not None  # at the threshold counts
    above = train([fact("ZK81", "aandeel_locaties_zonder_huisarts", threshold + 0.25), coded])
    assert above is None
    # The worst fact of a link is cited first.
    both = train([fact("ZK81", "aandeel_locaties_zonder_huisarts", -1.0),
                  fact("ZK81", "aandeel_clienten_zonder_huisarts", -2.0), coded])
    assert [s.sleutel for s in both.schakels[0].bewijs] == ["aandeel_clienten_zonder_huisarts",
                                                            "aandeel_locaties_zonder_huisarts"]


def test_registry_facts_alone_can_show_a_chain():
    rows = [fact("ZK81", "gesloten_avg_polis", -2.0), fact("ZK81", "avg_concentratie", -1.2)]
    found = train(rows, key="polisluiting")
    assert [(link.positie, link.bewijs[0].soort) for link in found.zichtbaar] == [(1, "register"), (2, "register")]


def test_a_good_practice_with_a_chain_code_shows_nothing():
    rows = [finding("ZK81", "x", "IN02", richting=1), finding("ZK81", "y", "IN11", richting=1)]
    assert train(rows) is None


def test_every_region_gets_a_list_and_evidence_without_the_item_column_still_works():
    rows = evidence(finding("ZK81", "a", "IN02"), finding("ZK81", "b", "IN11")).drop(columns="item")
    assert region_chains(rows, ["ZK80", "ZK81"], CAT) == {"ZK80": [], "ZK81": []}
    assert region_chains(evidence(), ["ZK80"], CAT) == {"ZK80": []}


def test_min_schakels_comes_from_the_catalogue():
    single = dataclasses.replace(
        CAT, ketens=(Chain("een", "één schakel", 1, "par. 4.1", (ChainLink("tekort", ("IN02",), ()),)),))
    assert [c.sleutel for c in chains_of([finding("ZK81", "a", "IN02")], cat=single)] == ["een"]


# --- the catalogue side ----------------------------------------------------------------------------------


def test_every_chain_code_is_a_failure_in_the_codebook_and_every_link_has_evidence():
    book = codebook.default()
    for chain in CAT.ketens:
        for link in chain.schakels:
            assert link.codes or link.indicatoren, f"{chain.sleutel}: {link.naam}"
            for code in link.codes:
                assert code in book, f"{code} ({chain.sleutel}) staat niet in het codeboek"
                assert book.item(code).richting == -1


def test_the_avg_link_is_not_shown_by_the_so_item():
    link = next(link for link in CAT.ketens[0].schakels if link.naam.startswith("AVG's nemen"))
    assert "CO02" not in link.codes and "IN11" in link.codes


def _raw() -> dict:
    return tomllib.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda r: r["keten"][0]["schakel"][0].update(trefwoorden=["huisartstekort"]), "trefwoorden"),
        (lambda r: r["keten"][0]["schakel"][0].update(codes=["XX99"]), "XX99"),
        (lambda r: r["keten"][0]["schakel"][0].update(codes=["GN51"]), "goede praktijk"),
        (lambda r: r["keten"][0]["schakel"][0].update(codes=["IN02", "IN02"]), "dubbel"),
        (lambda r: r["keten"][0]["schakel"][2].pop("codes"), "geen codes en geen indicatoren"),
        (lambda r: r["keten"][0].update(min_schakels=9), "min_schakels"),
    ],
)
def test_a_broken_chain_is_refused_with_a_dutch_message(change, message):
    raw = _raw()
    change(raw)
    with pytest.raises(UserError, match=message):
        parse(raw)


def test_the_catalogue_markdown_lists_the_evidence_of_every_link():
    text = catalogue.markdown(CAT)
    for chain in CAT.ketens:
        for link in chain.schakels:
            assert f"| `{chain.sleutel}` | " in text and link.naam in text
            for code in link.codes:
                assert f"{code} (" in text
