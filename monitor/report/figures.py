"""Figures of the wave report, drawn offline with matplotlib's object API (no pyplot, thread-safe) as PNG bytes.

- `signal_maps`: small multiples of the zorgkantoorregio's in RD (EPSG:28992): the signal in the previous wave, in
  this wave, and the movement between them. Every category has its own hatching besides its colour (Okabe-Ito), so
  the maps read in black and white.
- `awareness_chart`: the share of respondents that know the convenant per stakeholder group, one bar per wave.
"""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import shapely

from geo.rd import to_rd

WIDTH_CM, DPI = 17.0, 150
SIMPLIFY_M = 400.0
SIMPLIFY_DEG = 0.002  # about 150-220 m in the Netherlands: well below what a 5 cm wide map shows
# category -> (face colour, hatch, label)
SIGNAL_STYLE = {
    "zwak": ("#E69F00", "////", "zwak netwerk"),
    "sterk": ("#5E3C99", "xxxx", "te sterk netwerk"),
    "beide": ("#D55E00", "++++", "zwak én te sterk"),
    "onvoldoende": ("#d9d9d9", "....", "onvoldoende gegevens"),
    "geen": ("#ffffff", "", "geen signaal"),
}
MOVEMENT_STYLE = {
    "nieuw": ("#D55E00", "||||", "signaal erbij"),
    "weg": ("#56B4E9", "\\\\\\\\", "signaal verdwenen"),
    "gebleven": ("#F0E442", "----", "signaal gebleven"),
    "geen": ("#ffffff", "", "geen signaal (of onvoldoende gegevens)"),
}
WAVE_COLOURS = ("#9ecae1", "#4292c6", "#08519c", "#08306b")
WAVE_HATCHES = ("////", "", "....", "xx")


def signal_category(row) -> str:
    weak, strong = bool(row["zwak_netwerk"]), bool(row["te_sterk_netwerk"])
    if weak and strong:
        return "beide"
    if weak:
        return "zwak"
    if strong:
        return "sterk"
    return "onvoldoende" if bool(row["onvoldoende_gegevens"]) else "geen"


def movement(before: str | None, now: str) -> str:
    had = before in ("zwak", "sterk", "beide")
    has = now in ("zwak", "sterk", "beide")
    if has and not had:
        return "nieuw"
    if had and not has:
        return "weg"
    if has:
        return "gebleven" if before == now else "nieuw"
    return "geen"


def _rd_shapes(regions: pd.DataFrame) -> dict[str, object]:
    """code -> simplified geometry in RD metres."""
    out = {}
    for code, geometry in zip(regions["code"].astype(str), regions.geometry):
        if geometry is None or geometry.is_empty:
            continue
        light = shapely.simplify(geometry, SIMPLIFY_DEG, preserve_topology=True)  # fewer points to project
        rd = shapely.transform(light, lambda xy: np.column_stack(to_rd(xy[:, 0], xy[:, 1])))
        out[code] = shapely.simplify(rd, SIMPLIFY_M, preserve_topology=True)
    return out


def _path(geometry):
    from matplotlib.path import Path

    vertices, codes = [], []
    for part in shapely.get_parts(geometry):
        if part.geom_type != "Polygon":
            continue
        for ring in (part.exterior, *part.interiors):
            xy = np.asarray(ring.coords)
            if len(xy) < 3:
                continue
            vertices.append(xy)
            codes.append(np.array([Path.MOVETO] + [Path.LINETO] * (len(xy) - 2) + [Path.CLOSEPOLY]))
    if not vertices:
        return None
    return Path(np.concatenate(vertices), np.concatenate(codes))


def _panel(ax, shapes: dict, categories: dict[str, str], styles: dict, title: str) -> None:
    from matplotlib.patches import PathPatch

    bounds = [np.inf, np.inf, -np.inf, -np.inf]
    for code, geometry in shapes.items():
        path = _path(geometry)
        if path is None:
            continue
        face, hatch, _ = styles[categories.get(code, "geen")]
        ax.add_patch(PathPatch(path, facecolor=face, edgecolor="#222222", linewidth=0.45, hatch=hatch or None))
        minx, miny, maxx, maxy = geometry.bounds
        bounds = [min(bounds[0], minx), min(bounds[1], miny), max(bounds[2], maxx), max(bounds[3], maxy)]
    if np.isfinite(bounds).all():
        pad = 4000
        ax.set_xlim(bounds[0] - pad, bounds[2] + pad)
        ax.set_ylim(bounds[1] - pad, bounds[3] + pad)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(title, fontsize=8.5)


