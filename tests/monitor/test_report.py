"""The wave report (`python -m monitor rapport`): content on a hand-built world, and the PDF and Word on the demo."""
from __future__ import annotations

import dataclasses
import io
import shutil
from datetime import date
from types import SimpleNamespace

import docx
import pytest
from pypdf import PdfReader

from data.db import make_engine
from data.registry import awareness_frame, load_geography, load_registry, pilot_frame
from geo.analysis import analyse
from monitor.__main__ import main
from monitor.analysis import analyse_level
from monitor.dossier.model import Figure
from monitor.report import ReportInputs, build_report, render
from monitor.report.content import signal_counts
from tests.monitor import world


def flat(text: str) -> str:
    return " ".join(text.split())


# -- Hand-built world ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small(geography):
    findings = [world.finding("ZK81", "infrastructuur", -1, "samenwerking kost veel geld", golf="2024", code="IN07"),
                world.finding("ZK81", "netwerk_te_zwak", -1, "lappendeken", golf="2021", code="ZW02")]
    actions = [("Plan van eisen AVG-informatiesysteem", "VGN", "2021", "gestart", "", None),
               ("Plan van eisen AVG-informatiesysteem", "VGN", "2024", "loopt", "", None),
               ("Gesprekken faciliteren bij regionale knelpunten", "Zorgkantoor", "2024", "gestart", "ZK81", None)]
    registry = dataclasses.replace(
        world.archetypes(findings=findings, actions=actions),
        awareness=awareness_frame([("", "2021", "aanbieders", 10, 40), ("", "2024", "aanbieders", 30, 60)]),
        pilots=pilot_frame([("ZK81", "Pilotcommissie Wijdland", date(2023, 3, 15), "loopt", None, None, None)]),
    )
    geo_result = analyse(registry, geography, geometry=False)
    report = build_report(ReportInputs(registry, geography, geo_result, "2024", datum=date(2026, 1, 5)))
    return SimpleNamespace(registry=registry, geography=geography, geo=geo_result, report=report,
                           text=flat(" ".join(report.texts())))


def test_sections_in_order_and_every_page_says_what_it_is(small):
    report = small.report
    assert [s.key for s in report.sections] == ["samenvatting", "signalen", "knelpunten", "acties", "ongedekt",
                                                "bekendheid", "pilots", "register", "methode"]
    assert report.vorige_golf == "2021" and report.titel == "Golfrapportage convenant MGZ – meetgolf 2024"
    assert report.footer.startswith("5-1-2026 · catalogus") and "fictief" not in report.header
    assert not report.vertrouwelijk


def test_signal_counts_per_level_for_both_waves_and_the_movement(small):
    for niveau, plural in (("zorgkantoorregio", "Zorgkantoorregio's"), ("provincie", "Provincies"),
                           ("gemeente", "Gemeenten")):
        for golf in ("2021", "2024"):
            counts = signal_counts(analyse_level(small.geo, small.registry, small.geography, niveau, golf).signals)
            expected = (f"{plural} {golf} {counts['zwak']} {counts['sterk']} {counts['beide']} {counts['onvoldoende']} "
                        f"{counts['geen']} {counts['totaal']}")
            assert expected in small.text
    assert "Beweging sinds meetgolf 2021" in small.text
    maps = [b for b in small.report.section("signalen").blocks if isinstance(b, Figure)]
    assert len(maps) == 1 and maps[0].png.startswith(b"\x89PNG")


def test_a_region_with_both_signals_counts_once_with_a_note(small):
    from monitor.waves import SIGNAL_COUNTS_NOTE

    results = {}
    for golf in ("2021", "2024"):
        result = analyse_level(small.geo, small.registry, small.geography, "zorgkantoorregio", golf)
        signals = result.signals.copy()
        if golf == "2024":  # one region with both signals, as happens when some organisations work too loosely
            signals["zwak_netwerk"] = signals["te_sterk_netwerk"] = signals["code"].eq("ZK81")
            signals["onvoldoende_gegevens"] = False
        results[("zorgkantoorregio", golf)] = dataclasses.replace(result, signals=signals)
    report = build_report(ReportInputs(small.registry, small.geography, small.geo, "2024", results=results))
    table = next(b for b in report.section("signalen").blocks if hasattr(b, "columns"))
    assert table.columns == ("Niveau", "Meetgolf", "Netwerk te zwak", "Netwerk te sterk", "Te zwak én te sterk",
                             "Onvoldoende gegevens", "Geen signaal", "Totaal")
    row = next(r for r in table.rows if r[:2] == ("Zorgkantoorregio's", "2024"))
    assert row[2:5] == ("0", "0", "1")  # ZK81 under 'Te zwak én te sterk' only
    assert sum(int(v) for v in row[2:7]) == int(row[7])  # the columns add up to the number of regions
    text = flat(" ".join(report.texts()))
    assert SIGNAL_COUNTS_NOTE in text
    assert "te zwak én te sterk: 1" in text and "telt alleen bij 'te zwak én te sterk'" in text  # the summary


def test_bottlenecks_by_frequency_with_the_previous_wave_and_the_uncovered(small):
    assert "Bevinding IN07: Samenwerkingsverbanden (zoals ingekochte huisartsenzorg) kosten de zorgorganisatie veel geld in 1 regio; vorige golf 0" in small.text
    uncovered = flat(" ".join(b.text if hasattr(b, "text") else " ".join(getattr(b, "items", ()))
                              for b in small.report.section("ongedekt").blocks))
    assert "IN07" in uncovered and "ZW02" not in uncovered


