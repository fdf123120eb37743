"""Done-when: the study's two archetype regions, from registry facts alone, come out right (end to end
through geo.analysis.analyse), and findings change and are cited in the reasons."""
from __future__ import annotations

import pytest

from geo.analysis import analyse
from monitor.analysis import analyse_level, pilot_candidates
from tests.monitor import world


def _row(result, code):
    return result.signals.set_index("code").loc[code]


def test_compact_region_is_not_flagged(registry, geography, geo_result):
    result = analyse_level(geo_result, registry, geography, "zorgkantoorregio")
    compact = _row(result, "ZK80")
    assert not compact["zwak_netwerk"] and not compact["te_sterk_netwerk"] and not compact["onvoldoende_gegevens"]
    # +2 on coverage, written ties and HDS agreements; one practice per cluster is neutral (bereik negatief).
    assert compact["scores"]["netwerk_te_zwak"] == pytest.approx((3 * 2 + 1 * 2 + 2 * 2 + 2 * 0) / 8)
    assert compact["scores"]["goed_netwerk"] > 0
    assert compact["redenen"][0] == ("Geen signaal: 'netwerk te zwak' +1,5 (signaal bij -0,75 of lager); "
                                     "'netwerk te sterk' onvoldoende gegevens (signaal bij -0,5 of lager) "
                                     "(gegevens over 6 van de 6 VG-locaties).")
    assert compact["redenen"][1].startswith("Goed netwerk: score +")
    assert compact["robuust"] and compact["volledigheid"] == 1.0


def test_spread_region_is_flagged_weak_with_reasons_citing_registry_facts(registry, geography, geo_result):
    result = analyse_level(geo_result, registry, geography, "zorgkantoorregio")
    spread = _row(result, "ZK81")
    assert spread["zwak_netwerk"] and not spread["onvoldoende_gegevens"]
    assert spread["scores"]["netwerk_te_zwak"] <= -1.0
    reasons = spread["redenen"]
    assert "3 van de 12 locaties van Stichting B hebben geen huisarts." in reasons
    assert ("Stichting B valt met 12 locaties in 4 HAP-gebieden van 4 huisartsendienstenstructuren; met 4 daarvan "
            "is geen schriftelijke afspraak.") in reasons
    assert any("alleen mondelinge of casuïstiekafspraken" in r for r in reasons)
    assert not any(r.startswith("Bevinding") for r in reasons)  # registry data alone
    assert not any(r[0].islower() for r in reasons)


def test_region_without_data_is_insufficient_and_never_flagged(registry, geography, geo_result):
    result = analyse_level(geo_result, registry, geography, "zorgkantoorregio")
    empty = _row(result, "ZK82")
    assert empty["onvoldoende_gegevens"] and not empty["zwak_netwerk"] and not empty["te_sterk_netwerk"]
    assert empty["scores"]["netwerk_te_zwak"] is None and empty["scores"]["goed_netwerk"] is None
    assert empty["redenen"][0].startswith("Onvoldoende gegevens")
    assert pd_isnan(empty["prioriteit"])


def pd_isnan(value) -> bool:
    return value != value


def test_every_region_of_every_level_is_listed(registry, geography, geo_result):
    expected = {"gemeente": 6, "zorgkantoorregio": 3, "provincie": 1, "organisatie": 2}
    for niveau, count in expected.items():
        signals = analyse_level(geo_result, registry, geography, niveau).signals
        assert len(signals) == count
        assert set(signals.columns) >= {"code", "naam", "niveau", "zwak_netwerk", "te_sterk_netwerk",
                                        "onvoldoende_gegevens", "redenen", "scores", "prioriteit", "ketens"}


def test_organisations_follow_their_region(registry, geography, geo_result):
    result = analyse_level(geo_result, registry, geography, "organisatie")
    assert not _row(result, "A")["zwak_netwerk"]
    assert _row(result, "B")["zwak_netwerk"]
    assert list(pilot_candidates(result)["code"]) == ["B"]


def test_gemeente_without_facilities_is_insufficient(registry, geography, geo_result):
    result = analyse_level(geo_result, registry, geography, "gemeente")
    assert _row(result, "GM8006")["onvoldoende_gegevens"]
    assert not _row(result, "GM8001")["zwak_netwerk"]


