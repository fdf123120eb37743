"""Presentation of numbers and texts: Dutch formatting, privacy masking and escaping of user text.

Pure functions without streamlit, so they are easy to test and can be reused by every page and export.
"""
from __future__ import annotations

import math
import re
from numbers import Number

import pandas as pd

UNKNOWN = "onbekend"
SMALL_COUNT = "<10"  # privacy (domain brief §9): client counts below 10 are never shown exactly
SMALL_COUNT_LIMIT = 10

# Display labels of the framework codes (data.models.CONDITIONS, STAKEHOLDERS) and registry codes.
LABELS = {
    "infrastructuur": "Infrastructuur",
    "harde_instituties": "Harde instituties",
    "zachte_instituties": "Zachte instituties",
    "netwerk_te_sterk": "Interactie – netwerk te sterk",
    "netwerk_te_zwak": "Interactie – netwerk te zwak",
    "goed_netwerk": "Goed netwerk",
    "competenties": "Competenties",
    "aanbieders": "Aanbieders",
    "gebruikers": "Gebruikers",
    "intermediairs": "Intermediairs",
    "voorwaardenscheppend": "Voorwaardenscheppend",
    "hap": "Huisartsenpost",
    "avg_poli": "AVG-polikliniek",
    "vg_locatie": "VG-locatie",
    "huisartsenpraktijk": "Huisartsenpraktijk",
    "gezamenlijke_medische_dienst": "Gezamenlijke medische dienst",
    "contract": "Contract",
    "schriftelijke_afspraak": "Schriftelijke afspraak",
    "mondelinge_afspraak": "Mondelinge afspraak",
    "casuistiek": "Casuïstiek (incidenteel)",
    "niet_gestart": "Niet gestart",
    "gestart": "Gestart",
    "loopt": "Loopt",
    "afgerond": "Afgerond",
    "gestopt": "Gestopt",
    "gemeente": "Gemeente",
    "zorgkantoorregio": "Zorgkantoorregio",
    "provincie": "Provincie",
    "organisatie": "Organisatie",
    "pc4": "Postcodegebied (PC4)",
    "voorzieningen": "Voorzieningen",
    "werkgebieden": "HAP-werkgebieden",
    "samenwerkingen": "Samenwerkingen",
    "bevindingen": "Bevindingen",
    "acties": "Convenantacties",
    "zorgkantoren": "Zorgkantoren",
    "wlz_vraag": "Wlz-vraag (CIZ)",
    "pilots": "Pilotcommissies",
    "bekendheid": "Bekendheid convenant",
}


PLURALS = {
    "hap": "Huisartsenposten",
    "avg_poli": "AVG-poli's",
    "vg_locatie": "VG-locaties",
    "huisartsenpraktijk": "Huisartsenpraktijken",
    "gemeente": "Gemeenten",
    "zorgkantoorregio": "Zorgkantoorregio's",
    "provincie": "Provincies",
}


# The failure conditions of the framework (monitor/catalogus.toml [schaal]): there the scale reads as knelpunt (−2)
# to geen knelpunt (+2); on the other conditions +2 is also a good practice.
FAILURE_CONDITIONS = ("netwerk_te_zwak", "netwerk_te_sterk")
SCALE_TEXT = "−2 = knelpunt (system failure), +2 = geen knelpunt (good practice)"


def scale_text(condition: str | None = None) -> str:
    """How to read the score scale, in general or for one condition (failure conditions: knelpunt ↔ geen knelpunt)."""
    if condition in FAILURE_CONDITIONS:
        return "−2 = knelpunt, +2 = geen knelpunt"
    return SCALE_TEXT


def plural_label(code: str) -> str:
    """Plural display label (for counts): 'hap' -> 'Huisartsenposten'."""
    return PLURALS.get(code, label(code))


def label(code: object) -> str:
    """Readable Dutch label of a code; unknown codes are shown with underscores as spaces."""
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return UNKNOWN
    text = str(code)
    return LABELS.get(text, text.replace("_", " "))


def _missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def number(value: object, decimals: int = 0, unit: str | None = None) -> str:
    """Dutch notation: ``number(1234.5, 1) == "1.234,5"``; with a unit ``"6,9 km"``; missing → "onbekend"."""
    if _missing(value):
        return UNKNOWN
    if not isinstance(value, Number):
        raise TypeError(f"number() expects a number, got {type(value).__name__}")
    text = f"{float(value):,.{decimals}f}"
    # Swap the English separators: ',' thousands -> '.', '.' decimal -> ','.
    text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if text.startswith("-") and set(text[1:]) <= set("0.,"):
        text = text[1:]  # no "-0,0"
    return f"{text} {unit}" if unit else text


def count_text(count: int, one: str, many: str) -> str:
    """A count with the right noun: ``count_text(1, "keten", "ketens") == "1 keten"``, "1.625 cliënten"."""
    return f"{number(int(count))} {one if int(count) == 1 else many}"


