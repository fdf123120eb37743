"""Engine and sessions. The schema is brought to the newest Alembic revision on first use."""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from data import config
from data.errors import UserError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"
# How long a SQLite write waits for another writer before the user hears "de database is bezig".
BUSY_TIMEOUT_S = 5.0
UNTOUCHED = "Er is niets aan de database veranderd."


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def check_schema(engine: Engine) -> str | None:
    """The database's Alembic revision (None for an empty database), after making sure it is ours.

    Refused with a Dutch sentence, before anything is written: a database with tables but without our
    revision table (another application's database), and a revision this code does not know (a newer version
    of the MGZ-monitor, or another application using Alembic). PostgreSQL databases may hold other
    applications' tables beside ours, as long as none has the name of one of ours.
    """
    from data.models import Base

    script = ScriptDirectory.from_config(alembic_config(engine))
    known = {revision.revision for revision in script.walk_revisions()}
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        current = None
        if "alembic_version" in tables:
            current = MigrationContext.configure(connection).get_current_revision()
    where = _describe(engine)
    if current is None:
        ours = set(Base.metadata.tables)
        foreign = sorted(tables - {"alembic_version"}) if engine.dialect.name == "sqlite" else sorted(tables & ours)
        if foreign:
            shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
            raise UserError(
                f"{where} is niet de database van de MGZ-monitor: er staan al tabellen in ({shown}) maar geen "
                f"schemaversie van de MGZ-monitor. {UNTOUCHED} Kies een nieuw of leeg databasebestand met "
                "MGZ_DATABASE_URL."
            )
        return None
    if current not in known:
        raise UserError(
            f"{where} heeft schemaversie '{current}', die deze versie van de MGZ-monitor niet kent: de database is "
            "gemaakt door een nieuwere versie van de MGZ-monitor (werk de software bij) of door een andere "
            f"toepassing. {UNTOUCHED}"
        )
    return current


def _describe(engine: Engine) -> str:
    if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        return f"Het bestand {engine.url.database.removeprefix('file:')}"
    return "De database"


def upgrade(engine: Engine) -> None:
    """Apply every pending migration; existing rows stay in place. A foreign or newer database is refused."""
    current = check_schema(engine)
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    if current != head:
        command.upgrade(alembic_config(engine), "head")


def _check_sqlite_file(path: Path) -> None:
    """A file that exists and is not empty must be a SQLite database; it is never changed otherwise."""
    try:
        if path.is_dir():
            raise UserError(f"{path} is een map, geen databasebestand. Controleer MGZ_DATABASE_URL.")
        if path.exists() and path.stat().st_size:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_MAGIC))
            if header != SQLITE_MAGIC:
                raise UserError(
                    f"Het bestand {path} is geen SQLite-database en dus niet de database van de MGZ-monitor. "
                    f"{UNTOUCHED} Controleer MGZ_DATABASE_URL."
                )
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        from data.faults import explain_os

        raise UserError(f"De database kan niet worden geopend: {explain_os(error, path)}") from None


def make_engine(url: str | None = None, migrate: bool = True) -> Engine:
    """An engine for `url` (default: MGZ_DATABASE_URL), its schema checked and brought up to date.

    Every database problem becomes a UserError with a Dutch sentence; see data.faults.
    """
    url = url or config.database_url()
    connect_args, existing = {}, None
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url.removeprefix("sqlite:///").split("?")[0].removeprefix("file:")).expanduser()
        _check_sqlite_file(path)
        existing = path if path.exists() and path.stat().st_size else None
        connect_args["timeout"] = BUSY_TIMEOUT_S
    try:
        engine = create_engine(url, connect_args=connect_args)
    except (SQLAlchemyError, ValueError, ImportError) as error:
        raise UserError(f"MGZ_DATABASE_URL is geen bruikbare database-URL ({type(error).__name__}).") from None
    try:
        if migrate and existing is not None:
            # Checked through a read-only connection first: even switching on WAL would change a foreign file.
            from urllib.parse import quote

            probe = create_engine(
                f"sqlite:///file:{quote(str(existing))}?mode=ro&uri=true", connect_args={"timeout": BUSY_TIMEOUT_S}
            )
            try:
                check_schema(probe)
            finally:
                probe.dispose()
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        if migrate:
            upgrade(engine)
    except SQLAlchemyError as error:
        from data.faults import database_error

        engine.dispose()
        raise database_error(error) from None
    except UserError:
        engine.dispose()
        raise
    return engine


@lru_cache(maxsize=4)
def _cached_engine(url: str) -> Engine:
    return make_engine(url)


def get_engine() -> Engine:
    """The engine for the configured database (one per URL per process)."""
    return _cached_engine(config.database_url())


@contextmanager
def transaction(engine: Engine | None = None) -> Iterator[Session]:
    """A session whose work is committed as one unit, or rolled back entirely on any error."""
    factory = sessionmaker(bind=engine or get_engine(), expire_on_commit=False)
    with factory() as session, session.begin():
        yield session