def test_action_lines_by_party_awareness_and_pilots(small):
    assert "Plan van eisen AVG-informatiesysteem" in small.text and "Stand per partij in meetgolf 2024" in small.text
    assert "Gesprekken faciliteren bij regionale knelpunten (regionaal, 1 regio)" in small.text
    assert "Aanbieders 25% (10 van 40) 50% (30 van 60)" in small.text
    assert "Pilotcommissie Wijdland" in small.text and "Met een pilotcommissie: Wijdland (ZK81)" in small.text


def test_the_first_wave_has_no_movement(small):
    report = build_report(ReportInputs(small.registry, small.geography, small.geo, "2021"))
    assert report.vorige_golf is None
    assert "Meetgolf 2021 is de eerste meetgolf" in flat(" ".join(report.texts()))


def test_a_registry_without_actions_pilots_or_awareness_still_reports(geography):
    registry = world.archetypes()
    geo_result = analyse(registry, geography, geometry=False)
    text = flat(" ".join(build_report(ReportInputs(registry, geography, geo_result, "2024")).texts()))
    assert "Er zijn geen convenantacties geregistreerd" in text
    assert "In het pilotregister staat nog geen commissie" in text
    assert "geen enquêtecijfers over bekendheid" in text


def test_an_unknown_wave_is_a_dutch_error(small):
    from data.errors import UserError

    with pytest.raises(UserError, match="Onbekende meetgolf '1999'; bekende golven: 2021, 2024"):
        build_report(ReportInputs(small.registry, small.geography, small.geo, "1999"))


# -- The demo, through the command line ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_report(_demo_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rapport")
    path = folder / "demo.sqlite"
    shutil.copy(_demo_template, path)
    files = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MGZ_DATABASE_URL", f"sqlite:///{path}")
        for fmt in ("pdf", "docx"):
            target = folder / f"rapport.{fmt}"
            assert main(["rapport", "--golf", "2024", "--format", fmt, "--output", str(target)]) == 0
            files[fmt] = target.read_bytes()
    engine = make_engine(f"sqlite:///{path}")
    registry, geography = load_registry(engine), load_geography(engine)
    engine.dispose()
    return SimpleNamespace(files=files, registry=registry, geography=geography, db=path, folder=folder)


def test_demo_pdf_holds_counts_movement_action_lines_and_pilots(demo_report):
    pages = [flat(p.extract_text() or "") for p in PdfReader(io.BytesIO(demo_report.files["pdf"])).pages]
    text = " ".join(pages)
    assert all("fictief voorbeeld" in page for page in pages)
    geo_result = analyse(demo_report.registry, demo_report.geography, geometry=False)
    for niveau, plural in (("zorgkantoorregio", "Zorgkantoorregio's"), ("provincie", "Provincies"),
                           ("gemeente", "Gemeenten")):
        for golf in ("2021", "2024"):
            signals = analyse_level(geo_result, demo_report.registry, demo_report.geography, niveau, golf).signals
            counts = signal_counts(signals)
            expected = f"{plural} {golf} {counts['zwak']} {counts['sterk']} {counts['beide']} {counts['onvoldoende']}"
            assert expected in text, (niveau, golf)
    assert "Beweging sinds meetgolf 2021" in text and "Verdwenen" in text
    assert "Actielijnen per partij" in text and "Informatiestandaard medicatieoverdracht" in text
    assert "Zorgkantoor" in text and "niet gedekt door een actielijn" in text.lower()
    for commission in demo_report.registry.pilots["commissie"]:
        assert commission in text
    assert "Bekendheid van het convenant" in text and "Voorwaardenscheppend" in text
    assert "vorige golf" in text  # "knelpunt X in N regio's; vorige golf M"


def test_demo_docx_holds_the_same_content(demo_report):
    document = docx.Document(io.BytesIO(demo_report.files["docx"]))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for p in document.sections[0].header.paragraphs]
    text = flat(" ".join(parts))
    assert "Golfrapportage convenant MGZ – meetgolf 2024" in text and "fictief voorbeeld" in text
    assert "Pilotcommissie Friesland (fictief)" in text and len(document.inline_shapes) == 2


def test_bad_wave_or_folder_is_a_dutch_error_with_exit_1(demo_report, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{demo_report.db}")
    assert main(["rapport", "--golf", "1999", "--format", "pdf", "--output", str(tmp_path / "r.pdf")]) == 1
    err = capsys.readouterr().err
    assert "Onbekende meetgolf '1999'" in err and "Traceback" not in err
    assert main(["rapport", "--format", "pdf", "--output", str(tmp_path / "weg" / "r.pdf")]) == 1
    err = capsys.readouterr().err
    # The README's words, the same for every command that writes a file.
    assert f"Fout: De map {tmp_path / 'weg'} bestaat niet; er is niets geschreven." in err and "Traceback" not in err
    assert not (tmp_path / "weg").exists()


def test_render_refuses_an_unknown_format(small):
    from data.errors import UserError

    with pytest.raises(UserError, match="Onbekend formaat 'odt'"):
        render(small.report, "odt")
