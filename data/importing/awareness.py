"""bekendheid: how many respondents of a stakeholder group know the convenant, per region and wave (a survey table).

One row per region (empty = national), wave and stakeholder group: `bekend` of `totaal` respondents know the
convenant. The study's first finding was that the convenant is little known ("wisselend bekend", par. 3.1 and 4);
this table lets the monitor follow that as an indicator over the waves. A row is known by region, wave and group:
importing it again replaces its counts.
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from data import models as m
from data.importing.base import KindSpec, aliases_for, records, upsert
from data.importing.context import ImportContext
from data.importing.findings import STAKEHOLDERS
from data.importing.rules import (
    RowErrors, choices, column, duplicates, integer_reason, normalise_region_codes, parse_enum, parse_integer,
)
from data.importing.waves import MAX_CODE, ensure_waves
from data.readers import Table

COLUMNS = ("regio", "golf", "stakeholder", "bekend", "totaal")
ALIASES = aliases_for(
    COLUMNS,
    {
        "regio": ("regiocode", "regio_code", "gebied"),
        "golf": ("meetgolf", "wave", "meting"),
        "stakeholder": ("stakeholdergroep", "groep", "actorgroep"),
        "bekend": ("aantal_bekend", "bekend_met_convenant", "bekend_met_het_convenant", "ja"),
        "totaal": ("respondenten", "aantal_respondenten", "aantal", "n"),
    },
)


def validate(table: Table, ctx: ImportContext, errors: RowErrors, warnings: list[str]) -> pd.DataFrame:
    f = table.frame
    out = pd.DataFrame(index=f.index)
    out["regio"] = normalise_region_codes(column(f, "regio"))
    regional = out["regio"].ne("")
    if regional.any():
        unknown = regional & ~out["regio"].isin(ctx.region_codes)
        errors.add_mask(out, unknown, "regio", lambda v: f"regiocode '{v}' bestaat niet (laat leeg voor landelijk)")
    out["golf"] = column(f, "golf")
    errors.add_mask(out, out["golf"].eq(""), "golf", "golf ontbreekt (bv. 2021 of 2024-najaar)")
    errors.add_mask(out, out["golf"].str.len() > MAX_CODE, "golf", f"golf is langer dan {MAX_CODE} tekens")
    raw = column(f, "stakeholder")
    out["stakeholder"], bad = parse_enum(raw, STAKEHOLDERS)
    errors.add_mask(out, raw.eq(""), "stakeholder", f"stakeholder ontbreekt; kies uit {choices(m.STAKEHOLDERS)}")
    errors.add(f.index[bad], "stakeholder",
               [f"onbekende stakeholdergroep '{v}'; kies uit {choices(m.STAKEHOLDERS)}" for v in raw[bad]])
    for name, what in (("bekend", "aantal respondenten dat het convenant kent"), ("totaal", "aantal respondenten")):
        raw = column(f, name)
        out[name], bad = parse_integer(raw)
        errors.add_mask(out, raw.eq(""), name, f"{name} ontbreekt ({what})")
        errors.add(f.index[bad], name, [integer_reason(v) for v in raw[bad]])
        negative = (out[name] < 0).fillna(False).to_numpy()
        errors.add(f.index[negative], name, [f"{name} kan niet negatief zijn ({v})" for v in raw[negative]])
    zero = (out["totaal"] == 0).fillna(False).to_numpy()
    errors.add(f.index[zero], "totaal", "totaal is 0: zonder respondenten is er geen bekendheid te meten")
    over = (out["bekend"] > out["totaal"]).fillna(False).to_numpy()
    errors.add(f.index[over], "bekend", [f"bekend ({b}) is groter dan totaal ({t})"
                                         for b, t in zip(out["bekend"][over], out["totaal"][over])])
    key = out["regio"] + "\x1f" + out["golf"] + "\x1f" + out["stakeholder"].fillna("")
    first = duplicates(key.where(out["stakeholder"].notna() & out["golf"].ne(""), ""))
    errors.add(first.index, "stakeholder",
               [f"dezelfde regio, golf en stakeholdergroep staan ook in rij {n}" for n in first])
    return out[list(COLUMNS)]


def write(session: Session, rows: pd.DataFrame, ctx: ImportContext) -> None:
    ensure_waves(session, rows["golf"], ctx)
    upsert(session, m.Awareness, records(rows, list(COLUMNS)), keys=["regio", "golf", "stakeholder"],
           update=["bekend", "totaal"])


SPEC = KindSpec(
    name="bekendheid",
    columns=COLUMNS,
    required=("golf", "stakeholder", "bekend", "totaal"),
    aliases=ALIASES,
    validate=validate,
    write=write,
)
