"""Dutch number formatting for evidence sentences (decimal comma, small client counts hidden)."""
from __future__ import annotations

import math

PRIVACY_MINIMUM = 10  # client counts below this are shown as "<10" (domain brief, privacy)


def _dutch(text: str) -> str:
    """Swap English separators for Dutch ones: '1,625.5' -> '1.625,5'."""
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def number(value: float, decimals: int = 1) -> str:
    """1.5 -> '1,5'; 2.0 -> '2'; 1625 -> '1.625'; NaN -> 'onbekend'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "onbekend"
    rounded = round(float(value), decimals)
    if rounded == int(rounded):
        return _dutch(f"{int(rounded):,}")
    return _dutch(f"{rounded:,.{decimals}f}".rstrip("0"))


def percent(share: float) -> str:
    return f"{number(100 * share, 0)}%"


def minutes(value: float) -> str:
    """Whole minutes with the right noun: '1 minuut', '12 minuten'; missing (None, NaN, pd.NA) -> 'onbekend'."""
    try:
        shown = number(float(value), 0)
    except TypeError:  # None or pd.NA
        return "onbekend"
    return shown if shown == "onbekend" else f"{shown} {'minuut' if shown == '1' else 'minuten'}"


def clients(count: float) -> str:
    """A client count fit for display: '<10' below the privacy minimum."""
    if count is None or (isinstance(count, float) and math.isnan(count)):
        return "onbekend"
    return f"<{PRIVACY_MINIMUM}" if 0 < count < PRIVACY_MINIMUM else _dutch(f"{int(round(count)):,}")


def plural(count: int, one: str, many: str) -> str:
    """'1 keten', '2 ketens', '1.625 cliënten'."""
    return f"{_dutch(f'{int(count):,}')} {one if count == 1 else many}"


def share_of(part: int, whole: int, noun: str) -> str:
    """The start of a sentence about part of a whole: '3 van de 30 VG-locaties', 'Geen van de 30 VG-locaties'
    (a sentence never starts with '0'), with Dutch thousands separators."""
    count = "Geen" if int(part) == 0 else _whole(part)
    return f"{count} van de {_whole(whole)} {noun}"


def _whole(value) -> str:
    """A whole number with a Dutch thousands separator: 1625 -> '1.625'."""
    return f"{int(value):,}".replace(",", ".")


def score(value: float | None) -> str:
    """A score with its sign: '+1,5', '-0,7', '0'; None -> 'onvoldoende gegevens'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "onvoldoende gegevens"
    text = number(value, 2)
    return text if text.startswith("-") or text == "0" else f"+{text}"
