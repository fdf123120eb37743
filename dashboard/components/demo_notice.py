"""The demo label follows the data: 'fictief voorbeeld', or 'voorbeeld en eigen gegevens gemengd' once own
files are imported beside the demo, with an offer to remove the demo (data.demo.removal) on Gegevens."""
from __future__ import annotations

import streamlit as st

from dashboard import cache
from dashboard.format import demo_banner
from data.registry import DEMO_LABEL, MIXED_LABEL

REMOVE_KEY = "demo_verwijderen"


def mixed_banner() -> str:
    """The notice on every page while demo rows and the user's own imported rows share the database."""
    return (
        f"Let op: {MIXED_LABEL}. Na het fictieve voorbeeld zijn eigen bestanden geïmporteerd; kaarten, scores en "
        "exports mengen verzonnen en echte gegevens. Verwijder het voorbeeld op de pagina Gegevens."
    )


def banner_text(state: str | None) -> str | None:
    """The page banner for a demo state (None: no banner)."""
    return {"demo": demo_banner(), "gemengd": mixed_banner()}.get(state)


def sidebar_text(state: str | None) -> str | None:
    if state == "gemengd":
        return f"**{MIXED_LABEL.capitalize()}**: een deel van de gegevens is verzonnen."
    if state == "demo":
        return f"**{DEMO_LABEL.capitalize()}**: de gegevens zijn verzonnen."
    return None


REMOVAL_TEXTS = {
    "gemengd": (
        "Deze database bevat het fictieve voorbeeld én eigen geïmporteerde gegevens. Verwijder het voorbeeld om "
        "alleen met eigen gegevens verder te gaan; wat u zelf importeerde blijft staan."
    ),
    "demo": (
        "Deze database bevat het fictieve voorbeeld. Verwijder het om schoon te beginnen met eigen bestanden: de "
        "CBS-grenzen blijven staan, alle verzonnen voorzieningen, samenwerkingen, bevindingen en acties gaan weg."
    ),
}
TEMPLATE_WARNING = (
    "Let op: deze database bevat het fictieve voorbeeld. Wat u nu importeert (ook de sjablonen, die fictieve rijen "
    "bevatten) komt naast het voorbeeld te staan, en kaarten, scores en exports mengen dan verzonnen en eigen "
    "gegevens. Wilt u met eigen gegevens werken, verwijder dan eerst het voorbeeld (hierboven)."
)


def import_warning() -> str | None:
    """The warning above the import on Gegevens while the demo is loaded (None otherwise)."""
    return TEMPLATE_WARNING if cache.demo_state() in REMOVAL_TEXTS else None


def offer_demo_removal(user=None) -> None:
    """On Gegevens, with the demo loaded (alone or beside own imports): explain and offer to remove the demo's rows,
    keeping own imports, so a user can start clean; as `user` (a beheerder; data.demo.removal refuses other roles)."""
    state = cache.demo_state()
    if state not in REMOVAL_TEXTS:
        return
    from dashboard.components.data_admin import run_with_status

    st.header("Voorbeeld verwijderen")
    st.write(REMOVAL_TEXTS[state])
    if st.button("Fictief voorbeeld verwijderen", key=REMOVE_KEY, icon=":material/delete:"):
        from data.demo.removal import remove_demo

        run_with_status(
            "Fictief voorbeeld verwijderen…", lambda progress: remove_demo(cache.engine(), progress=progress, user=user)
        )
