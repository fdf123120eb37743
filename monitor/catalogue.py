"""The indicator catalogue (monitor/catalogus.toml): versioned data that drives scores, signals and chains.

Everything a policy reader may want to question (which fact counts where, thresholds, weights, signal
rules, failure chains) lives in the TOML file with its rationale; this module only loads and checks it.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from data import codebook as codebook_module
from data.errors import UserError
from data.models import CONDITIONS, STAKEHOLDERS

CATALOGUE_PATH = Path(__file__).with_name("catalogus.toml")
MONITOR_LEVELS = ("gemeente", "zorgkantoorregio", "provincie", "organisatie")
DIRECTIONS = ("hoger_beter", "lager_beter")
RANGES = ("vol", "positief", "negatief")
SOURCES = ("monitor", "geo")
ORIGINS = ("studie", "aanname")  # where a threshold or weight comes from: the study, or an assumption to calibrate


@dataclass(frozen=True)
class Indicator:
    sleutel: str
    label: str
    eenheid: str
    bron: str
    kolom: str
    voorwaarde: str
    stakeholder: str | None
    richting: str
    goed: float
    slecht: float
    bereik: str
    gewicht: float
    niveaus: tuple[str, ...]
    onderbouwing: str
    herkomst: dict[str, str]  # goed / slecht / gewicht -> studie | aanname

    def applies_to(self, niveau: str) -> bool:
        return niveau in self.niveaus


@dataclass(frozen=True)
class SignalRule:
    sleutel: str
    voorwaarde: str
    score_hoogstens: float
    min_gewicht: float
    min_registerfeiten: int  # registry facts that must point to a knelpunt themselves
    onderbouwing: str
    herkomst: dict[str, str]  # score_hoogstens / min_gewicht / min_registerfeiten -> studie | aanname


@dataclass(frozen=True)
class ChainLink:
    """A link is visible through evidence only: a failure finding coded with one of `codes` (data/codeboek.toml),
    or a registry fact of one of `indicatoren` with a sub-score at or below the catalogue's `schakel_drempel`."""

    naam: str
    codes: tuple[str, ...]
    indicatoren: tuple[str, ...]


@dataclass(frozen=True)
class Chain:
    sleutel: str
    naam: str
    min_schakels: int
    onderbouwing: str
    schakels: tuple[ChainLink, ...]


@dataclass(frozen=True)
class Catalogue:
    versie: str
    bron_studie: str
    schaal_min: float
    schaal_max: float
    schaal_omschrijving: str
    bevinding_waarde: float
    halfwaarde: float
    betrouwbaarheid_labels: dict[str, float]
    bevinding_factor: float
    deels_factor: float
    organisatie_vereist_naam: bool
    basis_voorwaarden: tuple[str, ...]
    signalen: tuple[SignalRule, ...]
    prioriteit: dict[str, float]
    prioriteit_onderbouwing: str
    schakel_drempel: float
    volledigheid_minimum: float  # below this share of VG locations with registered ties: 'onvoldoende gegevens'
    cluster_km: float  # locations within this distance of a cluster's first location can share one GP practice
    gevoeligheid: float  # relative variation of thresholds and weights in the robustness check (0.25 = ±25%)
    parameter_herkomst: dict[str, str]  # volledigheid_minimum / cluster_km -> studie | aanname
    indicatoren: tuple[Indicator, ...]
    ketens: tuple[Chain, ...]

    def indicator(self, sleutel: str) -> Indicator:
        for item in self.indicatoren:
            if item.sleutel == sleutel:
                return item
        raise KeyError(sleutel)

    def indicators_for(self, niveau: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicatoren if i.applies_to(niveau))

    def signal(self, sleutel: str) -> SignalRule:
        return next(s for s in self.signalen if s.sleutel == sleutel)

    def confidence_label(self, value: float | None) -> str:
        if value is None:
            return "geen"
        label = "geen"
        for name, lower in sorted(self.betrouwbaarheid_labels.items(), key=lambda kv: kv[1]):
            if value >= lower:
                label = name
        return label


def _require(table: dict, key: str, where: str):
    if key not in table or table[key] in ("", None):
        raise UserError(f"Catalogus: veld '{key}' ontbreekt bij {where}.")
    return table[key]


def _choice(value, allowed, field: str, where: str):
    if value not in allowed:
        raise UserError(f"Catalogus: {field} '{value}' bij {where} is onbekend; kies uit {', '.join(allowed)}.")
    return value


def _origins(raw: dict, fields: tuple[str, ...], where: str) -> dict[str, str]:
    """Every threshold and weight says where it comes from (`herkomst = { field = "studie" | "aanname" }`)."""
    table = _require(raw, "herkomst", where)
    return {field: _choice(_require(table, field, f"herkomst van {where}"), ORIGINS, f"herkomst {field}", where)
            for field in fields}


