"""Shared selection widgets: region (level + region) and measurement wave, kept across pages.

The chosen values live in plain session-state keys (``regio_niveau``, ``regio_code``) that the Kaart page
also sets on a click. Widgets use their own keys and copy into those, because Streamlit forgets the state
of widgets that are not drawn, and a user switching pages should find the same region again.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache
from dashboard.components.region import ALL_WAVES, HAP_LEVEL, REGION_LEVELS, level_label, region_options
from dashboard.maps.compose import level_noun

DEFAULT_LEVEL = "zorgkantoorregio"


def latest_wave(waves: pd.DataFrame) -> str | None:
    """Code of the latest measurement wave (highest ``volgorde``), None when there are no waves."""
    if waves.empty:
        return None
    return str(waves.sort_values(["volgorde", "code"], kind="stable")["code"].iloc[-1])


def _default_code(niveau: str, options: dict[str, str]) -> str:
    """Start with the region of highest pilot priority in the latest wave (the most telling profile), else the first."""
    try:
        signals = cache.monitor_result(niveau, latest_wave(cache.registry().waves)).signals
        ranked = signals[signals["code"].isin(list(options))].sort_values(["prioriteit", "code"], ascending=[False, True])
        if not ranked.empty:
            return str(ranked["code"].iloc[0])
    except Exception:  # the monitor may fail on odd data; the page then still opens on the first region
        pass
    return next(iter(options))


def _copy(widget: str, shared: str) -> None:
    """on_change of a selection widget: the user's choice becomes the shared choice before the page runs."""
    st.session_state[shared] = st.session_state.get(widget)


def _follow(widget: str, value: str) -> None:
    """Show the shared choice in the widget (made elsewhere: another page, a click on the map), set before it is drawn."""
    if st.session_state.get(widget) != value:
        st.session_state[widget] = value


def select_region(
    regions: pd.DataFrame, levels: tuple[str, ...] = REGION_LEVELS, containers: tuple | None = None
) -> tuple[str, str, str]:
    """Level and region selectboxes; returns (niveau, code, naam) and stores them in the session state.

    ``containers``: two containers (e.g. columns) for the two boxes; by default a new row of columns.
    The widgets keep one key per level, so every choice counts (a key that followed the chosen region made every
    second choice land on a widget that was no longer drawn).
    """
    niveau = st.session_state.get("regio_niveau")
    if niveau not in levels:
        niveau = DEFAULT_LEVEL if DEFAULT_LEVEL in levels else levels[0]
    left, right = containers or st.columns([1, 3])
    _follow("w_regio_niveau", niveau)
    niveau = left.selectbox(
        "Niveau", levels, format_func=level_label, key="w_regio_niveau", on_change=_copy,
        args=("w_regio_niveau", "regio_niveau"),
        help="Gemeente, zorgkantoorregio of provincie (CBS-indeling)"
        + ("; HAP-werkgebied: het werkgebied van een huisartsenpost (alleen regiodossier en indicatoren)."
           if HAP_LEVEL in levels else "."),
    )
    options = region_options(regions, niveau)
    if not options:
        st.info(f"Er zijn geen gebieden van niveau {level_noun(niveau)} geladen — ga naar **Gegevens**.")
        st.stop()
    code = st.session_state.get("regio_code")
    if code not in options:
        code = _default_code(niveau, options)
    widget = f"w_regio_code_{niveau}"
    _follow(widget, code)
    code = right.selectbox(
        "Regio", list(options), format_func=options.get, key=widget, on_change=_copy, args=(widget, "regio_code"),
        help="Typ om te zoeken. Op de pagina Kaart kiest u een regio door erop te klikken.",
    )
    st.session_state["regio_niveau"] = niveau
    st.session_state["regio_code"] = code
    name = options[code].rsplit(" (", 1)[0]
    return niveau, code, name


def select_wave(waves: pd.DataFrame, key: str) -> str | None:
    """Wave selectbox: one wave code (newest last, and the default) or 'alle golven samen' (None)."""
    codes = [ALL_WAVES, *waves.sort_values(["volgorde", "code"], kind="stable")["code"].astype(str)]
    choice = st.selectbox(
        "Meetgolf", codes, index=len(codes) - 1, key=key,
        format_func=lambda c: "Alle golven samen" if c == ALL_WAVES else f"Golf {c}",
        help="Met een golf tellen alleen de bevindingen van die golf en de samenwerkingen die toen bestonden.",
    )
    return None if choice == ALL_WAVES else choice
