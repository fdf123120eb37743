"""Who may do what: the three roles, the permissions each carries, and the checks every data-serving function
makes. Pure: where the user comes from (login, MGZ_USER, the local single user) is decided by the caller."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from data.errors import UserError

ROLES = ("lezer", "analist", "beheerder")  # each role has everything the one before it has

# permission -> the lowest role that has it
PERMISSIONS = {
    "gegevens_zien": "lezer",  # map, signals, indicators, coverage, dossier without findings
    "bevindingen_lezen": "analist",  # finding texts and sources, full dossiers, finding exports
    "importeren": "analist",
    "bevindingen_wijzigen": "analist",  # correct or withdraw a finding
    "gebruikers_beheren": "beheerder",
    "verwijderen": "beheerder",  # deleting stored rows, e.g. removing imported data
    "demo_beheren": "beheerder",  # loading or removing the demo
    "referentie_laden": "beheerder",
    "audit_lezen": "beheerder",
}

DENIED = {
    "gegevens_zien": "de gegevens te zien",
    "bevindingen_lezen": "de teksten en bronnen van bevindingen te zien",
    "importeren": "bestanden te importeren",
    "bevindingen_wijzigen": "bevindingen te corrigeren of in te trekken",
    "gebruikers_beheren": "gebruikers te beheren",
    "verwijderen": "gegevens te verwijderen",
    "demo_beheren": "het voorbeeld te laden of te verwijderen",
    "referentie_laden": "de referentiegeografie te laden",
    "audit_lezen": "het auditlogboek te lezen",
}


class Geweigerd(UserError):
    """The user's role does not allow this action; the message says which role would."""


@dataclass(frozen=True)
class Gebruiker:
    email: str  # the login's e-mail address, or the local user name
    rol: str | None  # None: known (logged in) but without a role, so no data at all
    lokaal: bool = False  # the single user on this computer, without login configured


def local_user(name: str) -> Gebruiker:
    """Without login, the one person at this computer may do everything (as before roles existed)."""
    return Gebruiker(email=name, rol="beheerder", lokaal=True)


def may(user: Gebruiker, permission: str) -> bool:
    if user.rol not in ROLES:
        return False
    return ROLES.index(user.rol) >= ROLES.index(PERMISSIONS[permission])


def require(user: Gebruiker, permission: str) -> None:
    if may(user, permission):
        return
    needed = PERMISSIONS[permission]
    if user.rol is None:
        raise Geweigerd(f"{user.email} heeft nog geen rol; een beheerder kan u een rol geven "
                        f"(lezer, analist of beheerder).")
    raise Geweigerd(f"Als {user.rol} heeft u geen toestemming om {DENIED[permission]}; "
                    f"daarvoor is de rol {needed} nodig.")


def redact_findings(findings, user: Gebruiker):
    """The findings frame as this user may see it: without text and source unless the role allows them. The
    counts, conditions, directions and weights stay, so scores are the same for every role."""
    if may(user, "bevindingen_lezen"):
        return findings
    return findings.assign(tekst=None, bron=None)


def redact(registry, user: Gebruiker):
    """The registry as this user may see it (see redact_findings); refuses a user without a role."""
    require(user, "gegevens_zien")
    if may(user, "bevindingen_lezen"):
        return registry
    return dataclasses.replace(registry, findings=redact_findings(registry.findings, user))
