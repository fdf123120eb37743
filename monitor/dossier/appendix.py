"""The appendix of the dossier (indicators beside the national median, the method in half a page) and its sources."""
from __future__ import annotations

import pandas as pd

from geo import catalogue as geo_catalogue
from monitor import catalogue as catalogue_module
from monitor.dossier.model import Block, Bullets, Heading, Paragraph, Table
from monitor.dossier.scope import Scope
from monitor.dossier.wording import clients, long_date, number

CONTEXT_UNITS = ("aantal", "personen")


def indicator_value(key: str, value) -> str:
    """A geo indicator in Dutch notation with its unit; client counts below 10 as '<10'."""
    if value is None or pd.isna(value):
        return "onbekend"
    item = geo_catalogue.INDICATORS.get(key)
    unit = item.eenheid if item is not None else ""
    if key == "clienten":
        return f"{clients(value)} cliënten"
    if unit.startswith(("fractie", "aandeel")):
        return number(float(value) * 100) + "%"
    if unit.startswith("1 = "):
        return "ja" if float(value) >= 1 else "nee"
    if unit in CONTEXT_UNITS:
        return number(value) + ("" if unit == "aantal" else f" {unit}")
    return number(value, 1, unit)


def _verdict(key: str, value, median) -> str:
    item = geo_catalogue.INDICATORS.get(key)
    if item is None or not item.richting or value is None or median is None or pd.isna(value) or pd.isna(median):
        return ""
    difference = (float(value) - float(median)) * item.richting
    if abs(difference) < 1e-9:
        return "gelijk"
    return "gunstiger" if difference > 0 else "ongunstiger"


def indicator_rows(frame: pd.DataFrame, code: str, niveau: str) -> tuple[tuple[str, ...], ...]:
    keys = [k for k in geo_catalogue.keys(niveau) if k in frame.columns]
    row = frame[(frame["code"].astype(str) == code).to_numpy()]
    out = []
    for key in keys:
        value = row[key].iloc[0] if not row.empty else None
        median = pd.to_numeric(frame[key], errors="coerce").median()
        item = geo_catalogue.INDICATORS.get(key)
        out.append((item.label if item else key, indicator_value(key, value), indicator_value(key, median),
                    _verdict(key, value, median)))
    return tuple(out)


METHOD = (
    "De monitor volgt het systeem-framework van Klein Woolthuis et al., zoals toegepast in de studie Monitor convenant "
    "MGZ: vier stakeholdergroepen (aanbieders, gebruikers, intermediairs, voorwaardenscheppend) maal zeven "
    "voorwaarden (infrastructuur, harde en zachte instituties, netwerk te sterk, netwerk te zwak, goed netwerk, "
    "competenties).",
    "Registerfeiten worden bewijs: per feit legt de catalogus vast bij welke voorwaarde en groep het hoort, welke "
    "kant beter is en vanaf welke waarde het goed (+2) of slecht (−2) is, met een rechte lijn daartussen. "
    "Gecodeerde bevindingen uit interviews, enquêtes en documenten tellen als −2 (belemmering) of +2 (goede "
    "praktijk), met hun gewicht. Een score is het gewogen gemiddelde van het bewijs (−2 tot +2); zonder bewijs is "
    "er geen score. Een gat in het register is geen knelpunt: organisaties zonder geregistreerde samenwerking tellen "
    "niet mee, en de volledigheid zegt over hoeveel VG-locaties het oordeel gaat.",
    "Een signaal 'zwak netwerk' vraagt een score voor netwerk te zwak van −0,75 of lager, genoeg bewijs en "
    "registerfeiten die zelf al op een knelpunt wijzen; bevindingen scherpen het aan maar maken het niet. Robuust "
    "betekent dat de uitkomst gelijk blijft als elke drempel en elk gewicht 25% omhoog of omlaag gaat. Ketens zijn "
    "de 'treinen' van belemmeringen uit de studie, herkend als minstens twee schakels eigen bewijs hebben.",
    "Reistijden zijn schattingen (hemelsbrede afstand × omrijfactor / snelheid), geen routeplanner. Aantallen "
    "cliënten onder 10 staan als <10. De volledige uitleg staat in monitor/README.md en op de pagina Over.",
)

