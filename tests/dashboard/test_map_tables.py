"""Every map page has a text alternative: 'Kaart als tabel' with the same regions, values, colours and signals
as the map the page sends to the browser, and a select box that reaches every region without a mouse.

The map is read from what the page hands streamlit-folium (the GeoJSON, its tooltips and the style per region),
so the test compares the table with the map itself, not with the frames both were built from.
"""
from __future__ import annotations

import html
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.format import number, percent
from dashboard.maps import compose
from dashboard.maps.palette import INSUFFICIENT_COLOUR
from dashboard.maps.table import CODE, COLOUR, NAME, SIGNAL, value_display

PAGES = Path(__file__).resolve().parents[2] / "dashboard" / "pages"
TIMEOUT = 120  # the first run on the national demo computes every indicator
EXPANDER = "Kaart als tabel"


@pytest.fixture
def maps(monkeypatch) -> list:
    """Every map a page hands streamlit-folium in a run: the folium Map and the feature groups added to it."""
    import streamlit_folium

    drawn = []
    original = streamlit_folium.st_folium

    def recording(fig, *args, **kwargs):
        extra = kwargs.get("feature_group_to_add") or []
        drawn.append([fig, *(extra if isinstance(extra, (list, tuple)) else [extra])])
        return original(fig, *args, **kwargs)

    monkeypatch.setattr(streamlit_folium, "st_folium", recording)
    for name, module in list(sys.modules.items()):  # modules that imported st_folium by name already
        if name.startswith("dashboard.") and getattr(module, "st_folium", None) is original:
            monkeypatch.setattr(module, "st_folium", recording)
    return drawn


def run(page: str, state: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=TIMEOUT)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def features(elements) -> list[dict]:
    """The features of every GeoJSON-like layer in the given folium elements and their children (folium.GeoJson
    and the app's compact layers both keep their collection in ``data``)."""
    found, stack, seen = [], list(elements), set()
    while stack:
        element = stack.pop()
        if id(element) in seen:  # streamlit-folium may add the feature groups to the map as well
            continue
        seen.add(id(element))
        data = getattr(element, "data", None)
        if isinstance(data, dict) and isinstance(data.get("features"), list):
            found += data["features"]
        stack += list(getattr(element, "_children", {}).values())
    return found


def region_features(maps: list) -> list[dict]:
    """The region features of the page's last map: they carry the region code (property ``c``)."""
    return [f for f in features(maps[-1]) if "c" in f.get("properties", {})]


def tooltip(text: str) -> tuple[str, list[str]]:
    """A tooltip's title and its lines, unescaped."""
    title, *lines = text.split("<br>")
    return html.unescape(re.sub(r"</?b>", "", title)), [html.unescape(line) for line in lines]


def fields(lines: list[str]) -> dict[str, str]:
    """The 'label: value' lines of a tooltip as a dict."""
    return dict(line.partition(": ")[::2] for line in lines)


def map_table(at: AppTest) -> pd.DataFrame:
    expanders = [e for e in at.expander if e.label == EXPANDER]
    assert len(expanders) == 1, "the map has no 'Kaart als tabel' beside it"
    return expanders[0].dataframe[0].value


def legend_colours(at: AppTest) -> dict[str, str]:
    """Legend label -> its colour (the last colour in the swatch's background: the fill under any pattern)."""
    legend = next(m.value for m in at.markdown if "mgz-legend" in m.value)
    pairs = re.findall(r'background:([^;"]*);[^>]*></span><span>([^<]*)</span>', legend)
    return {html.unescape(label): re.findall(r"#[0-9a-fA-F]{3,6}", background)[-1] for background, label in pairs}


def shown_text(choice: str, value: float) -> str:
    """The number as the map's tooltip writes it, from the table's (already scaled and rounded) number."""
    display = value_display(choice)
    if pd.isna(value):
        return "onvoldoende gegevens"
    if display.unit == "%":
        return percent(value / 100, display.decimals)
    return number(value, display.decimals, display.unit)


CASES = [
    ("zorgkantoorregio", compose.SIGNAL_KEY),
    ("zorgkantoorregio", "indicator:aandeel_locaties_zonder_huisarts"),
    ("provincie", "voorwaarde:netwerk_te_zwak"),
    ("gemeente", "voorwaarde:infrastructuur"),
    ("hap", f"indicator:{compose.DEFAULT_INDICATOR}"),
]
TEXT_COLUMNS = (NAME, COLOUR, SIGNAL, "Volledigheid", "Zekerheid", "Reden")


