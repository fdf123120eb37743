"""Map builders tested as HTML, without a browser: offline assets, escaping, styles, size."""
from __future__ import annotations

import json
import re
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from dashboard import assets
from dashboard.format import number
from dashboard.maps import compose
from dashboard.maps.base import base_map, map_html, tiles_setting, with_layers
from dashboard.maps.facilities import facility_layer, service_area_layer
from dashboard.maps.geojson import (
    CompactGeoJson,
    compact_collection,
    decode_line,
    encode_line,
    escape,
    feature_collection,
    script_json,
    tooltip_html,
)
from dashboard.maps import points as packed
from dashboard.maps.outlines import clean_outline, service_area_outlines
from dashboard.maps.palette import (
    FLAG_OUTLINE,
    INSUFFICIENT_COLOUR,
    Legend,
    LegendItem,
    classify_diverging,
    classify_sequential,
    classify_signals,
    legend_html,
)
from dashboard.maps.regions import region_layer, selection_layer
from data.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<script>alert(1)</script>"
MAX_MAP_BYTES = 1_500_000


def three_regions() -> gpd.GeoDataFrame:
    """Three unit-ish squares side by side near Utrecht; B has a hostile name."""
    return gpd.GeoDataFrame(
        {"code": ["A", "B", "C"], "naam": ["Alfa", HOSTILE, "Gamma"]},
        geometry=[box(5.0, 52.0, 5.1, 52.1), box(5.1, 52.0, 5.2, 52.1), box(5.2, 52.0, 5.3, 52.1)],
        crs="EPSG:4326",
    )


def facility(**values) -> dict:
    row = {
        "id": "f1", "type": "hap", "naam": "Post", "organisatie_id": None, "organisatie_naam": None, "adres": None,
        "postcode": None, "plaats": "Utrecht", "lat": 52.05, "lon": 5.05, "locatie_bij_benadering": False,
        "avg_fte": np.nan, "clienten": pd.NA, "anw_open": True,
    }
    row.update(values)
    return row


def minutes(value: float) -> str:
    return number(value, 0, "min")


def geojson_children(group: folium.FeatureGroup) -> list:
    """The GeoJSON layers of a group: folium.GeoJson or the national map's CompactGeoJson (same .data features)."""
    return [child for child in group._children.values() if isinstance(child, (folium.GeoJson, CompactGeoJson))]


def full_map(layers, tiles: str = "geen") -> str:
    return map_html(with_layers(base_map(tiles), layers))


# -- offline assets -------------------------------------------------------------------------------------


def all_layers() -> list[folium.FeatureGroup]:
    regions = three_regions()
    shade = classify_sequential(regions["code"], pd.Series([1.0, np.nan, 3.0]), minutes, "Reistijd")
    facilities = pd.DataFrame(
        [facility(), facility(id="f2", type="vg_locatie", clienten=4), facility(id="f3", type="avg_poli", avg_fte=1.5),
         facility(id="f4", type="huisartsenpraktijk", locatie_bij_benadering=True)]
    )
    return [
        region_layer(regions, shade.frame, "gemeente", "Reistijd", {"C": "netwerk te zwak"}),
        service_area_layer(regions.iloc[:1]),
        *[facility_layer(facilities, kind) for kind in ("hap", "vg_locatie", "avg_poli", "huisartsenpraktijk")],
        selection_layer(regions.geometry.iloc[0]),
    ]


def test_map_without_tiles_requests_nothing_outside_the_app():
    html = full_map(all_layers())
    assert not re.search(r"https?://|//cdn|cdnjs|jsdelivr|code\.jquery|bootstrapcdn", html)
    sources = re.findall(r'<script src="([^"]+)"', html) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert sources == ["/app/static/vendor/leaflet/leaflet.js", "/app/static/vendor/leaflet/leaflet.css"]


def test_map_with_osm_tiles_loads_only_tiles_from_outside():
    html = full_map(all_layers(), tiles="osm")
    outside = set(re.findall(r"https?://[^\s\"'<>\\]+", html))
    assert outside == {"https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://www.openstreetmap.org/copyright"}