def _indicator(raw: dict) -> Indicator:
    key = _require(raw, "sleutel", "een indicator")
    where = f"indicator '{key}'"
    direction = _choice(_require(raw, "richting", where), DIRECTIONS, "richting", where)
    thresholds = _require(raw, "drempels", where)
    good, bad = float(_require(thresholds, "goed", where)), float(_require(thresholds, "slecht", where))
    if good == bad or (good > bad) != (direction == "hoger_beter"):
        raise UserError(f"Catalogus: drempels goed={good} en slecht={bad} passen niet bij richting {direction} ({where}).")
    stakeholder = raw.get("stakeholder")
    if stakeholder is not None:
        _choice(stakeholder, STAKEHOLDERS, "stakeholder", where)
    levels = tuple(raw.get("niveaus", MONITOR_LEVELS))
    for level in levels:
        _choice(level, MONITOR_LEVELS, "niveau", where)
    weight = float(_require(raw, "gewicht", where))
    if weight <= 0:
        raise UserError(f"Catalogus: gewicht moet groter dan 0 zijn ({where}).")
    source = _choice(raw.get("bron", "monitor"), SOURCES, "bron", where)
    return Indicator(
        sleutel=key,
        label=_require(raw, "label", where),
        eenheid=_require(raw, "eenheid", where),
        bron=source,
        kolom=raw.get("kolom", key),
        voorwaarde=_choice(_require(raw, "voorwaarde", where), CONDITIONS, "voorwaarde", where),
        stakeholder=stakeholder,
        richting=direction,
        goed=good,
        slecht=bad,
        bereik=_choice(raw.get("bereik", "vol"), RANGES, "bereik", where),
        gewicht=weight,
        niveaus=levels,
        onderbouwing=_require(raw, "onderbouwing", where),
        herkomst=_origins(raw, ("goed", "slecht", "gewicht"), where),
    )


def _chain(raw: dict, indicator_keys: set[str], book: codebook_module.Codebook) -> Chain:
    key = _require(raw, "sleutel", "een keten")
    links = []
    for position, link in enumerate(_require(raw, "schakel", f"keten '{key}'"), start=1):
        where = f"schakel {position} van keten '{key}'"
        for retired in ("trefwoorden", "voorwaarden"):
            if retired in link:
                raise UserError(f"Catalogus: '{retired}' in {where} wordt niet meer gebruikt; een schakel is alleen "
                                f"zichtbaar via `codes` uit het codeboek (data/codeboek.toml) en `indicatoren`.")
        names, codes = list(link.get("indicatoren", [])), list(link.get("codes", []))
        for name in names:
            if name not in indicator_keys:
                raise UserError(f"Catalogus: onbekende indicator '{name}' in {where}.")
        for code in codes:
            if code not in book:
                raise UserError(f"Catalogus: code '{code}' in {where} staat niet in het codeboek "
                                f"(data/codeboek.toml; {codebook_module.SHOW_COMMAND}).")
            if book.item(code).richting >= 0:
                raise UserError(f"Catalogus: code '{code}' in {where} is een goede praktijk; een keten bestaat uit "
                                f"belemmeringen.")
        for values, label in ((names, "indicator"), (codes, "code")):
            repeated = sorted({v for v in values if values.count(v) > 1})
            if repeated:
                raise UserError(f"Catalogus: {label} {', '.join(repeated)} staat dubbel in {where}.")
        if not names and not codes:
            raise UserError(f"Catalogus: {where} heeft geen codes en geen indicatoren, en kan dus nooit zichtbaar zijn.")
        links.append(ChainLink(naam=_require(link, "naam", where), codes=tuple(codes), indicatoren=tuple(names)))
    minimum = int(raw.get("min_schakels", 2))
    if not 1 <= minimum <= len(links):
        raise UserError(f"Catalogus: min_schakels {minimum} van keten '{key}' moet tussen 1 en {len(links)} liggen.")
    return Chain(
        sleutel=key,
        naam=_require(raw, "naam", f"keten '{key}'"),
        min_schakels=minimum,
        onderbouwing=_require(raw, "onderbouwing", f"keten '{key}'"),
        schakels=tuple(links),
    )


