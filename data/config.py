"""Settings read from the environment, defined once for the CLI, the app and the README."""
from __future__ import annotations

import getpass
import os
from pathlib import Path

# Each setting: environment variable, default, meaning; tests/test_readme.py checks the README documents them all.
SETTINGS = {
    "MGZ_DATABASE_URL": ("sqlite:///<MGZ_HOME>/mgz.sqlite", "SQLAlchemy-URL van de database (SQLite of PostgreSQL)."),
    "MGZ_HOME": ("~/.mgz", "Map voor de standaard-database en de cache met referentiegeografie."),
    "MGZ_REFERENCE_DIR": ("(leeg)", "Map met CBS-grenzen (gemeente*, zorgkantoorregio*, provincie*, pc4*) voor gebruik zonder internet."),
    "MGZ_TILES": ("osm", "Achtergrondkaart: `osm` (OpenStreetMap, online) of `geen`."),
    "MGZ_USER": ("gebruikersnaam van het systeem", "Naam die bij een import in de importgeschiedenis en het "
                 "auditlogboek komt; is het een geregistreerd e-mailadres, dan werkt de opdrachtregel met de rol van "
                 "die gebruiker (zie \"Gebruik door een team\")."),
    "MGZ_LOG": ("(leeg)", "`debug` laat `python -m dashboard` de duur van elke opwarmstap en elke run van de "
                "pagina Kaart loggen (logger `mgz`)."),
}


def home_dir() -> Path:
    return Path(os.environ.get("MGZ_HOME", "~/.mgz")).expanduser()


def database_url() -> str:
    url = os.environ.get("MGZ_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{home_dir() / 'mgz.sqlite'}"


def reference_dir() -> Path | None:
    value = os.environ.get("MGZ_REFERENCE_DIR")
    return Path(value).expanduser() if value else None


def cache_dir() -> Path:
    return home_dir() / "reference-cache"


def current_user() -> str:
    """MGZ_USER, else the operating system's user name (also for a server without a login terminal, where
    os.getlogin fails), else 'onbekend'."""
    if os.environ.get("MGZ_USER"):
        return os.environ["MGZ_USER"]
    try:
        return getpass.getuser() or "onbekend"
    except (OSError, KeyError, ImportError):
        return "onbekend"