def percent(fraction: object, decimals: int = 0) -> str:
    """A fraction 0..1 as a Dutch percentage: ``percent(0.125, 1) == "12,5%"``."""
    if _missing(fraction):
        return UNKNOWN
    return number(float(fraction) * 100, decimals) + "%"


def client_count(value: object) -> str:
    """A client count for display: exact from 10 up, otherwise "<10" (privacy)."""
    if _missing(value):
        return UNKNOWN
    if float(value) < SMALL_COUNT_LIMIT:
        return SMALL_COUNT
    return number(value, 0)


def mask_client_counts(frame: pd.DataFrame, columns: tuple[str, ...] = ("clienten",)) -> pd.DataFrame:
    """Copy of ``frame`` where the client-count columns are text with "<10" for small counts."""
    out = frame.copy()
    for column in columns:
        if column in out.columns:
            out[column] = out[column].map(client_count)
    return out


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^\"'])")


def escape_markdown(text: object) -> str:
    """User text made inert for ``st.markdown``: every Markdown/HTML/LaTeX/emoji sign is backslash-escaped.

    Names from imported files may contain ``*``, ``[link](...)``, ``<script>``, ``$x$`` or
    ``:red[...]``; after escaping they show literally. Line breaks become spaces so a name cannot start a
    heading or a list.
    """
    if _missing(text):
        return ""
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def escape_dot(text: object) -> str:
    """User text as a quoted Graphviz DOT string (quotes, backslashes and line breaks made inert)."""
    if _missing(text):
        return '""'
    flat = " ".join(str(text).split())
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def demo_banner() -> str:
    """The notice shown on every page and in every export while the demo scenario is loaded."""
    return (
        "Let op: fictief voorbeeld. Alle organisaties, locaties, samenwerkingen en bevindingen in deze "
        "database zijn verzonnen voor de demonstratie; ze zeggen niets over echte regio's."
    )


def source_caption(source: str, date: str | None = None, unit: str | None = None) -> str:
    """One escaped Markdown line 'Bron: … · peildatum: … · eenheid: …' to put under a number or table."""
    parts = [f"Bron: {escape_markdown(source)}"]
    if date:
        parts.append(f"peildatum: {escape_markdown(date)}")
    if unit:
        parts.append(f"eenheid: {escape_markdown(unit)}")
    return " · ".join(parts)


def travel_time_note(settings) -> str:
    """How travel times are estimated, in Dutch notation (settings: geo.settings.GeoSettings)."""
    return (
        f"geschatte reistijd = hemelsbrede afstand × omrijfactor {number(settings.detour_factor, 1)} / "
        f"{number(settings.speed_kmh, 0)} km/u; geen routeplanner"
    )


def dutch_columns(frame: pd.DataFrame, decimals: dict[str, int], missing: str = "–") -> pd.DataFrame:
    """Copy of ``frame`` with the given numeric columns as Dutch text ("1.234,56"); missing → ``missing``.

    Tables are shown with Dutch separators whatever the browser's language; the column order is kept.
    """
    out = frame.copy()
    for column, places in decimals.items():
        if column in out.columns:
            out[column] = [missing if _missing(v) else number(float(v), places) for v in out[column]]
    return out


def dutch_percent_columns(frame: pd.DataFrame, columns: tuple[str, ...], decimals: int = 0) -> pd.DataFrame:
    """Copy of ``frame`` with fraction columns (0..1) as Dutch percentages ("87%")."""
    out = frame.copy()
    for column in columns:
        if column in out.columns:
            out[column] = [("–" if _missing(v) else percent(v, decimals)) for v in out[column]]
    return out


LOCAL_TIMEZONE = "Europe/Amsterdam"
HISTORY_COLUMNS = {
    "batch": "Import", "tijdstip": "Tijdstip", "soort": "Soort", "bestand": "Bestand", "rijen": "Rijen",
    "geïmporteerd": "Geïmporteerd", "afgewezen": "Afgewezen", "gebruiker": "Gebruiker",
}


def local_times(times: pd.Series) -> pd.Series:
    """Stored times (UTC; naive ones count as UTC) as Dutch local time, without the zone (for display)."""
    moments = pd.to_datetime(times, errors="coerce")
    if moments.dt.tz is None:
        moments = moments.dt.tz_localize("UTC")
    return moments.dt.tz_convert(LOCAL_TIMEZONE).dt.tz_localize(None)


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """The import history for display: Dutch headers, kinds as words, times in Dutch local time, counts numeric."""
    out = history.assign(tijdstip=local_times(history["tijdstip"]), soort=history["soort"].map(label))
    out["gebruiker"] = out["gebruiker"].fillna("onbekend")
    return out.rename(columns=HISTORY_COLUMNS)
