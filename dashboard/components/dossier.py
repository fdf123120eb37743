"""The regiodossier in the dashboard: one-click PDF and Word downloads and a view of the same content.

The files are made when a button is clicked (Streamlit calls the data function then, on its own thread), from the
objects the page already holds; nothing here computes on a rerun unless the view is switched on. The texts come
from monitor.dossier, the same content model as the command line, so page, PDF and Word never disagree.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache
from dashboard.components.downloads import file_stem
from dashboard.components.region import bullet_list
from dashboard.format import escape_markdown, label
from monitor.dossier import MIME, build_dossier, render
from monitor.dossier.content import DossierInputs
from monitor.dossier.model import Bullets, Dossier, Figure, Heading, Paragraph, Table
from monitor.dossier.wording import LEVEL_LABELS

WITHOUT_HELP = ("Laat de teksten van bevindingen weg (alleen aantallen per voorwaarde; 1 tot 9 als <10), zodat het "
                "dossier naar een bredere kring kan. De volledige versie is vertrouwelijk.")


def _inputs(niveau: str, golf: str | None) -> DossierInputs:
    """Everything a dossier needs, from the page's caches (call on the script thread)."""
    from data.provenance import load_care_offices, load_provenance

    engine = cache.engine()
    scored = "zorgkantoorregio" if niveau == "hap" else niveau  # a HAP area has no score: the region's (monitor.dossier.hap)
    return DossierInputs(cache.registry(), cache.geography(), cache.geo_result(), cache.monitor_result(scored, golf),
                         load_care_offices(engine), load_provenance(engine), niveau=niveau)


def _maker(inputs: DossierInputs, code: str, without: bool, fmt: str):
    """A function Streamlit calls when the button is clicked: builds and renders the dossier; a full dossier (with
    the findings) goes into the audit trail as a download, with the user who clicked."""
    from dashboard.auth import current_user
    from data.audit import record_download

    user, engine = current_user(), cache.engine()

    def make() -> bytes:
        data = render(build_dossier(inputs, code, zonder_bevindingen=without), fmt)
        if not without:
            record_download(engine, user, "regiodossier (volledig)",
                            {"code": code, "niveau": inputs.niveau or inputs.result.niveau, "golf": inputs.result.golf, "formaat": fmt})
        return data

    return make


@st.cache_resource(show_spinner="Regiodossier samenstellen…", max_entries=8)
def _cached_dossier(url: str, version: str, niveau: str, code: str, golf: str | None, without: bool) -> Dossier:
    return build_dossier(_inputs(niveau, golf), code, zonder_bevindingen=without)


def dossier_downloads(niveau: str, code: str, naam: str, golf: str | None, key: str) -> None:
    """A checkbox 'zonder bevindingen', PDF and Word buttons, and a switch to show the dossier on the page."""
    from data import config

    from dashboard.auth import current_user
    from data.access import may

    st.markdown(f"**Regiodossier voor een regionale tafel**: {escape_markdown(naam)} ({escape_markdown(code)})")
    box, pdf_col, word_col, view_col = st.columns([2, 1, 1, 1.4])
    if may(current_user(), "bevindingen_lezen"):
        without = box.checkbox("Zonder bevindingen", key=f"{key}_zonder", help=WITHOUT_HELP)
    else:  # a lezer only ever gets the version without findings
        without = True
        box.caption("Dossier zonder bevindingen (aantallen per voorwaarde); de volledige versie is voor analisten.")
    inputs = _inputs(niveau, golf)
    version = "zonder_bevindingen" if without else "vertrouwelijk"
    stem = file_stem(f"regiodossier_{code}_{naam}_{version}", inputs.result.is_demo)
    for column, fmt, text in ((pdf_col, "pdf", "PDF"), (word_col, "docx", "Word")):
        column.download_button(
            f"Dossier als {text}", data=_maker(inputs, code, without, fmt), file_name=f"{stem}.{fmt}",
            mime=MIME[fmt], icon=":material/description:", key=f"{key}_{fmt}", on_click="ignore",
            help="Samenvatting, kaart, wie aan tafel, knelpunten, goede voorbeelden elders, convenantacties, "
                 "concept-agenda en bijlage; A4.",
        )
    if view_col.toggle("Dossier hier tonen", key=f"{key}_tonen"):
        dossier = _cached_dossier(config.database_url(), cache.data_version(), niveau, code, golf, without)
        with st.container(border=True):
            show(dossier)
    st.caption(
        "Het dossier gebruikt de gekozen meetgolf"
        + ("" if golf is None else f" ({escape_markdown(golf)})")
        + f" en het niveau {LEVEL_LABELS.get(niveau, label(niveau).lower())}. De volledige versie bevat bevindingen "
        "over genoemde organisaties en is vertrouwelijk."
    )


def show(dossier: Dossier) -> None:
    """The dossier's sections on the page (the same blocks as the PDF and Word files)."""
    st.caption(escape_markdown(dossier.header) + " · " + escape_markdown(dossier.footer))
    for section in dossier.sections:
        st.subheader(escape_markdown(section.title))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                text = escape_markdown(block.text)
                if block.style == "note":
                    st.caption(text)
                else:
                    st.markdown(text)
            elif isinstance(block, Heading):
                st.markdown(f"**{escape_markdown(block.text)}**")
            elif isinstance(block, Bullets):
                st.markdown(bullet_list(block.items))
            elif isinstance(block, Table):
                st.dataframe(pd.DataFrame(list(block.rows), columns=list(block.columns)), hide_index=True,
                             width="stretch")
                if block.caption:
                    st.caption(escape_markdown(block.caption))
            elif isinstance(block, Figure):
                st.image(block.png, caption=block.caption, width="stretch")


def pilot_dossier(result, codes: list[str], names: dict[str, str], golf: str | None) -> None:
    """On the Pilotregio's page: pick one of the listed regions and download its dossier."""
    if not codes:
        return
    st.subheader("Regiodossier")
    code = st.selectbox(
        "Regio voor het dossier", codes, format_func=lambda c: f"{names.get(c, c)} ({c})", key="pilot_dossier_regio",
        help="Een briefing voor de regionale tafel van deze regio, als PDF of Word.",
    )
    dossier_downloads(result.niveau, code, names.get(code, code), golf, key="pilot_dossier")
