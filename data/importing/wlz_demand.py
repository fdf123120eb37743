"""wlz_vraag: Wlz indications with grondslag verstandelijke handicap per gemeente and year (CIZ).

CIZ publishes the number of people with a Wlz indication per gemeente in the CIZ Databank (Wlz-indicaties per
gemeente, to be filtered on grondslag verstandelijke handicap), rounded to 5. A user exports that table and
imports it as is: the databank's headers ("Gemeente code", "Gemeente", "Jaar", "Periode", "Aantal") are
recognised. The gemeente may be given by its CBS code ('GM0363', 'gm363', '363') or by its CBS name.
Re-importing a gemeente and year replaces its count; other rows stay. geo.demand uses the latest year.
"""
from __future__ import annotations

import re

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from data import models as m
from data.importing.base import KindSpec, aliases_for, records, upsert
from data.importing.context import ImportContext
from data.importing.rules import DATE_YEARS, RowErrors, column, duplicates, normalise_gemeente_codes, parse_integer
from data.readers import Table, normalise_name

COLUMNS = ("gemeentecode", "jaar", "aantal")
ALIASES = aliases_for(
    COLUMNS,
    {
        "gemeentecode": ("gemeente_code", "code_gemeente", "gemeente", "gemeentenaam", "gm_code", "cbs_code",
                         "statcode", "regiocode", "gebiedscode", "woongemeente", "woongemeente_code"),
        "jaar": ("peiljaar", "periode", "year", "verslagjaar", "indicatiejaar"),
        "aantal": ("aantal_personen", "aantal_clienten", "aantal_indicaties", "aantal_geindiceerden", "personen",
                   "clienten", "wlz_indicaties", "aantal_wlz_indicaties", "waarde", "value", "totaal"),
    },
)
_YEAR = re.compile(r"^\s*(\d{4})(?:\D.*)?$")  # '2024', '2024-01-01', '2024 jan' -> 2024


def _gemeente_lookup(ctx: ImportContext) -> tuple[set[str], dict[str, str]]:
    """Codes of the gemeenten and normalised name -> code."""
    codes = ctx.region_codes_of("gemeente")
    with ctx.engine.connect() as connection:
        rows = connection.execute(select(m.Region.code, m.Region.naam).where(m.Region.niveau == "gemeente")).all()
    return codes, {normalise_name(naam): code for code, naam in rows}


def gemeente_code(value: str, codes: set[str], names: dict[str, str]) -> str | None:
    """'GM0363', 'gm363', '363' or 'Amsterdam' -> 'GM0363' when that gemeente exists; None otherwise."""
    code = normalise_gemeente_codes(pd.Series([value])).iloc[0]
    if code in codes:
        return code
    return names.get(normalise_name(value))


def validate(table: Table, ctx: ImportContext, errors: RowErrors, warnings: list[str]) -> pd.DataFrame:
    f = table.frame
    out = pd.DataFrame(index=f.index)
    raw = column(f, "gemeentecode")
    errors.add_mask(out, raw.eq(""), "gemeentecode", "gemeentecode ontbreekt (bv. GM0363 of de naam van de gemeente)")
    codes, names = _gemeente_lookup(ctx) if raw.ne("").any() else (set(), {})
    found = raw.map(lambda v: gemeente_code(v, codes, names) if v else None)
    unknown = raw.ne("") & found.isna()
    errors.add(f.index[unknown.to_numpy()], "gemeentecode",
               [f"gemeente '{v}' bestaat niet in de referentiegeografie (gebruik de CBS-code, bv. GM0363, of de naam)"
                for v in raw[unknown]])
    out["gemeentecode"] = found.fillna("").astype(object)

    raw_year = column(f, "jaar")
    match = raw_year.str.extract(_YEAR)[0]
    year = pd.to_numeric(match, errors="coerce").astype("Int64")
    errors.add_mask(out, raw_year.eq(""), "jaar", "jaar ontbreekt")
    bad_year = raw_year.ne("") & (year.isna() | ~year.between(*DATE_YEARS).fillna(False))
    errors.add(f.index[bad_year.to_numpy()], "jaar",
               [f"'{v}' is geen jaartal tussen {DATE_YEARS[0]} en {DATE_YEARS[1]}" for v in raw_year[bad_year]])
    out["jaar"] = year.where(~bad_year)

    raw_count = column(f, "aantal")
    out["aantal"], bad = parse_integer(raw_count)
    errors.add_mask(out, raw_count.eq(""), "aantal", "aantal ontbreekt")
    errors.add(f.index[bad], "aantal",
               [f"'{v}' is geen geheel getal (CIZ rondt af op 5; vul het getal in of laat de rij weg)" for v in raw_count[bad]])
    errors.add_mask(out, (out["aantal"] < 0).fillna(False), "aantal", "aantal mag niet negatief zijn")

    key = out["gemeentecode"] + "\x1f" + out["jaar"].astype(str)
    first = duplicates(key.where(out["gemeentecode"].ne("") & out["jaar"].notna(), ""))
    errors.add(first.index, "gemeentecode", [f"dezelfde gemeente en hetzelfde jaar staan ook in rij {n}" for n in first])
    return out[list(COLUMNS)]


def write(session: Session, rows: pd.DataFrame, ctx: ImportContext) -> None:
    upsert(session, m.WlzDemand, records(rows, list(COLUMNS)), keys=["gemeentecode", "jaar"], update=["aantal"])


SPEC = KindSpec(
    name="wlz_vraag",
    columns=COLUMNS,
    required=COLUMNS,
    aliases=ALIASES,
    validate=validate,
    write=write,
)
