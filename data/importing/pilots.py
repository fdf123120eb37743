"""pilots: the pilot register — which pilot commission (pilotcommissie) works in which region, and where it stands.

One row per commission and region: `regio` (a CBS code of any level, or a zorgkantoorregio by number or name),
`commissie` (its name), `start` (a date: ISO, Dutch or an Excel date cell; empty = not yet known), `status` (one of
STATUSES), and free text for `afspraken`, `evaluatie` and `advies`. A commission is known by region and name:
importing it again updates it in place, so the same file twice changes nothing and an export reads back the same.
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from data import models as m
from data.importing.base import KindSpec, aliases_for, records
from data.importing.care_offices import region_code as care_office_region
from data.importing.context import ImportContext
from data.importing.rules import (
    RowErrors, choices, column, duplicates, enum_lookup, normalise_region_codes, parse_dates, parse_enum,
)
from data.readers import Table, normalise_name

COLUMNS = ("regio", "commissie", "start", "status", "afspraken", "evaluatie", "advies")
ALIASES = aliases_for(
    COLUMNS,
    {
        "regio": ("regiocode", "regio_code", "gebied", "zorgkantoorregio", "pilotregio"),
        "commissie": ("pilotcommissie", "naam", "naam_commissie", "commissienaam"),
        "start": ("startdatum", "begindatum", "gestart_op", "sinds", "vanaf", "datum_start"),
        "status": ("stand", "fase", "voortgang", "stand_van_zaken"),
        "afspraken": ("gemaakte_afspraken", "afsprakenlijst"),
        "evaluatie": ("evaluaties", "terugblik"),
        "advies": ("adviezen", "advies_andere_regios", "aanbeveling", "aanbevelingen"),
    },
)
# Where a pilot stands, in the order a pilot runs through them (the study's pilot: inventory, round tables,
# evaluation, advice to other regions); 'gestopt' ends a pilot early.
STATUSES = ("verkenning", "gestart", "loopt", "geëvalueerd", "gestopt")
STATUS_ORDER = {status: i for i, status in enumerate(STATUSES)}
STATUS_LOOKUP = enum_lookup(
    STATUSES,
    {
        "in verkenning": "verkenning",
        "verkennend": "verkenning",
        "inventarisatie": "verkenning",
        "voorbereiding": "verkenning",
        "opgestart": "gestart",
        "begonnen": "gestart",
        "lopend": "loopt",
        "actief": "loopt",
        "bezig": "loopt",
        "in uitvoering": "loopt",
        "geevalueerd": "geëvalueerd",
        "evaluatie afgerond": "geëvalueerd",
        "gestaakt": "gestopt",
        "stopgezet": "gestopt",
        "beeindigd": "gestopt",
    },
)
MAX_NAME = 200


def _regions(ctx: ImportContext) -> tuple[set[str], dict[str, str]]:
    """Every region code, and the zorgkantoorregio names (normalised) -> code."""
    codes = ctx.region_codes
    with ctx.engine.connect() as connection:
        rows = connection.execute(
            select(m.Region.code, m.Region.naam).where(m.Region.niveau == "zorgkantoorregio")
        ).all()
    return codes, {normalise_name(naam): code for code, naam in rows}


def validate(table: Table, ctx: ImportContext, errors: RowErrors, warnings: list[str]) -> pd.DataFrame:
    f = table.frame
    out = pd.DataFrame(index=f.index)
    raw = column(f, "regio")
    errors.add_mask(out, raw.eq(""), "regio", "regio ontbreekt (CBS-code, bv. ZK08 of GM0080)")
    regio = normalise_region_codes(raw)
    if raw.ne("").any():
        codes, names = _regions(ctx)
        zk_codes = {c for c in codes if c.startswith("ZK")}
        found = [code if code in codes else (care_office_region(text, zk_codes, names) or "") if text else ""
                 for code, text in zip(regio, raw)]
        regio = pd.Series(found, index=f.index, dtype=object)
        unknown = raw.ne("") & regio.eq("")
        errors.add(f.index[unknown.to_numpy()], "regio",
                   [f"regio '{v}' bestaat niet (gebruik een CBS-code, bv. ZK08 of GM0080, of de naam van een "
                    f"zorgkantoorregio)" for v in raw[unknown]])
    out["regio"] = regio
    out["commissie"] = column(f, "commissie").map(lambda v: " ".join(v.split()))
    errors.add_mask(out, out["commissie"].eq(""), "commissie", "naam van de commissie ontbreekt")
    errors.add_mask(out, out["commissie"].str.len() > MAX_NAME, "commissie",
                    f"naam van de commissie is langer dan {MAX_NAME} tekens")
    out["start"], reasons = parse_dates(column(f, "start"), serials=table.source == "xlsx")
    bad = reasons.ne("").to_numpy()
    errors.add(f.index[bad], "start", reasons[bad])
    raw = column(f, "status")
    out["status"], bad = parse_enum(raw, STATUS_LOOKUP)
    errors.add_mask(out, raw.eq(""), "status", f"status ontbreekt; kies uit {choices(STATUSES)}")
    errors.add(f.index[bad], "status", [f"onbekende status '{v}'; kies uit {choices(STATUSES)}" for v in raw[bad]])
    for name in ("afspraken", "evaluatie", "advies"):
        text = column(f, name)
        out[name] = text.where(text.ne(""), None)
    key = out["regio"] + "\x1f" + out["commissie"].str.lower()
    first = duplicates(key.where(out["regio"].ne("") & out["commissie"].ne(""), ""))
    errors.add(first.index, "commissie", [f"dezelfde commissie in dezelfde regio staat ook in rij {n}" for n in first])
    return out[list(COLUMNS)]


def write(session: Session, rows: pd.DataFrame, ctx: ImportContext) -> None:
    """Update a commission already known in its region (by name, any case), add the others."""
    p = m.PilotCommission
    existing = {(regio, naam.lower()): id_ for id_, regio, naam in session.execute(select(p.id, p.regio, p.commissie))}
    for row in records(rows, list(COLUMNS)):
        found = existing.get((row["regio"], row["commissie"].lower()))
        if found is None:
            session.add(p(**row))
        else:
            pilot = session.get(p, found)
            for name, value in row.items():
                setattr(pilot, name, value)
    session.flush()


SPEC = KindSpec(
    name="pilots",
    columns=COLUMNS,
    required=("regio", "commissie", "status"),
    aliases=ALIASES,
    validate=validate,
    write=write,
)
