"""acties: progress of the convenant's action lines per party, wave and (optionally) region.

`actie` names one of the action lines of data/actielijnen.toml (by name, key or alias; the name is stored), so the
monitor can link each action to the bottlenecks its line addresses. Known parties are written in their own spelling
('vgn' -> 'VGN'). A regional row of the facilitation line is carried by the zorgkantoor of the region, never by a
national body; a row of a regional line needs a region.
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from data import models as m
from data.action_lines import SHOW_COMMAND, ActionLines, default as action_lines
from data.importing.base import KindSpec, aliases_for, records, upsert
from data.importing.context import ImportContext
from data.importing.rules import RowErrors, choices, column, duplicates, enum_lookup, normalise_region_codes, parse_enum
from data.importing.waves import MAX_CODE, ensure_waves
from data.readers import Table

COLUMNS = ("actie", "partij", "golf", "status", "regio", "toelichting")
ALIASES = aliases_for(
    COLUMNS,
    {
        "actie": ("actielijn", "convenantactie", "action"),
        "partij": ("organisatie", "partijen", "eigenaar", "trekker"),
        "golf": ("meetgolf", "wave", "meting"),
        "status": ("stand", "voortgang", "stand_van_zaken"),
        "regio": ("regiocode", "regio_code", "gebied"),
        "toelichting": ("opmerking", "opmerkingen", "omschrijving", "notitie"),
    },
)
STATUSES = enum_lookup(
    m.ACTION_STATUSES,
    {
        "nog niet gestart": "niet_gestart",
        "niet begonnen": "niet_gestart",
        "gepland": "niet_gestart",
        "begonnen": "gestart",
        "lopend": "loopt",
        "bezig": "loopt",
        "in uitvoering": "loopt",
        "klaar": "afgerond",
        "gereed": "afgerond",
        "voltooid": "afgerond",
        "gerealiseerd": "afgerond",
        "gestaakt": "gestopt",
        "stopgezet": "gestopt",
        "beeindigd": "gestopt",
    },
)
LIMITS = {"actie": 200, "partij": 100}


def validate(table: Table, ctx: ImportContext, errors: RowErrors, warnings: list[str]) -> pd.DataFrame:
    f = table.frame
    out = pd.DataFrame(index=f.index)
    for name in ("actie", "partij", "golf"):
        out[name] = column(f, name)
        errors.add_mask(out, out[name].eq(""), name, f"{name} ontbreekt")
        limit = LIMITS.get(name, MAX_CODE)
        errors.add_mask(out, out[name].str.len() > limit, name, f"{name} is langer dan {limit} tekens")
    raw = column(f, "status")
    out["status"], bad = parse_enum(raw, STATUSES)
    errors.add_mask(out, raw.eq(""), "status", f"status ontbreekt; kies uit {choices(m.ACTION_STATUSES)}")
    errors.add(f.index[bad], "status", [f"onbekende status '{v}'; kies uit {choices(m.ACTION_STATUSES)}" for v in raw[bad]])
    out["regio"] = normalise_region_codes(column(f, "regio"))
    regional = out["regio"].ne("")
    if regional.any():
        unknown = regional & ~out["regio"].isin(ctx.region_codes)
        errors.add_mask(out, unknown, "regio", lambda v: f"regiocode '{v}' bestaat niet (laat leeg voor landelijk)")
    out["toelichting"] = column(f, "toelichting")
    _check_lines(out, ctx, errors, warnings)
    key = out["actie"] + "\x1f" + out["partij"] + "\x1f" + out["golf"] + "\x1f" + out["regio"]
    first = duplicates(key)
    errors.add(first.index, "actie", [f"dezelfde actie, partij, golf en regio staan ook in rij {n}" for n in first])
    return out


def _care_office_names(ctx: ImportContext) -> list[str]:
    """Names of the imported zorgkantoren (import kind zorgkantoren); they count as a zorgkantoor party."""
    with ctx.engine.connect() as connection:
        return list(connection.execute(select(m.CareOfficeName.zorgkantoor)).scalars())


def _check_lines(out: pd.DataFrame, ctx: ImportContext, errors: RowErrors, warnings: list[str]) -> None:
    """Each row names a known action line (stored by its name); parties and regions fit the line."""
    book: ActionLines = action_lines()
    found = out["actie"].map(lambda v: book.find(v) if v else None)
    unknown = out["actie"].ne("") & found.isna()
    errors.add_mask(out, unknown, "actie", lambda v: (
        f"onbekende actielijn '{v}'; kies een van de actielijnen van het convenant (sleutel of naam): "
        f"{book.known_list()} ({SHOW_COMMAND} toont ze met naam)"))
    out["actie"] = [line.naam if line is not None else text for line, text in zip(found, out["actie"])]
    out["partij"] = out["partij"].map(lambda v: book.party(v) if v else v)
    names: list[str] | None = None
    off_line = []
    for row, line, partij, regio in zip(out.index, found, out["partij"], out["regio"]):
        if line is None or not partij:
            continue
        if line.niveau == "regionaal" and not regio:
            errors.add([row], "regio", f"'{line.naam}' is een regionale actielijn; vul de regio in (CBS-code, bv. ZK08)")
            continue
        if line.by_care_office and regio:
            if book.is_national_party(partij):
                errors.add([row], "partij", (
                    f"in een regio trekt het zorgkantoor van die regio de actielijn '{line.naam}', niet de landelijke "
                    f"partij {partij}; vul '{book.care_office_party}' in (of laat de regio leeg voor de landelijke rij)"))
                continue
            if names is None:
                names = _care_office_names(ctx)
            if not book.is_care_office(partij, names):
                errors.add([row], "partij", (
                    f"'{partij}' is geen zorgkantoor; in een regio trekt het zorgkantoor van die regio de actielijn "
                    f"'{line.naam}' (vul '{book.care_office_party}' of de naam van het zorgkantoor in)"))
            continue
        if line.by_care_office and not regio and not book.is_national_party(partij):
            if names is None:
                names = _care_office_names(ctx)
            if book.is_care_office(partij, names):
                errors.add([row], "regio", (
                    f"een zorgkantoor trekt de actielijn '{line.naam}' in een regio; vul de regio in "
                    f"(landelijk is dat {', '.join(line.partijen)})"))
                continue
        if book.is_national_party(partij) and partij not in line.partijen:
            off_line.append(f"rij {row} ({partij} bij '{line.naam}'; trekkers: {', '.join(line.partijen)})")
    if off_line:
        warnings.append("partij staat niet als trekker bij de actielijn: " + "; ".join(off_line[:10])
                        + (f" en nog {len(off_line) - 10}" if len(off_line) > 10 else ""))


def write(session: Session, rows: pd.DataFrame, ctx: ImportContext) -> None:
    ensure_waves(session, rows["golf"], ctx)
    frame = rows.copy()
    frame["toelichting"] = frame["toelichting"].where(frame["toelichting"].ne(""), None)
    upsert(
        session, m.ConvenantAction, records(frame, list(COLUMNS)),
        keys=["actie", "partij", "golf", "regio"], update=["status", "toelichting"],
    )


SPEC = KindSpec(
    name="acties",
    columns=COLUMNS,
    required=("actie", "partij", "golf", "status"),
    aliases=ALIASES,
    validate=validate,
    write=write,
)
