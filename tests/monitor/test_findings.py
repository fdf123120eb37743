"""Rolling findings to the level being scored (membership pc4 -> gemeente -> zorgkantoorregio/provincie)."""
from __future__ import annotations

import pandas as pd
import pytest

from monitor import catalogue
from monitor.findings import roll
from tests.monitor import world


def _rolled(rows, niveau, codes, locations=None, golf=None):
    frame = pd.DataFrame(rows, columns=world.FINDING_COLUMNS)
    return roll(frame, world.geography().membership, niveau, pd.Index(codes), catalogue.default(), golf, locations)


def test_pc4_finding_counts_fully_in_every_level_above():
    row = world.finding("8301", "netwerk_te_zwak", -1, "lappendeken")
    for niveau, code in (("gemeente", "GM8003"), ("zorgkantoorregio", "ZK81"), ("provincie", "PV80")):
        out = _rolled([row], niveau, [code, "GM8001", "ZK80"])
        assert list(out["code"]) == [code]
        assert list(out["deels"]) == [False] and list(out["gewicht"]) == [2.0]


def test_a_larger_region_counts_partly_in_each_region_it_overlaps():
    row = world.finding("ZK81", "netwerk_te_zwak", -1, "lappendeken", gewicht=3)
    out = _rolled([row], "gemeente", ["GM8001", "GM8002", "GM8003", "GM8004", "GM8005", "GM8006"])
    assert list(out["code"]) == ["GM8002", "GM8003", "GM8004", "GM8005"]
    assert out["deels"].all() and (out["gewicht"] == 1.5).all()
    province = _rolled([world.finding("PV80", "infrastructuur", 1, "scholing")], "zorgkantoorregio", ["ZK80", "ZK81", "ZK82"])
    assert list(province["code"]) == ["ZK80", "ZK81", "ZK82"] and (province["gewicht"] == 1.0).all()


def test_unknown_region_and_other_wave_count_nowhere():
    rows = [world.finding("ZZ99", "netwerk_te_zwak", -1, "onbekend"),
            world.finding("ZK81", "netwerk_te_zwak", -1, "later", golf="2024")]
    assert _rolled(rows, "zorgkantoorregio", ["ZK81"], golf="2021").empty
    assert list(_rolled(rows, "zorgkantoorregio", ["ZK81"], golf="2024")["tekst"]) == ["later"]


def test_organisation_findings_need_the_organisation_named_in_its_area(registry, geography, geo_result):
    from monitor.facts import wave_base

    locations = wave_base(geo_result, registry, None).locations
    rows = [
        world.finding("ZK81", "netwerk_te_zwak", -1, "Stichting B werkt met te veel praktijken"),
        world.finding("ZK81", "netwerk_te_zwak", -1, "Stichting A is hier niet actief"),
        world.finding("ZK80", "goed_netwerk", 1, "vaste huisarts in de medische dienst"),
    ]
    out = _rolled(rows, "organisatie", ["A", "B"], locations)
    assert list(zip(out["code"], out["tekst"])) == [("B", "Stichting B werkt met te veel praktijken")]
    assert (out["gewicht"] == 2.0).all()


def test_codebook_code_is_carried_as_item_and_uncoded_findings_get_an_empty_item():
    rows = [world.finding("ZK81", "infrastructuur", -1, "AVG's vangen huisartstaken op", code="IN11"),
            world.finding("ZK81", "infrastructuur", -1, "ongecodeerd")]
    out = _rolled(rows, "zorgkantoorregio", ["ZK81"])
    assert dict(zip(out["tekst"], out["item"])) == {"AVG's vangen huisartstaken op": "IN11", "ongecodeerd": ""}
    assert list(out["code"]) == ["ZK81", "ZK81"]  # `code` stays the scored region
    without = pd.DataFrame([r[:-1] for r in rows], columns=world.FINDING_COLUMNS[:-1])  # a frame without the column
    assert list(roll(without, world.geography().membership, "zorgkantoorregio", pd.Index(["ZK81"]),
                     catalogue.default())["item"]) == ["", ""]


def test_weight_factors_come_from_the_catalogue():
    cat = catalogue.default()
    assert cat.deels_factor == pytest.approx(0.5) and cat.bevinding_factor == pytest.approx(1.0)