def test_local_assets_follow_the_base_url_path():
    m = assets.use_local_assets(folium.Map(tiles=None), base_url_path="/mgz/")
    assert m.default_js == [("leaflet", "/mgz/app/static/vendor/leaflet/leaflet.js")]
    assert m.default_css == [("leaflet_css", "/mgz/app/static/vendor/leaflet/leaflet.css")]


def test_npm_pins_the_leaflet_version_folium_expects():
    expected = dict(folium.folium._default_js)["leaflet"]
    assert f"leaflet@{assets.LEAFLET_VERSION}/" in expected
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["leaflet"] == assets.LEAFLET_VERSION
    assert lock["packages"]["node_modules/leaflet"]["version"] == assets.LEAFLET_VERSION


def test_copy_script_and_assets_module_list_the_same_files():
    script = (ROOT / "scripts" / "copy-static-vendor.js").read_text(encoding="utf-8")
    pairs = re.findall(r'\["([^"]+)", "([^"]+)"\]', script)
    assert {to: source for source, to in pairs} == assets.FILES
    served = {path for _, path in assets.JS + assets.CSS}
    assert served <= set(assets.FILES)


def test_missing_vendor_files_are_copied_from_node_modules(tmp_path):
    node_modules = tmp_path / "node_modules"
    for source in assets.FILES.values():
        (node_modules / source).parent.mkdir(parents=True, exist_ok=True)
        (node_modules / source).write_text(f"copy of {source}")
    vendor = tmp_path / "static" / "vendor"
    assert set(assets.missing_files(vendor)) == set(assets.FILES)
    assert assets.ensure_vendor_files(vendor, node_modules) == []
    assert (vendor / "leaflet" / "leaflet.js").read_text() == "copy of leaflet/dist/leaflet.js"


def test_vendor_files_say_what_is_missing_when_npm_did_not_run(tmp_path):
    assert assets.ensure_vendor_files(tmp_path / "vendor", tmp_path / "no_node_modules") == list(assets.FILES)


# -- escaping -------------------------------------------------------------------------------------------


def test_escape_makes_markup_inert_and_flattens_whitespace():
    assert escape('<b a="1">x\n y</b>') == "&lt;b a=&quot;1&quot;&gt;x y&lt;/b&gt;"
    assert escape(None) == "" and escape(float("nan")) == ""
    assert tooltip_html(HOSTILE, [("Plaats", "<i>"), ("Leeg", None)]) == (
        "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b><br>Plaats: &lt;i&gt;"
    )


def test_hostile_region_and_facility_names_are_escaped_in_the_html():
    regions = three_regions()
    shade = classify_sequential(regions["code"], pd.Series([1.0, 2.0, 3.0]), minutes, "Reistijd")
    facilities = pd.DataFrame([facility(naam=HOSTILE, plaats='<img src=x onerror="alert(2)">', organisatie_naam="<b>org</b>")])
    regions_group = region_layer(regions, shade.frame, "gemeente", "<i>Reistijd</i>", {"B": "<u>signaal</u>"})
    points = facility_layer(facilities, "hap")
    compact = packed.point_layer(packed.point_layer_data(facilities, "hap"))
    html = full_map([regions_group, points, compact])
    for raw in (HOSTILE, "<img", "<b>org", "<i>Reistijd", "<u>signaal"):
        assert raw not in html
    tips = [f["properties"]["t"] for f in geojson_children(regions_group)[0].data["features"]]
    assert "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b><br>&lt;i&gt;Reistijd&lt;/i&gt;: 2 min<br>Signaal: &lt;u&gt;signaal&lt;/u&gt;" in tips
    assert packed.point_layer_data(facilities, "hap").payload["n"] == ["&lt;script&gt;alert(1)&lt;/script&gt;"]
    point_tip = geojson_children(points)[0].data["features"][0]["properties"]["t"]
    assert point_tip.startswith("<b>&lt;script&gt;alert(1)&lt;/script&gt;</b><br>Huisartsenpost")
    assert "Plaats: &lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in point_tip


