"""Pieces of the Dekking page: the selection (region of any level, organisation, gap types), the table, the counts
and the downloads. The numbers come from geo.coverage (cached in dashboard.cache.coverage)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.format import number
from geo.coverage import GAPS, LABELS, gap_counts, select_locations, selection_text

LEVELS = {"zorgkantoorregio": "Zorgkantoorregio", "gemeente": "Gemeente", "provincie": "Provincie",
          "hap": "HAP-werkgebied"}
ALL_ORGANISATIONS = ""
# Columns of the table on the page (the downloads hold more), in order.
TABLE_COLUMNS = ("naam", "knelpunten", "organisatie", "huisarts", "hap_naam", "hap_formeel", "hap_anw_volledig",
                 "reistijd_eigen_hap_min", "reistijd_hap_min", "reistijd_avg_poli_min", "avg_toegankelijkheid",
                 "behandeling", "id")
NUMBER_FORMATS = {"reistijd_eigen_hap_min": 0, "reistijd_hap_min": 0, "reistijd_avg_poli_min": 0, "avg_toegankelijkheid": 2}


@dataclass(frozen=True)
class Selection:
    niveau: str
    code: str
    naam: str
    organisatie: str  # '' = all organisations
    gaps: tuple[str, ...]
    only_gaps: bool

    def rows(self, table: pd.DataFrame, with_gap_filter: bool = True) -> pd.DataFrame:
        """The locations of the selection in a coverage table (before or after a scenario)."""
        gaps = self.gaps if with_gap_filter else ()
        return select_locations(table, self.niveau, self.code, self.organisatie or None, gaps,
                                self.only_gaps and with_gap_filter)

    def describe(self, organisations: dict[str, str]) -> str:
        organisatie = organisations.get(self.organisatie, self.organisatie) if self.organisatie else None
        return selection_text(self.niveau, self.code, self.naam, organisatie, self.gaps, self.only_gaps)


def gap_label(key: str) -> str:
    """A gap type as an option label: 'Buiten elk HAP-werkgebied' (only the first letter raised; str.capitalize
    would lower the rest to 'hap-werkgebied')."""
    words = GAPS.get(key, key)
    return words[:1].upper() + words[1:]


def region_options(table: pd.DataFrame, niveau: str, names: dict[str, str]) -> dict[str, str]:
    """code -> 'naam (code)' of the regions of a level that hold VG locations, sorted by name."""
    column = "hap_id" if niveau == "hap" else niveau
    codes = {c for c in table[column].dropna().astype(str)}
    labelled = {c: f"{names.get(c, c)} ({c})" for c in codes}
    return dict(sorted(labelled.items(), key=lambda item: item[1].lower()))


def _default_region(table: pd.DataFrame, niveau: str, options: dict[str, str]) -> str:
    """The region chosen on another page when it fits (for HAP areas: the area holding most of its locations),
    else the one with the most locations with a gap."""
    chosen_level, chosen = st.session_state.get("regio_niveau"), st.session_state.get("regio_code")
    if chosen_level == niveau and chosen in options:
        return chosen
    column = "hap_id" if niveau == "hap" else niveau
    if niveau == "hap" and chosen_level in LEVELS and chosen_level in table:  # the HAP area that holds most of it
        areas = table.loc[(table[chosen_level] == chosen).to_numpy(), "hap_id"].dropna().astype(str).value_counts()
        if len(areas) and areas.index[0] in options:
            return areas.index[0]
    with_gap = table[[bool(k) for k in table["knelpunt_sleutels"]]]
    counts = with_gap[column].astype(str).value_counts()
    ranked = [c for c in counts.index if c in options]
    return ranked[0] if ranked else next(iter(options))


def select(table: pd.DataFrame, names: dict[str, str]) -> Selection | None:
    """The filter widgets; None (with a message) when no region holds VG locations."""
    left, middle, right = st.columns([1, 2, 2])
    niveau = left.selectbox("Niveau", list(LEVELS), format_func=LEVELS.get, key="dekking_niveau",
                            index=list(LEVELS).index(st.session_state.get("regio_niveau", "zorgkantoorregio"))
                            if st.session_state.get("regio_niveau") in LEVELS else 0,
                            help="Gemeente, zorgkantoorregio, provincie (CBS-indeling) of het werkgebied van een HAP.")
    options = region_options(table, niveau, names)
    if not options:
        st.info("Er zijn geen VG-locaties in het register — ga naar **Gegevens**.")
        return None
    key = f"dekking_regio_{niveau}"
    if st.session_state.get(key) not in options:
        st.session_state[key] = _default_region(table, niveau, options)
    code = middle.selectbox("Regio", list(options), format_func=options.get, key=key,
                            help="Typ om te zoeken. Alleen gebieden met VG-locaties in het register.")
    if niveau != "hap":  # other pages open on the same region
        st.session_state["regio_niveau"], st.session_state["regio_code"] = niveau, code
    here = select_locations(table, niveau, code)
    organisations = organisation_options(here)
    organisatie = right.selectbox("Organisatie", list(organisations), format_func=organisations.get,
                                  key=f"dekking_organisatie_{niveau}_{code}")
    gaps = st.multiselect("Knelpunt", list(GAPS), format_func=gap_label, key="dekking_knelpunten", select_all=False,
                          placeholder="Alle locaties", help="Toon alleen locaties met (een van) deze knelpunten.")
    only_gaps = st.checkbox("Alleen locaties met een knelpunt", key="dekking_alleen_knelpunten")
    return Selection(niveau, code, names.get(code, code), organisatie, tuple(gaps), only_gaps)


def organisation_options(rows: pd.DataFrame) -> dict[str, str]:
    """'' (all) plus organisation id -> name of the given locations, sorted by name."""
    named = rows.dropna(subset=["organisatie_id"]).drop_duplicates("organisatie_id")
    pairs = sorted(zip(named["organisatie_id"].astype(str), named["organisatie"].astype(str)), key=lambda p: p[1].lower())
    return {ALL_ORGANISATIONS: "Alle organisaties", **dict(pairs)}


def _yes_no(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return "ja" if bool(value) else "nee"


def display_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The selection as the page shows it: worst gap first, ja/nee/empty, labelled columns (numbers stay numbers)."""
    order = {key: rank for rank, key in enumerate(GAPS)}
    rank = rows["ergste"].map(lambda k: order.get(k, len(order)) if isinstance(k, str) else len(order))
    frame = rows.assign(_rank=rank.to_numpy()).sort_values(["_rank", "organisatie", "naam"], kind="stable")
    out = pd.DataFrame(index=range(len(frame)))
    for column in TABLE_COLUMNS:
        values = frame[column].to_numpy(dtype=object)
        if column in ("hap_formeel", "hap_anw_volledig"):
            values = [_yes_no(v) for v in values]
        elif column in NUMBER_FORMATS:
            values = pd.to_numeric(frame[column], errors="coerce").round(NUMBER_FORMATS[column]).to_numpy()
        else:
            values = ["" if v is None or (isinstance(v, float) and v != v) else v for v in values]
        out[LABELS[column]] = values
    return out


