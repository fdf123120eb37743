"""A static map of a dossier's region, drawn offline with matplotlib in RD (EPSG:28992), returned as PNG bytes.

It shows the region's outline and its gemeenten, the HAP service areas (dashed), HAPs, AVG-poli's, VG locations
coloured by organisation and GP practices, with a legend, a scale bar and a north arrow. Print in black and white
stays readable: every kind of facility and every organisation has its own marker shape, not only a colour.
Only matplotlib's object API is used (no pyplot), so maps can be drawn from several threads at once.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from data.registry import Geography
from geo.rd import to_rd
from geo.service_areas import dissolve
from monitor.dossier.scope import Scope

WIDTH_CM, MAX_MAP_CM, DPI = 17.0, 17.0, 150
MARGIN = 0.06  # of the region's extent, on every side
CLOSE_M, MIN_HOLE_M2, MIN_PART_M2 = 60.0, 2e6, 2e5
MAX_ORGANISATIONS = 10  # more organisations are drawn as "overige organisaties"
# Okabe-Ito colours (colour-blind safe) and marker shapes; each organisation gets a unique pair.
ORG_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442", "#999999")
ORG_MARKERS = ("o", "D", "p", "h", "v", "s", "<", ">", "8", "P")
OTHER_COLOUR = "#d9d9d9"
TYPE_STYLE = {  # kind -> (marker, size, face, edge, label)
    "hap": ("^", 90, "#ffffff", "#000000", "Huisartsenpost (HAP)"),
    "avg_poli": ("s", 60, "#000000", "#000000", "AVG-polikliniek"),
    "huisartsenpraktijk": ("+", 28, "#444444", "#444444", "Huisartsenpraktijk"),
}


@dataclass(frozen=True)
class MapLayers:
    """Everything the map draws, in RD metres."""

    outline: object  # shapely geometry of the subject's area
    gemeenten: list  # shapely geometries of the gemeenten in view
    service_areas: list  # shapely geometries of the HAP service areas touching the area
    facilities: pd.DataFrame  # x, y, type, organisatie_naam, in_scope (bool) of every facility in view
    bounds: tuple[float, float, float, float]


def _rd(geometry):
    if geometry is None or geometry.is_empty:
        return geometry
    return shapely.transform(geometry, lambda xy: np.column_stack(to_rd(xy[:, 0], xy[:, 1])))


def layers(scope: Scope, geo_result, geography: Geography) -> MapLayers:
    """Collect the map's geometries and points for a scope (pure: frames and shapes in, shapes out)."""
    facilities = geo_result.facilities
    outline = _rd(scope.outline)
    if scope.niveau == "hap":  # a dissolved service area: without the slivers its PC4 polygons leave
        outline = clean_area(outline) or outline
    own = scope.facilities
    if outline is not None and not outline.is_empty:
        minx, miny, maxx, maxy = outline.bounds
    elif len(own):
        minx, miny, maxx, maxy = own["x"].min(), own["y"].min(), own["x"].max(), own["y"].max()
    else:
        minx, miny, maxx, maxy = 0.0, 300000.0, 280000.0, 620000.0  # the Netherlands
    span = max(maxx - minx, maxy - miny, 2000.0)
    pad = MARGIN * span
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    half_w, half_h = max(maxx - minx, 0.75 * span) / 2 + pad, max(maxy - miny, 0.75 * span) / 2 + pad
    bounds = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
    view = shapely.box(*bounds)

    regions = geography.regions
    gemeenten = regions[(regions["niveau"] == "gemeente").to_numpy()]
    gem_rd = [g for g in (_rd(geom) for geom in gemeenten.geometry) if g is not None and not g.is_empty and g.intersects(view)]

    pc4 = geo_result.pc4
    covered = pc4[pc4["gemeente"].isin(scope.gemeenten).to_numpy()]["hap_gebied"].dropna().astype(str)
    hap_ids = set(covered) | set(scope.of_type("hap")["id"].astype(str))
    pairs = geo_result.service_area_pc4
    pairs = pairs[pairs["hap_id"].astype(str).isin(hap_ids).to_numpy()]
    areas = [] if pairs.empty else [a for a in (clean_area(_rd(g)) for g in dissolve(pairs, geography).geometry) if a]

    inside = (facilities["x"].between(bounds[0], bounds[2]) & facilities["y"].between(bounds[1], bounds[3])).to_numpy()
    shown = facilities[inside][["id", "x", "y", "type", "organisatie_id", "organisatie_naam"]].copy()
    shown["in_scope"] = shown["id"].isin(set(own["id"])).to_numpy()
    return MapLayers(outline, gem_rd, areas, shown, bounds)


