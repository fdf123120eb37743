"""Indicator catalogues (geo.catalogue, monitor.catalogue) as tables, tooltips and formatted values."""
from __future__ import annotations

import pandas as pd

from dashboard.format import UNKNOWN, label, number
from geo.catalogue import NIVEAU_LABELS


def level_list(niveaus) -> str:
    """The levels of an indicator as readable Dutch: ('organisatie', 'hap') -> 'Organisatie, HAP-werkgebied'."""
    text = ", ".join(NIVEAU_LABELS.get(n, label(n).lower()) for n in niveaus)
    return text[:1].upper() + text[1:]


def geo_catalogue_frame(indicators: dict) -> pd.DataFrame:
    """geo.catalogue.INDICATORS as a table (one row per indicator); levels readable ('HAP-werkgebied', not 'hap')."""
    rows = [
        (item.label, item.eenheid, level_list(item.niveaus), item.betekenis, item.methode, item.bron, key)
        for key, item in indicators.items()
    ]
    return pd.DataFrame(rows, columns=["Indicator", "Eenheid", "Niveaus", "Betekenis", "Methode", "Bron", "Sleutel"])


def monitor_catalogue_frame(catalogue) -> pd.DataFrame:
    """monitor.catalogue.default().indicatoren as a table: what counts where, in which direction, why."""
    rows = []
    for item in catalogue.indicatoren:
        direction = "lager is beter" if item.richting == "lager_beter" else "hoger is beter"
        rows.append(
            (
                item.label,
                label(item.voorwaarde),
                label(item.stakeholder) if item.stakeholder else "alle groepen",
                f"{direction}; goed bij {number(item.goed, 2)}, slecht bij {number(item.slecht, 2)} {item.eenheid}",
                number(item.gewicht, 1),
                item.onderbouwing,
                item.sleutel,
            )
        )
    return pd.DataFrame(
        rows, columns=["Indicator", "Voorwaarde", "Stakeholder", "Drempels", "Gewicht", "Onderbouwing", "Sleutel"]
    )


def indicator_help(indicators: dict, key: str, date: str | None = None) -> str:
    """Tooltip text of a geo indicator: unit, source, method and (optionally) the reference date."""
    item = indicators.get(key)
    if item is None:
        return ""
    parts = [f"Eenheid: {item.eenheid}", f"Bron: {item.bron}"]
    if date:
        parts.append(f"Peildatum: {date}")
    parts.append(f"Methode: {item.methode}")
    return "\n\n".join(parts)


def indicator_label(indicators: dict, key: str) -> str:
    item = indicators.get(key)
    return item.label if item is not None else key.replace("_", " ")


def indicator_value(indicators: dict, key: str, value) -> str:
    """A value in Dutch notation with the unit of its indicator; client counts below 10 show as "<10"."""
    if value is None or pd.isna(value):
        return UNKNOWN
    item = indicators.get(key)
    unit = item.eenheid if item is not None else ""
    if key == "clienten":
        from dashboard.format import client_count

        return f"{client_count(value)} cliënten"
    if unit.startswith("fractie") or unit.startswith("aandeel"):
        return number(float(value) * 100, 0) + "%"
    if unit.startswith("1 = "):
        return "ja" if float(value) >= 1 else "nee"
    if unit in ("aantal", "personen"):
        return number(value, 0) + ("" if unit == "aantal" else f" {unit}")
    return number(value, 1, unit)


def comparison_table(
    indicators: dict, frame: pd.DataFrame, code: str, keys: list[str] | None = None, subject: str = "Deze regio"
) -> pd.DataFrame:
    """One row per indicator: the value of ``code`` next to the national median over all rows of ``frame``.

    ``frame`` is GeoResult.indicators[niveau]; the median skips unknown values. Values carry their unit.
    """
    keys = keys or [k for k in frame.columns if k not in ("code", "naam") and k in indicators]
    row = frame[frame["code"] == code]
    rows = []
    for key in keys:
        value = row[key].iloc[0] if not row.empty and key in row else None
        median = pd.to_numeric(frame[key], errors="coerce").median() if key in frame else None
        item = indicators.get(key)
        rows.append(
            (
                indicator_label(indicators, key),
                indicator_value(indicators, key, value),
                indicator_value(indicators, key, median),
                _verdict(item, value, median),
                item.bron if item is not None else "",
            )
        )
    return pd.DataFrame(rows, columns=["Indicator", subject, "Landelijke mediaan", "Vergeleken", "Bron"])


def _verdict(item, value, median) -> str:
    """'gunstiger' / 'ongunstiger' / 'gelijk' than the median, by the indicator's direction ('' for context)."""
    if item is None or not item.richting or value is None or median is None or pd.isna(value) or pd.isna(median):
        return ""
    difference = (float(value) - float(median)) * item.richting
    if abs(difference) < 1e-9:
        return "gelijk"
    return "gunstiger" if difference > 0 else "ongunstiger"