def test_level_name_is_a_json_string_in_the_click_script():
    regions = three_regions()
    shade = classify_sequential(regions["code"], pd.Series([1.0, 2.0, 3.0]), minutes, "R")
    html = full_map([region_layer(regions, shade.frame, 'x"</script>', "R")])
    assert 'n: "x\\"\\u003c/script\\u003e"' in html


# -- styles ---------------------------------------------------------------------------------------------


def region_styles(group: folium.FeatureGroup) -> dict[str, dict]:
    layer = geojson_children(group)[0]
    return {f["properties"]["c"]: layer.style_of(f) for f in layer.data["features"]}


def test_regions_without_data_are_grey_hatched_and_dashed_never_a_value_colour():
    regions = three_regions()
    shade = classify_sequential(regions["code"].iloc[:2], pd.Series([1.0, np.nan]), minutes, "Reistijd")
    group = region_layer(regions, shade.frame, "gemeente", "Reistijd")  # C is not in the shading at all
    styles = region_styles(group)
    for code in ("B", "C"):
        assert styles[code]["fillColor"] == INSUFFICIENT_COLOUR
        assert styles[code]["dashArray"] == "4 3"
    assert styles["A"]["fillColor"] != INSUFFICIENT_COLOUR and "dashArray" not in styles["A"]
    features = {f["properties"]["c"]: f["properties"] for f in geojson_children(group)[0].data["features"]}
    assert features["B"]["h"] == 1 and features["C"]["h"] == 1 and "h" not in features["A"]  # h: hatch in browser
    assert "onvoldoende gegevens" in features["C"]["t"]
    assert INSUFFICIENT_COLOUR in full_map([group]) and "createPattern" in full_map([group])


def test_flagged_regions_are_outlined_thick_and_drawn_last():
    regions = three_regions()
    shade = classify_sequential(regions["code"], pd.Series([1.0, 2.0, 3.0]), minutes, "Reistijd")
    group = region_layer(regions, shade.frame, "gemeente", "Reistijd", {"A": "netwerk te zwak"})
    styles = region_styles(group)
    assert styles["A"]["color"] == FLAG_OUTLINE and styles["A"]["weight"] == 3
    assert styles["B"]["weight"] < 1
    assert [f["properties"]["c"] for f in geojson_children(group)[0].data["features"]] == ["B", "C", "A"]


def test_tooltips_show_completeness_robustness_and_why_data_are_insufficient():
    regions = three_regions()
    signals = pd.DataFrame(
        {
            "code": ["A", "B", "C"],
            "zwak_netwerk": [True, True, False],
            "te_sterk_netwerk": [False, False, False],
            "onvoldoende_gegevens": [False, False, True],
            "redenen": [["a"], ["b"], [f"Onvoldoende gegevens: {HOSTILE}"]],
            "volledigheid": [0.6, 1.0, 0.2],
            "volledigheid_tekst": ["gegevens over 18 van de 30 VG-locaties", "gegevens over 4 van de 4 VG-locaties",
                                   "gegevens over 1 van de 5 VG-locaties"],
            "robuust": [True, False, False],
            "varianten": [40, 40, 40],
            "varianten_met_signaal": [40, 30, 0],
        }
    )
    shade = classify_signals(signals["code"], signals["zwak_netwerk"], signals["te_sterk_netwerk"],
                             signals["onvoldoende_gegevens"], "Signaal")
    details = compose.signal_details(signals)
    group = region_layer(regions, shade.frame, "zorgkantoorregio", "Signaal", compose.flags(signals), details=details)
    tips = {f["properties"]["c"]: f["properties"]["t"] for f in geojson_children(group)[0].data["features"]}
    assert "Volledigheid: gegevens over 18 van de 30 VG-locaties (60%)<br>Zekerheid: robuust" in tips["A"]
    assert "Zekerheid: gevoelig: signaal in 30 van de 40 varianten" in tips["B"]
    assert "Volledigheid: gegevens over 1 van de 5 VG-locaties (20%)" in tips["C"]
    assert "Reden: Onvoldoende gegevens: &lt;script&gt;" in tips["C"] and "Zekerheid" not in tips["C"]
    assert compose.signal_details(None) == {}