def parse(raw: dict, codebook: codebook_module.Codebook | None = None) -> Catalogue:
    """Build and validate a catalogue from the parsed TOML; Dutch UserError naming the faulty entry.

    Chain codes are checked against `codebook` (default: the shipped data/codeboek.toml).
    """
    book = codebook or codebook_module.default()
    indicators = tuple(_indicator(item) for item in raw.get("indicator", []))
    keys = [i.sleutel for i in indicators]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise UserError(f"Catalogus: indicator(en) dubbel gedefinieerd: {', '.join(duplicates)}.")
    signals = []
    for item in raw.get("signaal", []):
        where = f"signaal '{item.get('sleutel', '?')}'"
        signals.append(
            SignalRule(
                sleutel=_choice(_require(item, "sleutel", where), ("zwak_netwerk", "te_sterk_netwerk"), "sleutel", where),
                voorwaarde=_choice(_require(item, "voorwaarde", where), CONDITIONS, "voorwaarde", where),
                score_hoogstens=float(_require(item, "score_hoogstens", where)),
                min_gewicht=float(item.get("min_gewicht", 0.0)),
                min_registerfeiten=int(item.get("min_registerfeiten", 1)),
                onderbouwing=_require(item, "onderbouwing", where),
                herkomst=_origins(item, ("score_hoogstens", "min_gewicht", "min_registerfeiten"), where),
            )
        )
    if sorted(s.sleutel for s in signals) != ["te_sterk_netwerk", "zwak_netwerk"]:
        raise UserError("Catalogus: er moet precies één regel voor zwak_netwerk en één voor te_sterk_netwerk zijn.")
    scale = _require(raw, "schaal", "de catalogus")
    findings = raw.get("bevindingen", {})
    priority = dict(_require(raw, "prioriteit", "de catalogus"))
    priority_rationale = _require(priority, "onderbouwing", "[prioriteit]")
    del priority["onderbouwing"]
    completeness = _require(raw, "volledigheid", "de catalogus")
    structure = _require(raw, "structuur", "de catalogus")
    robustness = _require(raw, "robuustheid", "de catalogus")
    base = tuple(raw.get("signalen", {}).get("basis_voorwaarden", ["netwerk_te_zwak", "netwerk_te_sterk", "goed_netwerk"]))
    for condition in base:
        _choice(condition, CONDITIONS, "basis_voorwaarde", "[signalen]")
    return Catalogue(
        versie=str(_require(raw, "versie", "de catalogus")),
        bron_studie=_require(raw, "bron_studie", "de catalogus"),
        schaal_min=float(scale["minimum"]),
        schaal_max=float(scale["maximum"]),
        schaal_omschrijving=_require(scale, "omschrijving", "[schaal]"),
        bevinding_waarde=float(scale.get("bevinding_waarde", scale["maximum"])),
        halfwaarde=float(scale.get("betrouwbaarheid_halfwaarde", 4.0)),
        betrouwbaarheid_labels={k: float(v) for k, v in scale.get("betrouwbaarheid_labels", {}).items()},
        bevinding_factor=float(findings.get("factor", 1.0)),
        deels_factor=float(findings.get("deels_overlappend_factor", 0.5)),
        organisatie_vereist_naam=bool(findings.get("organisatie_vereist_naam", True)),
        basis_voorwaarden=base,
        signalen=tuple(signals),
        prioriteit={k: float(v) for k, v in priority.items()},
        prioriteit_onderbouwing=priority_rationale,
        schakel_drempel=float(raw.get("ketens", {}).get("schakel_drempel", -0.5)),
        volledigheid_minimum=float(_require(completeness, "minimum", "[volledigheid]")),
        cluster_km=float(_require(structure, "cluster_km", "[structuur]")),
        gevoeligheid=float(_require(robustness, "variatie", "[robuustheid]")),
        parameter_herkomst={
            "volledigheid_minimum": _origins(completeness, ("minimum",), "[volledigheid]")["minimum"],
            "cluster_km": _origins(structure, ("cluster_km",), "[structuur]")["cluster_km"],
        },
        indicatoren=indicators,
        ketens=tuple(_chain(item, set(keys), book) for item in raw.get("keten", [])),
    )


def load(path: Path | None = None) -> Catalogue:
    """Read a catalogue file (default: the versioned monitor/catalogus.toml)."""
    path = Path(path or CATALOGUE_PATH)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise UserError(f"Catalogus niet gevonden: {path}.") from error
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"Catalogus {path} is geen geldige TOML: {error}.") from error
    return parse(raw)


