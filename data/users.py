"""Registered users (gebruikers) and their roles, kept in the database and managed by a beheerder.

With login configured the dashboard asks `user_for_login` for the logged-in e-mail address; the CLI asks `cli_user`:
when MGZ_USER names a registered user the CLI acts with that user's role, otherwise it stays the local single-user
tool (the person at this computer may do everything). Every change is audited in the same transaction.
"""
from __future__ import annotations

import os
import re

import pandas as pd
from sqlalchemy import Engine, delete, select

from data import config
from data import models as m
from data.access import ROLES, Gebruiker, local_user, require
from data.audit import now_utc, record
from data.db import transaction
from data.errors import UserError

# Deliberately simple: one @, no spaces, a dot in the domain. The identity provider has checked the address.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
MAX_EMAIL = 254


def normalise_email(email: str | None) -> str:
    return (email or "").strip().lower()


def check_email(email: str | None) -> str:
    """The address lower-cased, or a UserError saying in Dutch why it is not an e-mail address."""
    address = normalise_email(email)
    if not address:
        raise UserError("Geef een e-mailadres op, bijvoorbeeld naam@organisatie.nl.")
    if len(address) > MAX_EMAIL or not _EMAIL.match(address):
        raise UserError(f"'{address[:80]}' is geen geldig e-mailadres; gebruik de vorm naam@organisatie.nl.")
    return address


def check_role(rol: str | None) -> str:
    value = (rol or "").strip().lower()
    if value not in ROLES:
        raise UserError(f"Onbekende rol '{rol or ''}'; kies uit lezer, analist of beheerder.")
    return value


def role_of(engine: Engine, email: str | None) -> str | None:
    """The role of a registered user, None for an address that is not registered."""
    address = normalise_email(email)
    if not address:
        return None
    with engine.connect() as connection:
        return connection.execute(select(m.User.rol).where(m.User.email == address)).scalar()


def _beheerders(session) -> int:
    """How many beheerders there are; on PostgreSQL their rows stay locked until the transaction ends, so two
    beheerders cannot demote each other at the same moment and leave none."""
    rows = session.execute(select(m.User.email).where(m.User.rol == "beheerder").with_for_update()).all()
    return len(rows)


def _last_beheerder(session, stored: m.User) -> bool:
    return stored.rol == "beheerder" and _beheerders(session) <= 1


def add_user(engine: Engine, actor: Gebruiker, email: str, rol: str) -> Gebruiker:
    """Register `email` with role `rol`; refuses an address that is already registered."""
    require(actor, "gebruikers_beheren")
    address, role = check_email(email), check_role(rol)
    with transaction(engine) as session:
        existing = session.get(m.User, address)
        if existing is not None:
            raise UserError(f"{address} staat al geregistreerd met de rol {existing.rol}; wijzig de rol in plaats "
                            "van de gebruiker opnieuw toe te voegen.")
        session.add(m.User(email=address, rol=role, aangemaakt=now_utc(), door=actor.email[:MAX_EMAIL]))
        session.flush()
        record(session, actor, "gebruiker_toegevoegd", address, {"rol": role})
    return Gebruiker(address, role)


def _registered(session, email: str) -> m.User:
    address = normalise_email(email)
    stored = session.get(m.User, address) if address else None
    if stored is None:
        raise UserError(f"{address or 'Dit e-mailadres'} staat niet in de lijst met gebruikers; er is niets "
                        "veranderd.")
    return stored


def change_role(engine: Engine, actor: Gebruiker, email: str, rol: str) -> Gebruiker:
    """Give a registered user another role; the last beheerder keeps the role beheerder."""
    require(actor, "gebruikers_beheren")
    role = check_role(rol)
    with transaction(engine) as session:
        stored = _registered(session, email)
        old = stored.rol
        if old == role:
            return Gebruiker(stored.email, role)
        if _last_beheerder(session, stored):
            raise UserError(f"{stored.email} is de laatste beheerder; geef eerst iemand anders de rol beheerder. "
                            "Er is niets veranderd.")
        stored.rol = role
        session.flush()
        record(session, actor, "gebruiker_gewijzigd", stored.email, {"oud": old, "nieuw": role})
        return Gebruiker(stored.email, role)


def remove_user(engine: Engine, actor: Gebruiker, email: str) -> None:
    """Remove a registered user (who then has no role any more); the last beheerder cannot be removed."""
    require(actor, "gebruikers_beheren")
    with transaction(engine) as session:
        stored = _registered(session, email)
        if _last_beheerder(session, stored):
            raise UserError(f"{stored.email} is de laatste beheerder en kan niet worden verwijderd; geef eerst "
                            "iemand anders de rol beheerder. Er is niets veranderd.")
        address, old = stored.email, stored.rol
        session.execute(delete(m.User).where(m.User.email == address))
        record(session, actor, "gebruiker_verwijderd", address, {"rol": old})


def list_users(engine: Engine) -> pd.DataFrame:
    """Every registered user: email, rol, aangemaakt (UTC), door; sorted by e-mail address."""
    u = m.User
    with engine.connect() as connection:
        rows = [tuple(r) for r in connection.execute(select(u.email, u.rol, u.aangemaakt, u.door).order_by(u.email))]
    frame = pd.DataFrame(rows, columns=["email", "rol", "aangemaakt", "door"])
    frame["aangemaakt"] = pd.to_datetime(frame["aangemaakt"]).astype("datetime64[ns]")
    return frame


def user_for_login(engine: Engine, email: str) -> Gebruiker:
    """The logged-in user: with the registered role, or without a role (None) when the address is unknown."""
    address = normalise_email(email)
    return Gebruiker(address, role_of(engine, address))


def acting_user(user: Gebruiker | str | None) -> Gebruiker:
    """The user a data function acts for: a Gebruiker as given; None the local single user (config.current_user);
    a name alone (as older callers pass) the local user of that name."""
    if user is None:
        return local_user(config.current_user())
    if isinstance(user, str):
        return local_user(user)
    return user


def cli_user(engine: Engine) -> Gebruiker:
    """Who runs a CLI command: the registered user MGZ_USER names (with that role), else the local single user."""
    named = os.environ.get("MGZ_USER")
    if named:
        role = role_of(engine, named)
        if role is not None:
            return Gebruiker(normalise_email(named), role)
    return local_user(config.current_user())