def test_condition_legend_reads_knelpunt_to_geen_knelpunt():
    conditions = pd.DataFrame({"code": ["A", "A"], "voorwaarde": ["netwerk_te_zwak", "infrastructuur"],
                               "score": [-1.0, 1.5]})
    weak = compose.shading("voorwaarde:netwerk_te_zwak", "zorgkantoorregio", {}, None, conditions).legend.note
    infra = compose.shading("voorwaarde:infrastructuur", "zorgkantoorregio", {}, None, conditions).legend.note
    assert weak == "−2 = knelpunt, +2 = geen knelpunt."
    assert infra.startswith("−2 = knelpunt (system failure), +2 = geen knelpunt (good practice)")
    assert not any(word in weak + infra for word in ("belemmerend", "bevorderend"))


def test_selection_lets_clicks_through():
    group = selection_layer(box(5, 52, 5.1, 52.1))
    assert all(layer.options["interactive"] is False for layer in geojson_children(group))
    assert geojson_children(selection_layer(None)) == []


def test_service_areas_are_unfilled_and_not_clickable():
    layer = geojson_children(service_area_layer(three_regions()))[0]
    style = layer.style_function(layer.data["features"][0])
    assert style["fill"] is False and layer.options["interactive"] is False


def test_facilities_without_coordinates_are_left_out_and_small_client_counts_masked():
    frame = pd.DataFrame([facility(type="vg_locatie", clienten=4), facility(id="f2", type="vg_locatie", lat=np.nan)])
    layer = geojson_children(facility_layer(frame, "vg_locatie"))[0]
    assert len(layer.data["features"]) == 1
    assert "Cliënten: &lt;10" in layer.data["features"][0]["properties"]["t"]


def test_coordinates_are_rounded_and_empty_geometries_dropped():
    collection = feature_collection([box(5.123456, 52.0, 5.2, 52.1234567), Polygon()], [{}, {}], ids=["a", "b"])
    assert len(collection["features"]) == 1
    coordinates = np.array(collection["features"][0]["geometry"]["coordinates"][0])
    assert np.allclose(coordinates, np.round(coordinates, 4))
    assert {5.1235, 52.1235} <= set(coordinates.ravel())


# -- colour classes and legend ------------------------------------------------------------------------


def test_sequential_classes_use_equal_intervals_and_dutch_labels():
    shade = classify_sequential(pd.Series(list("abcde")), pd.Series([0.0, 2.5, 5.0, 7.5, 10.0]),
                                lambda v: number(v, 1, "km"), "Spreiding")
    colours = shade.frame["kleur"].tolist()
    assert len(set(colours)) == 5 and colours == sorted(set(colours), key=colours.index)
    assert [item.label for item in shade.legend.items][:2] == ["0,0 km – 2,0 km", "2,0 km – 4,0 km"]
    assert shade.legend.items[-1].hatched
    reversed_ = classify_sequential(pd.Series(list("abcde")), pd.Series([0.0, 2.5, 5.0, 7.5, 10.0]), str, "x", reverse=True)
    assert reversed_.frame["kleur"].tolist() == colours[::-1]


def test_few_whole_numbers_get_one_class_per_value():
    shade = classify_sequential(pd.Series(list("abcd")), pd.Series([0.0, 1.0, 3.0, 1.0]), lambda v: number(v, 0), "HAP's")
    assert [item.label for item in shade.legend.items] == ["0", "1", "2", "3", "Onvoldoende gegevens"]
    frame = shade.frame.set_index("code")
    assert frame.loc["b", "kleur"] == frame.loc["d", "kleur"] != frame.loc["a", "kleur"]


