"""Dutch number formatting for evidence sentences (decimal comma, small client counts hidden)."""
from __future__ import annotations

import math

PRIVACY_MINIMUM = 10  # client counts below this are shown as "<10" (domain brief, privacy)


def number(value: float, decimals: int = 1) -> str:
    """1.5 -> '1,5'; 2.0 -> '2'; NaN -> 'onbekend'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "onbekend"
    rounded = round(float(value), decimals)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.{decimals}f}".rstrip("0").replace(".", ",")


def percent(share: float) -> str:
    return f"{number(100 * share, 0)}%"


def clients(count: float) -> str:
    """A client count fit for display: '<10' below the privacy minimum."""
    if count is None or (isinstance(count, float) and math.isnan(count)):
        return "onbekend"
    return f"<{PRIVACY_MINIMUM}" if 0 < count < PRIVACY_MINIMUM else str(int(round(count)))


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def score(value: float | None) -> str:
    """A score with its sign: '+1,5', '-0,7', '0'; None -> 'onvoldoende gegevens'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "onvoldoende gegevens"
    text = number(value, 2)
    return text if text.startswith("-") or text == "0" else f"+{text}"