def clean_area(geometry, close_m: float = CLOSE_M):
    """A dissolved service area without the slivers, pinholes and crumbs that independently simplified PC4s leave
    (closing by `close_m` metres, holes under 2 km² and parts under 0.2 km² dropped, simplified to 50 m)."""
    if geometry is None or geometry.is_empty:
        return None
    closed = geometry.buffer(close_m, join_style="mitre").buffer(-close_m, join_style="mitre")
    parts = []
    for part in shapely.get_parts(closed):
        if part.geom_type != "Polygon" or part.area < MIN_PART_M2:
            continue
        holes = [ring for ring in part.interiors if shapely.Polygon(ring).area >= MIN_HOLE_M2]
        parts.append(shapely.Polygon(part.exterior, holes))
    if not parts:
        return None
    return shapely.simplify(shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0], 50.0, preserve_topology=True)


def _plot_geometry(ax, geometry, **style) -> None:
    for part in shapely.get_parts(geometry):
        if part.geom_type == "Polygon":
            rings = [part.exterior, *part.interiors]
        elif part.geom_type in ("LineString", "LinearRing"):
            rings = [part]
        else:
            continue
        for ring in rings:
            xy = np.asarray(ring.coords)
            ax.plot(xy[:, 0], xy[:, 1], **style)


def _nice_length(span_m: float) -> float:
    target = span_m / 5
    for length in (500, 1000, 2000, 5000, 10000, 20000, 25000, 50000, 100000):
        if length >= target:
            return float(length)
    return 100000.0


def _scale_bar(ax, bounds) -> None:
    minx, miny, maxx, maxy = bounds
    length = _nice_length(maxx - minx)
    x0, y0 = minx + 0.04 * (maxx - minx), miny + 0.04 * (maxy - miny)
    height = 0.012 * (maxy - miny)
    half = length / 2
    ax.fill([x0, x0 + half, x0 + half, x0], [y0, y0, y0 + height, y0 + height], facecolor="black", edgecolor="black",
            linewidth=0.8, zorder=6)
    ax.fill([x0 + half, x0 + length, x0 + length, x0 + half], [y0, y0, y0 + height, y0 + height], facecolor="white",
            edgecolor="black", linewidth=0.8, zorder=6)
    km = length / 1000
    label = f"{km:g} km".replace(".", ",")
    ax.text(x0, y0 + 2.2 * height, "0", fontsize=7, ha="center", va="bottom", zorder=6)
    ax.text(x0 + length, y0 + 2.2 * height, label, fontsize=7, ha="center", va="bottom", zorder=6)


def _north_arrow(ax, bounds) -> None:
    minx, miny, maxx, maxy = bounds
    x, y = maxx - 0.06 * (maxx - minx), maxy - 0.16 * (maxy - miny)
    size = 0.08 * (maxy - miny)
    ax.annotate("", xy=(x, y + size), xytext=(x, y), zorder=6,
                arrowprops=dict(facecolor="black", edgecolor="black", width=3, headwidth=10, headlength=10))
    ax.text(x, y + size * 1.08, "N", fontsize=10, fontweight="bold", ha="center", va="bottom", zorder=6)


def organisation_styles(vg: pd.DataFrame) -> dict[str, tuple[str, str, str]]:
    """organisatie_id -> (colour, marker, name) for the organisations with most locations (ties by name)."""
    counts = vg.groupby("organisatie_id").agg(n=("id", "size"), naam=("organisatie_naam", "first")).reset_index()
    counts["naam"] = counts["naam"].fillna(counts["organisatie_id"]).astype(str)
    counts = counts.sort_values(["n", "naam"], ascending=[False, True], kind="stable").head(MAX_ORGANISATIONS)
    styles = {}
    for i, (org, naam) in enumerate(zip(counts["organisatie_id"], counts["naam"])):
        styles[str(org)] = (ORG_COLOURS[i % len(ORG_COLOURS)], ORG_MARKERS[i % len(ORG_MARKERS)], naam)
    return styles