def test_sequential_with_one_value_or_none_known():
    one = classify_sequential(pd.Series(["a", "b"]), pd.Series([3.0, 3.0]), str, "x")
    assert one.frame["kleur"].nunique() == 1 and len(one.legend.items) == 2
    none = classify_sequential(pd.Series(["a"]), pd.Series([np.nan]), str, "x")
    assert none.frame["onvoldoende"].tolist() == [True] and none.frame["kleur"].tolist() == [INSUFFICIENT_COLOUR]


def test_diverging_scores_are_symmetric_around_zero():
    shade = classify_diverging(pd.Series(list("abcd")), pd.Series([-2.0, 0.0, 2.0, np.nan]), lambda v: number(v, 1), "S", limit=2)
    frame = shade.frame.set_index("code")
    assert frame.loc["a", "kleur"] == "#e66101" and frame.loc["c", "kleur"] == "#5e3c99"  # orange bad, purple good
    assert frame.loc["b", "kleur"] == "#f7f7f7"
    assert frame.loc["d", "kleur"] == INSUFFICIENT_COLOUR and frame.loc["d", "tekst"] == "onvoldoende gegevens"


def test_signals_never_show_insufficient_data_as_no_signal():
    shade = classify_signals(
        pd.Series(list("abcd")), pd.Series([True, False, False, False]), pd.Series([False, True, False, False]),
        pd.Series([False, False, True, False]), "Signaal",
    )
    frame = shade.frame.set_index("code")
    assert frame.loc["c", "kleur"] == INSUFFICIENT_COLOUR and frame.loc["c", "onvoldoende"]
    assert frame.loc["d", "tekst"] == "Geen signaal" and not frame.loc["d", "onvoldoende"]
    assert frame.loc["a", "tekst"] == "Netwerk te zwak" and frame.loc["b", "tekst"] == "Netwerk te sterk"


def test_legend_html_escapes_labels():
    html = legend_html(Legend("<b>T</b>", (LegendItem("#000000", HOSTILE), LegendItem("#fff", "x", hatched=True)), "<i>n</i>"))
    assert HOSTILE not in html and "&lt;script&gt;" in html and "&lt;b&gt;T&lt;/b&gt;" in html
    assert "repeating-linear-gradient" in html


# -- settings, outlines, composition -----------------------------------------------------------------


def test_tiles_setting_defaults_to_osm_and_rejects_unknown_values():
    assert tiles_setting({}) == "osm"
    assert tiles_setting({"MGZ_TILES": " Geen "}) == "geen"
    with pytest.raises(UserError, match="MGZ_TILES"):
        tiles_setting({"MGZ_TILES": "google"})
    assert "tile.openstreetmap.org" not in full_map([])


def test_clean_outline_drops_pinholes_and_crumbs_but_keeps_enclaves():
    outer = [(0, 0), (1, 0), (1, 1), (0, 1)]
    pinhole = [(0.1, 0.1), (0.1001, 0.1), (0.1001, 0.1001)]
    enclave = [(0.4, 0.4), (0.6, 0.4), (0.6, 0.6), (0.4, 0.6)]
    crumb = box(2, 2, 2.001, 2.001)
    cleaned = clean_outline(MultiPolygon([Polygon(outer, [pinhole, enclave]), crumb]))
    assert cleaned.geom_type == "Polygon" and len(cleaned.interiors) == 1
    assert cleaned.area == pytest.approx(1 - 0.04)
    assert clean_outline(crumb) is None and clean_outline(None) is None


def test_service_area_outlines_dissolve_the_pc4_shapes_of_each_hap():
    pc4 = gpd.GeoDataFrame(
        {"code": ["1000", "1001", "2000"]}, geometry=[box(5, 52, 5.1, 52.1), box(5.1, 52, 5.2, 52.1), box(6, 52, 6.1, 52.1)],
        crs="EPSG:4326",
    )
    pairs = pd.DataFrame({"hap_id": ["H1", "H1", "H2", "H3"], "pc4": ["1000", "1001", "2000", "9999"]})
    summary = pd.DataFrame({"hap_id": ["H1", "H2", "H3"], "naam": ["Een", "Twee", "Drie"]})
    out = service_area_outlines(pairs, summary, pc4).set_index("hap_id")
    assert list(out.index) == ["H1", "H2"]  # H3 has no PC4 with a shape
    assert out.loc["H1", "geometry"].area == pytest.approx(0.02) and out.loc["H1", "naam"] == "Een"


