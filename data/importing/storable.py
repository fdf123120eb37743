"""Checks that make validation agree with what both SQLite and PostgreSQL can store.

SQLite stores nearly anything; PostgreSQL refuses a NUL character in text, text longer than a VARCHAR(n) and
integers beyond 4 bytes. Without these checks a file passes validation, imports on SQLite and fails on
PostgreSQL halfway through the write ("DataError"). Each kind's validator checks its own columns; these
checks run for every kind as a safety net, so a new kind or column cannot forget them:

- `check_text` (on the cells as read): NUL and the other control characters that neither an XLSX file nor
  PostgreSQL can hold (tab, line feed and carriage return are fine);
- `check_storable` (on the validated values): text length and integer range against the database column that
  the value is written to, found by name in the kind's tables.
"""
from __future__ import annotations

import re

import pandas as pd
from sqlalchemy import Integer, String

from data import models as m
from data.importing.rules import RowErrors
from data.limits import INTEGER_MAX, INTEGER_MIN, dutch_int
from data.readers import Table

# Control characters other than tab, LF and CR, and the two non-characters XML forbids.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _tables(kind: str) -> list:
    """The tables a kind writes to, most specific first; a column name is looked up in this order."""
    tables = {
        "voorzieningen": [m.Facility],
        "werkgebieden": [m.ServiceAreaPostcode, m.ServiceArea],
        "samenwerkingen": [m.Collaboration],
        "bevindingen": [m.Finding],
        "acties": [m.ConvenantAction],
        "zorgkantoren": [getattr(m, "CareOfficeName", None)],
        "wlz_vraag": [getattr(m, "WlzDemand", None)],
        "pilots": [m.PilotCommission],
        "bekendheid": [m.Awareness],
    }.get(kind, [])
    return [table.__table__ for table in tables if table is not None]


# Frame columns stored under another name: (kind, frame column) -> database column.
_RENAMED = {("voorzieningen", "organisatie"): m.Organisation.__table__.c.naam}


def _character_name(text: str) -> str:
    found = _UNSTORABLE.search(text).group()
    return "NUL" if found == "\x00" else f"U+{ord(found):04X}"


def check_text(table: Table, errors: RowErrors) -> None:
    """Every cell with a character that cannot be stored or written to XLSX is an error of its row and column."""
    for name in table.frame.columns:
        if name.startswith("_"):
            continue
        values = table.frame[name]
        if not _UNSTORABLE.search("\n".join(v for v in values.tolist() if isinstance(v, str))):
            continue  # the usual case, found in one pass over the column
        bad = values.astype(object).str.contains(_UNSTORABLE, na=False).to_numpy(dtype=bool)
        if bad.any():
            errors.add(
                values.index[bad], name,
                [f"bevat een onzichtbaar stuurteken ({_character_name(v)}) dat niet kan worden opgeslagen; "
                 "haal het weg" for v in values[bad]],
            )


def check_storable(kind: str, frame: pd.DataFrame, errors: RowErrors) -> None:
    """Text longer than its column and integers beyond 4 bytes become row errors (unless the cell has one)."""
    tables = _tables(kind)
    seen = {(row, column) for row, column, _ in errors.rows}
    for name in frame.columns:
        target = _RENAMED.get((kind, name))
        if target is None:
            target = next((t.c[name] for t in tables if name in t.c), None)
        if target is None:
            continue
        values = frame[name]
        if isinstance(target.type, String) and target.type.length:
            limit = target.type.length
            bad = values.map(lambda v: isinstance(v, str) and len(v) > limit).to_numpy(dtype=bool)
            reason = f"tekst is langer dan {dutch_int(limit)} tekens"
        elif isinstance(target.type, Integer):
            numeric = pd.to_numeric(values.astype(object), errors="coerce")
            bad = ((numeric < INTEGER_MIN) | (numeric > INTEGER_MAX)).fillna(False).to_numpy(dtype=bool)
            reason = f"getal ligt niet tussen {dutch_int(INTEGER_MIN)} en {dutch_int(INTEGER_MAX)}"
        else:
            continue
        rows = [row for row in values.index[bad] if (int(row), name) not in seen]
        if rows:
            errors.add(rows, name, reason)
