"""Text alternatives as pure functions: the map as a table, signal patterns, charts and the network in words."""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Polygon, box

from dashboard.components.monitoring import action_status_table, national_wave_table
from dashboard.components.network import network_summary, network_table
from dashboard.components.org_map import points_table
from dashboard.format import client_count, number
from dashboard.maps.palette import CROSSES, DOTS, classify_diverging, classify_sequential, classify_signals, legend_html
from dashboard.maps.regions import region_layer
from dashboard.maps.table import COLOUR, SIGNAL, location_table, region_table
from tests.dashboard.test_components import facilities, ties


def squares() -> gpd.GeoDataFrame:
    """Four squares; 'D' has no geometry, so the map leaves it out and so must the table."""
    return gpd.GeoDataFrame(
        {"code": ["A", "B", "C", "D"], "naam": ["Cee", "Aa", "Bee", "Dee"]},
        geometry=[box(5.0, 52.0, 5.1, 52.1), box(5.1, 52.0, 5.2, 52.1), box(5.2, 52.0, 5.3, 52.1), Polygon()],
        crs="EPSG:4326",
    )


def test_region_table_lists_the_drawn_regions_with_number_class_signal_and_tooltip_lines():
    shade = classify_diverging(pd.Series(["A", "B"]), pd.Series([-1.5, 0.3]), lambda v: number(v, 1), "Score x")
    details = {"A": [("Volledigheid", "alles")], "C": [("Reden", "te weinig")]}
    table = region_table("voorwaarde:infrastructuur", squares(), shade, {"A": "netwerk te zwak"}, details).frame
    assert table["Regio"].tolist() == ["Aa", "Bee", "Cee"]  # sorted by name; D has no shape on the map
    assert table.columns.tolist() == ["Regio", "Code", "Score x", COLOUR, SIGNAL, "Volledigheid", "Reden"]
    scores = table.set_index("Code")["Score x"]
    assert scores["A"] == -1.5 and scores["B"] == 0.3 and np.isnan(scores["C"])
    legend = [item.label for item in shade.legend.items]
    assert table.set_index("Code").loc["A", COLOUR] == legend[0]
    assert table.set_index("Code").loc["C", COLOUR] == "Onvoldoende gegevens"  # not in the shading
    assert table[SIGNAL].tolist() == ["geen", "geen", "netwerk te zwak"]
    assert table["Reden"].tolist() == ["", "te weinig", ""]


def test_region_table_scales_percentages_and_hides_small_client_counts():
    regions = squares().iloc[:3]
    shares = classify_sequential(regions["code"], pd.Series([0.126, 0.5, np.nan]), str, "Aandeel (%)")
    table = region_table("indicator:aandeel_locaties_zonder_huisarts", regions, shares).frame.set_index("Code")
    assert table.loc["A", "Aandeel (%)"] == 13.0 and table.loc["B", "Aandeel (%)"] == 50.0
    assert np.isnan(table.loc["C", "Aandeel (%)"]) and SIGNAL not in table.columns
    clients = classify_sequential(regions["code"], pd.Series([4.0, 25.0, 40.0]), client_count, "Cliënten")
    table = region_table("indicator:clienten", regions, clients).frame.set_index("Code")
    assert np.isnan(table.loc["A", "Cliënten"]) and table.loc["B", "Cliënten"] == 25.0
    assert table.loc["A", COLOUR].startswith("<10")  # the class still says how small


def test_signal_table_has_no_number_column_and_names_the_class():
    shade = classify_signals(pd.Series(["A", "B"]), pd.Series([True, False]), pd.Series([False, True]),
                             pd.Series([False, False]), "Signaal")
    mapped = region_table("signaal", squares().iloc[:2], shade, {})
    assert mapped.value_column is None
    assert mapped.frame.set_index("Code")[COLOUR].to_dict() == {"A": "Netwerk te zwak", "B": "Netwerk te sterk"}


