"""The Gegevens upload as one boundary: whatever a file or the database does, the page shows Dutch text.

`check_upload` and `import_upload` wrap data.imports; a failure outside the file's rows (a busy or foreign
database, a bug) becomes an ImportReport with one file error, so the page renders it like any bad file.
"""
from __future__ import annotations

from dashboard import cache
from dashboard.components.faults import fault_text
from data.access import Gebruiker
from data.imports import ImportReport, import_file, validate_file


def _failed(kind: str, name: str, error: BaseException, dry_run: bool) -> ImportReport:
    report = ImportReport(kind=kind, filename=name, dry_run=dry_run, skip_invalid=False)
    report.file_errors.append(fault_text(error))
    return report


def check_upload(kind: str, raw: bytes, name: str, user: Gebruiker | None = None) -> ImportReport:
    """Validate an uploaded file without writing (the report says what is wrong, row by row); `user` needs the
    permission importeren (a refusal shows as a file error)."""
    try:
        return validate_file(cache.engine(), kind, raw, name, user=user)
    except Exception as error:  # never a traceback on the page
        return _failed(kind, name, error, dry_run=True)


def import_upload(kind: str, raw: bytes, name: str, skip_invalid: bool, user: Gebruiker | None = None) -> ImportReport:
    """Import an uploaded file in one transaction (or nothing), as `user` (recorded in the history and audit)."""
    try:
        return import_file(cache.engine(), kind, raw, skip_invalid=skip_invalid, filename=name, user=user)
    except Exception as error:  # never a traceback on the page
        return _failed(kind, name, error, dry_run=False)
