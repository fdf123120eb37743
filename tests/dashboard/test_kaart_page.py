"""The Kaart page with AppTest (no browser): controls, selection from the session state, empty database."""
from __future__ import annotations

import re

from pathlib import Path

from streamlit.testing.v1 import AppTest

PAGE = Path(__file__).resolve().parents[2] / "dashboard" / "pages" / "kaart.py"
TIMEOUT = 120  # the first run on the national demo computes every indicator


def run(state: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=TIMEOUT)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def legend_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown if "mgz-legend" in m.value)


def test_kaart_opens_on_zorgkantoorregio_signals_with_a_legend(demo_app):
    at = run()
    assert at.selectbox(key="kaart_niveau").value == "zorgkantoorregio"
    assert at.selectbox(key="kaart_kleur_zorgkantoorregio").value == "signaal"
    wave = at.selectbox(key="kaart_golf")
    assert wave.value == "2024" and "Alle golven samen" in wave.options  # latest wave; all waves stay selectable
    legend = legend_text(at)
    assert "Netwerk te zwak" in legend and "Onvoldoende gegevens" in legend and "Dik omlijnd" in legend
    assert not at.error


def test_a_selected_region_shows_its_profile_under_the_map(demo_app):
    at = run({"regio_niveau": "zorgkantoorregio", "regio_code": "ZK08"})
    assert [h.value for h in at.subheader] == ["Friesland (zorgkantoorregio)"]
    assert len(at.dataframe) == 2  # condition scores and indicators ('Kaart als tabel' is drawn once opened)
    at.session_state["kaart_tabel"] = True  # the user opens 'Kaart als tabel'
    at.run()
    assert len(at.dataframe) == 3  # the map as a table, condition scores and indicators
    assert [e.label for e in at.expander if e.dataframe] == ["Kaart als tabel"]
    assert any(b.label == "Volledig regioprofiel openen" for b in at.button)
    signal = at.warning[-1].value  # after the demo banner
    assert signal.startswith("Signaal: netwerk te zwak.") and re.search(r"Gegevens over (\d+) van de \1 VG", signal)
    assert "robuust" in signal


def test_hap_service_areas_are_a_level_coloured_by_indicators_only(demo_app):
    at = run()
    at.selectbox(key="kaart_niveau").set_value("hap").run()
    assert not at.exception
    options = at.selectbox(key="kaart_kleur_hap").options
    assert options and not any(o.startswith(("Signaal", "Score")) for o in options)
    assert at.selectbox(key="kaart_kleur_hap").value == "indicator:reistijd_eigen_hap_min_mediaan"
    assert "Reistijd naar eigen HAP (mediaan, geschat), minuten" in legend_text(at)
    # Said, not silent: no signals, scores or wave at this level, and why.
    assert any("HAP-werkgebieden hebben geen signalen of scores" in c.value for c in at.caption)
    # The unit stands once, in the legend's title; the classes are bare numbers.
    classes = [line for line in legend_text(at).split("<span>") if " – " in line]
    assert classes and not any("min" in line for line in classes)


def test_a_hap_area_profile_keeps_its_capitals(demo_app):
    at = run({"kaart_niveau": "hap", "regio_niveau": "hap", "regio_code": "HAP001"})
    assert [h.value for h in at.subheader][0].endswith("(HAP-werkgebied)")


def test_kaart_on_an_empty_database_points_to_gegevens(empty_app):
    at = run()
    assert any("Nog geen gegevens" in i.value for i in at.info)


def test_a_wrong_background_setting_still_draws_the_map_without_background(demo_app, monkeypatch):
    monkeypatch.setenv("MGZ_TILES", "google")
    at = run()
    assert any("MGZ_TILES moet 'osm' of 'geen' zijn" in w.value and "zonder achtergrond" in w.value for w in at.warning)
    assert any("geen achtergrondkaart (MGZ_TILES=geen)" in c.value for c in at.caption)
    assert at.selectbox(key="kaart_niveau").value == "zorgkantoorregio"  # the page goes on


def test_the_openstreetmap_background_says_why_it_stays_grey_offline(demo_app, monkeypatch):
    monkeypatch.setenv("MGZ_TILES", "osm")
    at = run()
    assert any("zonder internet blijft die grijs; zet dan MGZ_TILES=geen" in c.value for c in at.caption)
    assert not at.warning or all("MGZ_TILES" not in w.value for w in at.warning)
