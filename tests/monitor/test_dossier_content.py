"""The dossier's content model on the small archetype world: every level, small counts, escaping, similarity."""
from __future__ import annotations

import io
from datetime import date

import numpy as np
import pandas as pd
import pytest
from pypdf import PdfReader

from monitor.analysis import analyse_level
from monitor.dossier import DossierInputs, build_dossier, render
from monitor.dossier.comparable import comparable_regions, standardise
from monitor.dossier.model import Bullets, Dossier, Paragraph, Section, Table
from monitor.dossier.wording import clients, score, small_count
from tests.monitor import world

DAY = date(2026, 11, 27)
WORLD_FINDING = "De huisartsen in Wijdland komen nooit langs op de woonlocaties"


@pytest.fixture(scope="module")
def findings_world():
    return world.archetypes(findings=[
        world.finding("ZK81", "netwerk_te_zwak", -1, WORLD_FINDING, golf="2024", gewicht=3),
        world.finding("ZK80", "goed_netwerk", 1, "Vaste huisarts in de medische dienst van Compactland", golf="2024"),
    ])


def dossier_for(registry, geography, niveau, code, without=False, golf="2024"):
    from geo.analysis import analyse

    geo_result = analyse(registry, geography, geometry=False)
    result = analyse_level(geo_result, registry, geography, niveau, golf)
    return build_dossier(DossierInputs(registry, geography, geo_result, result, {"ZK81": "Zorgkantoor Wijd (fictief)"},
                                       datum=DAY), code, without)


@pytest.mark.parametrize("niveau, code", [("zorgkantoorregio", "ZK81"), ("gemeente", "GM8002"),
                                          ("provincie", "PV80"), ("organisatie", "B"), ("zorgkantoorregio", "ZK82")])
def test_every_level_gets_all_sections_in_order(findings_world, geography, niveau, code):
    dossier = dossier_for(findings_world, geography, niveau, code)
    assert [s.key for s in dossier.sections] == ["samenvatting", "kaart", "tafel", "knelpunten", "voorbeelden", "acties",
                                                 "agenda", "bijlage"]
    assert dossier.datum == DAY and dossier.vertrouwelijk
    assert dossier.footer.startswith("27-11-2026 · catalogus ")
    figure = dossier.section("kaart").blocks[0]
    assert figure.png.startswith(b"\x89PNG")


def test_the_zorgkantoor_and_gemeenten_are_invited(findings_world, geography):
    text = " ".join(dossier_for(findings_world, geography, "zorgkantoorregio", "ZK81").section("tafel").blocks
                    [-1].items)
    assert "Zorgkantoor: Zorgkantoor Wijd (fictief)" in text
    assert "Verweg-Noord" in text and "Verweg-West" in text
    leeg = dossier_for(findings_world, geography, "zorgkantoorregio", "ZK82")
    lines = " ".join(leeg.section("tafel").blocks[-1].items)
    assert "python -m data import zorgkantoren" in lines  # not imported: says how


def test_without_findings_no_finding_text_and_counts_instead(findings_world, geography):
    full = dossier_for(findings_world, geography, "zorgkantoorregio", "ZK81")
    short = dossier_for(findings_world, geography, "zorgkantoorregio", "ZK81", without=True)
    assert any(WORLD_FINDING in t for t in full.texts())
    assert not any(WORLD_FINDING in t for t in short.texts())
    assert "versie zonder bevindingen" in short.header and "vertrouwelijk" not in short.header
    knelpunten = " ".join(short.texts())
    assert "bevindingen: <10 over een knelpunt" in knelpunten


def test_small_counts_are_hidden():
    assert [clients(v) for v in (0, 3, 9, 10, 1234, np.nan)] == ["0", "<10", "<10", "10", "1.234", "onbekend"]
    assert [small_count(v) for v in (0, 1, 9, 10, 25)] == ["geen", "<10", "<10", "10", "25"]
    assert [score(v) for v in (-1.666, 0.5, 0.0, None)] == ["−1,67", "+0,5", "0", "geen score"]


