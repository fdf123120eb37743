"""zorgkantoren: which zorgkantoor (Wlz care office) runs each zorgkantoorregio.

Zorgverzekeraars Nederland publishes the zorgkantoren and the regions they serve; a user copies that list into a
file with the columns zorgkantoorregio;zorgkantoor. The region may be given as its CBS code ('ZK08', 'zk8', '8')
or by its CBS name ('Friesland'). Re-importing a region replaces its zorgkantoor; other regions stay.
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from data import models as m
from data.importing.base import KindSpec, aliases_for, records, upsert
from data.importing.context import ImportContext
from data.importing.rules import RowErrors, column, duplicates
from data.readers import Table, normalise_name

COLUMNS = ("zorgkantoorregio", "zorgkantoor")
ALIASES = aliases_for(
    COLUMNS,
    {
        "zorgkantoorregio": ("regio", "regiocode", "zorgkantoorregio_code", "code", "statcode", "zk", "zk_regio",
                             "zorgkantoorregio_naam", "regio_naam"),
        "zorgkantoor": ("naam", "naam_zorgkantoor", "zorgkantoor_naam", "uitvoerder", "concessiehouder"),
    },
)
MAX_NAME = 200


def _region_lookup(ctx: ImportContext) -> tuple[set[str], dict[str, str]]:
    """Codes of the zorgkantoorregio's and normalised name -> code."""
    codes = ctx.region_codes_of("zorgkantoorregio")
    with ctx.engine.connect() as connection:
        rows = connection.execute(
            select(m.Region.code, m.Region.naam).where(m.Region.niveau == "zorgkantoorregio")
        ).all()
    return codes, {normalise_name(naam): code for code, naam in rows}


def region_code(value: str, codes: set[str], names: dict[str, str]) -> str | None:
    """'ZK08', 'zk8', '8' or 'Friesland' -> 'ZK08' when that region exists; None otherwise."""
    text = value.strip()
    upper = text.upper().removeprefix("ZK").strip()
    if upper.isdigit():
        code = f"ZK{int(upper):02d}"
        return code if code in codes else None
    return names.get(normalise_name(text))


def validate(table: Table, ctx: ImportContext, errors: RowErrors, warnings: list[str]) -> pd.DataFrame:
    f = table.frame
    out = pd.DataFrame(index=f.index)
    raw = column(f, "zorgkantoorregio")
    out["zorgkantoor"] = column(f, "zorgkantoor").map(lambda v: " ".join(v.split()))
    errors.add_mask(out, raw.eq(""), "zorgkantoorregio", "zorgkantoorregio ontbreekt (bv. ZK08 of Friesland)")
    errors.add_mask(out, out["zorgkantoor"].eq(""), "zorgkantoor", "naam van het zorgkantoor ontbreekt")
    errors.add_mask(out, out["zorgkantoor"].str.len() > MAX_NAME, "zorgkantoor",
                    f"naam van het zorgkantoor is langer dan {MAX_NAME} tekens")
    codes, names = _region_lookup(ctx) if raw.ne("").any() else (set(), {})
    found = raw.map(lambda v: region_code(v, codes, names) if v else None)
    unknown = raw.ne("") & found.isna()
    errors.add(f.index[unknown.to_numpy()], "zorgkantoorregio",
               [f"zorgkantoorregio '{v}' bestaat niet (gebruik de CBS-code, bv. ZK08, of de naam)" for v in raw[unknown]])
    out["zorgkantoorregio"] = found.fillna("").astype(object)
    first = duplicates(out["zorgkantoorregio"])
    errors.add(first.index, "zorgkantoorregio", [f"dezelfde zorgkantoorregio staat ook in rij {n}" for n in first])
    return out[list(COLUMNS)]


def write(session: Session, rows: pd.DataFrame, ctx: ImportContext) -> None:
    upsert(session, m.CareOfficeName, records(rows, list(COLUMNS)), keys=["zorgkantoorregio"], update=["zorgkantoor"])


SPEC = KindSpec(
    name="zorgkantoren",
    columns=COLUMNS,
    required=COLUMNS,
    aliases=ALIASES,
    validate=validate,
    write=write,
)
