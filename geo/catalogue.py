"""The indicator catalogue, read from the versioned data file geo/indicatoren.toml."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from geo.settings import GeoSettings

CATALOGUE_FILE = Path(__file__).with_name("indicatoren.toml")
NIVEAU_LABELS = {
    "organisatie": "organisatie",
    "gemeente": "gemeente",
    "zorgkantoorregio": "zorgkantoorregio",
    "provincie": "provincie",
    "hap": "HAP-werkgebied",
}
REQUIRED = ("label", "eenheid", "bron", "methode", "betekenis", "niveaus")


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str  # Dutch, for the dashboard
    eenheid: str
    bron: str
    methode: str
    betekenis: str
    niveaus: tuple[str, ...]
    richting: int | None = None  # 1 higher is better, -1 lower is better, 0 context


def load(path: Path = CATALOGUE_FILE) -> tuple[int, dict[str, str], dict[str, Indicator]]:
    """(version, notes, indicators) from a catalogue file; an entry missing a field raises ValueError."""
    with open(path, "rb") as handle:
        raw = tomllib.load(handle)
    indicators = {}
    for key, entry in raw.get("indicator", {}).items():
        missing = [name for name in REQUIRED if not entry.get(name)]
        if missing:
            raise ValueError(f"indicator {key!r} in {path.name} lacks {', '.join(missing)}")
        unknown = set(entry["niveaus"]) - set(NIVEAU_LABELS)
        if unknown:
            raise ValueError(f"indicator {key!r} has unknown niveaus {sorted(unknown)}")
        indicators[key] = Indicator(
            key=key,
            label=entry["label"],
            eenheid=entry["eenheid"],
            bron=entry["bron"],
            methode=entry["methode"],
            betekenis=entry["betekenis"],
            niveaus=tuple(entry["niveaus"]),
            richting=entry.get("richting"),
        )
    return int(raw["versie"]), dict(raw.get("toelichting", {})), indicators


VERSION, NOTES, INDICATORS = load()


def describe(key: str) -> Indicator:
    """The catalogue entry of an indicator key; KeyError names the unknown key."""
    try:
        return INDICATORS[key]
    except KeyError:
        raise KeyError(f"no indicator {key!r} in {CATALOGUE_FILE.name}") from None


def keys(niveau: str) -> list[str]:
    """Indicator keys reported for a niveau, in catalogue order."""
    if niveau not in NIVEAU_LABELS:
        raise ValueError(f"unknown niveau {niveau!r}; expected one of {', '.join(NIVEAU_LABELS)}")
    return [key for key, item in INDICATORS.items() if niveau in item.niveaus]


def columns(niveau: str) -> list[str]:
    """Columns of the indicator frame of a niveau: code, naam and the keys."""
    return ["code", "naam", *keys(niveau)]


def select(frame, niveau: str):
    """The indicator columns of a computed frame, in catalogue order.

    Raises ValueError when the frame holds an indicator the catalogue does not document for this niveau,
    or lacks one it does: every number shown must have a meaning, unit, source and method.
    """
    wanted = columns(niveau)
    undocumented = [c for c in frame.columns if c not in wanted]
    if undocumented:
        raise ValueError(f"undocumented {niveau} indicators {undocumented}: add them to {CATALOGUE_FILE.name}")
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        raise ValueError(f"documented {niveau} indicators {missing} are not computed")
    return frame[wanted].reset_index(drop=True)


def _nl(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def markdown_table() -> str:
    """Markdown table of every indicator (key, label, unit, levels, meaning, method, source)."""
    lines = [
        "| Sleutel | Indicator | Eenheid | Niveaus | Betekenis | Methode | Bron |",
        "|---|---|---|---|---|---|---|",
    ]
    for item in INDICATORS.values():
        levels = ", ".join(NIVEAU_LABELS[level] for level in item.niveaus)
        cells = [f"`{item.key}`", item.label, item.eenheid, levels, item.betekenis, item.methode, item.bron]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines)


def markdown_section(settings: GeoSettings = GeoSettings()) -> str:
    """The README section 'Geo-indicatoren': assumptions, methods and the indicator table."""
    parts = [
        "## Geo-indicatoren",
        "",
        f"Berekend door `geo/` uit het register en de referentiegeografie (catalogus versie {VERSION}, "
        "`geo/indicatoren.toml`). Onbekend is leeg (`null`), nooit 0.",
        "",
        "```",
        "python -m geo indicatoren --niveau zorgkantoorregio --format json",
        "python -m geo scenario --sluit ID [--open avg_poli,52.1,5.1,2.5] --niveau gemeente --format csv",
        "python -m geo scenario --sluit-praktijk ID --niveau organisatie",
        "python -m geo dekking --niveau zorgkantoorregio --code ZK08 --format xlsx --output dekking.xlsx",
        "```",
        "",
        "### Reistijd (geschat)",
        "",
        _cell(NOTES["reistijd"]),
        "",
        "Standaardinstellingen (geo.settings.GeoSettings): "
        + f"omrijfactor {_nl(settings.detour_factor)}, snelheid {_nl(settings.speed_kmh)} km/u, "
        + f"bereik {_nl(settings.catchment_min)} min, Gaussische σ {_nl(settings.decay_sigma_min)} min, "
        + f"prevalentie {_nl(settings.prevalence)}, drempel AVG-toegankelijkheid {_nl(settings.gap_access_per_1000)} "
        + "fte per 1.000 cliënten.",
        "",
        "### HAP-werkgebieden",
        "",
        _cell(NOTES["werkgebieden"]),
        "",
        "### AVG-toegankelijkheid (E2SFCA)",
        "",
        _cell(NOTES["e2sfca"]),
        "",
        "Bron: " + _cell(NOTES["bronvermelding"]),
        "",
        "### Scenario's",
        "",
        _cell(NOTES["sluiten"]),
        "",
        "### Dekkingsgaten",
        "",
        _cell(NOTES["gaten"]),
        "",
        "### Dekking per VG-locatie",
        "",
        _cell(NOTES["dekking"]),
        "",
        "### Indicatoren",
        "",
        markdown_table(),
        "",
    ]
    return "\n".join(parts)
