"""Pure presentation helpers: network DOT text, heatmap frame, organisation and region tables, reports."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.components.heatmap import heatmap_chart, matrix_frame, matrix_table
from dashboard.components.network import network_dot, network_edges, tie_kind
from dashboard.components.organisation import gp_practices_table, hap_areas_table
from dashboard.components.pilot import (
    candidates_table,
    comparison_scores,
    download_frame,
    filter_candidates,
    rank_robust_first,
)
from dashboard.components.region import (
    completeness_text,
    counterweights_markdown,
    robustness_text,
    signal_basis,
    signal_view,
)
from data.models import CONDITIONS, STAKEHOLDERS
from data.registry import collaboration_frame


def facilities() -> pd.DataFrame:
    rows = [
        ("v1", "vg_locatie", 'Huis "De Linde"', "o1", "Zorg <b>Noord</b>", "Dorp", True),
        ("v2", "vg_locatie", "Huis B", "o1", "Zorg <b>Noord</b>", "Stad", False),
        ("v3", "vg_locatie", "Huis C", "o2", "Stichting Zuid", "Stad", None),
        ("h1", "hap", "HAP Noord", None, None, "Stad", True),
        ("p1", "huisartsenpraktijk", "Praktijk \\l Oost", None, None, "Dorp", None),
        ("p2", "huisartsenpraktijk", "Praktijk Ver", None, None, "Ver", None),
    ]
    frame = pd.DataFrame(rows, columns=["id", "type", "naam", "organisatie_id", "organisatie_naam", "plaats", "anw_open"])
    return frame


def ties() -> pd.DataFrame:
    return pd.DataFrame(
        [("v1", "h1", "contract"), ("v2", "h1", "mondelinge_afspraak"), ("p1", "v1", "casuistiek"), ("v3", "p2", "contract")],
        columns=["van", "naar", "soort"],
    ).pipe(collaboration_frame)


def test_tie_kinds_follow_the_formal_kinds():
    assert tie_kind("contract") == "formeel"
    assert tie_kind("gezamenlijke_medische_dienst") == "formeel"
    assert tie_kind("mondelinge_afspraak") == "informeel"


def test_edges_bundle_locations_per_organisation_and_formal_wins():
    edges = network_edges({"v1", "v2", "h1", "p1"}, facilities(), ties())
    pairs = {(e.bron, e.doel): (e.soort, e.aantal) for e in edges.itertuples()}
    # v1 (contract) and v2 (oral) with h1 become one organisation tie, formal because one tie is formal
    assert pairs[("fac:h1", "org:o1")] == ("formeel", 2)
    assert pairs[("fac:p1", "org:o1")] == ("informeel", 1)
    # v3 is outside the region, so its tie with p2 is not drawn
    assert not any("p2" in key for pair in pairs for key in pair)


def test_dot_escapes_names_and_boxes_isolated_nodes():
    picture = network_dot({"v1", "v2", "h1", "p1", "v3"}, facilities(), ties().iloc[:3])
    dot = picture.dot
    assert picture.left_out == 0 and picture.practices_without_ties == 0
    assert dot.startswith("graph netwerk {") and dot.rstrip().endswith("}")
    assert 'Zorg <b>Noord</b> (2 locaties)\\nVG-organisatie"' in dot  # quoted label: not an HTML label
    assert "Praktijk \\\\l Oost" in dot  # a user backslash cannot become a DOT escape
    assert "style=solid" in dot and "style=dashed" in dot
    box = dot[dot.index("subgraph cluster_geen"):]
    assert "Stichting Zuid" in box and "HAP Noord" not in box


def test_gp_practices_without_ties_are_counted_not_drawn():
    fac = pd.concat([facilities(), facilities().iloc[[4]].assign(id="p9", naam="Praktijk Alleen")], ignore_index=True)
    picture = network_dot({"v1", "h1", "p1", "p9"}, fac, ties().iloc[:3])
    assert picture.practices_without_ties == 1
    assert "Praktijk Alleen" not in picture.dot


def test_dot_leaves_out_the_least_connected_nodes_beyond_the_cap():
    picture = network_dot({"v1", "v2", "h1", "p1", "v3"}, facilities(), ties().iloc[:3], max_nodes=2)
    assert picture.left_out == 2
    assert picture.dot.count("[label=") == 2


def cells() -> pd.DataFrame:
    return pd.DataFrame(
        [("ZK01", "netwerk_te_zwak", "aanbieders", -1.5, 0.6, 3), ("ZK01", "goed_netwerk", "gebruikers", 1.0, 0.3, 1),
         ("ZK02", "infrastructuur", "aanbieders", 2.0, 0.9, 4)],
        columns=["code", "voorwaarde", "stakeholder", "score", "betrouwbaarheid", "n_bewijs"],
    )


def test_matrix_has_every_cell_and_only_the_region_scores():
    frame = matrix_frame(cells(), "ZK01")
    assert len(frame) == len(CONDITIONS) * len(STAKEHOLDERS)
    assert frame["score"].notna().sum() == 2
    assert frame.loc[frame["score"].idxmin(), "score_tekst"] == "-1,5"
    table = matrix_table(frame)
    assert table.loc["Interactie – netwerk te zwak", "Aanbieders"] == -1.5
    spec = heatmap_chart(frame, selectable=True).to_dict()
    assert spec["params"][0]["name"] == "cel"


def test_organisation_tables():
    fac = facilities()
    locations = fac[fac["organisatie_id"] == "o1"].assign(
        hap_gebied=["h1", "h1"], heeft_huisarts=[True, False], formeel=[True, False]
    )
    areas = hap_areas_table(locations, fac)
    assert areas.iloc[0].to_dict() == {"Huisartsenpost": "HAP Noord", "Locaties": 2, "Zonder huisarts": 1, "Alle ANW-uren open": "ja"}
    links = pd.DataFrame([("v1", "p1", "casuistiek", False, 2.0, 3.0)], columns=["vg_id", "gp_id", "soorten", "formeel", "afstand_km", "reistijd_min"])
    gps = gp_practices_table(locations, links, fac)
    assert gps.iloc[0]["Huisartsenpraktijk"] == "Praktijk \\l Oost"
    assert gps.iloc[0]["Formeel"] == "nee"
    assert gps.iloc[0]["Soort afspraak"] == "casuïstiek (incidenteel)"


def signal_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": ["A", "B", "C"],
            "naam": ["Aa", "Bb", "Cc"],
            "zwak_netwerk": [True, True, False],
            "te_sterk_netwerk": [False, True, False],
            "onvoldoende_gegevens": [False, False, True],
            "redenen": [["r1", "r2"], ["r3"], []],
            "ketens": [[], ["k"], []],
            "scores": [{"netwerk_te_zwak": -1.0, "infrastructuur": -0.5}, {"netwerk_te_zwak": -0.8, "infrastructuur": 0.4}, {}],
        }
    )


@pytest.mark.parametrize(("row", "kind", "title"), [(0, "error", "Signaal: netwerk te zwak"), (1, "error", "Signaal: netwerk te zwak én te sterk"), (2, "info", "Onvoldoende gegevens om het netwerk te beoordelen")])
def test_signal_wording(row, kind, title):
    view = signal_view(signal_rows().iloc[row])
    assert (view.kind, view.title) == (kind, title)


def test_pilot_filter_and_comparison():
    signals = signal_rows()
    candidates = signals[signals["zwak_netwerk"]].assign(rang=[1, 2])
    assert filter_candidates(candidates, signals, ["infrastructuur"])["code"].tolist() == ["A"]
    assert filter_candidates(candidates, signals, [])["code"].tolist() == ["A", "B"]
    scores = comparison_scores(signals, ["A", "C"])
    assert list(scores.columns) == ["Voorwaarde", "Aa (A)", "Cc (C)"]
    assert scores.set_index("Voorwaarde").loc["Infrastructuur", "Aa (A)"] == -0.5  # a number: sorts as a number
    assert scores["Cc (C)"].isna().all()  # no evidence: the page's placeholder says 'geen bewijs'


def test_signal_counts_add_up_to_the_number_of_regions():
    from dashboard.components.monitoring import signal_counts

    signals = pd.DataFrame({"golf": ["2024"] * 5, "zwak_netwerk": [True, True, False, False, False],
                            "te_sterk_netwerk": [True, False, True, False, False],
                            "onvoldoende_gegevens": [False, False, False, True, False]})
    row = signal_counts(signals).iloc[0]
    assert (row["Netwerk te zwak"], row["Netwerk te sterk"], row["Te zwak én te sterk"]) == (1, 1, 1)
    parts = ["Netwerk te zwak", "Netwerk te sterk", "Te zwak én te sterk", "Onvoldoende gegevens", "Geen signaal"]
    assert row[parts].sum() == row["Totaal"] == 5


def test_tables_keep_numbers_numeric_and_never_show_none():
    from dashboard.components.tables import column_config, row_height, without_none

    frame = pd.DataFrame({"Naam": ["a", None], "Getal": [1.5, np.nan], "Tekst": ["x" * 150, "y"], "Ja": [True, False]})
    shown = without_none(frame)
    assert shown["Naam"].tolist() == ["a", ""] and pd.api.types.is_float_dtype(shown["Getal"])
    config = column_config(shown, long_text=("Tekst",), help={"Naam": "uitleg"})
    assert config["Getal"]["type_config"]["format"] == "localized" and config["Tekst"]["width"] == "large"
    assert "Ja" not in config and config["Naam"]["help"] == "uitleg"
    assert row_height(shown, ("Tekst",)) > 35 and row_height(shown, ()) is None


def basis_rows() -> pd.DataFrame:
    """Signals with completeness and robustness (monitor.signals.SIGNAL_COLUMNS) of four kinds of region."""
    return pd.DataFrame(
        {
            "code": ["R1", "S1", "S2", "N1"],
            "naam": ["Robuust", "Gevoelig", "Lock-in wisselt", "Leeg"],
            "zwak_netwerk": [True, True, True, False],
            "te_sterk_netwerk": [False, False, False, False],
            "onvoldoende_gegevens": [False, False, False, True],
            "redenen": [["r"], ["s"], ["t"], ["Onvoldoende gegevens: er zijn geen VG-locaties."]],
            "ketens": [[], [], [], []],
            "scores": [{"goed_netwerk": 0.8}, {"goed_netwerk": -0.5}, {"goed_netwerk": None}, {}],
            "prioriteit": [0.4, 1.5, 0.9, np.nan],
            "volledigheid": [0.6, 1.0, 1.0, np.nan],
            "volledigheid_tekst": ["gegevens over 18 van de 30 VG-locaties", "gegevens over 4 van de 4 VG-locaties",
                                   "gegevens over 9 van de 9 VG-locaties", ""],
            "robuust": [True, False, False, True],
            "varianten": [40, 40, 40, 40],
            "varianten_met_signaal": [40, 30, 40, 0],
            "lopende_acties": [["Regietafel (zorgkantoor, loopt)", "Regietafel (zorgkantoor, loopt)"], [], [], []],
        }
    )


def test_completeness_and_robustness_in_words():
    rows = [row for _, row in basis_rows().iterrows()]
    assert [completeness_text(r) for r in rows] == [
        "gegevens over 18 van de 30 VG-locaties (60%)", "gegevens over 4 van de 4 VG-locaties (100%)",
        "gegevens over 9 van de 9 VG-locaties (100%)", "geen VG-locaties in het register",
    ]
    assert [robustness_text(r) for r in rows[:3]] == [
        "robuust", "gevoelig: signaal in 30 van de 40 varianten",
        "gevoelig: het signaal 'netwerk te sterk' verandert in sommige varianten",
    ]
    assert signal_basis(rows[0]) == "Gegevens over 18 van de 30 VG-locaties (60%) · robuust"
    assert signal_basis(rows[3]) == "Geen VG-locaties in het register"  # no robustness without a judgement


def test_counterweights_name_a_good_network_and_running_actions():
    rows = [row for _, row in basis_rows().iterrows()]
    text = counterweights_markdown(rows[0])
    assert "**Goed netwerk**: score +0,80" in text
    assert text.count("- Regietafel \\(zorgkantoor, loopt\\)") == 1  # escaped (imported names), and only once
    assert counterweights_markdown(rows[1]) == ""


def test_pilot_list_puts_robust_signals_first_then_priority():
    signals = basis_rows()
    weak = signals[signals["zwak_netwerk"]]
    # A monitor without robustness columns in pilot_candidates: they come from the signals.
    old_style = weak[["code", "naam", "prioriteit", "redenen", "ketens"]].assign(rang=[3, 1, 2])
    ranked = rank_robust_first(old_style, signals)
    assert ranked["code"].tolist() == ["R1", "S1", "S2"]  # R1 is robust despite the lowest priority
    assert ranked["rang"].tolist() == [1, 2, 3]
    assert rank_robust_first(ranked, signals)["code"].tolist() == ["R1", "S1", "S2"]  # idempotent
    table = candidates_table(ranked.assign(score_netwerk_te_zwak=-1.0, betrouwbaarheid=0.5, te_sterk_netwerk=False))
    assert table["Zekerheid"].tolist()[:2] == ["robuust", "gevoelig: signaal in 30 van de 40 varianten"]
    assert table["Volledigheid"].iloc[0] == "gegevens over 18 van de 30 VG-locaties (60%)"


def test_pilot_download_carries_completeness_and_uncertainty():
    from monitor.exports import to_csv_bytes

    ranked = rank_robust_first(basis_rows()[basis_rows()["zwak_netwerk"]].assign(rang=0), basis_rows())
    frame = download_frame(ranked)
    assert frame["zekerheid"].tolist()[0] == "robuust"
    csv = to_csv_bytes(frame, demo=True).decode("utf-8")
    header = csv.splitlines()[0].split(",")
    assert {"volledigheid", "volledigheid_tekst", "volledigheid_omschrijving", "robuust", "zekerheid"} <= set(header)
    assert "gegevens over 18 van de 30 VG-locaties (60%)" in csv
    assert "gevoelig: signaal in 30 van de 40 varianten" in csv


def test_network_nodes_keep_their_id_from_one_region_to_the_next():
    # The browser matches a new picture's nodes to the last one's by id: an id per party and shape, not per position.
    from dashboard.components.network import network_dot, node_id

    facilities = pd.DataFrame(
        [
            {"id": "H1", "type": "hap", "naam": "Post", "organisatie_id": None, "organisatie_naam": None},
            {"id": "P1", "type": "huisartsenpraktijk", "naam": "Praktijk", "organisatie_id": None, "organisatie_naam": None},
            {"id": "V1", "type": "vg_locatie", "naam": "Huis", "organisatie_id": "org", "organisatie_naam": "Org"},
        ]
    )
    ties = pd.DataFrame([{"van": "V1", "naar": "P1", "soort": "contract"}, {"van": "V1", "naar": "H1", "soort": "contract"}])
    one = network_dot({"V1", "P1"}, facilities, ties).dot
    other = network_dot({"V1", "H1"}, facilities, ties).dot
    practice, post = node_id("fac:P1", "huisartsenpraktijk"), node_id("fac:H1", "hap")
    assert f"{practice} [" in one and f"{post} [" in one and f"{practice} [" in other
    assert node_id("fac:P1", "huisartsenpraktijk") != node_id("fac:P1", "hap") and " n0 [" not in one
