"""Colour classes for the map and the matching legend; colour-blind-safe palettes only.

Sequential values (indicators) use viridis, diverging scores (conditions, negative = failures) use the
ColorBrewer purple-orange scheme, signals use orange (network too weak), blue with white dots (too strong) and
purple with a white diamond grid (both), so a signal never rests on colour alone. Regions without enough data
are never coloured as a value: they get a grey, hatched fill and a dashed outline.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Callable

import branca.colormap as cm
import numpy as np
import pandas as pd

INSUFFICIENT_COLOUR = "#9e9e9e"  # grey fill; the browser adds a hatch pattern on top
INSUFFICIENT_TEXT = "onvoldoende gegevens"
NO_SIGNAL_COLOUR = "#f4f4f4"
WEAK_COLOUR = "#e66101"  # orange: netwerk te zwak
STRONG_COLOUR = "#2166ac"  # blue: netwerk te sterk
BOTH_COLOUR = "#542788"  # dark purple: both signals
FLAG_OUTLINE = "#111111"  # regions with a signal get a thick dark outline
OUTLINE = "#555555"


# Fill patterns that carry a signal besides its colour (drawn by the browser over the fill, see regions.py).
DOTS = "stippen"  # netwerk te sterk
CROSSES = "ruit"  # te zwak én te sterk


@dataclass(frozen=True)
class LegendItem:
    colour: str
    label: str
    hatched: bool = False
    outlined: bool = False
    pattern: str = ""  # DOTS or CROSSES: white dots or a white diamond grid over the colour


@dataclass(frozen=True)
class Legend:
    title: str
    items: tuple[LegendItem, ...]
    note: str = ""


@dataclass(frozen=True)
class Shading:
    """Per region code: fill colour, value text for the tooltip, and whether data are insufficient."""

    frame: pd.DataFrame  # code, kleur, tekst, onvoldoende, waarde, klasse
    legend: Legend


def _rgb_hex(rgba) -> str:
    r, g, b = (int(round(float(c) * 255)) for c in rgba[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def sequential_colours(n: int, reverse: bool = False) -> list[str]:
    """n colours sampled evenly from viridis (dark = low); `reverse` when a high value is the worse one."""
    ramp = cm.linear.viridis.scale(0, 1)
    points = [0.5] if n == 1 else [0.1 + 0.85 * i / (n - 1) for i in range(n)]
    colours = [ramp.rgb_hex_str(p) for p in points]
    return colours[::-1] if reverse else colours


def diverging_colours(n: int) -> list[str]:
    """n colours of ColorBrewer PuOr from orange (negative, failures) via white to purple (good practice)."""
    scheme = getattr(cm.linear, f"PuOr_{max(3, min(n, 11)):02d}")
    return [_rgb_hex(colour) for colour in scheme.colors]


def _insufficient_item() -> LegendItem:
    return LegendItem(INSUFFICIENT_COLOUR, INSUFFICIENT_TEXT.capitalize(), hatched=True)


def _insufficient(values: pd.Series, insufficient: pd.Series | None) -> pd.Series:
    missing = values.isna()
    if insufficient is not None:
        missing = missing | insufficient.fillna(True).astype(bool)
    return missing


def _frame(
    codes: pd.Series,
    colours: pd.Series,
    texts: pd.Series,
    missing: pd.Series,
    values: pd.Series,
    classes: pd.Series,
    patterns: pd.Series | None = None,
) -> pd.DataFrame:
    """code, kleur, tekst, onvoldoende, patroon (a fill pattern besides the colour, or ""), plus for the map as a
    table: waarde (the number, NaN where the map shows 'onvoldoende gegevens' or a category) and klasse (the
    legend label of the region's colour)."""
    kleur = colours.where(~missing, INSUFFICIENT_COLOUR)
    tekst = texts.where(~missing, INSUFFICIENT_TEXT)
    klasse = classes.where(~missing, INSUFFICIENT_TEXT.capitalize())
    waarde = pd.to_numeric(values, errors="coerce").astype("float64").where(~missing)
    patroon = pd.Series("", index=codes.index) if patterns is None else patterns.where(~missing, "")
    return pd.DataFrame(
        {
            "code": codes.to_numpy(), "kleur": kleur.to_numpy(), "tekst": tekst.to_numpy(), "onvoldoende": missing.to_numpy(),
            "patroon": patroon.to_numpy(), "waarde": waarde.to_numpy(), "klasse": klasse.to_numpy(),
        }
    )


def classify_sequential(
    codes: pd.Series,
    values: pd.Series,
    fmt: Callable[[float], str],
    title: str,
    classes: int = 5,
    reverse: bool = False,
    insufficient: pd.Series | None = None,
    legend_fmt: Callable[[float], str] | None = None,
) -> Shading:
    """Equal-interval classes between the lowest and highest known value; `fmt` formats numbers (with unit) for the
    tooltips, `legend_fmt` (default `fmt`) for the class labels, where the title carries the unit once."""
    label_fmt = legend_fmt or fmt
    values = pd.to_numeric(values, errors="coerce").astype("float64").reset_index(drop=True)
    codes = codes.reset_index(drop=True)
    missing = _insufficient(values, None if insufficient is None else insufficient.reset_index(drop=True))
    known = values[~missing]
    if known.empty:
        colours = pd.Series([INSUFFICIENT_COLOUR] * len(values))
        index = np.zeros(len(values), dtype=int)
        items: list[LegendItem] = []
    else:
        low, high = float(known.min()), float(known.max())
        whole = bool(np.allclose(known, np.round(known))) and high - low + 1 <= classes
        if whole or math.isclose(low, high):
            # Few whole numbers (counts): one class per value, labelled with the value itself.
            n = int(round(high - low)) + 1
            palette = sequential_colours(n, reverse)
            index = np.clip(np.round(values.fillna(low).to_numpy() - low).astype(int), 0, n - 1)
            items = [LegendItem(palette[i], label_fmt(low + i)) for i in range(n)]
        else:
            n = classes
            palette = sequential_colours(n, reverse)
            edges = np.linspace(low, high, n + 1)
            index = np.clip(np.searchsorted(edges, values.fillna(low).to_numpy(), side="right") - 1, 0, n - 1)
            items = [LegendItem(palette[i], f"{label_fmt(edges[i])} – {label_fmt(edges[i + 1])}") for i in range(n)]
        colours = pd.Series([palette[i] for i in index])
    texts = values.map(lambda v: fmt(v) if pd.notna(v) else INSUFFICIENT_TEXT)
    classes = pd.Series([items[i].label if items else INSUFFICIENT_TEXT for i in index])
    items.append(_insufficient_item())
    return Shading(_frame(codes, colours, texts, missing, values, classes), Legend(title, tuple(items)))


def classify_diverging(
    codes: pd.Series,
    values: pd.Series,
    fmt: Callable[[float], str],
    title: str,
    limit: float = 1.0,
    insufficient: pd.Series | None = None,
    note: str = "",
) -> Shading:
    """Five classes symmetric around zero on [-limit, limit]: failures orange, good practice purple."""
    values = pd.to_numeric(values, errors="coerce").astype("float64").reset_index(drop=True)
    codes = codes.reset_index(drop=True)
    missing = _insufficient(values, None if insufficient is None else insufficient.reset_index(drop=True))
    palette = diverging_colours(5)
    edges = np.linspace(-limit, limit, 6)
    index = np.clip(np.searchsorted(edges, values.fillna(0).to_numpy(), side="right") - 1, 0, 4)
    colours = pd.Series([palette[i] for i in index])
    texts = values.map(lambda v: fmt(v) if pd.notna(v) else INSUFFICIENT_TEXT)
    items = [LegendItem(palette[i], f"{fmt(edges[i])} – {fmt(edges[i + 1])}") for i in range(5)]
    classes = pd.Series([items[i].label for i in index])
    items.append(_insufficient_item())
    return Shading(_frame(codes, colours, texts, missing, values, classes), Legend(title, tuple(items), note))


# Each signal has its own colour and, for the two rarer ones, a pattern too: colour is never the only carrier.
SIGNAL_CLASSES = (
    ("zwak", WEAK_COLOUR, "Netwerk te zwak", ""),
    ("sterk", STRONG_COLOUR, "Netwerk te sterk", DOTS),
    ("beide", BOTH_COLOUR, "Te zwak én te sterk", CROSSES),
    ("geen", NO_SIGNAL_COLOUR, "Geen signaal", ""),
)


def classify_signals(codes: pd.Series, weak: pd.Series, strong: pd.Series, insufficient: pd.Series, title: str) -> Shading:
    """Categorical colours of the network signals; insufficient data overrides 'geen signaal'."""
    codes = codes.reset_index(drop=True)
    weak = weak.reset_index(drop=True).fillna(False).astype(bool)
    strong = strong.reset_index(drop=True).fillna(False).astype(bool)
    missing = insufficient.reset_index(drop=True).fillna(True).astype(bool) & ~weak & ~strong
    kind = np.where(weak & strong, "beide", np.where(weak, "zwak", np.where(strong, "sterk", "geen")))
    colour_of = {key: colour for key, colour, _, _ in SIGNAL_CLASSES}
    text_of = {key: text for key, _, text, _ in SIGNAL_CLASSES}
    pattern_of = {key: pattern for key, _, _, pattern in SIGNAL_CLASSES}
    colours = pd.Series([colour_of[k] for k in kind])
    texts = pd.Series([text_of[k] for k in kind])
    patterns = pd.Series([pattern_of[k] for k in kind])
    items = [LegendItem(colour, text, pattern=pattern) for _, colour, text, pattern in SIGNAL_CLASSES]
    items.append(_insufficient_item())
    no_number = pd.Series(np.nan, index=codes.index)
    return Shading(_frame(codes, colours, texts, missing, no_number, texts, patterns), Legend(title, tuple(items)))


def _swatch_fill(item: LegendItem) -> str:
    """CSS background of a legend swatch: the colour, hatched or with the same pattern as on the map."""
    if item.hatched:
        return f"repeating-linear-gradient(45deg, {item.colour} 0 3px, #666 3px 4px)"
    if item.pattern == DOTS:
        return f"radial-gradient(circle, #ffffff 1.3px, transparent 1.8px) 0 0 / 6px 6px, {item.colour}"
    if item.pattern == CROSSES:
        return (
            "repeating-linear-gradient(45deg, transparent 0 3px, #ffffff 3px 4px), "
            f"repeating-linear-gradient(-45deg, transparent 0 3px, #ffffff 3px 4px), {item.colour}"
        )
    return item.colour


def legend_html(legend: Legend) -> str:
    """The legend as small HTML (swatches and labels, all text escaped) for st.markdown next to the map."""
    rows = []
    for item in legend.items:
        border = f"2px solid {FLAG_OUTLINE}" if item.outlined else f"1px {'dashed' if item.hatched else 'solid'} {OUTLINE}"
        fill = _swatch_fill(item)
        rows.append(
            '<div style="display:flex;align-items:center;gap:.5em;margin:.15em 0">'
            f'<span style="display:inline-block;width:1.6em;height:1em;background:{fill};border:{border}"></span>'
            f"<span>{html.escape(item.label)}</span></div>"
        )
    note = f'<div style="font-size:.85em;opacity:.8;margin-top:.3em">{html.escape(legend.note)}</div>' if legend.note else ""
    return (
        f'<div class="mgz-legend"><div style="font-weight:600;margin-bottom:.2em">{html.escape(legend.title)}</div>'
        + "".join(rows)
        + note
        + "</div>"
    )