def test_flags_and_choices():
    signals = pd.DataFrame({"code": ["A", "B", "C", "D"], "zwak_netwerk": [True, False, True, False],
                            "te_sterk_netwerk": [False, True, True, False]})
    assert compose.flags(signals) == {"A": "netwerk te zwak", "B": "netwerk te sterk", "C": "netwerk te zwak én te sterk"}
    assert compose.flags(None) == {}
    keys = [c.key for c in compose.colour_choices("zorgkantoorregio")]
    assert keys[0] == compose.SIGNAL_KEY and "voorwaarde:netwerk_te_zwak" in keys and "indicator:aandeel_formeel" in keys
    assert not any(k.startswith(("signaal", "voorwaarde")) for k in (c.key for c in compose.colour_choices("hap")))
    assert compose.indicator_formatter("aandeel_formeel")(0.126) == "13%"
    assert compose.indicator_formatter("reistijd_hap_min_mediaan")(12.4) == "12 min"
    assert compose.indicator_formatter("clienten")(7) == "<10"


# -- the national map ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def national(_demo_template):
    """Registry, web geography and geo analysis of the national demo (computed once for this module)."""
    from data.db import make_engine
    from data.registry import load_geography, load_registry
    from geo.analysis import analyse

    from monitor.analysis import analyse_level

    engine = make_engine(f"sqlite:///{_demo_template}")
    registry = load_registry(engine)
    geography = load_geography(engine)
    result = analyse(registry, geography)
    web = load_geography(engine, web=True).regions
    engine.dispose()
    areas = service_area_outlines(result.service_area_pc4, result.service_areas, web[web["niveau"] == "pc4"])
    latest = str(registry.waves.sort_values("volgorde")["code"].iloc[-1])
    signals = analyse_level(result, registry, geography, "gemeente", latest).signals
    return registry, web, result, areas, signals


@pytest.mark.parametrize("niveau", ["gemeente", "hap"])
def test_national_map_with_every_layer_stays_under_one_and_a_half_megabyte(national, niveau):
    registry, web, result, areas, signals = national
    choice = "indicator:reistijd_hap_min_mediaan"
    shapes = compose.region_shapes(niveau, web, areas)
    shade = compose.shading(choice, niveau, result.indicators, None, None)
    everything = (*compose.POINT_LAYERS, compose.SERVICE_AREAS)
    details = compose.signal_details(signals) if niveau == "gemeente" else None  # tooltips with completeness
    layers = compose.layers(
        niveau, choice, shapes, shade, compose.flags(signals) if details else {}, registry.facilities, areas,
        everything, shapes["code"].iloc[0], details,
    )
    html = full_map(layers)
    assert len(html.encode("utf-8")) < MAX_MAP_BYTES
    drawn = [child for group in layers for child in group._children.values()]
    regions = sum(len(c.data["features"]) for c in drawn if isinstance(c, CompactGeoJson) and c.data["features"][0]["properties"])
    points = sum(len(packed.unpack_coordinates(c.payload["o"], c.payload["p"])[0]) for c in drawn if isinstance(c, packed.PackedPoints))
    assert regions == len(shapes) and points == registry.facilities[["lat", "lon"]].notna().all(axis=1).sum()
    assert not re.search(r"https?://", html)


def test_map_builders_do_not_import_streamlit():
    from tests.test_layers import imported_top_modules

    for path in [*(ROOT / "dashboard" / "maps").glob("*.py"), ROOT / "dashboard" / "assets.py"]:
        assert "streamlit" not in imported_top_modules(path), path.name


