"""From analysis results to map layers: which regions, which colouring, which outlines (no streamlit).

Inputs are the frames of geo.analysis.GeoResult (indicators per niveau, facilities, service_areas) and
monitor.analysis.MonitorResult (signals, conditions); the page passes them in from dashboard.cache.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

import folium
import geopandas as gpd
import pandas as pd

from dashboard.components.region import completeness_text, robustness_text
from dashboard.format import client_count, label, number, percent, scale_text
from dashboard.maps.facilities import POINT_STYLES, service_area_layer
from dashboard.maps.points import PointLayerData, highlight_layer, point_layer, point_layer_data
from dashboard.maps.palette import Shading, classify_diverging, classify_sequential, classify_signals
from dashboard.maps.regions import region_layer, selection_layer
from data.models import CONDITIONS
from geo import catalogue
from monitor.catalogue import default as monitor_catalogue

# Map levels in the order of the selector; 'hap' regions are HAP service areas (werkgebieden).
LEVELS = {
    "zorgkantoorregio": "Zorgkantoorregio",
    "gemeente": "Gemeente",
    "provincie": "Provincie",
    "hap": "HAP-werkgebied",
}
MONITOR_LEVELS = ("zorgkantoorregio", "gemeente", "provincie")  # levels with condition scores and signals


def level_noun(niveau: str) -> str:
    """The level as a noun inside a sentence: 'zorgkantoorregio', 'gemeente', but 'HAP-werkgebied' keeps its capitals."""
    name = LEVELS.get(niveau, niveau)
    return name if name[:3].isupper() else name[:1].lower() + name[1:]
SIGNAL_KEY = "signaal"
DEFAULT_INDICATOR = "reistijd_eigen_hap_min_mediaan"  # first choice where there are no signals (HAP areas)
POINT_LAYERS = tuple(POINT_STYLES)  # hap, avg_poli, vg_locatie, huisartsenpraktijk
SERVICE_AREAS = "werkgebieden"


@dataclass(frozen=True)
class ColourChoice:
    key: str  # "signaal", "voorwaarde:<code>" or "indicator:<key>"
    label: str


def colour_choices(niveau: str) -> list[ColourChoice]:
    """What the regions of a level can be coloured by: signals and conditions (monitor levels), indicators."""
    choices = []
    if niveau in MONITOR_LEVELS:
        choices.append(ColourChoice(SIGNAL_KEY, "Signaal (netwerk te zwak / te sterk)"))
        choices += [ColourChoice(f"voorwaarde:{code}", f"Score: {label(code)}") for code in CONDITIONS]
    keys = catalogue.keys(niveau)
    if niveau not in MONITOR_LEVELS and DEFAULT_INDICATOR in keys:
        keys = [DEFAULT_INDICATOR, *(k for k in keys if k != DEFAULT_INDICATOR)]
    for key in keys:
        choices.append(ColourChoice(f"indicator:{key}", _title(key)))
    return choices


def region_shapes(niveau: str, regions: gpd.GeoDataFrame, service_areas: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """code, naam, geometry of the regions of a level; for 'hap' the HAP service areas."""
    if niveau == "hap":
        shapes = service_areas.rename(columns={"hap_id": "code"})[["code", "naam", "geometry"]]
        return gpd.GeoDataFrame(shapes[shapes.geometry.notna()], geometry="geometry", crs=service_areas.crs)
    return regions.loc[regions["niveau"] == niveau, ["code", "naam", "geometry"]].reset_index(drop=True)


@dataclass(frozen=True)
class NumberDisplay:
    """How the map shows an indicator's number: times ``scale``, rounded to ``decimals``, followed by ``unit``."""

    scale: float
    decimals: int
    unit: str | None
    small_counts_hidden: bool = False  # client counts below 10 show as '<10' (privacy)


def number_display(key: str) -> NumberDisplay:
    """The display of one indicator, shared by the map's texts and the map as a table."""
    unit = catalogue.describe(key).eenheid
    if key == "clienten":
        return NumberDisplay(1, 0, None, small_counts_hidden=True)
    if unit.startswith("fractie"):
        return NumberDisplay(100, 0, "%")
    if unit.startswith("minuten"):
        return NumberDisplay(1, 0, "min")
    if unit in ("aantal", "personen") or unit.startswith("1 ="):
        return NumberDisplay(1, 0, None)
    return NumberDisplay(1, 1 if unit in ("km", "fte") else 2, unit)


