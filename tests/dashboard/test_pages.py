"""Every page renders without exceptions: with the demo data, with an empty database, with a region selected."""
from __future__ import annotations

import re

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "dashboard" / "pages"
TIMEOUT = 60  # seconds; the first run on the national demo computes all indicators


def run_page(name: str, state: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=TIMEOUT)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """All visible text of a run: headings, markdown, captions, alerts."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error", "text"):
        parts += [str(element.value) for element in getattr(at, kind)]
    return "\n".join(parts)


# -- empty database -------------------------------------------------------------------------------------


DATA_PAGES = ["regio", "organisatie", "pilotregios", "monitoring"]
DEMO_REGION = {"regio_niveau": "zorgkantoorregio", "regio_code": "ZK08"}  # Friesland: the demo's 'regio 2'
LATEST_WAVE = "2024"  # the demo's waves are 2021 and 2024


@pytest.mark.parametrize("page", DATA_PAGES)
def test_pages_on_an_empty_database_say_there_is_no_data_yet(empty_app, page):
    at = run_page(page)
    assert at.title[0].value
    assert "Nog geen gegevens" in texts(at)
    assert not at.dataframe


def test_gegevens_on_an_empty_database_offers_reference_and_shows_counts(empty_app):
    at = run_page("gegevens")
    shown = texts(at)
    assert "referentiegeografie" in shown.lower()
    assert at.dataframe[0].value["Aantal"].tolist()[0] == "0"
    assert not any("fictief voorbeeld" in w.value for w in at.warning)


def test_over_lists_both_catalogues_and_the_licences(empty_app):
    from geo.catalogue import INDICATORS
    from monitor.catalogue import default

    at = run_page("over")
    shown = texts(at)
    assert "CC BY 4.0" in shown and "ODbL" in shown
    assert len(at.dataframe[0].value) == len(default().indicatoren)
    assert len(at.dataframe[1].value) == len(INDICATORS)


# -- demo database ---------------------------------------------------------------------------------------


def assert_demo_banner(at: AppTest) -> None:
    assert any("fictief voorbeeld" in w.value for w in at.warning), "demo banner missing"


def test_regio_shows_the_selected_region_with_its_signal_matrix_and_network(demo_app):
    at = run_page("regio", DEMO_REGION)
    assert_demo_banner(at)
    assert "Friesland (ZK08)" in at.header[0].value
    assert at.error[0].value.startswith("**Signaal: netwerk te zwak**")
    shown = texts(at)
    assert "Prioriteit voor een pilot" in shown
    frames = [df.value for df in at.dataframe]
    scores = next(f for f in frames if "Score (−2…+2)" in f.columns)
    assert len(scores) == 7
    indicators = next(f for f in frames if "Landelijke mediaan" in f.columns)
    assert "Huisartsenposten" in indicators["Indicator"].tolist()
    organisations = next(f for f in frames if "Locaties in de regio" in f.columns)
    assert organisations["Locaties in de regio"].sum() > 0
    assert [m.label for m in at.metric][:4] == ["Huisartsenposten", "AVG-poli's", "VG-locaties", "Huisartsenpraktijken"]
    assert at.session_state["regio_code"] == "ZK08"
    graphs = at.get("graphviz_chart")
    assert len(graphs) == 1 and "graph netwerk {" in graphs[0].proto.spec
    findings = next(f for f in frames if "Bevinding" in f.columns)
    assert set(findings["Richting"]) <= {"− knelpunt", "+ goed voorbeeld"} and len(findings) > 0


def test_regio_shows_completeness_robustness_and_running_actions_next_to_the_signal(demo_app):
    at = run_page("regio", DEMO_REGION)
    assert at.selectbox(key="regio_golf").value == LATEST_WAVE
    signal = at.error[0].value
    assert re.search(r"Gegevens over (\d+) van de \1 VG", signal) and "robuust" in signal
    shown = texts(at)
    assert "Convenantacties die hier lopen of zijn afgerond" in shown
    assert "Convenant als aanleiding voor gesprek met huisartsengroepen \\(VGN, loopt\\)" in shown
    assert "**Goed netwerk**: score +" in shown
    assert "−2 knelpunt" in shown and "belemmerend" not in shown and "bevorderend" not in shown
    assert f"meetgolf {LATEST_WAVE}" in shown


def test_regio_with_insufficient_data_keeps_its_reason_visible(demo_app):
    at = run_page("regio", {"regio_niveau": "gemeente", "regio_code": "GM0050"})  # Zeewolde: no VG locations
    alert = at.info[0].value
    assert alert.startswith("**Onvoldoende gegevens om het netwerk te beoordelen**")
    assert "Geen VG" in alert and "er zijn geen VG" in alert  # completeness, then the reason sentence


def test_regio_offers_all_waves_together_but_not_as_default(demo_app):
    at = run_page("regio", DEMO_REGION)
    wave = at.selectbox(key="regio_golf")
    assert wave.value == LATEST_WAVE and wave.options[0] == "Alle golven samen"
    wave.set_value("__alle__").run()
    assert not at.exception
    assert "alle meetgolven samen" in texts(at)


def test_regio_switches_level_and_keeps_a_valid_region(demo_app):
    at = run_page("regio", {"regio_niveau": "provincie", "regio_code": "ZK08"})  # code of another level
    assert at.session_state["regio_niveau"] == "provincie"
    assert at.session_state["regio_code"].startswith("PV")
    assert at.header[0].value.endswith(f"({at.session_state['regio_code']})")


def test_every_choice_in_the_region_box_counts(demo_app):
    # The widget's key once followed the chosen region, so every second choice landed on a widget no longer drawn.
    at = run_page("regio", DEMO_REGION)
    for code in ("ZK27", "ZK10", "ZK06"):
        at.selectbox(key="w_regio_code_zorgkantoorregio").set_value(code).run()
        assert not at.exception
        assert at.session_state["regio_code"] == code and at.header[0].value.endswith(f"({code})")
    at.selectbox(key="w_regio_niveau").set_value("provincie").run()
    at.selectbox(key="w_regio_niveau").set_value("gemeente").run()
    assert at.session_state["regio_niveau"] == "gemeente" and at.session_state["regio_code"].startswith("GM")


def test_regio_without_selection_opens_the_region_with_the_highest_priority(demo_app):
    at = run_page("regio")
    assert at.session_state["regio_niveau"] == "zorgkantoorregio"
    assert at.session_state["regio_code"].startswith("ZK")
    assert at.error[0].value.startswith("**Signaal")


def test_organisatie_shows_locations_partners_and_estimated_travel_times(demo_app):
    at = run_page("organisatie")
    assert_demo_banner(at)
    assert at.header[0].value  # the organisation's name
    assert [m.label for m in at.metric] == ["VG-locaties", "HAP-werkgebieden", "Huisartsenpraktijken", "Locaties zonder huisarts"]
    locations = next(df.value for df in at.dataframe if "Locatie" in df.value.columns)
    assert len(locations) == int(at.metric[0].value)
    assert "Reistijd HAP (min, geschat)" in locations.columns
    assert "geschatte reistijd" in texts(at)
    assert any(c.value.startswith("Grenzen: CBS / PDOK") for c in at.caption)  # the map's sources


def test_monitoring_shows_waves_signals_and_actions(demo_app):
    at = run_page("monitoring", DEMO_REGION)
    assert_demo_banner(at)
    counts = next(df.value for df in at.dataframe if "Netwerk te zwak" in df.value.columns)
    assert counts["Meetgolf"].tolist() == ["2021", "2024"]
    assert (counts["Totaal"] == 31).all()
    assert "Friesland" in [s.value for s in at.subheader]
    actions = next(df.value for df in at.dataframe if "Actielijn" in df.value.columns)
    assert len(actions) > 0 and "Verandering" in actions.columns
    trend = next(df.value for df in at.dataframe if "Verschil 2021 → 2024" in df.value.columns)
    assert len(trend) == 7
    shown = texts(at)
    assert "−2 = knelpunt" in shown and "+2 = geen knelpunt" in shown
    assert "belemmerend" not in shown and "bevorderend" not in shown
    assert at.selectbox(key="monitoring_actie_golf").value == LATEST_WAVE


def test_pilotregios_ranks_weak_networks_compares_and_offers_downloads(demo_app):
    at = run_page("pilotregios")
    assert_demo_banner(at)
    assert at.selectbox(key="pilot_golf").value == LATEST_WAVE
    ranked = at.dataframe[0].value
    assert ranked["Rang"].tolist() == list(range(1, len(ranked) + 1))
    # The latest wave flags the demo's three designed 'regio 2' regions, all robustly.
    assert sorted(ranked["Regio"]) == ["Friesland", "Noord- en Midden-Limburg", "Zeeland"]
    assert (ranked["Zekerheid"] == "robuust").all()
    # Wave 2021 adds regions whose signal depends on the assumptions: robust ones first, each group by priority.
    at.selectbox(key="pilot_golf").set_value("2021").run()
    ranked = at.dataframe[0].value
    robust = ranked["Zekerheid"] == "robuust"
    assert robust.any() and (~robust).any(), "wave 2021 of the demo has robust and sensitive weak networks"
    assert robust.tolist() == sorted(robust.tolist(), reverse=True)
    assert ranked.loc[~robust, "Zekerheid"].str.fullmatch(r"gevoelig: signaal in \d+ van de \d+ varianten").all()
    priority = ranked["Prioriteit"]  # a number, so the list sorts as numbers (shown in Dutch notation)
    assert pd.api.types.is_float_dtype(priority)
    assert priority[robust].is_monotonic_decreasing and priority[~robust].is_monotonic_decreasing
    assert ranked["Volledigheid"].str.fullmatch(r"gegevens over \d+ van de \d+ VG-locaties \(\d+%\)").all()
    assert ranked["Betrouwbaarheid (%)"].between(0, 100).all()
    assert "25%" in texts(at) and "Robuust" in texts(at)
    assert at.header[0].value.startswith(f"{len(ranked)} van 31 regio's")
    comparison = next(df.value for df in at.dataframe[1:] if df.value.shape[1] == 3)
    assert len(comparison) == 7  # conditions x two regions
    buttons = [b for b in at.get("download_button")]
    assert len(buttons) == 6  # list CSV/XLSX, regiodossier PDF/Word and evidence CSV/XLSX


def test_pilotregios_filters_on_an_extra_condition(demo_app):
    at = run_page("pilotregios")
    before = len(at.dataframe[0].value)
    at.multiselect(key="pilot_voorwaarden").select("harde_instituties").run()
    assert not at.exception
    after = at.header[0].value
    assert int(after.split(" ")[0]) <= before


def test_over_shows_the_fictional_notice_with_demo_data(demo_app):
    at = run_page("over")
    assert_demo_banner(at)
    assert any("fictief" in i.value for i in at.info)


def test_gegevens_with_demo_data_shows_history_and_no_demo_button(demo_app):
    at = run_page("gegevens")
    assert_demo_banner(at)
    labels = [b.label for b in at.button]
    assert "Voorbeeldscenario laden" not in labels
    assert "Export maken" in labels
    status = at.dataframe[0].value.set_index("Gegevens")["Aantal"]
    assert status["Voorzieningen"] != "0"


def test_gegevens_loads_reference_and_then_the_demo_with_its_buttons(empty_app, monkeypatch):
    from tests.conftest import reference_source

    monkeypatch.setenv("MGZ_REFERENCE_DIR", str(reference_source()))
    at = run_page("gegevens")
    reference_button = next(b for b in at.button if b.label == "Referentiegeografie laden")
    reference_button.click().run()
    assert not at.exception
    assert at.success[0].value == "Gegevens geladen."
    assert at.dataframe[0].value.set_index("Gegevens").loc["CBS-gebieden (referentiegeografie)", "Aantal"] != "0"
    demo_button = next(b for b in at.button if b.label == "Voorbeeldscenario laden")
    demo_button.click().run()
    assert not at.exception
    assert_demo_banner(at)
    assert at.dataframe[0].value.set_index("Gegevens").loc["Voorzieningen", "Aantal"] != "0"


HOSTILE = "**Vet** <script>alert(1)</script> [klik](javascript:alert(1)) $x$ :red[rood]"


def test_imported_names_are_escaped_in_markdown(shared_demo_db, tmp_path, monkeypatch):
    import shutil
    import sqlite3

    from dashboard.format import escape_markdown

    path = tmp_path / "hostile.sqlite"
    shutil.copy(shared_demo_db, path)
    with sqlite3.connect(path) as connection:
        org_id = connection.execute(
            "select organisatie_id from voorziening where type = 'vg_locatie' group by organisatie_id "
            "order by count(*) desc limit 1"
        ).fetchone()[0]
        connection.execute("update organisatie set naam = ? where id = ?", (HOSTILE, org_id))
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{path}")
    at = run_page("organisatie", {"organisatie_id": org_id})
    assert at.header[0].value == escape_markdown(HOSTILE)
    assert "<script>" not in at.header[0].value
    at = run_page("pilotregios", {"pilot_niveau": "organisatie"})
    for block in at.markdown:
        if "Vet" in block.value:
            assert "\\*\\*Vet\\*\\*" in block.value and "\\<script\\>" in block.value


def test_gegevens_makes_an_export_to_download(demo_app):
    at = run_page("gegevens")
    next(b for b in at.button if b.label == "Export maken").click().run()
    assert not at.exception
    downloads = [d for d in at.get("download_button")]
    assert any("fictief_voorbeeld_voorzieningen.csv" in str(d.proto) for d in downloads)


def test_a_user_error_in_the_analysis_is_shown_in_dutch_not_as_a_traceback(demo_app, monkeypatch):
    from dashboard import cache
    from data.errors import UserError

    def broken(*_args, **_kwargs):
        raise UserError("Voorziening X: kolom lat/lon heeft geen geldige coördinaten.")

    monkeypatch.setattr(cache, "monitor_result", broken)
    at = run_page("pilotregios")
    assert at.error[0].value.startswith("Dit kan niet worden getoond: Voorziening X")
