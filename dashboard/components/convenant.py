"""Following the convenant on the Monitoring page: bottlenecks linked to action lines, awareness per stakeholder
group, and the wave report as PDF and Word.

The tables come from monitor.action_links, monitor.awareness and monitor.report (the same content as the command
line `python -m monitor acties --koppeling` and `python -m monitor rapport`); this module only shapes them for the
page (Dutch column names, an Altair chart) and holds the cached objects per data version.
"""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import cache
from dashboard.components.chart_table import table_view
from dashboard.components.downloads import file_stem
from dashboard.format import escape_markdown, label, number, plural_label
from data.models import STAKEHOLDERS
from monitor.action_links import NOT_COVERED
from monitor.bottlenecks import KIND_LABELS, label as bottleneck_label

# Sequential, colour-blind-safe blues per wave (a third and fourth wave get darker ones).
WAVE_COLOURS = ["#9ecae1", "#4292c6", "#08519c", "#08306b"]
SOURCE_LABELS = {"enquête": "Enquête (respondenten)", "bevindingen": "Gecodeerde bevindingen"}


# -- Cached objects (per database and data version) ----------------------------------------------------------

@st.cache_resource(show_spinner="Knelpunten en actielijnen koppelen…", max_entries=8)
def _links(url: str, version: str, niveau: str, golf: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    from monitor.action_links import action_links, national_links
    from monitor.report.content import previous_wave

    registry, geography = cache.registry(), cache.geography()
    result = cache.monitor_result(niveau, golf)
    vorige = previous_wave(registry, golf)
    before = cache.monitor_result(niveau, vorige) if vorige else None
    return national_links(result, registry, geography, before), action_links(result, registry, geography)


def links(niveau: str, golf: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(national rows, rows per region) of the bottleneck <-> action line linking for a level and wave."""
    from data import config

    return _links(config.database_url(), cache.data_version(), niveau, golf)


@st.cache_resource(show_spinner=False, max_entries=4)
def _awareness(url: str, version: str) -> pd.DataFrame:
    from monitor.awareness import awareness_by_wave

    return awareness_by_wave(cache.registry(), None, cache.geography())


def awareness() -> pd.DataFrame:
    """National awareness per wave, stakeholder group and source (monitor.awareness)."""
    from data import config

    return _awareness(config.database_url(), cache.data_version())


# -- Shaping (pure) ----------------------------------------------------------------------------------------------

def national_table(national: pd.DataFrame, with_previous: bool) -> pd.DataFrame:
    """The national linking for display: knelpunt, soort, regio's (and in the previous wave), actielijnen, stand,
    dekking."""
    table = pd.DataFrame({
        "Knelpunt": [bottleneck_label(r) for r in national.to_dict("records")],
        "Soort": national["soort"].map(KIND_LABELS).to_numpy(),
        "Regio's": national["regios"].astype(int).to_numpy(),
    })
    if with_previous:
        table["Vorige golf"] = national["regios_vorige_golf"].fillna(0).astype(int).to_numpy()
    table["Dekking"] = national["dekking"].to_numpy()
    table["Actielijnen"] = [", ".join(names) or "–" for names in national["actielijnen"]]
    table["Stand"] = national["stand"].to_numpy()
    return table


def region_table(rows: pd.DataFrame) -> pd.DataFrame:
    """One region's bottlenecks for display: knelpunt, toelichting, actielijnen, stand, dekking."""
    return pd.DataFrame({
        "Knelpunt": [bottleneck_label(r) for r in rows.to_dict("records")],
        "Toelichting": rows["toelichting"].to_numpy(),
        "Dekking": rows["dekking"].to_numpy(),
        "Actielijnen": [", ".join(names) or "–" for names in rows["actielijnen"]],
        "Stand": rows["stand"].to_numpy(),
    })


def awareness_frame(table: pd.DataFrame, source: str = "enquête") -> pd.DataFrame:
    """Rows of one source with labels and Dutch texts for the chart (only cells with respondents)."""
    rows = table[(table["bron"] == source).to_numpy() & table["totaal"].fillna(0).gt(0).to_numpy()].copy()
    rows["groep"] = rows["stakeholder"].map(label)
    rows["aandeel_tekst"] = [f"{number(100 * a, 0)}%" for a in rows["aandeel"]]
    rows["n_tekst"] = [f"{number(int(b))} van {number(int(t))}" for b, t in zip(rows["bekend"], rows["totaal"])]
    return rows


def awareness_chart(frame: pd.DataFrame) -> alt.Chart:
    """Grouped bars: per stakeholder group the share that knows the convenant, one bar per wave."""
    waves = frame.drop_duplicates("golf").sort_values("volgorde")["golf"].tolist()
    groups = [label(s) for s in STAKEHOLDERS]
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("groep:N", sort=groups, title="Stakeholdergroep", axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("golf:N", sort=waves),
            y=alt.Y("aandeel:Q", scale=alt.Scale(domain=[0, 1]), title="Kent het convenant",
                    axis=alt.Axis(values=[0, 0.25, 0.5, 0.75, 1], labelExpr="round(datum.value * 100) + '%'")),
            color=alt.Color("golf:N", sort=waves, title="Meetgolf",
                            scale=alt.Scale(domain=waves, range=WAVE_COLOURS[: max(len(waves), 1)])),
            tooltip=[alt.Tooltip("groep:N", title="Stakeholdergroep"), alt.Tooltip("golf:N", title="Meetgolf"),
                     alt.Tooltip("aandeel_tekst:N", title="Kent het convenant"),
                     alt.Tooltip("n_tekst:N", title="Respondenten")],
        )
        .properties(height=300)
    )


def awareness_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The awareness chart as a table: per group the share in each wave (numbers) and the respondents."""
    order = frame.drop_duplicates("golf").sort_values("volgorde")["golf"].tolist()
    out = pd.DataFrame({"Stakeholdergroep": [label(s) for s in STAKEHOLDERS]})
    for golf in order:
        rows = frame[(frame["golf"] == golf).to_numpy()].set_index("stakeholder")
        out[f"Aandeel golf {golf} (%)"] = [round(100 * float(rows.loc[s, "aandeel"]), 1) if s in rows.index else None
                                          for s in STAKEHOLDERS]
        out[f"Respondenten golf {golf}"] = [rows.loc[s, "n_tekst"] if s in rows.index else "–" for s in STAKEHOLDERS]
    return out


def _regions(count: int) -> str:
    return "1 regio" if count == 1 else f"{number(count)} regio's"


# -- Page parts ---------------------------------------------------------------------------------------------

def linking_section(niveau: str, golf: str, codes: list[str]) -> None:
    """Per bottleneck (nationally, then for a chosen region) the action lines that address it, and the uncovered."""
    national, per_region = links(niveau, golf)
    with_previous = codes.index(golf) > 0 if golf in codes else False
    if national.empty:
        st.info(f"In meetgolf {escape_markdown(golf)} is geen knelpunt gevonden.")
        return
    uncovered = national[(national["dekking"] == NOT_COVERED).to_numpy()]
    st.subheader(f"Landelijk: {number(len(national))} knelpunten, {number(len(uncovered))} niet gedekt door een actielijn")
    st.dataframe(national_table(national, with_previous), hide_index=True, width="stretch",
                 column_config={"Regio's": st.column_config.NumberColumn(help=f"Aantal {plural_label(niveau).lower()} "
                                                                              "met dit knelpunt.")})
    st.caption(
        "Een knelpunt is een systeemvoorwaarde met een score onder 0, een registerfeit met een deelscore van −0,5 of "
        "lager, een codeboekcode op een bevinding over een knelpunt of een herkende keten. Actielijnen: die het knelpunt "
        "aanpakken volgens data/actielijnen.toml (voorwaarden en codes). Stand: landelijk en in de regio's met het "
        "knelpunt. Bron: monitor en import convenantacties."
    )
    if not uncovered.empty:
        st.markdown("**Niet gedekt door een actielijn**")
        st.markdown("\n".join(
            f"- {escape_markdown(bottleneck_label(r))} in {_regions(int(r['regios']))}"
            + (f" (vorige golf {number(int(r['regios_vorige_golf']))})" if with_previous else "")
            for r in uncovered.to_dict("records")))
    from monitor.action_links import unlinked_actions

    loose = unlinked_actions(cache.registry())
    if loose:
        st.caption(f"{number(len(loose))} geregistreerde acties noemen geen actielijn uit data/actielijnen.toml en "
                   "tellen hier niet mee: " + escape_markdown(", ".join(loose[:8])) + (" …" if len(loose) > 8 else "")
                   + ". Importeer ze opnieuw met een bekende actielijn (python -m data actielijnen).")
    names = dict(zip(per_region["code"], per_region["naam"]))
    if not names:
        return
    ordered = sorted(names, key=lambda c: (-int((per_region["code"] == c).sum()), str(names[c])))
    region = st.selectbox("Regio", ordered, format_func=lambda c: f"{names[c]} ({c})", key="monitoring_koppeling_regio",
                          help="Regio's met de meeste knelpunten eerst.")
    rows = per_region[(per_region["code"] == region).to_numpy()]
    st.subheader(f"{escape_markdown(names[region])}: {number(len(rows))} knelpunten")
    st.dataframe(region_table(rows), hide_index=True, width="stretch")


def awareness_section() -> None:
    """The awareness indicator: a chart per stakeholder group and wave, with the numbers as a table."""
    table = awareness()
    frame = awareness_frame(table, "enquête")
    if frame.empty:
        st.info("Nog geen cijfers over bekendheid van het convenant: importeer de soort **bekendheid** op de pagina "
                "Gegevens (regio, golf, stakeholder, bekend, totaal).")
    else:
        st.subheader("Aandeel respondenten dat het convenant kent")
        st.altair_chart(awareness_chart(frame), width="stretch")
        table_view("Grafiek als tabel", awareness_table(frame))
        st.caption("Per stakeholdergroep en meetgolf; landelijk de landelijke rijen, anders de som van de regio's van "
                   "één niveau. Bron: enquête (import bekendheid).")
    findings = awareness_frame(table, "bevindingen")
    if not findings.empty:
        st.subheader("Bekendheid volgens gecodeerde bevindingen")
        st.altair_chart(awareness_chart(findings), width="stretch")
        table_view("Grafiek als tabel", awareness_table(findings))
        st.caption("Aandeel van de bevindingen met een bekendheidscode dat het convenant bekend noemt (geen aandeel "
                   "respondenten). Bron: bevindingen (data/actielijnen.toml [bekendheid]).")


def _report_maker(golf: str, fmt: str):
    """A function Streamlit calls when the button is clicked (on its own thread: no Streamlit caches inside; the
    monitor's own memo reuses the analyses of these same objects)."""
    registry, geography, geo_result = cache.registry(), cache.geography(), cache.geo_result()

    def make() -> bytes:
        from monitor.report import ReportInputs, build_report, render

        return render(build_report(ReportInputs(registry, geography, geo_result, golf)), fmt)

    return make


def report_downloads(golf: str) -> None:
    """Buttons for the wave report of one wave, as PDF and Word (made when clicked)."""
    from monitor.report import MIME

    st.markdown(f"**Golfrapportage voor de stuurgroep**, meetgolf {escape_markdown(golf)}")
    stem = file_stem(f"golfrapportage_{golf}", cache.is_demo())
    pdf_col, word_col, _ = st.columns([1, 1, 3])
    for column, fmt, text in ((pdf_col, "pdf", "PDF"), (word_col, "docx", "Word")):
        column.download_button(
            f"Rapport als {text}", data=_report_maker(golf, fmt), file_name=f"{stem}.{fmt}", mime=MIME[fmt],
            icon=":material/summarize:", key=f"monitoring_rapport_{fmt}", on_click="ignore",
            help="Signalen per niveau en beweging (kaarten), knelpunten naar frequentie, actielijnen per partij en "
                 "stand, knelpunten zonder actielijn, bekendheid, pilotregio's en veranderingen in het register.",
        )
    st.caption("Zelfde inhoud als `python -m monitor rapport --golf " + escape_markdown(golf) + "`."
               + (" Met het voorbeeld staat 'fictief voorbeeld' op elke pagina." if cache.is_demo() else ""))


__all__ = ["awareness_chart", "awareness_frame", "awareness_section", "awareness_table", "linking_section",
           "national_table", "region_table", "report_downloads"]