def indicator_formatter(key: str, unit: bool = True) -> Callable[[float], str]:
    """Dutch number text with the unit of an indicator; client counts below 10 show as '<10'.

    ``unit=False``: without a word unit (the legend's title carries it once); a percentage keeps its '%'."""
    display = number_display(key)
    if display.small_counts_hidden:
        return client_count
    if display.unit == "%":
        return lambda v: percent(v, display.decimals)
    return lambda v: number(v, display.decimals, display.unit if unit else None)


def display_unit(key: str) -> str:
    """The unit as the map shows the values: fractions as percentages, estimated minutes as minutes."""
    unit = catalogue.describe(key).eenheid
    if unit.startswith("fractie"):
        return "%"
    if unit.startswith("minuten"):
        return "minuten"
    return unit


def _title(key: str) -> str:
    """Indicator label with its unit: 'Huisartsenposten (aantal)', 'Reistijd … (mediaan, geschat), minuten'."""
    item, unit = catalogue.describe(key), display_unit(key)
    return f"{item.label}, {unit}" if item.label.endswith(")") or "(" in unit else f"{item.label} ({unit})"


def _direction_note(key: str) -> str:
    richting = catalogue.describe(key).richting
    return {1: "Hoger is beter (licht).", -1: "Lager is beter (licht)."}.get(richting, "Ter vergelijking; geen goed of slecht.")


def shading(choice: str, niveau: str, indicators: dict, signals: pd.DataFrame | None, conditions: pd.DataFrame | None) -> Shading:
    """Colour classes, tooltip texts and legend for one colour choice at one level."""
    if choice == SIGNAL_KEY:
        if signals is None:
            raise ValueError(f"no signals for niveau {niveau!r}")
        return classify_signals(
            signals["code"], signals["zwak_netwerk"], signals["te_sterk_netwerk"], signals["onvoldoende_gegevens"],
            "Signaal",
        )
    kind, _, key = choice.partition(":")
    if kind == "voorwaarde":
        if conditions is None:
            raise ValueError(f"no condition scores for niveau {niveau!r}")
        rows = conditions[conditions["voorwaarde"] == key]
        insufficient = rows["onvoldoende_gegevens"] if "onvoldoende_gegevens" in rows else None
        return classify_diverging(
            rows["code"], rows["score"], lambda v: number(v, 1), _score_title(key),
            limit=monitor_catalogue().schaal_max, insufficient=insufficient,
            note=f"{scale_text(key)}.",
        )
    if kind == "indicator":
        frame = indicators[niveau]
        shaded = classify_sequential(
            frame["code"], frame[key], indicator_formatter(key), _title(key),
            reverse=catalogue.describe(key).richting != 1, legend_fmt=indicator_formatter(key, unit=False),
        )
        legend = shaded.legend
        return Shading(shaded.frame, type(legend)(legend.title, legend.items, _direction_note(key)))
    raise ValueError(f"unknown colour choice {choice!r}")


def _score_title(condition: str) -> str:
    scale = monitor_catalogue()
    return f"Score {label(condition).lower()} ({number(scale.schaal_min)} tot +{number(scale.schaal_max)})"


def flags(signals: pd.DataFrame | None) -> dict[str, str]:
    """code -> signal text of the regions with a network signal (they get a thick outline)."""
    if signals is None or signals.empty:
        return {}
    weak = signals["zwak_netwerk"].fillna(False).astype(bool)
    strong = signals["te_sterk_netwerk"].fillna(False).astype(bool)
    text = pd.Series("", index=signals.index)
    text[weak] = "netwerk te zwak"
    text[strong] = "netwerk te sterk"
    text[weak & strong] = "netwerk te zwak én te sterk"
    chosen = weak | strong
    return dict(zip(signals.loc[chosen, "code"].astype(str), text[chosen]))