def render_png(map_layers: MapLayers, title: str = "") -> bytes:
    """The map as a PNG, 17 cm wide at 150 dpi: the map on top (height after the region's shape, at most 17 cm),
    the legend in two columns below it."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    minx, miny, maxx, maxy = map_layers.bounds
    map_h = min(MAX_MAP_CM, WIDTH_CM * (maxy - miny) / max(maxx - minx, 1.0))
    handles = [
        Line2D([], [], color="#000000", linewidth=2.0, label="Grens van het gebied"),
        Line2D([], [], color="#9a9a9a", linewidth=0.6, label="Gemeentegrens"),
        Line2D([], [], color="#333333", linewidth=1.1, linestyle=(0, (4, 2)), label="HAP-werkgebied"),
    ]
    points = map_layers.facilities
    vg = points[(points["type"] == "vg_locatie").to_numpy()]
    inside = vg[vg["in_scope"].to_numpy() & vg["organisatie_id"].notna().to_numpy()]
    styles = organisation_styles(inside)
    outside = vg[~vg["id"].isin(set(inside["id"])).to_numpy() | ~vg["organisatie_id"].astype(str).isin(set(styles)).to_numpy()]
    n_entries = 6 + len(styles) + (1 if len(outside) else 0)
    legend_h = 1.0 + 0.42 * ((n_entries + 1) // 2)
    height = map_h + legend_h
    figure = Figure(figsize=(WIDTH_CM / 2.54, height / 2.54), dpi=DPI)
    ax = figure.add_axes((0.005, legend_h / height, 0.99, map_h / height - 0.005))
    legend_ax = figure.add_axes((0.0, 0.0, 1.0, legend_h / height))
    legend_ax.axis("off")
    for geometry in map_layers.gemeenten:
        _plot_geometry(ax, geometry, color="#9a9a9a", linewidth=0.4, zorder=1)
    for geometry in map_layers.service_areas:
        _plot_geometry(ax, geometry, color="#333333", linewidth=1.1, linestyle=(0, (4, 2)), zorder=2)
    if map_layers.outline is not None and not map_layers.outline.is_empty:
        _plot_geometry(ax, map_layers.outline, color="#000000", linewidth=2.0, zorder=3)
    for kind in ("huisartsenpraktijk", "avg_poli", "hap"):
        marker, size, face, edge, label = TYPE_STYLE[kind]
        rows = points[(points["type"] == kind).to_numpy()]
        if len(rows):
            edges = {} if kind == "huisartsenpraktijk" else {"edgecolors": edge}  # '+' is a line marker
            ax.scatter(rows["x"], rows["y"], marker=marker, s=size, c=face, linewidths=1.0,
                       zorder=5 if kind == "hap" else 4, **edges)
        handles.append(Line2D([], [], marker=marker, linestyle="", markersize=7, markerfacecolor=face,
                              markeredgecolor=edge, color=edge, label=label))
    if len(outside):
        ax.scatter(outside["x"], outside["y"], marker="o", s=14, c=OTHER_COLOUR, edgecolors="#7a7a7a",
                   linewidths=0.5, zorder=3)
    for org, (colour, marker, naam) in styles.items():
        rows = inside[(inside["organisatie_id"].astype(str) == org).to_numpy()]
        ax.scatter(rows["x"], rows["y"], marker=marker, s=34, c=colour, edgecolors="#000000", linewidths=0.7, zorder=4)
        handles.append(Line2D([], [], marker=marker, linestyle="", markersize=6, markerfacecolor=colour,
                              markeredgecolor="#000000", label=_short(naam)))
    if len(outside):
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=5, markerfacecolor=OTHER_COLOUR,
                              markeredgecolor="#7a7a7a", label="Andere VG-locaties"))
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_linewidth(0.6)
    _scale_bar(ax, map_layers.bounds)
    _north_arrow(ax, map_layers.bounds)
    legend_ax.legend(handles=handles, loc="upper left", ncol=2, fontsize=7, frameon=False, title=title or "Legenda",
                     title_fontsize=8, borderaxespad=0.4, handletextpad=0.6, labelspacing=0.6, columnspacing=2.0,
                     alignment="left")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def _short(name: str, limit: int = 34) -> str:
    name = str(name)
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"
