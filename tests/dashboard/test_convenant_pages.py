"""Following the convenant in the dashboard: bottlenecks and action lines and awareness on Monitoring, the wave
report button, and the pilot register on Pilotregio's (demo database)."""
from __future__ import annotations

import pandas as pd

from dashboard.components.convenant import awareness_chart, awareness_frame, awareness_table, national_table
from tests.dashboard.test_pages import run_page, texts


def test_monitoring_links_bottlenecks_to_action_lines_and_flags_the_uncovered(demo_app):
    at = run_page("monitoring")
    shown = texts(at)
    assert "Knelpunten en actielijnen" in [t.label for t in at.tabs]
    assert "niet gedekt door een actielijn" in shown
    national = next(df.value for df in at.dataframe if "Dekking" in df.value.columns and "Regio's" in df.value.columns)
    assert {"Knelpunt", "Actielijnen", "Stand", "Dekking", "Vorige golf"} <= set(national.columns)
    assert (national["Dekking"] == "niet gedekt door een actielijn").any()
    assert (national["Actielijnen"] != "–").any()
    region = next(df.value for df in at.dataframe if "Toelichting" in df.value.columns)
    assert len(region) > 0 and "Dekking" in region.columns


def test_monitoring_shows_awareness_per_stakeholder_group_as_a_chart(demo_app):
    at = run_page("monitoring")
    assert "Aandeel respondenten dat het convenant kent" in texts(at)
    assert "Bekendheid" in [t.label for t in at.tabs]
    charts = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert charts, "no charts on the page"


def test_monitoring_offers_the_wave_report_as_pdf_and_word(demo_app):
    at = run_page("monitoring")
    buttons = [b for b in at.get("download_button")]
    labels = [b.proto.label for b in buttons]
    assert "Rapport als PDF" in labels and "Rapport als Word" in labels
    assert "Golfrapportage" in texts(at)


def test_pilotregios_shows_which_regions_have_a_commission(demo_app):
    at = run_page("pilotregios")
    shown = texts(at)
    assert "Pilotcommissies" in shown
    register = next(df.value for df in at.dataframe if "Commissie" in df.value.columns)
    assert {"Regio", "Commissie", "Start", "Stand"} <= set(register.columns)
    assert register["Regio"].str.contains("ZK08").any()
    assert "al een pilotcommissie" in shown


def test_shaping_functions_are_dutch_and_complete():
    table = pd.DataFrame({
        "golf": ["2021", "2021", "2024"], "volgorde": [1, 1, 2], "stakeholder": ["aanbieders", "gebruikers", "aanbieders"],
        "bron": ["enquête"] * 3, "bekend": pd.array([1, 2, 3], dtype="Int64"), "totaal": pd.array([4, 8, 6], dtype="Int64"),
        "aandeel": [0.25, 0.25, 0.5],
    })
    frame = awareness_frame(table)
    assert frame["aandeel_tekst"].tolist() == ["25%", "25%", "50%"]
    assert frame["n_tekst"].tolist() == ["1 van 4", "2 van 8", "3 van 6"]
    wide = awareness_table(frame)
    assert wide.columns.tolist()[:3] == ["Stakeholdergroep", "Aandeel golf 2021 (%)", "Respondenten golf 2021"]
    assert wide.loc[0, "Aandeel golf 2024 (%)"] == 50.0 and wide.loc[1, "Respondenten golf 2024"] == "–"
    assert awareness_chart(frame).to_dict()["mark"]["type"] == "bar"
    national = pd.DataFrame({"soort": ["code"], "sleutel": ["IN07"], "knelpunt": ["IN07: kost geld"], "voorwaarde": ["infrastructuur"],
                             "regios": [3], "regios_vorige_golf": pd.array([1], dtype="Int64"), "actielijnen": [[]],
                             "stand": [""], "regios_met_gestarte_actie": [0], "dekking": ["niet gedekt door een actielijn"]})
    shaped = national_table(national, with_previous=True)
    assert shaped.loc[0, "Knelpunt"] == "Bevinding IN07: kost geld" and shaped.loc[0, "Actielijnen"] == "–"
    assert shaped.loc[0, "Vorige golf"] == 1