def signal_details(signals: pd.DataFrame | None) -> dict[str, list[tuple[str, str]]]:
    """code -> tooltip lines next to the signal: completeness, robustness, and for regions with insufficient data
    the reason why (monitor.signals)."""
    if signals is None or signals.empty:
        return {}
    out = {}
    for _, row in signals.iterrows():
        lines = [("Volledigheid", completeness_text(row))]
        if bool(row["onvoldoende_gegevens"]):
            reasons = list(row.get("redenen") or [])
            if reasons:
                lines.append(("Reden", str(reasons[0])))
        else:
            lines.append(("Zekerheid", robustness_text(row)))
        out[str(row["code"])] = lines
    return out


def value_label(choice: str) -> str:
    """The label of the shown value in tooltips."""
    if choice == SIGNAL_KEY:
        return "Signaal"
    kind, _, key = choice.partition(":")
    if kind == "voorwaarde":
        return f"Score {label(key).lower()}"
    return catalogue.describe(key).label


def layers(
    niveau: str,
    choice: str,
    shapes: gpd.GeoDataFrame,
    shade: Shading,
    flagged: dict[str, str],
    facilities: pd.DataFrame,
    service_areas: gpd.GeoDataFrame,
    shown: tuple[str, ...] = (),
    selected: str | None = None,
    details: dict[str, list[tuple[str, str]]] | None = None,
    points: Mapping[str, PointLayerData] | None = None,
    chosen_point: tuple[float, float] | None = None,
) -> list[folium.FeatureGroup]:
    """Feature groups in drawing order: regions, service areas, points (HAP's on top), the selection.

    ``details``: extra tooltip lines per region code (signal_details: completeness and robustness).
    Facilities are compact point layers (dashboard.maps.points): ``points`` may hold them packed already (the page
    caches them per data version), otherwise they are packed from ``facilities``. ``chosen_point``: (lat, lon) of
    a facility the user clicked, ringed on top."""
    groups = [region_layer(shapes, shade.frame, niveau, value_label(choice), flagged, details=details)]
    if SERVICE_AREAS in shown:
        groups.append(service_area_layer(service_areas[service_areas.geometry.notna()], compact=True))
    for kind in ("huisartsenpraktijk", "vg_locatie", "avg_poli", "hap"):
        if kind in shown:
            data = (points or {}).get(kind) or point_layer_data(facilities, kind)
            groups.append(point_layer(data))
    if selected is not None:
        match = shapes.loc[shapes["code"] == selected, "geometry"]
        if len(match):
            groups.append(selection_layer(match.iloc[0]))
    if chosen_point is not None:
        groups.append(highlight_layer(*chosen_point))
    return groups


def indicator_rows(niveau: str, code: str, indicators: dict) -> pd.DataFrame:
    """Indicator, Waarde (Dutch text with unit) of one region, in catalogue order; empty when unknown."""
    frame = indicators.get(niveau)
    if frame is None:
        return pd.DataFrame(columns=["Indicator", "Waarde"])
    match = frame[frame["code"].astype(str) == str(code)]
    if match.empty:
        return pd.DataFrame(columns=["Indicator", "Waarde"])
    row = match.iloc[0]
    keys = [key for key in catalogue.keys(niveau) if key in frame.columns]
    return pd.DataFrame(
        {
            "Indicator": [catalogue.describe(key).label for key in keys],
            "Waarde": [indicator_formatter(key)(row[key]) if pd.notna(row[key]) else "onbekend" for key in keys],
        }
    )


def score_rows(code: str, conditions: pd.DataFrame | None) -> pd.DataFrame:
    """Voorwaarde, Score, Betrouwbaarheid of one region ('onvoldoende gegevens' where there is no evidence)."""
    if conditions is None:
        return pd.DataFrame(columns=["Voorwaarde", "Score", "Betrouwbaarheid"])
    rows = conditions[conditions["code"].astype(str) == str(code)]
    return pd.DataFrame(
        {
            "Voorwaarde": [label(v) for v in rows["voorwaarde"]],
            "Score": [number(v, 1) if pd.notna(v) else "onvoldoende gegevens" for v in rows["score"]],
            "Betrouwbaarheid": rows["betrouwbaarheid_label"].to_numpy() if "betrouwbaarheid_label" in rows else "",
        }
    )
