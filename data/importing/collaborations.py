"""samenwerkingen: who works with whom (facility ids), in which form, from when until when, and where recorded."""
from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from data import models as m
from data.importing.base import KindSpec, aliases_for, records, upsert
from data.importing.context import ImportContext
from data.importing.rules import RowErrors, choices, column, duplicates, enum_lookup, parse_dates, parse_enum
from data.readers import Table

COLUMNS = ("van", "naar", "soort", "sinds", "tot", "bron")
ALIASES = aliases_for(
    COLUMNS,
    {
        "van": ("van_id", "from", "bron_id", "voorziening_van"),
        "naar": ("naar_id", "to", "doel_id", "voorziening_naar"),
        "soort": ("vorm", "type", "soort_samenwerking", "samenwerkingsvorm"),
        "sinds": ("vanaf", "jaar", "sinds_jaar", "startjaar", "startdatum", "begindatum"),
        "tot": ("einddatum", "tot_en_met", "eind", "tm"),
        "bron": ("source", "vastgelegd_in"),
    },
)
KINDS = enum_lookup(
    m.COLLABORATION_KINDS,
    {
        "gezamenlijke medische dienst": "gezamenlijke_medische_dienst",
        "medische dienst": "gezamenlijke_medische_dienst",
        "gmd": "gezamenlijke_medische_dienst",
        "contractueel": "contract",
        "schriftelijk": "schriftelijke_afspraak",
        "schriftelijke afspraken": "schriftelijke_afspraak",
        "mondeling": "mondelinge_afspraak",
        "mondelinge afspraken": "mondelinge_afspraak",
        "casuistisch": "casuistiek",
        "per casus": "casuistiek",
    },
)
BRON_LIMIT = 200


def validate(table: Table, ctx: ImportContext, errors: RowErrors, warnings: list[str]) -> pd.DataFrame:
    f = table.frame
    out = pd.DataFrame(index=f.index)
    known = ctx.facility_types
    for name in ("van", "naar"):
        out[name] = column(f, name)
        errors.add_mask(out, out[name].eq(""), name, f"{name} ontbreekt")
        unknown = out[name].ne("") & ~out[name].isin(known.keys())
        errors.add_mask(out, unknown, name, lambda v: f"voorziening '{v}' bestaat niet; importeer eerst de voorzieningen")
    errors.add_mask(out, out["van"].ne("") & out["van"].eq(out["naar"]), "naar", "een voorziening kan niet met zichzelf samenwerken")
    raw = column(f, "soort")
    out["soort"], bad = parse_enum(raw, KINDS)
    errors.add_mask(out, raw.eq(""), "soort", f"soort ontbreekt; kies uit {choices(m.COLLABORATION_KINDS)}")
    errors.add(f.index[bad], "soort", [f"onbekende soort '{v}'; kies uit {choices(m.COLLABORATION_KINDS)}" for v in raw[bad]])
    serials = table.source == "xlsx"  # a date cell formatted as a number reaches us as an Excel day number
    raw = {name: column(f, name) for name in ("sinds", "tot")}
    for name in ("sinds", "tot"):  # a year alone means its first day for sinds, its last day for tot
        out[name], reasons = parse_dates(raw[name], end=name == "tot", serials=serials)
        bad = reasons.ne("").to_numpy()
        errors.add(f.index[bad], name, reasons[bad])
    backwards = np.array([s is not None and t is not None and t < s for s, t in zip(out["sinds"], out["tot"])], bool)
    errors.add(f.index[backwards], "tot", [  # as dates: shows what a bare year was taken to mean
        f"tot ({_dutch(t)}) ligt vóór sinds ({_dutch(s)})" for s, t in zip(out["sinds"][backwards], out["tot"][backwards])
    ])
    out["bron"] = column(f, "bron")
    errors.add_mask(out, out["bron"].str.len() > BRON_LIMIT, "bron", f"bron is langer dan {BRON_LIMIT} tekens")
    out["bron"] = out["bron"].where(out["bron"].ne(""), None)
    key = out["van"] + "\x1f" + out["naar"] + "\x1f" + out["soort"].fillna("")
    first = duplicates(key.where(out["soort"].notna(), ""))
    errors.add(first.index, "soort", [f"dezelfde samenwerking staat ook in rij {n}" for n in first])
    return out


def _dutch(day) -> str:
    return f"{day.day}-{day.month}-{day.year}"


def write(session: Session, rows: pd.DataFrame, ctx: ImportContext) -> None:
    """Insert new ties; a tie already known gets its dates, source and this import batch (the last writer)."""
    values = records(rows.assign(importbatch_id=ctx.batch_id), [*COLUMNS, "importbatch_id"])
    upsert(session, m.Collaboration, values, keys=["van", "naar", "soort"],
           update=["sinds", "tot", "bron", "importbatch_id"])


SPEC = KindSpec(
    name="samenwerkingen",
    columns=COLUMNS,
    required=("van", "naar", "soort"),
    aliases=ALIASES,
    validate=validate,
    write=write,
)
