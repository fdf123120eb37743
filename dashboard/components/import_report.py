"""Rendering of an import validation report (data.imports.ImportReport) before anything is written."""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.components.region import DIRECTIONS
from dashboard.format import escape_markdown, label, number
from data.limits import MAX_SHOWN_ERRORS

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


CODE_COLUMNS = ("type", "soort", "status", "stakeholder", "voorwaarde")  # codes shown as words ('VG-locatie')
PREVIEW_HEADERS = {"rij": "Rij", "geldig": "Geldig", "organisatie_id": "Organisatie-id (afgeleid)",
                   "locatie_bij_benadering": "Locatie bij benadering", "aantal_pc4": "Aantal PC4"}
# Numbers that name something (a year, a postcode, a wave) rather than count it: '2024', '1011', never '2.024'.
PLAIN_NUMBER_COLUMNS = ("jaar", "pc4", "postcode", "golf")
HIDDEN_COLUMNS = ("sleutel",)  # internal: the content hash of a finding (data.importing.findings.finding_key)
# Where a HAP's werkgebied row came from (data.importing.service_areas sets bron): the app's labels where it has them.
AREA_SOURCES = {"pc4": label("pc4"), "gemeente": label("gemeente"), "geojson": "Omtrek (GeoJSON)"}
KIND_HEADERS = {"werkgebieden": {"bron": "Werkgebied opgegeven als"}}  # derived columns that differ per kind


def _plain_number(column: str) -> bool:
    """A column whose whole numbers are codes or years (jaar, peiljaar, pc4, postcode, golf): no thousands dot."""
    return column in PLAIN_NUMBER_COLUMNS or column.endswith("jaar")


def _cell(value, decimals: int | None, plain: bool = False) -> str:
    """A parsed value as Dutch text: '52,3745', '1.625', 'ja'/'nee'; missing -> ''. ``plain``: a whole number
    without thousands separator ('2024' for a year, '1011' for a PC4)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "ja" if value else "nee"
    if plain and isinstance(value, (int, float, np.integer, np.floating)) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, (int, float, np.integer, np.floating)):
        number_value = float(value)
        if decimals is None:
            decimals = 0 if number_value == int(number_value) else len(repr(number_value).split(".")[-1])
        return number(number_value, min(decimals, 6))
    if hasattr(value, "isoformat"):
        return f"{value:%d-%m-%Y}" if hasattr(value, "day") else str(value)
    return str(value)


def preview_table(report) -> pd.DataFrame:
    """The rows as read, for display: every cell as Dutch text (decimal comma, '1.625', 'ja'/'nee', empty for
    nothing), and where a value could not be read the text as it stood in the file, so the user sees what was wrong.
    Headers are the file's column names (as in the template); derived columns get a Dutch name. Codes show as words
    (a finding's richting as '− knelpunt'/'+ goed voorbeeld', a werkgebied's bron as 'Postcodegebied (PC4)'); the
    internal content key of a finding (sleutel) is left out."""
    kind = getattr(report, "kind", None)
    preview = report.preview.drop(columns=[c for c in HIDDEN_COLUMNS if c in report.preview.columns])
    source = getattr(report, "source_cells", None)
    source = source if isinstance(source, pd.DataFrame) else pd.DataFrame()
    out = pd.DataFrame(index=preview.index)
    for column in preview.columns:
        values = preview[column]
        if column == "rij":
            out[column] = values.astype("int64")
            continue
        if column == "geldig":
            out[column] = values.astype(bool)
            continue
        if column == "richting" and kind == "bevindingen":
            text = [DIRECTIONS.get(_direction(v), "") for v in values]
        elif column == "bron" and kind == "werkgebieden":
            text = [AREA_SOURCES.get(str(v), label(v)) if isinstance(v, str) and v else "" for v in values]
        else:
            text = [_cell(v, None, _plain_number(column)) for v in values]
        if column in CODE_COLUMNS:
            text = [label(t) if t else t for t in text]
        if column in source.columns and "rij" in preview:
            typed = source[column].reindex(preview["rij"].to_numpy()).fillna("").astype(str).str.strip().to_numpy()
            text = [t if t or not raw else raw for t, raw in zip(text, typed)]  # a wrong value: as typed
        out[column] = text
    return out.rename(columns={**PREVIEW_HEADERS, **KIND_HEADERS.get(kind, {})})


def _direction(value) -> int | None:
    """-1 or 1 from a parsed richting; None when it could not be read."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


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
        table = errors_table(report)
        st.dataframe(table.head(MAX_SHOWN_ERRORS), hide_index=True, width="stretch")
        if len(table) > MAX_SHOWN_ERRORS:
            rest = len(table) - MAX_SHOWN_ERRORS
            st.caption(f"De eerste {number(MAX_SHOWN_ERRORS)} fouten staan hierboven, en nog {number(rest)} "
                       f"{'fout' if rest == 1 else 'fouten'}.")
    if not report.preview.empty:
        st.subheader("Voorbeeld van de gelezen rijen")
        shown = preview_table(report).head(PREVIEW_ROWS)
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_config={"Geldig": st.column_config.CheckboxColumn("Geldig", help="Rij zonder fouten")},
        )
        st.caption("Zoals gelezen, in Nederlandse notatie; een waarde die niet te lezen was, staat er zoals in het "
                   "bestand (zie de afgewezen rijen).")
        if len(report.preview) > PREVIEW_ROWS:
            st.caption(f"De eerste {number(PREVIEW_ROWS)} van {number(len(report.preview))} rijen.")