def test_client_counts_below_ten_print_as_small_in_the_invitation_table(geography):
    facilities, ties = world.archetype_facilities()
    for row in facilities:
        if row["type"] == "vg_locatie":
            row["clienten"] = 1  # 6 locations of organisation A: 6 clients in all
    registry = world.registry(facilities, ties)
    dossier = dossier_for(registry, geography, "zorgkantoorregio", "ZK80")
    table = next(b for b in dossier.section("tafel").blocks if isinstance(b, Table) and "Cliënten" in b.columns)
    assert table.rows[0][table.columns.index("Cliënten")] == "<10"


def test_names_from_imported_files_print_literally_in_the_pdf():
    hostile = "<b>Stichting & Zonen</b> <font size=40>groot</font>"
    dossier = Dossier("gemeente", "GM0001", hostile, "2024", DAY, "1", False, False, f"Regiodossier {hostile}", "x",
                      (Section("samenvatting", "Samenvatting", (Paragraph(hostile), Bullets((hostile,)),
                                                                Table(("Naam",), ((hostile,),)))),))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(render(dossier, "pdf"))).pages)
    assert text.count("<b>Stichting & Zonen</b>") >= 4
    assert render(dossier, "docx")


def test_comparable_regions_are_the_nearest_with_a_good_network(geography):
    indicators = pd.DataFrame({
        "code": ["A", "B", "C", "D"], "naam": list("ABCD"), "inwoners": [100_000, 110_000, 1_000_000, 105_000],
        "spreiding_km": [5.0, 5.5, 20.0, 5.2],
    })
    signals = pd.DataFrame({"code": list("ABCD"), "zwak_netwerk": [True, False, False, False],
                            "scores": [{"goed_netwerk": -1}, {"goed_netwerk": 1}, {"goed_netwerk": 1}, {"goed_netwerk": 0.5}]})
    evidence = pd.DataFrame({"code": ["B", "C", "D"], "voorwaarde": "goed_netwerk", "deelscore": [2.0, 2.0, 2.0]})
    found = comparable_regions("A", indicators, signals, evidence, "gemeente", geography, n=2)
    assert [code for code, _ in found] == ["D", "B"]  # C is ten times larger and far more spread
    assert comparable_regions("Z", indicators, signals, evidence, "gemeente", geography) == []


def test_standardise_treats_unknown_and_constant_features_as_average():
    z = standardise(pd.DataFrame({"a": [1.0, 3.0, np.nan], "b": [2.0, 2.0, 2.0]}))
    assert z["a"].tolist() == [-1.0, 1.0, 0.0] and (z["b"] == 0).all()


def test_a_hap_area_gets_all_sections_and_the_overlapping_region_signal(findings_world, geography):
    from geo.analysis import analyse

    from data.errors import UserError

    geo_result = analyse(findings_world, geography, geometry=False)
    result = analyse_level(geo_result, findings_world, geography, "zorgkantoorregio", "2024")
    inputs = DossierInputs(findings_world, geography, geo_result, result, datum=DAY, niveau="hap")
    hap = geo_result.indicators["hap"]["code"].iloc[0]
    dossier = build_dossier(inputs, hap)
    assert dossier.niveau == "hap" and dossier.code == hap
    assert [s.key for s in dossier.sections] == ["samenvatting", "kaart", "tafel", "knelpunten", "voorbeelden", "acties",
                                                 "agenda", "bijlage"]
    assert dossier.section("kaart").blocks[0].png.startswith(b"\x89PNG")
    summary = " ".join(dossier.texts())
    assert "geen eigen score of signaal" in summary and "zorgkantoorregio" in summary
    with pytest.raises(UserError, match="HAP-werkgebied 'GEEN' bestaat niet"):
        build_dossier(inputs, "GEEN")
