"""The pilot register (import `pilots`) for pages and documents: which regions have a pilot commission and where it
stands, and the blocks a regiodossier or wave report shows about it.

`pilot_register(registry, region_code)` is the function the regiodossier calls: with a region code it gives the
commissions whose region overlaps that area (with `geography`; without it, the same code only), so a gemeente's
dossier names the commission of its zorgkantoorregio. `pilot_blocks` gives the same as content-model blocks
(monitor.dossier.model), so the dossier, the wave report and the page show one text.
"""
from __future__ import annotations

import pandas as pd

from data.importing.pilots import STATUSES
from data.registry import Geography, Registry
from monitor.dossier.model import Block, Paragraph, Table
from monitor.findings import gemeente_sets

STATUS_TEXT = {
    "verkenning": "in verkenning",
    "gestart": "gestart",
    "loopt": "loopt",
    "geëvalueerd": "geëvalueerd",
    "gestopt": "gestopt",
}
COLUMNS = ["regio", "regio_naam", "commissie", "start", "status", "afspraken", "evaluatie", "advies"]


def _names(geography: Geography | None) -> dict[str, str]:
    if geography is None:
        return {}
    regions = geography.regions
    return dict(zip(regions["code"].astype(str), regions["naam"].astype(str)))


def pilot_register(registry: Registry, region_code: str | None = None, geography: Geography | None = None,
                   gemeenten=None) -> pd.DataFrame:
    """The pilot commissions (COLUMNS; start as a date or None), by region then commission; with `region_code`
    only those whose region overlaps it (with `geography`) or is it (without). `gemeenten` (with `geography`)
    gives the area by its gemeenten instead, e.g. where an organisation has locations."""
    pilots = registry.pilots
    if pilots.empty:
        return pd.DataFrame(columns=COLUMNS)
    rows = pilots.copy()
    if region_code is not None:
        code = str(region_code).strip()
        if geography is not None:
            sets = gemeente_sets(geography.membership)
            area = frozenset(gemeenten) if gemeenten else sets.get(code, frozenset({code}))
            keep = [r == code or bool(sets.get(str(r), frozenset({str(r)})) & area) for r in rows["regio"]]
        else:
            keep = [r == code for r in rows["regio"]]
        rows = rows[pd.Series(keep, index=rows.index, dtype=bool)]
    names = _names(geography)
    rows.insert(1, "regio_naam", [names.get(str(r), str(r)) for r in rows["regio"]])
    rows["start"] = [None if pd.isna(s) else pd.Timestamp(s).date() for s in rows["start"]]
    rows = rows.sort_values(["regio", "commissie"], kind="stable")
    return rows[COLUMNS].reset_index(drop=True)


def dutch_date(day) -> str:
    return "onbekend" if day is None else f"{day.day}-{day.month}-{day.year}"


def stand(row) -> str:
    """'loopt sinds 15-9-2022', 'in verkenning', ... for one register row (a dict or Series)."""
    text = STATUS_TEXT.get(row["status"], str(row["status"]))
    if row["start"] is not None and row["status"] in ("gestart", "loopt"):
        text += f" sinds {dutch_date(row['start'])}"
    elif row["start"] is not None:
        text += f" (start {dutch_date(row['start'])})"
    return text


def commission_of(register: pd.DataFrame) -> dict[str, str]:
    """region code -> 'commissie: stand' (several commissions in one region joined by '; ')."""
    out: dict[str, list[str]] = {}
    for row in register.to_dict("records"):
        out.setdefault(str(row["regio"]), []).append(f"{row['commissie']}: {stand(row)}")
    return {code: "; ".join(items) for code, items in out.items()}


def status_counts(register: pd.DataFrame) -> dict[str, int]:
    counts = register["status"].value_counts() if not register.empty else pd.Series(dtype=int)
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def pilot_table(register: pd.DataFrame, with_texts: bool = True) -> Table:
    """The register as one table block (region, commission, start, stand, and the agreements/evaluation/advice)."""
    columns = ("Regio", "Commissie", "Start", "Stand") + (("Afspraken, evaluatie en advies",) if with_texts else ())
    rows = []
    for row in register.to_dict("records"):
        cells = (f"{row['regio_naam']} ({row['regio']})", str(row["commissie"]), dutch_date(row["start"]),
                 STATUS_TEXT.get(row["status"], str(row["status"])))
        if with_texts:
            parts = [f"{label}: {str(row[key]).strip().rstrip('.')}." for key, label in (
                ("afspraken", "Afspraken"), ("evaluatie", "Evaluatie"), ("advies", "Advies")) if row.get(key)]
            cells += (" ".join(parts) or "–",)
        rows.append(cells)
    widths = (1.5, 1.9, 1.1, 1.2, 3.3) if with_texts else (2.0, 3.0, 1.1, 1.2)
    return Table(columns, tuple(rows), widths)


def pilot_blocks(registry: Registry, region_code: str, geography: Geography | None = None,
                 naam: str | None = None, gemeenten=None) -> list[Block]:
    """What a regiodossier says about pilot commissions in (or around) the region (or the gemeenten given)."""
    register = pilot_register(registry, region_code, geography, gemeenten)
    where = f"{naam} ({region_code})" if naam else str(region_code)
    blocks: list[Block] = [Paragraph(
        "Pilotcommissies uit het pilotregister (import pilots): een onafhankelijke commissie die in een regio met een "
        "zwak netwerk partijen aan tafel brengt, afspraken maakt, evalueert en andere regio's adviseert.", "note")]
    if register.empty:
        blocks.append(Paragraph(f"In het pilotregister staat geen commissie voor {where} of een gebied dat ermee "
                                "overlapt."))
        return blocks
    blocks.append(pilot_table(register))
    return blocks


__all__ = ["COLUMNS", "commission_of", "pilot_blocks", "pilot_register", "pilot_table", "stand", "status_counts"]