def test_signals_carry_a_pattern_besides_their_colour():
    shade = classify_signals(pd.Series(["A", "B", "C", "D"]), pd.Series([True, False, True, False]),
                             pd.Series([False, True, True, False]), pd.Series([False, False, False, True]), "Signaal")
    assert shade.frame["patroon"].tolist() == ["", DOTS, CROSSES, ""]
    legend = legend_html(shade.legend)
    assert "radial-gradient" in legend and "-45deg" in legend  # dots and the diamond grid in the legend too
    group = region_layer(squares(), shade.frame, "zorgkantoorregio", "Signaal")
    layer = next(child for child in group._children.values() if hasattr(child, "data"))
    patterns = {f["properties"]["c"]: f["properties"].get("p") for f in layer.data["features"]}
    assert patterns == {"A": None, "B": DOTS, "C": CROSSES}  # D (hatched: insufficient data) has no shape


def test_network_table_and_summary_say_who_works_with_whom():
    region = {"v1", "v2", "h1", "p1", "v3"}
    table = network_table(region, facilities(), ties().iloc[:3])
    ties_only = table[table["Samenwerking"] != "geen"]
    assert sorted(zip(ties_only["Partij"], ties_only["Partner"], ties_only["Samenwerking"], ties_only["Afspraken"])) == [
        ("HAP Noord", "Zorg <b>Noord</b>", "formeel", 2),
        ("Praktijk \\l Oost", "Zorg <b>Noord</b>", "informeel", 1),
    ]
    assert table.loc[table["Samenwerking"] == "geen", "Partij"].tolist() == ["Stichting Zuid"]
    assert table["Afspraken"].dtype == "int64"
    summary = network_summary(region, facilities(), ties().iloc[:3])
    assert summary == (
        "In woorden: 3 partijen met 2 samenwerkingsbanden, waarvan 1 formeel en 1 informeel. "
        "Zonder enige samenwerking: 1 partijen (vg-organisatie: 1)."
    )


def test_wave_and_action_charts_as_tables_keep_numbers():
    waves = pd.DataFrame({"golf": ["2021", "2024", "2021"], "volgorde": [1, 2, 1],
                          "voorwaarde": ["infrastructuur", "infrastructuur", "competenties"],
                          "voorwaarde_label": ["Infrastructuur", "Infrastructuur", "Competenties"],
                          "mediaan": [0.5, -0.25, 1.0]})
    table = national_wave_table(waves)
    assert table.columns.tolist() == ["Voorwaarde", "Mediaan golf 2021", "Mediaan golf 2024"]
    assert table.set_index("Voorwaarde").loc["Infrastructuur"].tolist() == [0.5, -0.25]
    counts = pd.DataFrame({"golf": ["2024", "2021", "2024"], "volgorde": [2, 1, 2], "status": ["loopt", "gestart", "gestart"],
                           "aantal": [3, 2, 1]})
    table = action_status_table(counts).set_index("Status")
    assert table.to_dict("index") == {"Gestart": {"Golf 2021": 2, "Golf 2024": 1}, "Loopt": {"Golf 2021": 0, "Golf 2024": 3}}


def test_organisation_points_table_puts_locations_without_a_gp_first():
    points = facilities().assign(locatie_bij_benadering=False)
    table = points_table(points, without_gp={"v2"})
    assert table["Naam"].iloc[0] == "Huis B" and table["Zonder huisarts (ring)"].iloc[0] == "ja"
    assert set(table.loc[table["Soort"] != "VG-locatie", "Zonder huisarts (ring)"]) == {""}
    assert len(table) == len(points)


def test_coverage_locations_table_names_the_colour_class_worst_first():
    rows = pd.DataFrame({
        "id": ["a", "b", "c"], "naam": ["Zon", "Maan", "Ster"], "organisatie": ["O", "O", None],
        "ergste": [None, "geen_huisarts", "avg_laag"], "knelpunten": ["", "geen huisarts", "AVG laag"],
        "lat": [52.0, 52.1, np.nan], "lon": [5.0, 5.1, 5.2],
    })
    table = location_table(rows)
    assert table["Id"].tolist() == ["b", "a"]  # c has no coordinates: not on the map, not in the table
    assert table[COLOUR].tolist() == ["Geen huisarts", "Geen knelpunt"]
    assert table["Knelpunten"].tolist() == ["geen huisarts", "geen"]
