"""The beheerder's sections of the Gegevens page: Gebruikers (list, add, change role, remove) and Auditlogboek.

Every action goes through data.users / data.audit, which check the role again and write the audit row; Dutch messages
from a refusal (Geweigerd) or a wrong value (UserError) are shown with st.error.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import cache
from dashboard.format import escape_markdown, local_times
from data.access import ROLES, Gebruiker, may, require
from data.errors import UserError

USER_COLUMNS = {"email": "E-mailadres", "rol": "Rol", "aangemaakt": "Toegevoegd", "door": "Door"}
AUDIT_LABELS = {"tijdstip": "Tijdstip", "gebruiker": "Gebruiker", "rol": "Rol", "actie": "Actie",
                "onderwerp": "Onderwerp", "details": "Details"}
ACTION_WORDS = {
    "import": "import", "bevinding_gecorrigeerd": "bevinding gecorrigeerd", "bevinding_ingetrokken": "bevinding ingetrokken",
    "gebruiker_toegevoegd": "gebruiker toegevoegd", "gebruiker_gewijzigd": "rol gewijzigd",
    "gebruiker_verwijderd": "gebruiker verwijderd", "voorbeeld_geladen": "voorbeeld geladen",
    "voorbeeld_verwijderd": "voorbeeld verwijderd", "referentie_geladen": "referentiegeografie geladen",
    "download": "download",
}
MESSAGE_KEY = "mgz_gebruikers_melding"


def _done(message: str) -> None:
    st.session_state[MESSAGE_KEY] = message
    st.rerun()


def users_section(user: Gebruiker) -> None:
    """Registered users and their roles; add, change and remove (beheerder only)."""
    from data.users import add_user, change_role, list_users, remove_user

    if not may(user, "gebruikers_beheren"):
        return
    st.header("Gebruikers")
    st.caption("Wie na inloggen wat mag: lezer (kaart, signalen, indicatoren, dekking, dossier zonder bevindingen), "
               "analist (ook teksten van bevindingen, importeren, bevindingen corrigeren) of beheerder (ook gebruikers, "
               "verwijderen, voorbeeld en referentiegeografie, auditlogboek). Zonder inloggen geldt dit niet: dan "
               "werkt één persoon op deze computer.")
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")
    engine = cache.engine()
    users = list_users(engine)
    if users.empty:
        st.info("Er zijn nog geen gebruikers geregistreerd.")
    else:
        shown = users.assign(aangemaakt=local_times(users["aangemaakt"])).rename(columns=USER_COLUMNS)
        st.dataframe(shown, hide_index=True, width="stretch", column_config={
            "Toegevoegd": st.column_config.DatetimeColumn("Toegevoegd", format="D-M-YYYY HH:mm")})
    add_tab, change_tab, remove_tab = st.tabs(["Toevoegen", "Rol wijzigen", "Verwijderen"])
    with add_tab, st.form("gebruiker_toevoegen", clear_on_submit=True):
        email = st.text_input("E-mailadres", placeholder="naam@organisatie.nl")
        rol = st.selectbox("Rol", ROLES, key="nieuwe_rol")
        if st.form_submit_button("Toevoegen", type="primary"):
            _attempt(lambda: add_user(engine, user, email, rol), f"{email.strip().lower()} is toegevoegd als {rol}.")
    known = list(users["email"])
    if not known:
        return
    with change_tab, st.form("gebruiker_wijzigen"):
        email = st.selectbox("Gebruiker", known, key="wijzig_email")
        rol = st.selectbox("Nieuwe rol", ROLES, key="wijzig_rol")
        if st.form_submit_button("Rol wijzigen", type="primary"):
            _attempt(lambda: change_role(engine, user, email, rol), f"{email} heeft nu de rol {rol}.")
    with remove_tab, st.form("gebruiker_verwijderen"):
        email = st.selectbox("Gebruiker", known, key="verwijder_email")
        sure = st.checkbox("Ja, deze gebruiker verwijderen", key="verwijder_zeker")
        if st.form_submit_button("Verwijderen"):
            if not sure:
                st.error("Vink eerst aan dat u deze gebruiker wilt verwijderen.", icon=":material/error:")
            else:
                _attempt(lambda: remove_user(engine, user, email), f"{email} is verwijderd en heeft geen rol meer.")


def _attempt(action, success: str) -> None:
    try:
        action()
    except UserError as error:
        st.error(escape_markdown(str(error)), icon=":material/error:")
    else:
        _done(success)


def audit_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The audit trail for display and download: local times, actions in words, Dutch headers applied later."""
    return frame.assign(tijdstip=local_times(frame["tijdstip"]),
                        actie=frame["actie"].map(lambda a: ACTION_WORDS.get(a, a)),
                        rol=frame["rol"].fillna(""), details=frame["details"].fillna(""))


def audit_section(user: Gebruiker) -> None:
    """The audit trail with filters, newest first, and a CSV download (beheerder only)."""
    from dashboard.components.downloads import CSV_MIME, download_files
    from data.audit import read_audit

    if not may(user, "audit_lezen"):
        return
    require(user, "audit_lezen")
    st.header("Auditlogboek")
    st.caption("Wie deed wat en wanneer: imports, correcties en intrekkingen van bevindingen, gebruikers en rollen, "
               "voorbeeld en referentiegeografie, downloads van volledige dossiers en bevindingen. Het logboek kan "
               "alleen groeien: niemand kan er iets in veranderen of uit verwijderen.")
    left, right = st.columns(2)
    sinds = left.date_input("Sinds", value=None, format="DD-MM-YYYY", key="audit_sinds")
    everyone = read_audit(cache.engine())
    names = sorted(set(everyone["gebruiker"].dropna().astype(str)))
    wie = right.selectbox("Gebruiker", ["(iedereen)", *names], key="audit_gebruiker")
    frame = read_audit(cache.engine(), sinds=sinds if isinstance(sinds, date) else None,
                       gebruiker=None if wie == "(iedereen)" else wie)
    if frame.empty:
        st.info("Geen regels in het auditlogboek bij deze keuze.")
        return
    table = audit_table(frame).iloc[::-1].reset_index(drop=True)
    st.dataframe(table.rename(columns=AUDIT_LABELS), hide_index=True, width="stretch", column_config={
        "Tijdstip": st.column_config.DatetimeColumn("Tijdstip", format="D-M-YYYY HH:mm:ss",
                                                    help="Nederlandse tijd (Europe/Amsterdam).")})
    csv_bytes, _ = download_files(table.rename(columns=AUDIT_LABELS), "audit", "", demo=False)
    st.download_button("Auditlogboek als CSV", data=csv_bytes, file_name=f"auditlogboek_{date.today():%Y-%m-%d}.csv",
                       mime=CSV_MIME, icon=":material/download:", key="audit_csv")