def show_table(rows: pd.DataFrame) -> None:
    config = {LABELS[c]: st.column_config.NumberColumn(LABELS[c], format="localized") for c in NUMBER_FORMATS}
    st.dataframe(display_table(rows), hide_index=True, width="stretch", height=560, column_config=config)


def counts_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """Knelpunt and number of locations with it, for the selection."""
    counts = gap_counts(rows)
    return pd.DataFrame({"Knelpunt": [k[:1].upper() + k[1:] for k in counts["knelpunt"]], "VG-locaties": counts["aantal"]})


def show_counts(rows: pd.DataFrame) -> None:
    """Two rows of four: the locations, those with a gap, and the number with each gap."""
    counts = gap_counts(rows).set_index("sleutel")["aantal"]
    figures = [("VG-locaties", len(rows)), ("Met een knelpunt", counts["totaal"])]
    figures += [(words[:1].upper() + words[1:], counts[key]) for key, words in GAPS.items()]
    for start in range(0, len(figures), 4):
        for cell, (label, value) in zip(st.columns(4), figures[start:start + 4]):
            cell.metric(label, number(value))


def downloads(rows: pd.DataFrame, stem: str, note_lines: list[str], demo: bool) -> None:
    """XLSX (one sheet per organisation) and Dutch-Excel CSV of the selection."""
    from dashboard.components.downloads import XLSX_MIME
    from geo import coverage_export

    left, right = st.columns(2)
    left.download_button("Excel, één werkblad per organisatie", data=coverage_export.xlsx(rows, demo, note_lines),
                         file_name=f"{stem}.xlsx", mime=XLSX_MIME, icon=":material/download:", key="dekking_xlsx")
    right.download_button("CSV (Nederlandse Excel)", data=coverage_export.csv_labelled(rows, demo),
                          file_name=f"{stem}.csv", mime="text/csv", icon=":material/download:", key="dekking_csv")
