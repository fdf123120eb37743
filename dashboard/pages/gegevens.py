"""Gegevens: what is in the database, import with a check first, templates, exports, history, demo."""
from __future__ import annotations

import streamlit as st

from dashboard import cache
from dashboard.auth import current_user
from dashboard.components.user_admin import audit_section, users_section
from dashboard.components.import_report import render_report
from dashboard.components.data_admin import (
    KIND_HELP,
    MESSAGE_KEY,
    export_bytes,
    load_demo,
    load_reference,
    status_table,
    template_files,
)
from dashboard.format import history_table, label, number
from dashboard.setup import page_start
from data import config
from dashboard.components.demo_notice import import_warning, offer_demo_removal
from dashboard.components.faults import fault_text
from dashboard.components.upload import check_upload, import_upload
from data.access import may
from data.exports import EXACT_NOTE
from data.imports import KINDS
from data.limits import MAX_FILE_BYTES, MAX_ROWS, dutch_int, megabytes

if page_start("Gegevens", "Importeren, controleren en exporteren van het register en de bevindingen."):
    counts = cache.counts()
    user = current_user()  # widgets a role may not use are hidden; the data functions refuse them anyway
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        st.success("Gegevens geladen.", icon=":material/check_circle:")
        st.text(message)

    # -- Status and reference geography ---------------------------------------------------------
    st.header("Wat staat er in de database")
    st.dataframe(status_table(counts), hide_index=True, width="content")
    if counts["regio"] == 0:
        st.warning("De referentiegeografie (CBS-grenzen van gemeenten, zorgkantoorregio's, provincies en PC4) ontbreekt.")
        folder = config.reference_dir()
        if folder is None:
            st.info(
                "Zonder internet: zet de omgevingsvariabele MGZ_REFERENCE_DIR op een map met de "
                "CBS-grensbestanden en start de app opnieuw."
            )
        button = "Referentiegeografie laden" if folder else "Referentiegeografie downloaden (PDOK/CBS)"
        if not may(user, "referentie_laden"):
            st.caption("Een beheerder kan de referentiegeografie laden.")
        elif st.button(button, icon=":material/public:"):
            load_reference(folder, user)
    else:
        years = cache.reference_years()
        detail = ", ".join(f"{label(level).lower()} {year}" for level, year in sorted(years.items()))
        st.caption(
            f"Referentiegeografie geladen: {number(counts['regio'])} gebieden"
            + (f" (indeling {detail})" if detail else "")
            + ". Bron: CBS / PDOK, CC BY 4.0."
        )

    # -- Demo ------------------------------------------------------------------------------------
    if counts["voorziening"] == 0 and counts["bevinding"] == 0 and may(user, "demo_beheren"):
        st.header("Voorbeeldscenario")
        st.write(
            "De database bevat nog geen register. Laad het fictieve landelijke voorbeeld om het dashboard te "
            "verkennen; alle namen en bevindingen daarin zijn verzonnen en worden als 'fictief voorbeeld' getoond."
        )
        if st.button("Voorbeeldscenario laden", type="primary", icon=":material/science:"):
            load_demo(user)

    if may(user, "demo_beheren"):
        offer_demo_removal(user)  # with the demo loaded: start clean, or keep only own imports

    # -- Import ----------------------------------------------------------------------------------
    if may(user, "importeren"):
        st.header("Importeren")
        st.write(
            "Kies de soort gegevens en een bestand (CSV, XLSX of GeoJSON). Het bestand wordt eerst rij voor rij "
            "gecontroleerd; pas na **Importeren** wordt er iets opgeslagen, en dan alles in één keer of niets."
        )
        warning = import_warning()
        if warning:
            st.warning(warning, icon=":material/science:")
        kind = st.selectbox("Soort gegevens", list(KINDS), format_func=label, key="import_kind", help=KIND_HELP)
        upload = st.file_uploader(
            "Bestand", type=["csv", "xlsx", "geojson", "json"], key=f"upload_{kind}",
            help=f"Maximaal {megabytes(MAX_FILE_BYTES)} en {dutch_int(MAX_ROWS)} rijen.",
        )
        if upload is not None:
            raw = upload.getvalue()
            with st.spinner("Bestand controleren…"):
                report = check_upload(kind, raw, upload.name, user)
            render_report(report)
            if not report.file_errors and report.rows_total:
                skip = st.checkbox(
                    "Ongeldige rijen overslaan",
                    value=False,
                    key=f"skip_{kind}",
                    help="Importeer alleen de geldige rijen; de afgewezen rijen staan hierboven.",
                    disabled=report.rows_rejected == 0,
                )
                can_import = report.rows_rejected == 0 or (skip and report.rows_valid > 0)
                if st.button("Importeren", type="primary", disabled=not can_import, icon=":material/upload:"):
                    with st.spinner("Importeren…"):
                        result = import_upload(kind, raw, upload.name, skip_invalid=skip, user=user)
                    cache.clear()
                    if result.batch_id is not None:
                        st.success(
                            f"{number(result.rows_imported)} rijen geïmporteerd (importbatch {result.batch_id}). "
                            "Alle pagina's tonen nu de nieuwe gegevens."
                        )
                    else:
                        render_report(result)
                elif not can_import:
                    st.caption("Verbeter de afgewezen rijen, of kies 'Ongeldige rijen overslaan'.")

    # -- Templates -------------------------------------------------------------------------------
    st.header("Sjablonen")
    st.caption("Voorbeeldbestanden met de juiste kolommen en fictieve rijen om zelf in te vullen.")
    columns = st.columns(max(len(KINDS), 1))
    for column, name in zip(columns, KINDS):
        for path in template_files(name):
            column.download_button(
                path.name,
                data=path.read_bytes(),
                file_name=path.name,
                key=f"template_{path.name}",
                icon=":material/download:",
            )

    # -- Export ----------------------------------------------------------------------------------
    st.header("Exporteren")
    st.caption(f"Een export is bedoeld om opnieuw te importeren. {EXACT_NOTE}")
    left, middle, right = st.columns([2, 1, 1])
    kinds = [k for k in KINDS if k != "bevindingen" or may(user, "bevindingen_lezen")]  # finding texts: analist
    export_kind = left.selectbox("Soort gegevens", kinds, format_func=label, key="export_kind")
    formats = ["csv", "xlsx", "geojson"] if export_kind == "werkgebieden" else ["csv", "xlsx"]
    export_format = middle.selectbox("Formaat", formats, key="export_format")
    if right.button("Export maken", icon=":material/description:"):
        try:
            st.session_state["export_ready"] = (export_kind, export_format, *export_bytes(export_kind, export_format, user))
        except Exception as error:  # a Dutch sentence, never a traceback
            st.error(fault_text(error), icon=":material/error:")
    ready = st.session_state.get("export_ready")
    if ready and ready[:2] == (export_kind, export_format):
        _, _, payload, filename, rows = ready
        st.download_button(
            f"Download {filename} ({number(rows)} rijen)", data=payload, file_name=filename, icon=":material/download:"
        )

    # -- History ---------------------------------------------------------------------------------
    st.header("Importgeschiedenis")
    history = cache.import_history()
    if history.empty:
        st.caption("Nog geen imports.")
    else:
        st.dataframe(
            history_table(history),
            hide_index=True,
            width="stretch",
            column_config={"Tijdstip": st.column_config.DatetimeColumn("Tijdstip", format="D-M-YYYY HH:mm",
                                                                      help="Nederlandse tijd (Europe/Amsterdam).")},
        )

    # -- Users and audit trail (beheerder) -------------------------------------------------------
    users_section(user)
    audit_section(user)