@lru_cache(maxsize=1)
def default() -> Catalogue:
    """The shipped catalogue, read once per process."""
    return load()


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def markdown(catalogue: Catalogue | None = None) -> str:
    """The README tables: every indicator, signal rule and chain with its rationale."""
    c = catalogue or default()
    lines = [
        f"Catalogusversie **{c.versie}**. Bron: {c.bron_studie}.",
        "",
        f"Schaal: {c.schaal_omschrijving}",
        "",
        f"Bewijs: een indicator weegt met haar gewicht; een bevinding telt als {_number(-c.bevinding_waarde)} of "
        f"+{_number(c.bevinding_waarde)} met gewicht x {_number(c.bevinding_factor)}, en x {_number(c.deels_factor)} "
        f"voor een gebied dat de regio maar deels overlapt. Betrouwbaarheid = W / (W + {_number(c.halfwaarde)}). "
        f"Onvoldoende gegevens: geen bewijs in {', '.join(c.basis_voorwaarden)}.",
        "",
        "### Indicatoren",
        "",
        "| indicator | voorwaarde | stakeholder | richting | goed → slecht | bereik | gewicht | niveaus | onderbouwing |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    origin = lambda value, source: f"{_number(value)} ({source})"  # noqa: E731
    for i in c.indicatoren:
        levels = "alle" if set(i.niveaus) == set(MONITOR_LEVELS) else ", ".join(i.niveaus)
        lines.append(
            f"| `{i.sleutel}` ({i.label}, {i.eenheid}) | {i.voorwaarde} | {i.stakeholder or 'alle'} | {i.richting} "
            f"| {origin(i.goed, i.herkomst['goed'])} → {origin(i.slecht, i.herkomst['slecht'])} | {i.bereik} "
            f"| {origin(i.gewicht, i.herkomst['gewicht'])} | {levels} | {i.onderbouwing} |"
        )
    lines += ["", "### Signaalregels", "", "| signaal | voorwaarde | regel | onderbouwing |", "|---|---|---|---|"]
    for s in c.signalen:
        lines.append(
            f"| `{s.sleutel}` | {s.voorwaarde} | score ≤ {origin(s.score_hoogstens, s.herkomst['score_hoogstens'])} en "
            f"niet-neutraal bewijsgewicht ≥ {origin(s.min_gewicht, s.herkomst['min_gewicht'])}, en de registerfeiten "
            f"alleen wijzen op een knelpunt (gemiddelde onder 0, minstens "
            f"{origin(s.min_registerfeiten, s.herkomst['min_registerfeiten'])} feiten met een negatieve deelscore) "
            f"| {s.onderbouwing} |"
        )
    lines += [
        "",
        f"Volledigheid: netwerkvoorwaarden zijn 'onvoldoende gegevens' onder "
        f"{origin(c.volledigheid_minimum, c.parameter_herkomst['volledigheid_minimum'])} van de VG-locaties met "
        f"geregistreerde samenwerkingen. Clusters voor huisartsenpraktijken: locaties binnen "
        f"{origin(c.cluster_km, c.parameter_herkomst['cluster_km'])} km. Robuustheid: elke drempel en elk gewicht "
        f"van de signaalvoorwaarden ±{_number(100 * c.gevoeligheid)}%.",
    ]
    weights = ", ".join(f"{k} = {_number(v)}" for k, v in c.prioriteit.items())
    lines += ["", f"Prioriteit voor pilotregio's ({weights}): {c.prioriteit_onderbouwing}", ""]
    lines += ["### Ketens (treinen van belemmeringen)", "", "| keten | schakels | melden vanaf | onderbouwing |", "|---|---|---|---|"]
    for chain in c.ketens:
        links = " → ".join(link.naam for link in chain.schakels)
        lines.append(f"| `{chain.sleutel}` ({chain.naam}) | {links} | {chain.min_schakels} schakels | {chain.onderbouwing} |")
    book = codebook_module.default()
    lines += [
        "",
        "Een schakel is alleen zichtbaar door bewijs voor die schakel: een belemmerende bevinding in de regio met een "
        "van de codes uit het codeboek (`data/codeboek.toml`, Tabel 1 en 2 van de studie plus de schakels van par. 4.1), "
        f"of een registerfeit met een deelscore van {_number(c.schakel_drempel)} of lager. Elk bewijsstuk telt voor "
        "één schakel.",
        "",
        "| keten | schakel | codes (codeboek) | registerfeiten |",
        "|---|---|---|---|",
    ]
    for chain in c.ketens:
        for position, link in enumerate(chain.schakels, start=1):
            codes = "; ".join(f"{code} ({book.item(code).omschrijving.rstrip('.')})" for code in link.codes) or "—"
            facts = ", ".join(f"`{name}`" for name in link.indicatoren) or "—"
            lines.append(f"| `{chain.sleutel}` | ({position}) {link.naam} | {codes} | {facts} |")
    return "\n".join(lines) + "\n"


__all__ = [
    "CATALOGUE_PATH", "MONITOR_LEVELS", "Catalogue", "Chain", "ChainLink", "Indicator",
    "SignalRule", "default", "load", "markdown", "parse",
]