METHOD_HAP = (
    "Een HAP-werkgebied is het gebied waarin huisartsen en de huisartsenpost samen de zorg buiten kantooruren "
    "leveren: de PC4-gebieden uit de import werkgebieden, of (zonder import) de PC4-gebieden waarvoor deze HAP de "
    "dichtstbijzijnde is. De VG-locaties van het werkgebied zijn die waarvan dit het eigen werkgebied is (bij "
    "overlap: de dichtstbijzijnde HAP), zoals de indicatoren ze tellen. De monitor scoort werkgebieden niet; het "
    "signaal is dat van de overlappende regio's, en de registerfeiten van het werkgebied krijgen deelscores met "
    "dezelfde drempels als bij regio's, zonder daar een score of signaal van te maken."
)


def appendix_blocks(inputs, scope: Scope) -> list[Block]:
    niveau = scope.niveau
    frame = inputs.geo_result.indicators.get(niveau)
    blocks: list[Block] = [Heading("Indicatoren naast de landelijke mediaan")]
    if frame is None or frame.empty:
        blocks.append(Paragraph("Voor dit niveau zijn geen indicatoren berekend."))
    else:
        units = {"organisatie": "organisaties", "hap": "HAP-werkgebieden"}.get(niveau, "regio's van dit niveau")
        blocks.append(Table(
            ("Indicator", "Hier", "Landelijke mediaan", "Vergeleken"),
            indicator_rows(frame, scope.code, niveau), (3.6, 1.6, 1.6, 1.2),
            f"Mediaan over alle {number(len(frame))} {units}. 'Gunstiger' volgt de richting van de indicator; "
            f"zonder richting (omvang) blijft dit leeg. Geo-indicatorcatalogus versie {geo_catalogue.VERSION}. "
            "Bron: register en CBS; reistijden zijn geschat.",
        ))
    blocks.append(Heading("Methode"))
    blocks += [Paragraph(text, "note") for text in METHOD]
    if niveau == "hap":
        blocks.append(Paragraph(METHOD_HAP, "note"))
    blocks.append(Heading("Bronnen en peildata"))
    blocks.append(Bullets(tuple(sources(inputs, inputs.result.golf))))
    return blocks


def sources(inputs, golf: str | None) -> list[str]:
    """The data sources and reference dates of the dossier, one line each."""
    provenance = inputs.provenance
    years = provenance.reference_years if provenance else {}
    imports = provenance.imports if provenance else {}

    def imported(kind: str) -> str:
        moment = imports.get(kind)
        return f"; laatste import {long_date(moment.date())}" if moment else ""

    level_years = ", ".join(f"{label} {years[key]}" for key, label in (
        ("gemeente", "gemeenten"), ("zorgkantoorregio", "zorgkantoorregio's"), ("provincie", "provincies"),
        ("pc4", "PC4-gebieden")) if key in years)
    lines = [f"Grenzen: CBS-gebiedsindelingen via PDOK (CC BY 4.0)" + (f", {level_years}" if level_years else "") + "."]
    if inputs.result.is_demo:
        lines.append("Register, bevindingen en convenantacties: fictief voorbeeldscenario (python -m data demo); geen "
                     "echte organisaties of regio's.")
    else:
        lines.append(f"Register: voorzieningen{imported('voorzieningen')}, werkgebieden{imported('werkgebieden')}, "
                     f"samenwerkingen{imported('samenwerkingen')}.")
        lines.append(f"Bevindingen (interviews, enquêtes, documenten){imported('bevindingen')}; convenantacties"
                     f"{imported('acties')}.")
    if golf:
        year = "".join(ch for ch in str(golf)[:4] if ch.isdigit())
        peildatum = f"31 december {year}" if len(year) == 4 else f"het einde van meetgolf {golf}"
        lines.append(f"Meetgolf {golf}: samenwerkingen zoals ze op {peildatum} bestonden, bevindingen en de stand van de "
                     "convenantacties van die golf.")
    else:
        lines.append("Alle meetgolven samen: een bevinding die ongewijzigd terugkomt telt één keer.")
    offices = imports.get("zorgkantoren")
    lines.append("Zorgkantoren: lijst van Zorgverzekeraars Nederland" + (f", geïmporteerd {long_date(offices.date())}."
                 if offices else (" (geïmporteerd)." if inputs.care_offices else "; nog niet geïmporteerd.")))
    lines.append(f"Monitorcatalogus versie {catalogue_module.default().versie}; geo-indicatorcatalogus versie "
                 f"{geo_catalogue.VERSION}.")
    return lines