# -- compact layers of the national map -----------------------------------------------------------------


def test_encoded_lines_decode_to_the_rounded_coordinates():
    ring = [(5.12341, 52.0), (5.2, 52.12344), (4.9, 51.95), (5.12341, 52.0)]
    assert np.allclose(decode_line(encode_line(ring)), np.round(np.array(ring), 4))
    # A fraction of GeoJSON's characters (about seventeen a vertex).
    circle = np.round(np.array(shapely.Point(5.1, 52.1).buffer(0.05, 64).exterior.coords), 4)
    assert len(encode_line(circle)) * 3 < len(json.dumps(circle.tolist()))
    collection = compact_collection([MultiPolygon([box(5, 52, 5.1, 52.1), box(6, 52, 6.1, 52.1)]), Polygon()], [{}, {}], ids=["a", "b"])
    assert [f["id"] for f in collection["features"]] == ["a"] and len(collection["features"][0]["geometry"]["c"]) == 2


def test_packed_points_round_trip_within_a_few_metres():
    rng = np.random.default_rng(3)
    lat, lon = rng.uniform(50.75, 53.55, 500), rng.uniform(3.35, 7.2, 500)
    origin, text = packed.pack_coordinates(lat, lon)
    back_lat, back_lon = packed.unpack_coordinates(origin, text)
    assert np.abs(back_lat - lat).max() <= 0.5e-4 + 1e-9 and np.abs(back_lon - lon).max() <= 0.5e-4 + 1e-9
    assert len(text) <= 5.4 * len(lat)  # about 5 characters a point


def test_point_layers_carry_names_only_while_small_and_details_load_on_click():
    frame = pd.DataFrame([facility(id=f"v{i}", type="vg_locatie", naam=f"Locatie {i}", lon=5 + i / 100, clienten=20)
                          for i in range(5)] + [facility(id="nan", type="vg_locatie", lat=np.nan)])
    small = packed.point_layer_data(frame, "vg_locatie")
    large = packed.point_layer_data(frame, "vg_locatie", inline_names_max=3)
    assert small.count == 5 and small.payload["n"] == [f"Locatie {i}" for i in range(5)]
    assert large.payload["n"] is None and "Locatie" not in full_map([packed.point_layer(large)])
    # A click hands back (type, index, token); the page finds the facility and its details.
    click = packed.clicked_point({"f": "vg_locatie", "i": 3, "v": large.token})
    row = packed.find_point(frame, *click)
    assert row.id == "v3" and ("Cliënten", "20") in packed.facility_details(row)
    assert packed.find_point(frame, "vg_locatie", 3, "other-data") is None
    assert packed.clicked_point({"c": "ZK08", "n": "zorgkantoorregio"}) is None
    assert packed.clicked_point({"f": "vg_locatie", "i": True, "v": "x"}) is None


def test_user_text_is_never_evaluated_as_a_template_on_the_server():
    # folium renders each layer's script once more as a Jinja template: '{{ 7*7 }}' in a name must stay text.
    name = "{{ 'mgz' ~ 'evaluated' }} {% if 1 %}x{% endif %} {# c #}"
    regions = three_regions().assign(naam=[name, "B", "C"])
    shade = classify_sequential(regions["code"], pd.Series([1.0, 2.0, 3.0]), minutes, "R")
    frame = pd.DataFrame([facility(naam=name, plaats=name)])
    html = full_map([region_layer(regions, shade.frame, "gemeente", "R"), facility_layer(frame, "hap"),
                     packed.point_layer(packed.point_layer_data(frame, "hap"))])
    assert "mgzevaluated" not in html and "x{% endif %}" not in html
    assert packed.point_layer_data(frame, "hap").payload["n"][0].startswith("&#123;&#123; &#x27;mgz")
    assert "{{" not in script_json({"a": "{{x}}", "b": "{%", "c": "{#", "d": "</script>"})
    assert json.loads(script_json({"a": "{{x}} {%", "d": "</script>"})) == {"a": "{{x}} {%", "d": "</script>"}
