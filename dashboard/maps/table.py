"""The map as a table: the same regions, values and signals as the colours show (text alternative, no streamlit).

A screen-reader or keyboard user cannot hover over the map; this table says per region what its colour,
outline and tooltip say. It is built from the same rows as the map (regions.region_rows), so the two cannot
drift apart. Numbers stay numbers (sortable), scaled and rounded as the map's texts show them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.format import SMALL_COUNT_LIMIT
from dashboard.maps import compose, coverage
from dashboard.maps.palette import Shading
from dashboard.maps.regions import region_rows

NAME = "Regio"
CODE = "Code"
COLOUR = "Kleur op de kaart"
SIGNAL = "Signaal (dik omlijnd)"
NO_SIGNAL = "geen"


@dataclass(frozen=True)
class MapTable:
    """The table plus how to show its number column (None when the colours show categories, e.g. signals)."""

    frame: pd.DataFrame
    value_column: str | None = None


def value_display(choice: str) -> compose.NumberDisplay | None:
    """Scale, decimals and unit of the number behind a colour choice; None for the signal categories."""
    kind, _, key = choice.partition(":")
    if kind == "voorwaarde":
        return compose.NumberDisplay(1, 1, None)
    if kind == "indicator":
        return compose.number_display(key)
    return None


def region_table(
    choice: str,
    shapes: gpd.GeoDataFrame,
    shade: Shading,
    flagged: Mapping[str, str] | None = None,
    details: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> MapTable:
    """One row per region on the map: name, code, the value (a number), its colour class, the signal outline
    (when the level has signals, i.e. ``flagged`` is not None) and the tooltip's extra lines (``details``).

    Sorted by name. Client counts below 10 are left empty in the number column; their class says '<10'.
    """
    rows = region_rows(shapes, shade.frame, flagged).sort_values(["naam", "code"], kind="stable")
    table = pd.DataFrame({NAME: rows["naam"].astype(str).to_numpy(), CODE: rows["code"].astype(str).to_numpy()})
    display = value_display(choice)
    value_column = None
    if display is not None:
        value_column = shade.legend.title
        values = pd.to_numeric(rows["waarde"], errors="coerce").astype("float64").to_numpy() * display.scale
        if display.small_counts_hidden:
            values = np.where(values < SMALL_COUNT_LIMIT, np.nan, values)
        table[value_column] = np.round(values, display.decimals)
    table[COLOUR] = rows["klasse"].to_numpy()
    if flagged is not None:
        table[SIGNAL] = [flagged.get(str(code), NO_SIGNAL) for code in rows["code"]]
    for label in _detail_labels(details):
        table[label] = [dict(details.get(str(code), ())).get(label, "") for code in rows["code"]]
    return MapTable(table.reset_index(drop=True), value_column)


def _detail_labels(details: Mapping[str, Sequence[tuple[str, str]]] | None) -> list[str]:
    """The labels of the tooltip's extra lines, in first-seen order ('Volledigheid', 'Zekerheid', 'Reden')."""
    labels: list[str] = []
    for lines in (details or {}).values():
        for label, _ in lines:
            if label not in labels:
                labels.append(label)
    return labels


LOCATION_NOTE = (
    "Dezelfde VG-locaties als op de kaart, met het ergste knelpunt dat de kleur van het rondje toont en alle "
    "knelpunten in woorden. Klik op een kolomkop om te sorteren."
)


def location_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The Dekking map as a table: one row per VG location on it (coordinates known), worst gap first.

    'Kleur op de kaart' is the legend class of the location's colour (dashboard/maps/coverage.py).
    """
    located = rows.dropna(subset=["lat", "lon"])
    classes = located["ergste"].map(coverage.gap_class)
    order = {key: rank for rank, key in enumerate(coverage.GAP_COLOURS)}
    table = pd.DataFrame(
        {
            "VG-locatie": located["naam"].astype(str).to_numpy(),
            "Organisatie": located["organisatie"].fillna("").astype(str).to_numpy(),
            COLOUR: classes.map(coverage.CLASS_LABELS).to_numpy(),
            "Knelpunten": [k if isinstance(k, str) and k else "geen" for k in located["knelpunten"]],
            "Id": located["id"].astype(str).to_numpy(),
        }
    )
    table["_rank"] = classes.map(order).to_numpy()
    return table.sort_values(["_rank", "VG-locatie"], kind="stable").drop(columns="_rank").reset_index(drop=True)