@pytest.mark.parametrize(("niveau", "choice"), CASES, ids=[f"{n}-{c}" for n, c in CASES])
def test_kaart_table_has_the_same_regions_values_colours_and_signals_as_the_map(demo_app, maps, niveau, choice):
    at = run("kaart", {"kaart_niveau": niveau, f"kaart_kleur_{niveau}": choice})
    # The Kaart page draws the table once the user opens 'Kaart als tabel' (issue 13: the map comes first).
    assert [e.label for e in at.expander].count(EXPANDER) == 1, "the map has no 'Kaart als tabel' beside it"
    at.session_state["kaart_tabel"] = True  # the user opens the expander
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    regions = region_features(maps)
    table = map_table(at).set_index(CODE)

    # The same regions, once each.
    codes = [f["properties"]["c"] for f in regions]
    assert len(codes) == len(set(codes)) == len(table) > 0
    assert set(codes) == set(table.index)

    legend = legend_colours(at)
    numbers = [c for c in table.columns if c not in TEXT_COLUMNS]
    assert len(numbers) == (0 if value_display(choice) is None else 1)
    value_column = numbers[0] if numbers else None
    for feature in regions:
        code, colour = feature["properties"]["c"], feature["properties"]["k"]  # k: the fill colour
        row = table.loc[code]
        name, (first, *rest) = tooltip(feature["properties"]["t"])
        lines = fields(rest)
        assert row[NAME] == name
        # The value (the tooltip's first line): the table's number written as the map writes it.
        label, shown = fields([first]).popitem()
        assert label == compose.value_label(choice)
        # The colour: the table's class is the legend entry of the region's fill colour.
        if feature["properties"].get("h"):  # grey and hatched
            assert shown == "onvoldoende gegevens" and row[COLOUR] == "Onvoldoende gegevens", code
            assert colour == INSUFFICIENT_COLOUR
        else:
            if value_column is not None:
                assert shown_text(choice, row[value_column]) == shown, code
            else:
                assert row[COLOUR] == shown, code  # signal colouring: the class is the value
            assert legend[row[COLOUR]] == colour, code
        # The signal (thick outline) and the tooltip's extra lines.
        if niveau in compose.MONITOR_LEVELS:
            assert row[SIGNAL] == lines.get("Signaal", "geen"), code
            for label in ("Volledigheid", "Zekerheid", "Reden"):
                assert (row[label] or None) == lines.get(label), (code, label)
        else:
            assert SIGNAL not in table.columns

    if value_column is not None:
        assert pd.api.types.is_float_dtype(table[value_column])  # numbers stay numbers: sortable


def test_kaart_every_region_on_the_map_is_in_the_select_box_and_choosing_one_opens_its_profile(demo_app, maps):
    at = run("kaart")
    codes = {f["properties"]["c"] for f in region_features(maps)}
    assert not any(getattr(group, "layer_name", None) == "Selectie" for group in maps[-1])
    box = at.selectbox(key="kaart_regio_zorgkantoorregio")
    assert {re.search(r"\((\w+)\)$", option).group(1) for option in box.options} == codes
    assert len(box.options) == len(codes)
    assert box.value is None
    box.set_value("ZK08").run()
    assert not at.exception
    assert at.session_state["regio_code"] == "ZK08" and at.session_state["regio_niveau"] == "zorgkantoorregio"
    assert [h.value for h in at.subheader] == ["Friesland (zorgkantoorregio)"]
    # The map draws the chosen region's outline too (the selection layer), as after a click.
    assert any(getattr(group, "layer_name", None) == "Selectie" for group in maps[-1])


def test_kaart_select_box_follows_a_click_on_the_map(demo_app):
    at = run("kaart", {"regio_niveau": "zorgkantoorregio", "regio_code": "ZK27"})  # what a click stores
    assert at.selectbox(key="kaart_regio_zorgkantoorregio").value == "ZK27"


def test_organisatie_table_has_the_same_points_kinds_and_rings_as_the_map(demo_app, maps):
    at = run("organisatie")
    points = [tooltip(f["properties"]["t"]) for f in features(maps[-1]) if f["geometry"]["type"] == "Point"]
    on_map = Counter((name, lines[0]) for name, lines in points)  # the first line is the kind
    table = map_table(at)
    expected = Counter(zip(table["Naam"], table["Soort"]))
    # A location without a GP is drawn twice: its marker and the vermillion ring around it.
    ringed = table[table["Zonder huisarts (ring)"] == "ja"]
    expected.update(zip(ringed["Naam"], ringed["Soort"]))
    assert len(table) > 0 and on_map == expected
    assert (table["Zonder huisarts (ring)"] == "ja").any()


def test_dekking_table_has_the_same_locations_and_colour_classes_as_the_map(demo_app, maps):
    from dashboard.maps.coverage import CLASS_LABELS

    at = run("dekking")
    # The Dekking map's locations carry their id (i) and colour class (k); the other points are HAPs and poli's.
    located = [f["properties"] for f in features(maps[-1]) if "i" in f.get("properties", {})]
    table = map_table(at)
    assert len(table) > 0 and len(located) == len(table) == table["Id"].nunique()
    classes = dict(zip(table["Id"], table[COLOUR]))
    assert {p["i"]: CLASS_LABELS[p["k"]] for p in located} == classes
    names = dict(zip(table["Id"], table["VG-locatie"]))
    assert all(tooltip(p["t"])[0] == names[p["i"]] for p in located)
