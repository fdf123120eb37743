"""Rendering of an import validation report (data.imports.ImportReport) before anything is written."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.format import escape_markdown, number

PREVIEW_ROWS = 200


def report_summary(report) -> str:
    """One Dutch sentence (Markdown, file name escaped) with the counts of a validation report."""
    name = escape_markdown(report.filename)
    if report.file_errors:
        return f"Het bestand **{name}** kan niet worden gelezen; er is niets opgeslagen."
    rows = "rij" if report.rows_total == 1 else "rijen"
    text = (
        f"**{name}**: {number(report.rows_total)} {rows} gelezen, {number(report.rows_valid)} geldig, "
        f"{number(report.rows_rejected)} afgewezen."
    )
    if report.batch_id is not None:
        text += f" {number(report.rows_imported)} rijen geïmporteerd (importbatch {report.batch_id})."
    return text


def errors_table(report) -> pd.DataFrame:
    """Rejected cells with Dutch headers, sorted by row (rij, kolom, reden)."""
    frame = report.errors.copy()
    if frame.empty:
        return pd.DataFrame(columns=["Rij", "Kolom", "Reden"])
    frame = frame.sort_values(["rij", "kolom"], kind="stable")
    return frame.rename(columns={"rij": "Rij", "kolom": "Kolom", "reden": "Reden"}).reset_index(drop=True)


def render_report(report) -> None:
    """Summary, file problems, warnings, the row-by-row error list and a preview of the rows as read."""
    if report.file_errors:
        st.error(report_summary(report), icon=":material/error:")
        for problem in report.file_errors:
            st.text(problem)  # st.text: user-controlled text is never interpreted as Markdown
        return
    if report.rows_rejected:
        st.warning(report_summary(report), icon=":material/warning:")
    else:
        st.success(report_summary(report), icon=":material/check_circle:")
    for warning in report.warnings:
        st.text(f"Let op: {warning}")
    if report.rows_rejected:
        st.subheader("Afgewezen rijen")
        st.caption("Rijnummers tellen zoals in een spreadsheet: rij 1 is de kopregel.")
        st.dataframe(errors_table(report), hide_index=True, width="stretch")
    if not report.preview.empty:
        st.subheader("Voorbeeld van de gelezen rijen")
        shown = report.preview.head(PREVIEW_ROWS)
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_config={"geldig": st.column_config.CheckboxColumn("Geldig", help="Rij zonder fouten")},
        )
        if len(report.preview) > PREVIEW_ROWS:
            st.caption(f"De eerste {number(PREVIEW_ROWS)} van {number(len(report.preview))} rijen.")
