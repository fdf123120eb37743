"""Faults outside the user's file, in Dutch: a busy, full, read-only or unreachable database, a disk problem.

`explain` turns an exception into one Dutch sentence, or None when it is not a fault we know (a bug or a
broken installation: the caller says so and exits with code 2). The command line (data.cli.run_friendly),
the importer and the dashboard all use it, so the same fault reads the same everywhere.
"""
from __future__ import annotations

import errno

from data.errors import UserError

BUSY = "De database is bezig; probeer het zo opnieuw."
NOTHING_CHANGED = "Er is niets half opgeslagen."

# Fragments of driver messages (SQLite, psycopg) and what they mean for the user.
_DATABASE_MESSAGES = (
    (("database is locked", "database table is locked", "database is busy"), BUSY),
    (("file is not a database", "file is encrypted", "database disk image is malformed"),
     "Het databasebestand is geen (gave) SQLite-database van de MGZ-monitor. Controleer MGZ_DATABASE_URL; "
     "er is niets aan het bestand veranderd."),
    (("readonly database", "read-only", "read only"),
     "De database kan alleen worden gelezen, niet beschreven (alleen-lezen bestand of map, of een gebruiker "
     "zonder schrijfrechten). Controleer de rechten of MGZ_DATABASE_URL."),
    (("database or disk is full", "disk is full", "no space left", "could not extend file", "disk full"),
     "De schijf (of de database) is vol; maak ruimte vrij en probeer het opnieuw."),
    (("unable to open database file",),
     "Het databasebestand kan niet worden geopend; bestaat de map, en mag u daar schrijven? Controleer "
     "MGZ_DATABASE_URL."),
    (("connection refused", "could not connect", "connection failed", "could not translate host name",
      "name or service not known", "timeout expired", "server closed the connection"),
     "De database is niet bereikbaar. Draait de databaseserver, en klopt MGZ_DATABASE_URL?"),
    (("password authentication failed", "authentication failed", "no pg_hba.conf entry", "role \"",
      "permission denied"),
     "De database weigert de toegang (gebruiker, wachtwoord of rechten). Controleer MGZ_DATABASE_URL."),
    (("database \"",),
     "De database in MGZ_DATABASE_URL bestaat niet; maak haar eerst aan."),
    # the trigger of migration 0005 on the audit table
    (("auditlogboek kan alleen worden aangevuld",),
     "Het auditlogboek kan alleen worden aangevuld; bestaande regels wijzigen of verwijderen is niet toegestaan."),
)
# PostgreSQL SQLSTATE codes: lock not available, deadlock, serialization failure, query canceled (lock timeout).
_BUSY_STATES = {"55P03", "40P01", "40001", "57014"}


def _database_text(error: BaseException) -> str:
    original = getattr(error, "orig", None)
    return f"{original if original is not None else error}".lower()


def explain_database(error: BaseException) -> str | None:
    """A Dutch sentence for a SQLAlchemy/driver error, or None when it is not a known database fault."""
    original = getattr(error, "orig", None)
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    if state in _BUSY_STATES:
        return BUSY
    text = _database_text(error)
    for fragments, message in _DATABASE_MESSAGES:
        if any(fragment in text for fragment in fragments):
            return message
    return None


def explain_os(error: OSError, path: object = None) -> str:
    """A Dutch sentence for a file-system error while reading or writing `path`."""
    where = f" ({path})" if path is not None else ""
    if isinstance(error, FileNotFoundError) or error.errno == errno.ENOENT:
        return f"Bestand of map niet gevonden{where}."
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        return f"Geen toestemming{where}; controleer de rechten van het bestand en de map."
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"De schijf is vol{where}; maak ruimte vrij en probeer het opnieuw."
    if error.errno == errno.EROFS:
        return f"De schijf kan alleen worden gelezen{where}."
    if isinstance(error, IsADirectoryError):
        return f"Dit is een map, geen bestand{where}."
    if isinstance(error, NotADirectoryError):
        return f"Een deel van het pad is geen map{where}."
    return f"De schijf meldt een fout{where}: {error.strerror or 'onbekend'}."


def explain(error: BaseException) -> str | None:
    """One Dutch sentence for a known fault (user file, database, disk), or None for anything else."""
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(error, UserError):
        return str(error)
    if isinstance(error, SQLAlchemyError):
        return explain_database(error)
    if isinstance(error, MemoryError):
        return "Er is onvoldoende geheugen voor deze opdracht; sluit andere programma's of gebruik een kleiner bestand."
    if isinstance(error, OSError):
        return explain_os(error, getattr(error, "filename", None))
    return None


def database_error(error: BaseException) -> UserError:
    """A UserError for a database fault; unknown ones keep their class name so a bug report can name it."""
    message = explain_database(error)
    if message is None:
        message = f"De database gaf een onverwachte fout ({type(error).__name__})."
    return UserError(message)
