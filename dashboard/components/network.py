"""Network picture of a region: who works with whom, as Graphviz DOT text (a pure function, no streamlit).

Nodes are the HAPs, AVG-poli's and GP practices involved plus one node per care organisation (its VG
locations bundled, so a region with hundreds of locations stays readable). Ties are typed: formal
(solid line), informal (dashed line); organisations and facilities without any tie ("geen") sit in a
dashed box of their own.
Colours are from the Okabe–Ito palette, which stays distinguishable with colour blindness.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.format import escape_dot, label, number
from data.models import FORMAL_KINDS

# Okabe–Ito colours per facility type.
TYPE_COLOURS = {
    "hap": "#0072B2",  # blue
    "avg_poli": "#CC79A7",  # reddish purple
    "huisartsenpraktijk": "#009E73",  # bluish green
    "vg_locatie": "#E69F00",  # orange
}
TYPE_SHAPES = {"hap": "box", "avg_poli": "hexagon", "huisartsenpraktijk": "ellipse", "vg_locatie": "house"}
TIE_STYLES = {"formeel": "solid", "informeel": "dashed"}
MAX_NODES = 60
ISOLATED_PER_ROW = 4


def tie_kind(soort: str) -> str:
    """'formeel' for a joint medical service, contract or written agreement; else 'informeel'."""
    return "formeel" if soort in FORMAL_KINDS else "informeel"


def node_keys(facilities: pd.DataFrame) -> pd.Series:
    """The node of every facility (same index): VG locations are bundled per organisation ('org:<organisatie_id>'),
    other facilities stay individual nodes ('fac:<id>'). Vectorised: a national register has tens of thousands of
    rows."""
    organisation = facilities["organisatie_id"].fillna("").astype(str)
    bundled = facilities["type"].eq("vg_locatie").to_numpy(dtype=bool) & (organisation.str.len() > 0).to_numpy(dtype=bool)
    keys = np.where(bundled, "org:" + organisation, "fac:" + facilities["id"].astype(str))
    return pd.Series(keys, index=facilities.index, dtype=object)


def node_id(key: str, kind: object) -> str:
    """The DOT id of a node, the same for the same party and shape in every region's picture.

    The browser (d3-graphviz) redraws a new picture by matching nodes on their id; with ids by position (n0, n1,
    ...) a house or box took over the ellipse of the last picture's n0 and lost its shape after a region switch.
    """
    digest = hashlib.sha1(f"{key}|{kind}".encode("utf-8")).hexdigest()[:12]
    return f"n{digest}"


def network_edges(region_ids: set[str], facilities: pd.DataFrame, collaborations: pd.DataFrame) -> pd.DataFrame:
    """Ties touching the region, bundled per node pair: bron, doel (node keys), soort (formeel|informeel), aantal."""
    if collaborations.empty or not region_ids:
        return pd.DataFrame(columns=["bron", "doel", "soort", "aantal"])
    keys = pd.Series(node_keys(facilities).to_numpy(), index=facilities["id"].to_numpy())
    ties = collaborations[collaborations["van"].isin(region_ids) | collaborations["naar"].isin(region_ids)]
    ties = ties[ties["van"].isin(keys.index) & ties["naar"].isin(keys.index)]
    if ties.empty:
        return pd.DataFrame(columns=["bron", "doel", "soort", "aantal"])
    frame = pd.DataFrame(
        {
            "bron": keys.loc[ties["van"]].to_numpy(),
            "doel": keys.loc[ties["naar"]].to_numpy(),
            "soort": ties["soort"].map(tie_kind).to_numpy(),
        }
    )
    frame = frame[frame["bron"] != frame["doel"]]
    # An undirected pair counts once; a formal tie outranks an informal one between the same nodes.
    swap = (frame["bron"] > frame["doel"]).to_numpy()
    low = np.where(swap, frame["doel"], frame["bron"])
    high = np.where(swap, frame["bron"], frame["doel"])
    frame = frame.assign(bron=low, doel=high, formeel=frame["soort"].eq("formeel"))
    grouped = frame.groupby(["bron", "doel"], as_index=False).agg(formeel=("formeel", "any"), aantal=("soort", "size"))
    grouped["soort"] = grouped["formeel"].map({True: "formeel", False: "informeel"})
    return grouped[["bron", "doel", "soort", "aantal"]].sort_values(["bron", "doel"], ignore_index=True)


def network_nodes(region_ids: set[str], facilities: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """One row per node: key, label, type, locaties (bundled VG locations), in_regio, verbonden."""
    involved = set(edges["bron"]) | set(edges["doel"])
    rows = facilities.assign(key=node_keys(facilities), in_regio=facilities["id"].isin(region_ids))
    rows = rows[rows["in_regio"] | rows["key"].isin(involved)]
    columns = ["key", "label", "type", "locaties", "in_regio", "verbonden"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    # Per node its first row (in register order) names it; an organisation counts its locations in the region.
    first = rows.drop_duplicates("key").set_index("key").sort_index()
    keys = first.index.to_numpy(dtype=object)
    organisation = np.array([k.startswith("org:") for k in keys], dtype=bool)
    org_names = first["organisatie_naam"].astype(object)
    org_label = np.where(org_names.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool), org_names, first["organisatie_id"].astype(object))
    names = np.where(organisation, org_label, first["naam"].astype(object))
    inside = rows.groupby("key", sort=True)["in_regio"].agg(["sum", "any"]).reindex(first.index)
    return pd.DataFrame(
        {
            "key": keys,
            "label": [str(name) for name in names],
            "type": first["type"].astype(object).to_numpy(),
            "locaties": np.where(organisation, inside["sum"].to_numpy(dtype=int), 1).astype(int),
            "in_regio": inside["any"].to_numpy(dtype=bool),
            "verbonden": np.fromiter((key in involved for key in keys), dtype=bool, count=len(keys)),
        },
        columns=columns,
    )


# The last region's (ids, facilities, collaborations, (edges, nodes)): the picture, its sentence and its table share
# it. The frames themselves are kept, so an identity test cannot be fooled by a recycled id.
_LAST_PARTS: tuple = (None, None, None, None)


def network_parts(region_ids: set[str], facilities: pd.DataFrame, collaborations: pd.DataFrame):
    """(edges, nodes) of a region, computed once for the picture, its sentence and its table (the page asks for
    all three in one run). Treat both frames as read-only."""
    global _LAST_PARTS
    ids = frozenset(region_ids)
    last_ids, last_facilities, last_collaborations, parts = _LAST_PARTS
    if parts is None or last_ids != ids or last_facilities is not facilities or last_collaborations is not collaborations:
        edges = network_edges(region_ids, facilities, collaborations)
        parts = (edges, network_nodes(region_ids, facilities, edges))
        _LAST_PARTS = (ids, facilities, collaborations, parts)
    return parts


@dataclass(frozen=True)
class NetworkPicture:
    """DOT text plus what was left out of the picture (for the caption)."""

    dot: str
    left_out: int  # nodes beyond the cap (the least connected)
    practices_without_ties: int  # GP practices in the region with no tie to anyone (counted, not drawn)


def _node_line(node, node_id: str) -> str:
    name = node.label if node.locaties <= 1 else f"{node.label} ({node.locaties} locaties)"
    kind = "VG-organisatie" if node.key.startswith("org:") else label(node.type)
    # The name is escaped; the DOT line break \n is added after escaping so it stays a line break.
    text = escape_dot(name)[:-1] + "\\n" + kind + '"'
    colour = TYPE_COLOURS.get(node.type, "#999999")
    styles = ["filled"] + ([] if node.verbonden else ["dashed"])
    attrs = [
        f"label={text}",
        f"shape={TYPE_SHAPES.get(node.type, 'ellipse')}",
        f'fillcolor="{colour}{"" if node.in_regio else "55"}"',
        f'style="{",".join(styles)}"',
        f"penwidth={1 if node.verbonden else 2}",
        f"fontcolor=\"{'#FFFFFF' if node.type == 'hap' and node.in_regio else '#000000'}\"",
    ]
    return f"  {node_id} [{', '.join(attrs)}];"


def network_dot(
    region_ids: set[str], facilities: pd.DataFrame, collaborations: pd.DataFrame, max_nodes: int = MAX_NODES
) -> NetworkPicture:
    """DOT text of the region's network.

    ``region_ids``: ids of the facilities inside the region; partners outside it are drawn lighter. Nodes
    without any tie ("geen samenwerking") sit in a separate dashed box, four to a row; GP practices without
    ties are only counted, since a region has many and they say little one by one.
    """
    edges, nodes = network_parts(region_ids, facilities, collaborations)
    lonely_practices = nodes["type"].eq("huisartsenpraktijk") & ~nodes["verbonden"]
    practices_without_ties = int(lonely_practices.sum())
    nodes = nodes[~lonely_practices]
    left_out = 0
    if len(nodes) > max_nodes:
        degree = pd.concat([edges["bron"], edges["doel"]]).value_counts()
        nodes = nodes.assign(graad=nodes["key"].map(degree).fillna(0))
        nodes = nodes.sort_values(["in_regio", "graad", "key"], ascending=[False, False, True])
        left_out = len(nodes) - max_nodes
        nodes = nodes.head(max_nodes)
        kept = set(nodes["key"])
        edges = edges[edges["bron"].isin(kept) & edges["doel"].isin(kept)]
    ids = {key: node_id(key, kind) for key, kind in zip(nodes["key"], nodes["type"])}
    lines = [
        "graph netwerk {",
        '  graph [rankdir=LR, splines=true, nodesep=0.15, ranksep=1.2, fontname="Helvetica", bgcolor="transparent"];',
        '  node [style="filled", fontname="Helvetica", fontsize=11, fontcolor="#000000"];',
        '  edge [color="#444444"];',
    ]
    connected, isolated = nodes[nodes["verbonden"]], nodes[~nodes["verbonden"]]
    for node in connected.itertuples(index=False):
        lines.append(_node_line(node, ids[node.key]))
    for edge in edges.itertuples(index=False):
        width = min(1 + edge.aantal, 5)
        lines.append(
            f"  {ids[edge.bron]} -- {ids[edge.doel]} [style={TIE_STYLES[edge.soort]}, penwidth={width}, "
            f"tooltip={escape_dot(f'{edge.soort}, {edge.aantal} afspraken')}];"
        )
    if not isolated.empty:
        lines += ["  subgraph cluster_geen {", '    label="Geen samenwerking"; style=dashed; color="#777777";']
        for node in isolated.itertuples(index=False):
            lines.append("  " + _node_line(node, ids[node.key]))
        keys = [ids[k] for k in isolated["key"]]
        for start in range(0, len(keys), ISOLATED_PER_ROW):
            row = keys[start : start + ISOLATED_PER_ROW]
            if len(row) > 1:  # invisible edges put a row side by side
                lines.append("    " + " -- ".join(row) + " [style=invis];")
        lines.append("  }")
    lines.append("}")
    return NetworkPicture("\n".join(lines), left_out, practices_without_ties)


def _kind_of(node) -> str:
    return "VG-organisatie" if str(node["key"]).startswith("org:") else label(node["type"])


def network_table(region_ids: set[str], facilities: pd.DataFrame, collaborations: pd.DataFrame) -> pd.DataFrame:
    """The network picture as a table (for screen readers): one row per tie, then the parties without any tie.

    Columns: Partij, Soort, Partner, Soort partner, Samenwerking (formeel/informeel/geen), Afspraken (a number),
    Buiten de regio (the partner lies outside the region: drawn lighter). Unlike the picture it has no cap on
    the number of parties, and it lists the GP practices without ties too.
    """
    edges, nodes = network_parts(region_ids, facilities, collaborations)
    nodes = nodes.set_index("key", drop=False)
    columns = ["Partij", "Soort", "Partner", "Soort partner", "Samenwerking", "Afspraken", "Partner buiten de regio"]
    kinds = pd.Series([_kind_of(node) for _, node in nodes.iterrows()], index=nodes.index, dtype=object)
    a, b = nodes.reindex(edges["bron"]), nodes.reindex(edges["doel"])
    a_in, b_in = a["in_regio"].to_numpy(dtype=bool), b["in_regio"].to_numpy(dtype=bool)
    swap = ~a_in & b_in  # the party inside the region first
    pick = lambda first, second: np.where(swap, second, first)  # noqa: E731
    ties = pd.DataFrame(
        {
            "Partij": pick(a["label"].to_numpy(object), b["label"].to_numpy(object)),
            "Soort": pick(kinds.reindex(edges["bron"]).to_numpy(object), kinds.reindex(edges["doel"]).to_numpy(object)),
            "Partner": pick(b["label"].to_numpy(object), a["label"].to_numpy(object)),
            "Soort partner": pick(kinds.reindex(edges["doel"]).to_numpy(object), kinds.reindex(edges["bron"]).to_numpy(object)),
            "Samenwerking": edges["soort"].to_numpy(object),
            "Afspraken": edges["aantal"].to_numpy(dtype="int64"),
            "Partner buiten de regio": np.where(pick(b_in, a_in), "nee", "ja").astype(object),
        },
        columns=columns,
    )
    alone = nodes[~nodes["verbonden"].astype(bool)]
    lonely = pd.DataFrame(
        {"Partij": alone["label"].to_numpy(object), "Soort": kinds[alone.index].to_numpy(object), "Partner": "",
         "Soort partner": "", "Samenwerking": "geen", "Afspraken": 0, "Partner buiten de regio": ""},
        columns=columns,
    )
    table = pd.concat([ties, lonely], ignore_index=True) if len(lonely) else ties
    table["Afspraken"] = table["Afspraken"].astype("int64")
    return table.reset_index(drop=True)


def network_summary(region_ids: set[str], facilities: pd.DataFrame, collaborations: pd.DataFrame) -> str:
    """The network picture in one or two Dutch sentences (plain text): parties, ties formal or informal, and who
    has no tie at all."""
    edges, nodes = network_parts(region_ids, facilities, collaborations)
    formal = int((edges["soort"] == "formeel").sum())
    connected = int(nodes["verbonden"].sum())
    text = (
        f"In woorden: {number(connected)} partijen met {number(len(edges))} samenwerkingsbanden, waarvan "
        f"{number(formal)} formeel en {number(len(edges) - formal)} informeel."
    )
    alone = nodes[~nodes["verbonden"]]
    if not alone.empty:
        kinds = alone.apply(_kind_of, axis=1).value_counts()
        listed = ", ".join(f"{kind.lower()}: {number(count)}" for kind, count in kinds.items())
        text += f" Zonder enige samenwerking: {number(len(alone))} partijen ({listed})."
    return text
