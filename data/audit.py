"""The append-only audit trail: who did what and when.

`record` writes one row through the caller's session or connection, so an action and its audit row are committed
(or rolled back) together. Nothing in the code updates or deletes audit rows, and the database refuses it too
(triggers from migration 0005 on SQLite and PostgreSQL). Reading the trail is for beheerders: callers check the
permission `audit_lezen` before showing `read_audit`.
"""
from __future__ import annotations

import json
from datetime import date, datetime, time, timezone

import pandas as pd
from sqlalchemy import Engine, func, insert, select

from data import models as m
from data.access import Gebruiker

ACTIONS = (
    "import",
    "bevinding_gecorrigeerd",
    "bevinding_ingetrokken",
    "gebruiker_toegevoegd",
    "gebruiker_gewijzigd",
    "gebruiker_verwijderd",
    "voorbeeld_geladen",
    "voorbeeld_verwijderd",
    "referentie_geladen",
    "download",
)
COLUMNS = ("tijdstip", "gebruiker", "rol", "actie", "onderwerp", "details")


def now_utc() -> datetime:
    """The current UTC time without time zone (how every timestamp of the registry is stored)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def record(conn, user: Gebruiker, actie: str, onderwerp: str, details: dict | None = None) -> None:
    """Add one audit row through `conn` (a Session or a Connection inside the caller's transaction).

    `details` is stored as JSON text; a user working without login (the local single user) is marked with
    "zonder_login": true, so that the trail does not suggest a registered beheerder did it.
    """
    if actie not in ACTIONS:
        raise ValueError(f"unknown audit action {actie!r}")
    facts = dict(details or {})
    if user.lokaal:
        facts["zonder_login"] = True
    conn.execute(
        insert(m.AuditEntry).values(
            tijdstip=now_utc(),
            gebruiker=user.email[:254],
            rol=user.rol,
            actie=actie,
            onderwerp=str(onderwerp)[:300],
            details=json.dumps(facts, ensure_ascii=False, sort_keys=True, default=str) if facts else None,
        )
    )


def record_download(engine: Engine, user: Gebruiker, wat: str, details: dict | None = None) -> None:
    """Record that `user` downloaded `wat` (a full dossier or a findings export), in its own transaction."""
    with engine.begin() as connection:
        record(connection, user, "download", wat, details)


def read_audit(engine: Engine, sinds: date | None = None, gebruiker: str | None = None) -> pd.DataFrame:
    """The audit trail, oldest first: tijdstip (UTC), gebruiker, rol, actie, onderwerp, details (JSON text or None).

    `sinds` keeps rows from that day on (00:00 UTC); `gebruiker` keeps the rows of one e-mail address or
    local user name (any case).
    """
    a = m.AuditEntry
    statement = select(a.tijdstip, a.gebruiker, a.rol, a.actie, a.onderwerp, a.details).order_by(a.id)
    if sinds is not None:
        statement = statement.where(a.tijdstip >= datetime.combine(sinds, time()))
    if gebruiker:
        statement = statement.where(func.lower(a.gebruiker) == gebruiker.strip().lower())
    with engine.connect() as connection:
        rows = [tuple(r) for r in connection.execute(statement).all()]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["tijdstip"] = pd.to_datetime(frame["tijdstip"]).astype("datetime64[ns]")
    for name in ("rol", "details"):
        frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    return frame
