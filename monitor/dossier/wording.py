"""Dutch notation and fixed wording of the regiodossier (numbers, labels, small counts)."""
from __future__ import annotations

import math
from datetime import date

from monitor.text import PRIVACY_MINIMUM

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
LEVEL_LABELS = {
    "zorgkantoorregio": "zorgkantoorregio",
    "gemeente": "gemeente",
    "provincie": "provincie",
    "organisatie": "zorgorganisatie",
    "hap": "HAP-werkgebied",  # the service area of a HAP (its facility id), as geo calls the level
}
LEVEL_ALIASES = {"hap-werkgebied": "hap", "hap_werkgebied": "hap", "werkgebied": "hap"}
CONDITION_LABELS = {
    "infrastructuur": "Infrastructuur",
    "harde_instituties": "Harde instituties",
    "zachte_instituties": "Zachte instituties",
    "netwerk_te_sterk": "Interactie – netwerk te sterk",
    "netwerk_te_zwak": "Interactie – netwerk te zwak",
    "goed_netwerk": "Goed netwerk",
    "competenties": "Competenties",
}
STAKEHOLDER_LABELS = {
    "aanbieders": "aanbieders",
    "gebruikers": "gebruikers",
    "intermediairs": "intermediairs",
    "voorwaardenscheppend": "voorwaardenscheppend",
}
STATUS_LABELS = {"niet_gestart": "niet gestart", "gestart": "gestart", "loopt": "loopt", "afgerond": "afgerond",
                 "gestopt": "gestopt"}
FAILURE_CONDITIONS = ("netwerk_te_zwak", "netwerk_te_sterk")


def missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):
        return False


def number(value, decimals: int = 0, unit: str = "") -> str:
    """1234.5 -> '1.234,5'; missing -> 'onbekend'; with a unit '6,9 km'."""
    if missing(value):
        return "onbekend"
    text = f"{float(value):,.{decimals}f}".replace(",", "\0").replace(".", ",").replace("\0", ".")
    if text.startswith("-") and set(text[1:]) <= set("0.,"):
        text = text[1:]
    return f"{text} {unit}" if unit else text


def percent(share) -> str:
    return "onbekend" if missing(share) else number(100 * float(share), 0) + "%"


def score(value) -> str:
    """A score with its sign and a real minus: '+1,5', '−0,67', '0'; missing -> 'geen score'."""
    if missing(value):
        return "geen score"
    text = number(value, 2)
    if text == "0,00":
        return "0"
    text = text.rstrip("0").rstrip(",") if "," in text else text
    return text.replace("-", "−") if text.startswith("-") else f"+{text}"


def clients(value) -> str:
    """A client count fit to print: '<10' for 1 to 9 (privacy), exact from 10."""
    if missing(value):
        return "onbekend"
    count = int(round(float(value)))
    return f"<{PRIVACY_MINIMUM}" if 0 < count < PRIVACY_MINIMUM else number(count)


def small_count(count: int) -> str:
    """A count in the version without findings: 'geen', '<10' or the number (no small numbers to trace back)."""
    if count <= 0:
        return "geen"
    return f"<{PRIVACY_MINIMUM}" if count < PRIVACY_MINIMUM else number(count)


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def plural(count: int, one: str, many: str) -> str:
    return f"{number(count)} {one if count == 1 else many}"


def join_names(names, limit: int = 0) -> str:
    """'A, B en C'; with a limit 'A, B en 7 andere'."""
    names = [str(n) for n in names if n]
    if limit and len(names) > limit:
        return ", ".join(names[:limit]) + f" en {len(names) - limit} andere"
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " en " + names[-1]


def sentence(text: str) -> str:
    text = " ".join(str(text).split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
