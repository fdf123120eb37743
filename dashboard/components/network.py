"""Network picture of a region: who works with whom, as Graphviz DOT text (a pure function, no streamlit).

Nodes are the HAPs, AVG-poli's and GP practices involved plus one node per care organisation (its VG
locations bundled, so a region with hundreds of locations stays readable). Ties are typed: formal
(solid line), informal (dashed line); organisations and facilities without any tie ("geen") sit in a
dashed box of their own.
Colours are from the Okabe–Ito palette, which stays distinguishable with colour blindness.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.format import escape_dot, label
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


def _node_key(row) -> str:
    # VG locations are bundled per organisation; other facilities stay individual nodes.
    if row["type"] == "vg_locatie" and isinstance(row["organisatie_id"], str) and row["organisatie_id"]:
        return f"org:{row['organisatie_id']}"
    return f"fac:{row['id']}"


def network_edges(region_ids: set[str], facilities: pd.DataFrame, collaborations: pd.DataFrame) -> pd.DataFrame:
    """Ties touching the region, bundled per node pair: bron, doel (node keys), soort (formeel|informeel), aantal."""
    if collaborations.empty or not region_ids:
        return pd.DataFrame(columns=["bron", "doel", "soort", "aantal"])
    keys = facilities.set_index("id").apply(_node_key_indexed, axis=1)
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
    pair = frame[["bron", "doel"]].apply(sorted, axis=1, result_type="expand")
    frame = frame.assign(bron=pair[0], doel=pair[1], formeel=frame["soort"].eq("formeel"))
    grouped = frame.groupby(["bron", "doel"], as_index=False).agg(formeel=("formeel", "any"), aantal=("soort", "size"))
    grouped["soort"] = grouped["formeel"].map({True: "formeel", False: "informeel"})
    return grouped[["bron", "doel", "soort", "aantal"]].sort_values(["bron", "doel"], ignore_index=True)


def _node_key_indexed(row) -> str:
    return _node_key({"type": row["type"], "organisatie_id": row["organisatie_id"], "id": row.name})


def network_nodes(region_ids: set[str], facilities: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """One row per node: key, label, type, locaties (bundled VG locations), in_regio, verbonden."""
    involved = set(edges["bron"]) | set(edges["doel"])
    rows = facilities.assign(key=facilities.apply(_node_key, axis=1), in_regio=facilities["id"].isin(region_ids))
    rows = rows[rows["in_regio"] | rows["key"].isin(involved)]
    nodes = []
    for key, group in rows.groupby("key", sort=True):
        first = group.iloc[0]
        if key.startswith("org:"):
            name = first["organisatie_naam"] if isinstance(first["organisatie_naam"], str) else first["organisatie_id"]
        else:
            name = first["naam"]
        nodes.append(
            {
                "key": key,
                "label": str(name),
                "type": first["type"],
                "locaties": int(group["in_regio"].sum()) if key.startswith("org:") else 1,
                "in_regio": bool(group["in_regio"].any()),
                "verbonden": key in involved,
            }
        )
    return pd.DataFrame(nodes, columns=["key", "label", "type", "locaties", "in_regio", "verbonden"])


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
    edges = network_edges(region_ids, facilities, collaborations)
    nodes = network_nodes(region_ids, facilities, edges)
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
    ids = {key: f"n{i}" for i, key in enumerate(nodes["key"])}
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