def test_findings_change_the_reasons_and_are_cited(geography):
    findings = [
        world.finding("ZK81", "netwerk_te_zwak", -1, "lappendeken aan samenwerkingspartners", gewicht=3),
        world.finding("8201", "netwerk_te_zwak", +1, "vast overleg met de huisartsenpost", golf="2024",
                      bron="enquête", gewicht=1),
        world.finding("GM8001", "netwerk_te_zwak", -1, "HAP ziet cliënten waarvoor al zorg geregeld is", gewicht=1),
    ]
    registry = world.archetypes(findings=findings)
    geo_result = analyse(registry, geography, geometry=False)
    before = _row(analyse_level(geo_result, world.archetypes(), geography, "zorgkantoorregio"), "ZK81")
    after_result = analyse_level(geo_result, registry, geography, "zorgkantoorregio")
    after = _row(after_result, "ZK81")
    assert after["zwak_netwerk"]
    assert after["redenen"] != before["redenen"]
    assert "Bevinding (interview, 2021): lappendeken aan samenwerkingspartners." in after["redenen"]
    assert "Tegenwicht: bevinding (enquête, 2024): vast overleg met de huisartsenpost." in after["redenen"]
    # Registry facts come first; findings sharpen them.
    first_finding = next(i for i, r in enumerate(after["redenen"]) if r.startswith("Bevinding"))
    assert any("Stichting B" in r for r in after["redenen"][:first_finding])
    # The compact region keeps its place: one negative finding does not outweigh the registry.
    compact = _row(after_result, "ZK80")
    assert not compact["zwak_netwerk"] and compact["scores"]["netwerk_te_zwak"] < 2.0
    cited = after_result.evidence[(after_result.evidence["code"] == "ZK80") & (after_result.evidence["soort"] == "bevinding")]
    assert list(cited["omschrijving"]) == ["Bevinding (interview, 2021): HAP ziet cliënten waarvoor al zorg geregeld is"]


def test_findings_alone_never_flag_a_region_without_registry_data(geography):
    # Findings sharpen or confirm what the registry shows; a region without VG locations has no completeness.
    registry = world.archetypes(findings=[world.finding("ZK82", "netwerk_te_zwak", -1, "niemand neemt regie", gewicht=3)])
    geo_result = analyse(registry, geography, geometry=False)
    result = analyse_level(geo_result, registry, geography, "zorgkantoorregio")
    row = _row(result, "ZK82")
    assert row["onvoldoende_gegevens"] and not row["zwak_netwerk"]
    assert row["scores"]["netwerk_te_zwak"] is None
    evidence = result.evidence
    cited = evidence[(evidence["code"] == "ZK82") & (evidence["soort"] == "bevinding")]["omschrijving"].tolist()
    assert cited == ["Bevinding (interview, 2021): niemand neemt regie"]  # the evidence view still shows it


def test_failure_chain_is_explained_when_several_links_match(geography):
    findings = [
        world.finding("ZK81", "infrastructuur", -1, "AVG's vangen huisartstaken en spoedzorg op", code="IN11"),
        world.finding("ZK81", "infrastructuur", -1, "De AVG-bezetting is kwetsbaar door de krappe arbeidsmarkt",
                      code="IN01"),
    ]
    registry = world.archetypes(findings=findings)
    geo_result = analyse(registry, geography, geometry=False)
    chains = _row(analyse_level(geo_result, registry, geography, "zorgkantoorregio"), "ZK81")["ketens"]
    train = next(c for c in chains if "huisartstekort" in c)
    assert "(1) te weinig huisartsdekking" in train
    assert "(2) AVG's nemen huisartsenzorg over: Bevinding (interview, 2021): AVG's vangen huisartstaken" in train
    assert "(code IN11)" in train
    assert "(4) AVG-capaciteit kwetsbaar" in train


def test_one_organisation_with_nearly_all_avg_capacity_and_closed_polis_is_too_strong(geography):
    facilities, ties = world.archetype_facilities()
    facilities += [
        world.facility("POLI-C", "avg_poli", 141_000, org="C", avg_fte=6.0),
        world.facility("POLI-B", "avg_poli", 161_000, org="B", avg_fte=0.0),  # closed: no AVG capacity left
        world.facility("C-L1", "vg_locatie", 142_000, org="C", clienten=30),
    ]
    ties = [*ties, ("C-L1", "HA-W4", "contract", 2018)]  # C's ties are registered: its network can be judged
    registry = world.registry(facilities, ties)
    geo_result = analyse(registry, geography, geometry=False)
    result = analyse_level(geo_result, registry, geography, "zorgkantoorregio")
    row = _row(result, "ZK81")
    assert row["te_sterk_netwerk"]
    assert any("Stichting C heeft 92% van de AVG-formatie in deze regio" in r for r in row["redenen"])
    assert "1 van de 2 AVG-poli's in deze regio hebben geen formatie (gesloten)." in row["redenen"]
    assert not _row(result, "ZK80")["te_sterk_netwerk"]
    organisations = analyse_level(geo_result, registry, geography, "organisatie").signals.set_index("code")
    assert organisations.loc["C", "te_sterk_netwerk"] and not organisations.loc["A", "te_sterk_netwerk"]
