"""samenwerkingen: who works with whom (facility ids), in which form and since when."""
from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from data import models as m
from data.importing.base import KindSpec, aliases_for, records, upsert
from data.importing.context import ImportContext
from data.importing.rules import RowErrors, choices, column, duplicates, enum_lookup, parse_enum, parse_integer
from data.readers import Table

COLUMNS = ("van", "naar", "soort", "sinds")
ALIASES = aliases_for(
    COLUMNS,
    {
        "van": ("van_id", "from", "bron_id", "voorziening_van"),
        "naar": ("naar_id", "to", "doel_id", "voorziening_naar"),
        "soort": ("vorm", "type", "soort_samenwerking", "samenwerkingsvorm"),
        "sinds": ("vanaf", "jaar", "sinds_jaar", "startjaar"),
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
YEARS = (1900, 2100)


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
    raw = column(f, "sinds")
    out["sinds"], bad = parse_integer(raw)
    outside = (out["sinds"].notna() & ((out["sinds"] < YEARS[0]) | (out["sinds"] > YEARS[1]))).fillna(False).to_numpy()
    errors.add(f.index[bad | outside], "sinds", [f"'{v}' is geen jaartal" for v in raw[bad | outside]])
    key = out["van"] + "\x1f" + out["naar"] + "\x1f" + out["soort"].fillna("")
    first = duplicates(key.where(out["soort"].notna(), ""))
    errors.add(first.index, "soort", [f"dezelfde samenwerking staat ook in rij {n}" for n in first])
    return out


def write(session: Session, rows: pd.DataFrame, ctx: ImportContext) -> None:
    upsert(session, m.Collaboration, records(rows, list(COLUMNS)), keys=["van", "naar", "soort"], update=["sinds"])


SPEC = KindSpec(
    name="samenwerkingen",
    columns=COLUMNS,
    required=("van", "naar", "soort"),
    aliases=ALIASES,
    validate=validate,
    write=write,
)
