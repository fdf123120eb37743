"""Who is using the dashboard, and the gate in front of every page.

Two ways to run the app (see the README, "Gebruik door een team"):
- alone on this computer: no ``[auth]`` section in ``.streamlit/secrets.toml``; the one person at the keyboard is
  the local user (data.access.local_user, a beheerder), as before roles existed;
- as a team server: with an ``[auth]`` section every page requires a login through Streamlit's own OpenID Connect
  support (``st.login``/``st.user``), and the role comes from the database (data.users.user_for_login).

``gate()`` runs in streamlit_app.py before the navigation: without a login (or without a role) it shows a Dutch
screen and stops the run, so no page and no data is ever sent. ``current_user()`` is what the data-serving code in
dashboard.cache and the components ask; it never grants more than the stored role.
"""
from __future__ import annotations

import streamlit as st

from data import config
from data.access import Gebruiker, local_user, may

SESSION_KEY = "mgz_gebruiker"
NOT_LOGGED_IN = Gebruiker(email="(niet ingelogd)", rol=None)

ROLE_TEXT = {
    "lezer": "kaart, signalen met redenen uit het register, indicatoren, dekking en dossiers zonder bevindingen; "
             "teksten en bronnen van bevindingen ziet u als aantallen per voorwaarde",
    "analist": "alles wat een lezer ziet, plus de teksten van bevindingen, volledige dossiers, importeren en "
               "bevindingen corrigeren of intrekken",
    "beheerder": "alles wat een analist mag, plus gebruikers beheren, gegevens verwijderen, het voorbeeld laden of "
                 "verwijderen, de referentiegeografie laden en het auditlogboek lezen",
}


def login_configured() -> bool:
    """True when .streamlit/secrets.toml (or a file named by the secrets.files option) has an [auth] section."""
    try:
        return bool(st.secrets.load_if_toml_exists()) and "auth" in st.secrets
    except Exception:  # an unreadable secrets file: Streamlit itself reports it; no login then
        return False


def _in_script_run() -> bool:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return get_script_run_ctx() is not None


def _lookup(email: str) -> Gebruiker:
    """The stored role of a logged-in e-mail address (rol None when unknown)."""
    from dashboard import cache
    from data.users import user_for_login

    return user_for_login(cache.engine(), email)


def resolve_user() -> Gebruiker:
    """The user of this script run: the local user without [auth]; otherwise the login's stored role (a fresh
    lookup on every run, so a role change by a beheerder applies at the next click)."""
    if not login_configured():
        return local_user(config.current_user())
    if not st.user.is_logged_in:
        return NOT_LOGGED_IN
    email = str(st.user.get("email") or "").strip()
    if not email:
        return Gebruiker(email="(geen e-mailadres)", rol=None)
    return _lookup(email)


def current_user() -> Gebruiker:
    """The user the page is served to (set by gate() in this session; resolved again when a page runs on its own)."""
    stored = st.session_state.get(SESSION_KEY) if _in_script_run() else None
    if isinstance(stored, Gebruiker):
        return stored
    return resolve_user()


def finding_texts_allowed() -> bool:
    """Whether the data served now may contain finding texts and sources. Outside a script run (the cache warmer's
    background thread) only the single local user has them; a team server warms the redacted results."""
    if not _in_script_run():
        return not login_configured()
    return may(current_user(), "bevindingen_lezen")


def gate() -> Gebruiker:
    """Called before st.navigation: the logged-in user with a role, or a Dutch screen and st.stop()."""
    from sqlalchemy import exc

    from data.errors import UserError

    try:
        user = resolve_user()
    except (exc.SQLAlchemyError, UserError, OSError):
        st.error("De rol van uw account kan niet worden opgezocht: de database is niet bereikbaar. Probeer het later "
                 "opnieuw of vraag de beheerder de instelling MGZ_DATABASE_URL te controleren.", icon=":material/database:")
        st.stop()
    if user.rol is None:
        st.session_state.pop(SESSION_KEY, None)
        if user is NOT_LOGGED_IN:
            login_screen()
        else:
            no_role_screen(user)
        st.stop()
    st.session_state[SESSION_KEY] = user
    sidebar(user)
    return user


def login_screen() -> None:
    st.title("MGZ-monitor")
    st.markdown(
        "Deze MGZ-monitor is alleen toegankelijk na inloggen. Log in met het account van uw organisatie; daarna "
        "ziet u wat uw rol toestaat."
    )
    st.button("Inloggen", type="primary", icon=":material/login:", on_click=st.login, key="mgz_inloggen")


def no_role_screen(user: Gebruiker) -> None:
    from dashboard.format import escape_markdown

    st.title("MGZ-monitor")
    st.warning(
        f"U bent ingelogd als **{escape_markdown(user.email)}**, maar u heeft nog geen rol in de MGZ-monitor. "
        "Vraag een beheerder om u een rol te geven (lezer, analist of beheerder); tot dan ziet u geen gegevens.",
        icon=":material/lock:",
    )
    st.button("Uitloggen", icon=":material/logout:", on_click=st.logout, key="mgz_uitloggen")


def sidebar(user: Gebruiker) -> None:
    """Who is logged in, with which role, and the logout button (only with login configured)."""
    from dashboard.format import escape_markdown

    if user.lokaal:
        return
    st.sidebar.markdown(f"Ingelogd als **{escape_markdown(user.email)}** ({user.rol})")
    st.sidebar.button("Uitloggen", icon=":material/logout:", on_click=st.logout, key="mgz_uitloggen_zijbalk")


def mode_text(user: Gebruiker) -> str:
    """For the Over page: how the app runs (alone on this computer or with login for a team) and the user's role."""
    if user.lokaal or not login_configured():
        return (
            "Deze MGZ-monitor draait voor één persoon op deze computer: er is geen inloggen ingesteld en de app "
            "luistert alleen op dit apparaat (127.0.0.1). U mag daarom alles, als beheerder. Wilt u de monitor met een "
            "team delen, stel dan inloggen in (zie \"Gebruik door een team\" in de README)."
        )
    from dashboard.format import escape_markdown

    return (
        f"Deze MGZ-monitor draait met inloggen voor een team. U bent ingelogd als {escape_markdown(user.email)} met de rol "
        f"**{user.rol}**: {ROLE_TEXT.get(str(user.rol), 'geen gegevens')}."
    )
