"""Write a kind back to a file that `python -m data import` reads again unchanged (round trip).

CSV: UTF-8 with BOM, ';' separator and decimal comma, so Dutch Excel opens it with numbers as numbers.
XLSX when the name ends in .xlsx (numbers as numbers, dates as date cells, text always as text); dates read
ISO (YYYY-MM-DD) in both. werkgebieden as GeoJSON when the name ends in .geojson/.json, else as CSV hap_id;pc4.
Text that a spreadsheet would evaluate (starting with = + - @) gets a leading apostrophe in CSV; the importer
removes it again. A lone '-' or '+' (richting) cannot form a formula and is written as is. The guard is the
one of data.spreadsheets, shared by every writer. In XLSX text is a text cell, never a formula, kept exactly
as stored (a leading apostrophe, line breaks).
Files are written whole or not at all (data.atomic). Unlike every export meant for sharing, this one keeps
exact client counts (also below 10), so that importing it again gives the same register (EXACT_NOTE).
Findings: only the findings that count (withdrawn ones are left out), corrected ones as corrected; exporting them
needs the permission `bevindingen_lezen` and is recorded in the audit trail as a download. Every other kind needs
`gegevens_zien`.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import shapely
from shapely.geometry import mapping
from sqlalchemy import Engine, select

from data import models as m
from data.access import Gebruiker, require
from data.audit import record_download
from data.errors import UserError
from data.importing import actions, awareness, care_offices, collaborations, facilities, findings, pilots, wlz_demand
from data.atomic import require_folder, write_bytes
from data.spreadsheets import guard_formula  # noqa: F401 - the one guard; imported here by older callers

EXACT_NOTE = (
    "Dit bestand bevat de exacte cliëntenaantallen, ook onder 10, zodat opnieuw importeren hetzelfde register "
    "geeft; deel het alleen met wie die aantallen mag zien."
)
COLUMNS = {
    "voorzieningen": facilities.COLUMNS,
    "werkgebieden": ("hap_id", "pc4"),
    "samenwerkingen": collaborations.COLUMNS,
    "bevindingen": findings.COLUMNS,
    "acties": actions.COLUMNS,
    "zorgkantoren": care_offices.COLUMNS,
    "wlz_vraag": wlz_demand.COLUMNS,
    "pilots": pilots.COLUMNS,
    "bekendheid": awareness.COLUMNS,
}


def _rows(engine: Engine, statement) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(statement).all()]


def _permission(kind: str) -> str:
    return "bevindingen_lezen" if kind == "bevindingen" else "gegevens_zien"


def export_rows(engine: Engine, kind: str, user: Gebruiker | None = None) -> list[tuple]:
    """The rows of a kind in import column order, as Python values; `user` None is the local single user."""
    from data.users import acting_user

    require(acting_user(user), _permission(kind))
    if kind == "voorzieningen":
        f = m.Facility
        rows = _rows(
            engine,
            select(
                f.id, f.type, f.naam, m.Organisation.naam, f.adres, f.postcode, f.plaats, f.lat, f.lon,
                f.avg_fte, f.clienten, f.anw_open, f.behandeling, f.locatie_bij_benadering,
            )
            .outerjoin(m.Organisation, m.Organisation.id == f.organisatie_id)
            .order_by(f.id),
        )
        # Facilities located by postcode keep an empty lat/lon, so that re-importing locates them the same way.
        return [row[:7] + ((None, None) if row[13] else row[7:9]) + row[9:13] for row in rows]
    if kind == "werkgebieden":
        p = m.ServiceAreaPostcode
        return _rows(engine, select(p.hap_id, p.pc4).order_by(p.hap_id, p.pc4))
    if kind == "samenwerkingen":
        c = m.Collaboration
        return _rows(engine, select(c.van, c.naar, c.soort, c.sinds, c.tot, c.bron).order_by(c.id))
    if kind == "bevindingen":
        b = m.Finding
        rows = _rows(
            engine,
            select(b.regio, b.golf, b.stakeholder, b.voorwaarde, b.richting, b.gewicht, b.bron, b.tekst, b.code)
            .join(m.Wave, m.Wave.code == b.golf)
            .where(b.ingetrokken.is_(False))
            .order_by(m.Wave.volgorde, b.id),
        )
        return [row[:4] + ("+" if row[4] > 0 else "-",) + row[5:] for row in rows]
    if kind == "acties":
        a = m.ConvenantAction
        return _rows(
            engine, select(a.actie, a.partij, a.golf, a.status, a.regio, a.toelichting).order_by(a.id)
        )
    if kind == "zorgkantoren":
        z = m.CareOfficeName
        return _rows(engine, select(z.zorgkantoorregio, z.zorgkantoor).order_by(z.zorgkantoorregio))
    if kind == "wlz_vraag":
        w = m.WlzDemand
        return _rows(engine, select(w.gemeentecode, w.jaar, w.aantal).order_by(w.gemeentecode, w.jaar))
    if kind == "pilots":
        p = m.PilotCommission
        return _rows(engine, select(p.regio, p.commissie, p.start, p.status, p.afspraken, p.evaluatie, p.advies)
                     .order_by(p.id))
    if kind == "bekendheid":
        b = m.Awareness
        return _rows(
            engine,
            select(b.regio, b.golf, b.stakeholder, b.bekend, b.totaal)
            .join(m.Wave, m.Wave.code == b.golf)
            .order_by(m.Wave.volgorde, b.id),
        )
    raise UserError(f"Onbekende soort '{kind}'; kies uit {', '.join(COLUMNS)}.")


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return guard_formula(str(value))


def write_csv(path: Path, columns, rows) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    write_bytes(path, buffer.getvalue().encode("utf-8-sig"))


def write_xlsx(path: Path, columns, rows, title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            if isinstance(value, bool):
                value = "ja" if value else "nee"
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # never a formula, whatever the text starts with
            else:
                cell.value = value
                if isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"  # a real date cell that still reads as ISO
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()  # built in memory, so a full disk cannot leave a broken workbook behind
    workbook.save(buffer)
    write_bytes(path, buffer.getvalue())


def write_service_areas_geojson(engine: Engine, path: Path) -> int:
    rows = _rows(
        engine,
        select(m.ServiceArea.hap_id, m.Facility.naam, m.ServiceArea.geometrie)
        .join(m.Facility, m.Facility.id == m.ServiceArea.hap_id)
        .order_by(m.ServiceArea.hap_id),
    )
    features = [
        {
            "type": "Feature",
            "properties": {"hap_id": hap_id, "naam": naam},
            "geometry": mapping(shapely.from_wkb(wkb)) if wkb else None,
        }
        for hap_id, naam, wkb in rows
    ]
    document = {"type": "FeatureCollection", "features": features}
    write_bytes(path, json.dumps(document, ensure_ascii=False).encode("utf-8"))
    return len(features)


def export_file(engine: Engine, kind: str, path: Path | str, user: Gebruiker | None = None) -> int:
    """Write all rows of `kind` to `path` (.csv, .xlsx, or .geojson for werkgebieden); returns the row count.

    `user` (None: the local single user) needs `bevindingen_lezen` for findings (audited as a download), else
    `gegevens_zien`.
    """
    from data.users import acting_user

    actor = acting_user(user)
    require(actor, _permission(kind))
    path = require_folder(path)
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        if kind != "werkgebieden":
            raise UserError("Alleen werkgebieden kunnen als GeoJSON worden geschreven; kies .csv of .xlsx.")
        return write_service_areas_geojson(engine, path)
    rows = export_rows(engine, kind, actor)
    if suffix in (".xlsx", ".xlsm"):
        write_xlsx(path, COLUMNS[kind], rows, kind)
    else:
        write_csv(path, COLUMNS[kind], rows)
    if kind == "bevindingen":
        record_download(engine, actor, "export bevindingen", {"bestand": path.name, "rijen": len(rows)})
    return len(rows)
