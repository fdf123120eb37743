"""App-wide setup (page config, demo notice) and the common start of every page."""
from __future__ import annotations

import logging
import threading
import time
from contextlib import contextmanager

import pandas as pd
import streamlit as st
from sqlalchemy import exc
from streamlit.errors import StreamlitAPIException

from dashboard import cache
from dashboard.format import local_times
from dashboard.components.demo_notice import banner_text, sidebar_text
from data.registry import data_label
from data.errors import UserError

APP_TITLE = "MGZ-monitor"
_RUN = threading.local()  # per script thread: when this run started (configure_app)
_LOG = logging.getLogger("mgz.run")
EMPTY_TEXT = "Nog geen gegevens — ga naar **Gegevens** om een register te importeren of het voorbeeld te laden."


def configure_app() -> None:
    """Called once per run by streamlit_app.py before the navigation: wide layout, title, demo badge."""
    _RUN.started = (time.perf_counter(), time.thread_time())
    cache.note_page_run()  # the background cache warmer steps aside while a page runs
    st.set_page_config(
        page_title=APP_TITLE,
        page_icon=favicon(),
        layout="wide",
        initial_sidebar_state="expanded",
        menu_items={"About": f"{APP_TITLE}: medisch generalistische zorg voor mensen met een verstandelijke beperking."},
    )
    if database_ok() and cache.is_demo():
        st.sidebar.warning(sidebar_text(cache.demo_state()), icon=":material/science:")


def log_run_time(page: str) -> None:
    """Log (debug, logger ``mgz.run``; shown with MGZ_LOG=debug) the seconds and CPU seconds of this script run so
    far, from configure_app; nothing when the page runs on its own."""
    started = getattr(_RUN, "started", None)
    if started is not None and _LOG.isEnabledFor(logging.DEBUG):
        _LOG.debug("%s-run: %.3f s, cpu %.3f s", page, time.perf_counter() - started[0], time.thread_time() - started[1])


def favicon():
    """A small icon drawn here (a white cross on Okabe–Ito blue), served by the app itself.

    Without it Streamlit uses each page's Material icon as favicon, which the browser fetches from
    fonts.gstatic.com: the app must not contact outside servers.
    """
    from PIL import Image, ImageDraw

    icon = Image.new("RGB", (32, 32), (0x00, 0x72, 0xB2))
    draw = ImageDraw.Draw(icon)
    draw.rectangle((6, 13, 25, 18), fill="white")
    draw.rectangle((13, 6, 18, 25), fill="white")
    return icon


def database_ok() -> bool:
    """True when the database answers; otherwise a Dutch message is shown instead of a traceback: unreachable,
    busy, not this product's database, or a newer schema than this version knows (data.db.check_schema)."""
    try:
        cache.data_version()
    except (exc.SQLAlchemyError, UserError, OSError) as error:
        from data.faults import explain

        text = explain(error) or (
            "De database is niet bereikbaar. Controleer de instelling MGZ_DATABASE_URL. "
            f"Melding: {type(error).__name__}."
        )
        st.error(text, icon=":material/database:")
        return False
    return True


def page_start(title: str, intro: str | None = None) -> bool:
    """Title, intro and the demo banner of a page; False (and a message) when the database is unusable."""
    st.title(title)
    if intro:
        st.caption(intro)
    if not database_ok():
        return False
    if cache.is_demo():
        st.warning(banner_text(cache.demo_state()), icon=":material/science:")
    return True


def require_data(what: str = "registry") -> bool:
    """True when the data a page needs is present; otherwise the friendly 'nog geen gegevens' notice.

    ``what``: "reference" (CBS regions), "registry" (regions and facilities) or "findings" (coded findings).
    """
    counts = cache.counts()
    missing = counts["regio"] == 0 or (what in ("registry", "findings") and counts["voorziening"] == 0)
    if what == "findings" and counts["bevinding"] == 0:
        missing = True
    if missing:
        st.info(EMPTY_TEXT, icon=":material/database:")
        link_to_page("dashboard/pages/gegevens.py", "Naar Gegevens", ":material/upload_file:")
    elif provenance():
        st.caption(provenance())
    return not missing


def link_to_page(path: str, text: str, icon: str | None = None) -> None:
    """A link to another page; silently absent when the page runs on its own (tests, single-page mode)."""
    try:
        st.page_link(path, label=text, icon=icon)
    except StreamlitAPIException:
        pass


def provenance() -> str:
    """Where the numbers come from and as of when: CBS boundary years, registry state (plain text)."""
    years = cache.reference_years()
    parts = []
    if years:
        levels = [f"{label} {years[key]}" for key, label in (("gemeente", "gemeenten"), ("zorgkantoorregio", "zorgkantoorregio's"), ("pc4", "PC4")) if key in years]
        parts.append("CBS / PDOK-indeling: " + ", ".join(levels))
    if cache.is_demo():
        parts.append(f"register: {data_label(cache.demo_state())}")
    else:
        moment = cache.last_import()
        if moment is not None:
            local = local_times(pd.Series([moment])).iloc[0]
            parts.append(f"register bijgewerkt {local:%d-%m-%Y %H:%M}")
    return "Peildatum: " + "; ".join(parts) if parts else ""


@contextmanager
def friendly_errors():
    """Show a UserError (bad data, unknown code) as a Dutch message instead of a traceback."""
    try:
        yield
    except UserError as error:
        st.error(f"Dit kan niet worden getoond: {error}", icon=":material/error:")