def signal_maps(regions: pd.DataFrame, current: pd.DataFrame, previous: pd.DataFrame | None, golf: str,
                vorige: str | None) -> bytes:
    """Small multiples of the zorgkantoorregio's (regions: code, geometry in WGS84): previous wave, this wave and the
    movement; `current`/`previous` are signal tables (code, zwak_netwerk, te_sterk_netwerk, onvoldoende_gegevens)."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    shapes = _rd_shapes(regions)
    now = {str(r["code"]): signal_category(r) for r in current.to_dict("records")}
    panels = []
    if previous is not None:
        before = {str(r["code"]): signal_category(r) for r in previous.to_dict("records")}
        panels.append((before, SIGNAL_STYLE, f"Meetgolf {vorige}"))
    panels.append((now, SIGNAL_STYLE, f"Meetgolf {golf}"))
    if previous is not None:
        moved = {code: movement(before.get(code), now.get(code, "geen")) for code in shapes}
        panels.append((moved, MOVEMENT_STYLE, f"Beweging {vorige} → {golf}"))
    height_cm = 9.0
    figure = Figure(figsize=(WIDTH_CM / 2.54, height_cm / 2.54), dpi=DPI)
    legend_share = 0.2
    width = 1.0 / len(panels)
    for i, (categories, styles, title) in enumerate(panels):
        ax = figure.add_axes((i * width + 0.005, legend_share, width - 0.01, 1 - legend_share - 0.08))
        _panel(ax, shapes, categories, styles, title)
    legend_ax = figure.add_axes((0.0, 0.0, 1.0, legend_share))
    legend_ax.axis("off")
    handles = [Patch(facecolor=face, edgecolor="#222222", hatch=hatch or None, label=label)
               for key, (face, hatch, label) in SIGNAL_STYLE.items() if key != "beide" or "beide" in now.values()]
    if previous is not None:
        handles += [Patch(facecolor=face, edgecolor="#222222", hatch=hatch or None, label=label)
                    for key, (face, hatch, label) in MOVEMENT_STYLE.items() if key != "geen"]
    legend_ax.legend(handles=handles, loc="upper center", ncol=4, fontsize=6.5, frameon=False, handlelength=2.2,
                     handleheight=1.2, columnspacing=1.2)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def awareness_chart(table: pd.DataFrame, labels: dict[str, str]) -> bytes:
    """Grouped bars: per stakeholder group the share that knows the convenant, one bar per wave (with n).

    `table`: rows of one source of monitor.awareness.awareness_by_wave (golf, volgorde, stakeholder, bekend, totaal,
    aandeel)."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    waves = table.drop_duplicates("golf").sort_values("volgorde")["golf"].tolist()
    groups = list(dict.fromkeys(table["stakeholder"]))
    figure = Figure(figsize=(WIDTH_CM / 2.54, 6.5 / 2.54), dpi=DPI)
    ax = figure.add_axes((0.08, 0.2, 0.9, 0.72))
    width = 0.8 / max(len(waves), 1)
    x = np.arange(len(groups))
    for i, golf in enumerate(waves):
        rows = table[(table["golf"] == golf).to_numpy()].set_index("stakeholder").reindex(groups)
        shares = rows["aandeel"].astype(float).to_numpy()
        offsets = x - 0.4 + width * (i + 0.5)
        ax.bar(offsets, np.nan_to_num(shares), width * 0.92, color=WAVE_COLOURS[i % len(WAVE_COLOURS)],
               edgecolor="#222222", linewidth=0.5, hatch=WAVE_HATCHES[i % len(WAVE_HATCHES)] or None)
        for xi, share, n in zip(offsets, shares, rows["totaal"]):
            text = "onbekend" if np.isnan(share) else f"{round(100 * share)}%"
            ax.text(xi, (0 if np.isnan(share) else share) + 0.015, text, ha="center", va="bottom", fontsize=6)
    ax.set_xticks(x)
    ax.set_xticklabels([labels.get(g, g) for g in groups], fontsize=7.5)
    ax.set_ylim(0, 1.08)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_yticklabels(["0%", "25%", "50%", "75%", "100%"], fontsize=7)
    ax.set_ylabel("Kent het convenant", fontsize=7.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(facecolor=WAVE_COLOURS[i % len(WAVE_COLOURS)], edgecolor="#222222",
                     hatch=WAVE_HATCHES[i % len(WAVE_HATCHES)] or None, label=f"Meetgolf {golf}")
               for i, golf in enumerate(waves)]
    figure.legend(handles=handles, loc="lower center", ncol=len(waves), fontsize=7, frameon=False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


__all__ = ["awareness_chart", "movement", "signal_category", "signal_maps"]
