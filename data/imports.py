"""Importing users' files: validate every row, then write all of it in one transaction (or nothing).

Entry points: `validate_file` (check only, for the Gegevens page) and `import_file` (the CLI and the app).
Each kind's columns, aliases and rules live in data/importing/<kind>.py; see the README section "Importeren".
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from data import limits
from data import models as m
from data.access import Gebruiker, require
from data.audit import record
from data.db import transaction
from data.errors import UserError
from data.importing import (
    actions, awareness, care_offices, collaborations, facilities, findings, pilots, service_areas, wlz_demand,
)
from data.importing.base import KindSpec
from data.importing.changes import count_changes, snapshot
from data.importing.context import ImportContext
from data.faults import database_error, explain_os
from data.importing.rules import RowErrors
from data.importing.storable import check_storable, check_text

KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (facilities.SPEC, service_areas.SPEC, collaborations.SPEC, findings.SPEC, actions.SPEC,
                 care_offices.SPEC, wlz_demand.SPEC, pilots.SPEC, awareness.SPEC)
}
TEMPLATES_DIR = Path(__file__).with_name("templates")


@dataclass
class ImportReport:
    """What happened to a file: counts, rejected rows (rij, kolom, reden), file-level problems, a preview."""

    kind: str
    filename: str
    dry_run: bool
    skip_invalid: bool
    rows_total: int = 0
    rows_imported: int = 0
    rows_rejected: int = 0
    rows_added: int = 0  # of the rows imported: new in the database
    rows_changed: int = 0  # of the rows imported: already there, with other values now
    errors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["rij", "kolom", "reden"]))
    file_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    # The cells as the file had them (text; index = spreadsheet row), so a preview can show a wrong value as typed.
    source_cells: pd.DataFrame = field(default_factory=pd.DataFrame)
    batch_id: int | None = None

    @property
    def rows_valid(self) -> int:
        return self.rows_total - self.rows_rejected

    @property
    def ok(self) -> bool:
        """True when the file is (or would be) imported: no file problem, and no bad rows unless skipped."""
        if self.file_errors or self.rows_total == 0:
            return False
        if self.rows_rejected == 0:
            return True
        return self.skip_invalid and self.rows_valid > 0

    def as_text(self) -> str:
        lines = [f"Bestand {self.filename} ({self.kind}):"]
        if self.file_errors:
            lines += [f"  {problem}" for problem in self.file_errors]
            lines.append("Er is niets opgeslagen.")
            return "\n".join(lines)
        lines.append(f"  {_rows(self.rows_total)} gelezen, {self.rows_valid} geldig, {self.rows_rejected} afgewezen.")
        lines += [f"  Let op: {warning}" for warning in self.warnings]
        shown = self.errors.head(limits.MAX_REPORTED_ERRORS)
        for rij, kolom, reden in shown.itertuples(index=False, name=None):
            lines.append(f"  rij {rij}, kolom {kolom}: {reden}")
        if len(self.errors) > len(shown):
            rest = len(self.errors) - len(shown)
            lines.append(f"  en nog {limits.dutch_int(rest)} {'fout' if rest == 1 else 'fouten'}")
        if self.dry_run:
            verdict = "Controle geslaagd" if self.ok else "Controle niet geslaagd"
            lines.append(f"{verdict} (proefrun); er is niets opgeslagen.")
        elif self.batch_id is not None:
            lines.append(f"{_rows(self.rows_imported)} geïmporteerd (importbatch {self.batch_id}): "
                         f"{self.rows_added} nieuw, {self.rows_changed} gewijzigd.")
        elif self.rows_rejected and not self.skip_invalid:
            lines.append(
                "Het bestand is niet geïmporteerd; er is niets opgeslagen. "
                "Verbeter de rijen hierboven, of gebruik --skip-invalid om alleen de geldige rijen te importeren."
            )
        else:
            lines.append("Er zijn geen geldige rijen; er is niets opgeslagen.")
        return "\n".join(lines)


def _rows(count: int) -> str:
    return "1 rij" if count == 1 else f"{count} rijen"


def _read_source(source: Path | str | bytes, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), filename or "upload"
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > limits.MAX_FILE_BYTES and path.is_file():
            raise UserError(
                f"Het bestand is {limits.megabytes(size)} groot; de grens is "
                f"{limits.megabytes(limits.MAX_FILE_BYTES)}. Splits het bestand in delen."
            )
        return path.read_bytes(), filename or path.name
    except FileNotFoundError:
        raise UserError(f"Bestand niet gevonden: {path}.") from None
    except IsADirectoryError:
        raise UserError(f"{path} is een map, geen bestand.") from None
    except PermissionError:
        raise UserError(f"Geen toestemming om {path} te lezen.") from None
    except OSError as error:
        raise UserError(f"Het bestand kan niet worden gelezen: {explain_os(error, path)}") from None


def _check(kind: str, raw: bytes, name: str, report: ImportReport, ctx: ImportContext) -> pd.DataFrame:
    """Read and validate; fills the report and returns the valid rows. File-level problems raise UserError."""
    spec = KINDS.get(kind)
    if spec is None:
        raise UserError(f"Onbekende soort '{kind}'; kies uit {', '.join(KINDS)}.")
    table = spec.read_table(raw, name)
    errors = RowErrors()
    check_text(table, errors)  # NUL and control characters: no database or XLSX file can hold them
    clean = spec.validate(table, ctx, errors, report.warnings)
    check_storable(kind, clean, errors)  # lengths and integer ranges as both SQLite and PostgreSQL store them
    if table.ignored_columns:
        report.warnings.append("onbekende kolommen genegeerd: " + ", ".join(table.ignored_columns))
    bad = errors.bad_rows()
    report.rows_total = len(clean)
    report.rows_rejected = len(bad)
    report.errors = errors.frame()
    shown = [c for c in spec.columns if c in clean.columns]
    shown += [c for c in clean.columns if c not in shown and not c.startswith("_")]  # '_': geometries, lists
    preview = clean[shown].copy()
    preview.insert(0, "geldig", ~preview.index.isin(list(bad)))
    report.preview = preview.reset_index()
    report.source_cells = table.frame
    return clean[~clean.index.isin(list(bad))]


def validate_file(
    engine: Engine, kind: str, path_or_bytes: Path | str | bytes, filename: str | None = None,
    progress: Callable[[str], None] | None = None, user: Gebruiker | str | None = None,
) -> ImportReport:
    """Check a file without writing anything (the reference geography is loaded if it is missing)."""
    return import_file(engine, kind, path_or_bytes, dry_run=True, filename=filename, progress=progress, user=user)


def import_file(
    engine: Engine, kind: str, path: Path | str | bytes, dry_run: bool = False, skip_invalid: bool = False,
    user: Gebruiker | str | None = None, filename: str | None = None, progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import a file of one kind: all rows in one transaction, or nothing when any row is invalid.

    With `skip_invalid` the valid rows are imported and the rest reported; with `dry_run` nothing is
    written (no import batch either). Real imports record an ImportBatch row and an audit row (file name, sha256,
    rows added, changed and rejected) in the same transaction.
    `user` needs the permission `importeren` (also for a dry run), else Geweigerd is raised before the file is
    read; None is the local single user (data.users.acting_user), a name alone the local user of that name.
    """
    from data.users import acting_user

    actor = acting_user(user)
    require(actor, "importeren")
    report = ImportReport(kind=kind, filename=filename or _display_name(path), dry_run=dry_run, skip_invalid=skip_invalid)
    try:
        raw, report.filename = _read_source(path, filename)
        ctx = ImportContext(engine, progress)
        valid = _check(kind, raw, report.filename, report, ctx)
    except UserError as error:
        report.file_errors.append(str(error))
        return report
    if dry_run or not report.ok:
        return report
    try:
        with transaction(engine) as session:
            batch = m.ImportBatch(
                soort=kind,
                bestandsnaam=Path(report.filename).name[:300],
                sha256=hashlib.sha256(raw).hexdigest(),
                tijdstip=datetime.now(timezone.utc).replace(tzinfo=None),
                rijen_totaal=report.rows_total,
                rijen_geimporteerd=len(valid),
                rijen_afgewezen=report.rows_rejected,
                gebruiker=actor.email[:100],
            )
            session.add(batch)
            session.flush()  # the batch id first, so that written rows can name the batch that wrote them
            report.batch_id = ctx.batch_id = batch.id
            before = snapshot(session, kind)
            KINDS[kind].write(session, valid, ctx)
            session.flush()
            report.rows_added, report.rows_changed = count_changes(before, snapshot(session, kind))
            record(session, actor, "import", batch.bestandsnaam, {
                "soort": kind, "sha256": batch.sha256, "importbatch": batch.id, "rijen_totaal": report.rows_total,
                "rijen_toegevoegd": report.rows_added, "rijen_gewijzigd": report.rows_changed,
                "rijen_afgewezen": report.rows_rejected,
            })
    except UserError as error:
        report.batch_id = None
        report.rows_added = report.rows_changed = 0
        report.file_errors.append(str(error))
        return report
    except SQLAlchemyError as error:
        report.batch_id = None
        report.rows_added = report.rows_changed = 0
        reason = str(database_error(error)).rstrip(".")
        report.file_errors.append(f"Opslaan in de database is mislukt: {reason}; alles is teruggedraaid.")
        return report
    report.rows_imported = len(valid)
    return report


def _display_name(source) -> str:
    return "upload" if isinstance(source, (bytes, bytearray)) else Path(source).name


def template_path(kind: str) -> Path:
    """The example file of a kind (fictional rows) that users can fill in."""
    if kind not in KINDS:
        raise UserError(f"Onbekende soort '{kind}'; kies uit {', '.join(KINDS)}.")
    return TEMPLATES_DIR / f"{kind}.csv"


def column_help(kind: str) -> pd.DataFrame:
    """Per column of a kind: whether it is required and which other header spellings are accepted."""
    spec = KINDS[kind]
    alternatives = {c: sorted(a for a, target in spec.aliases.items() if target == c and a != c) for c in spec.columns}
    return pd.DataFrame(
        {
            "kolom": list(spec.columns),
            "verplicht": [c in spec.required for c in spec.columns],
            "ook_geaccepteerd": [", ".join(alternatives[c]) for c in spec.columns],
        }
    )
