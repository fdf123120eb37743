"""Correcting and withdrawing coded findings (bevindingen) by hand, with a required reason and an audit row.

A correction changes text, weight, direction and/or codebook code, checked by the same rules as the findings
import; a withdrawn finding stops counting (data.registry.load_registry leaves it out) but stays in the database
and in `findings_for_editing`, marked withdrawn with its reason. The change and its audit row (before and after)
are written in one transaction.

Re-importing: a finding keeps the `sleutel` of the content it was imported with, so importing the same file again
matches it and leaves the correction or the withdrawal in place (data.importing.findings).
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from data import models as m
from data.access import Gebruiker, require
from data.audit import now_utc, record
from data.codebook import normalise_code
from data.db import transaction
from data.errors import UserError
from data.importing.findings import (
    check_codes, edited_findings, finding_key, validate_direction, validate_weight,
)
from data.importing.rules import RowErrors
from data.importing.storable import check_storable, check_text
from data.readers import Table

EDIT_COLUMNS = ("id", "regio", "golf", "stakeholder", "voorwaarde", "richting", "gewicht", "bron", "tekst", "code",
                "ingetrokken", "ingetrokken_reden", "gewijzigd")
_AUDITED = ("regio", "golf", "stakeholder", "voorwaarde", "richting", "gewicht", "bron", "tekst", "code", "ingetrokken")


def _state(finding: m.Finding) -> dict:
    return {name: getattr(finding, name) for name in _AUDITED}


def _reason(reden: str | None, what: str) -> str:
    text = (reden or "").strip()
    if not text:
        raise UserError(f"Geef een reden voor het {what}; zonder reden wordt niets opgeslagen.")
    return text


def _stored(session, finding_id: int) -> m.Finding:
    finding = session.get(m.Finding, int(finding_id))
    if finding is None:
        raise UserError(f"Bevinding {finding_id} bestaat niet (meer); er is niets veranderd.")
    return finding


def _validated(finding: m.Finding, reden: str, tekst, gewicht, richting, code) -> dict:
    """The new values (None = keep) checked by the import's rules; a UserError lists every problem in Dutch."""
    cells = {
        "richting": str(finding.richting if richting is None else richting).strip(),
        "gewicht": str(finding.gewicht if gewicht is None else gewicht).strip(),
        "code": (finding.code or "") if code is None else str(code),
        "tekst": (finding.tekst or "") if tekst is None else str(tekst).strip(),
        "reden": reden,
    }
    frame = pd.DataFrame({name: [value] for name, value in cells.items()}, index=[1], dtype=object)
    errors = RowErrors()
    check_text(Table(frame, "bewerking"), errors)
    out = pd.DataFrame(index=frame.index)
    out["voorwaarde"] = [finding.voorwaarde]
    validate_direction(frame, out, errors)
    validate_weight(frame, out, errors)
    out["tekst"] = frame["tekst"]
    out["code"] = frame["code"].map(normalise_code)
    check_codes(out, errors)
    check_storable("bevindingen", out, errors)
    if errors.rows:
        problems = "; ".join(f"{kolom}: {reden}" for _, kolom, reden in errors.frame().itertuples(index=False))
        raise UserError(f"De correctie is niet opgeslagen: {problems}.")
    return {
        "richting": int(out["richting"].iloc[0]),
        "gewicht": int(out["gewicht"].iloc[0]),
        "tekst": out["tekst"].iloc[0] or None,
        "code": out["code"].iloc[0] or None,
    }


def _refuse_duplicate(session, finding: m.Finding, new: dict) -> None:
    """A correction may not make the finding equal to another one that counts (it would count twice)."""
    key = finding_key({**_state(finding), **new})
    _, corrected = edited_findings(session)
    b = m.Finding
    for sleutel in {key, corrected.get(key)} - {None}:
        other = session.execute(
            select(b.id).where(b.sleutel == sleutel, b.id != finding.id, b.ingetrokken.is_(False))
        ).scalar()
        if other is not None:
            raise UserError(f"Na deze correctie is bevinding {finding.id} gelijk aan bevinding {other} en zou die "
                            f"dubbel tellen; trek een van beide in. Er is niets veranderd.")


