"""How many rows an import added and changed, for the import report and the audit trail.

The kind's main table is read (inside the import transaction) before and after the write: a key that was not
there before is added, a key whose stored content differs afterwards is changed. Generated ids and the import
batch that last wrote a row are not content.
"""
from __future__ import annotations

from sqlalchemy import func, select

from data import models as m

# kind -> (model, key columns); every other column except id and importbatch_id is content
_TABLES = {
    "voorzieningen": (m.Facility, ("id",)),
    "werkgebieden": (m.ServiceArea, ("hap_id",)),
    "samenwerkingen": (m.Collaboration, ("van", "naar", "soort")),
    "bevindingen": (m.Finding, ("sleutel",)),
    "acties": (m.ConvenantAction, ("actie", "partij", "golf", "regio")),
    "zorgkantoren": (m.CareOfficeName, ("zorgkantoorregio",)),
    "wlz_vraag": (m.WlzDemand, ("gemeentecode", "jaar")),
    "pilots": (m.PilotCommission, ("regio", "commissie")),
    "bekendheid": (m.Awareness, ("regio", "golf", "stakeholder")),
}


def snapshot(session, kind: str) -> dict[tuple, tuple]:
    """key -> content of every row of the kind's main table (werkgebieden: with the covered PC4 codes)."""
    model, keys = _TABLES[kind]
    table = model.__table__
    content = [c for c in table.columns if c.name not in keys and c.name not in ("id", "importbatch_id")]
    key_columns = [func.lower(table.c[k]) if (kind, k) == ("pilots", "commissie") else table.c[k] for k in keys]
    rows = session.execute(select(*key_columns, *content)).all()
    result = {tuple(row[:len(keys)]): tuple(row[len(keys):]) for row in rows}
    if kind == "werkgebieden":
        covered: dict[str, list[str]] = {}
        p = m.ServiceAreaPostcode
        for hap_id, pc4 in session.execute(select(p.hap_id, p.pc4).order_by(p.hap_id, p.pc4)).all():
            covered.setdefault(hap_id, []).append(pc4)
        result = {key: value + (tuple(covered.get(key[0], ())),) for key, value in result.items()}
    return result


def count_changes(before: dict[tuple, tuple], after: dict[tuple, tuple]) -> tuple[int, int]:
    """(added, changed) between two snapshots of the same table."""
    added = sum(1 for key in after if key not in before)
    changed = sum(1 for key, value in after.items() if key in before and before[key] != value)
    return added, changed
