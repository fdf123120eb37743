"""acties: progress of the convenant's action lines per party, wave and (optionally) region."""
from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from data import models as m
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
    key = out["actie"] + "\x1f" + out["partij"] + "\x1f" + out["golf"] + "\x1f" + out["regio"]
    first = duplicates(key)
    errors.add(first.index, "actie", [f"dezelfde actie, partij, golf en regio staan ook in rij {n}" for n in first])
    return out


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