def correct_finding(
    engine: Engine, user: Gebruiker, finding_id: int, *, reden: str, tekst: str | None = None,
    gewicht: int | str | None = None, richting: int | str | None = None, code: str | None = None,
) -> None:
    """Correct a finding's text, weight (1-3), direction (-1/+1, or '-'/'+') and/or code ('' removes the code);
    None keeps a value. Requires a reason; the correction and its audit row are one transaction."""
    require(user, "bevindingen_wijzigen")
    reden = _reason(reden, "corrigeren")
    with transaction(engine) as session:
        finding = _stored(session, finding_id)
        if finding.ingetrokken:
            raise UserError(f"Bevinding {finding.id} is ingetrokken en kan niet meer worden gecorrigeerd.")
        new = _validated(finding, reden, tekst, gewicht, richting, code)
        before = _state(finding)
        if all(before[name] == value for name, value in new.items()):
            raise UserError(f"De correctie verandert niets aan bevinding {finding.id}; er is niets opgeslagen.")
        _refuse_duplicate(session, finding, new)
        for name, value in new.items():
            setattr(finding, name, value)
        finding.gewijzigd = now_utc()
        session.flush()
        record(session, user, "bevinding_gecorrigeerd", f"bevinding {finding.id}",
               {"reden": reden, "voor": before, "na": _state(finding)})


def withdraw_finding(engine: Engine, user: Gebruiker, finding_id: int, reden: str) -> None:
    """Withdraw a finding: it stops counting but stays visible to analists, with the (required) reason."""
    require(user, "bevindingen_wijzigen")
    reden = _reason(reden, "intrekken")
    errors = RowErrors()
    check_text(Table(pd.DataFrame({"reden": [reden]}, index=[1], dtype=object), "bewerking"), errors)
    if errors.rows:
        raise UserError(f"De intrekking is niet opgeslagen: reden: {errors.rows[0][2]}.")
    with transaction(engine) as session:
        finding = _stored(session, finding_id)
        if finding.ingetrokken:
            raise UserError(f"Bevinding {finding.id} is al ingetrokken ({finding.ingetrokken_reden}).")
        before = _state(finding)
        finding.ingetrokken = True
        finding.ingetrokken_reden = reden
        finding.gewijzigd = now_utc()
        session.flush()
        record(session, user, "bevinding_ingetrokken", f"bevinding {finding.id}",
               {"reden": reden, "voor": before, "na": _state(finding)})


def findings_for_editing(engine: Engine, user: Gebruiker, regio: str | None = None) -> pd.DataFrame:
    """Every finding (also the withdrawn ones) with its id and edit state, for the Regio page: EDIT_COLUMNS,
    ordered by wave and id; `regio` keeps the findings coded with that region code. Requires bevindingen_lezen."""
    require(user, "bevindingen_lezen")
    b = m.Finding
    statement = (
        select(*(getattr(b, name) for name in EDIT_COLUMNS))
        .join(m.Wave, m.Wave.code == b.golf)
        .order_by(m.Wave.volgorde, b.id)
    )
    if regio:
        statement = statement.where(b.regio == regio.strip().upper())
    with engine.connect() as connection:
        rows = [tuple(r) for r in connection.execute(statement).all()]
    frame = pd.DataFrame(rows, columns=list(EDIT_COLUMNS))
    frame["ingetrokken"] = frame["ingetrokken"].astype(bool)
    frame["gewijzigd"] = pd.to_datetime(frame["gewijzigd"]).astype("datetime64[ns]")
    for name in ("bron", "tekst", "code", "ingetrokken_reden"):
        frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    return frame
