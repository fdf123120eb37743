"""'Wat als…' on the Dekking page: a form for the changes, the outcome for the selected region, kept scenarios.

Scenarios live in the session state (``dekking_scenarios``) while the page stays open, so a user can compare
a few of them; nothing is written to the register (geo.coverage_scenario works on copies of the frames).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.coverage import Selection
from dashboard.format import number
from data.errors import UserError
from geo import catalogue
from geo.coverage_scenario import Outcome, Scenario, gap_comparison, new_poli, run

KEPT_KEY = "dekking_scenarios"
MAX_KEPT = 3
SHOWN_INDICATORS = ("aantal_hap", "aantal_avg_poli", "aantal_huisartsenpraktijk", "aandeel_locaties_zonder_huisarts",
                    "aandeel_formeel", "reistijd_hap_min_mediaan", "reistijd_eigen_hap_min_mediaan",
                    "reistijd_avg_poli_min_mediaan", "avg_toegankelijkheid")


def _label(row) -> str:
    return f"{row.naam} ({row.id})"


def _options(facilities: pd.DataFrame, kind: str, first: set[str]) -> dict[str, str]:
    """id -> 'naam (id)' of one facility type: those in `first` (relevant to the selection) first, then by name."""
    rows = facilities[(facilities["type"] == kind).to_numpy()]
    rows = rows.assign(_first=~rows["id"].isin(first).to_numpy()).sort_values(["_first", "naam"], kind="stable")
    return {str(row.id): _label(row) for row in rows.itertuples(index=False)}


def form(facilities: pd.DataFrame, rows: pd.DataFrame, here: pd.DataFrame) -> tuple[Scenario, str] | None:
    """The changes to try; returns (scenario, PC4 or coordinates text) when the user presses 'Doorrekenen'.

    rows: the selected locations (their HAPs and GP practices come first in the lists); here: every facility in
    the selected region (result.facilities rows).
    """
    haps = set(rows["hap_id"].dropna()) | set(here.loc[here["type"] == "hap", "id"])
    practices = {p for ties in rows["huisartsen"] for p in ties} | set(here.loc[here["type"] == "huisartsenpraktijk", "id"])
    polis = set(here.loc[here["type"] == "avg_poli", "id"])
    with st.form("dekking_wat_als", border=True):
        st.caption("Kies een of meer wijzigingen. De lijsten beginnen met de voorzieningen van deze selectie.")
        first, second, third = st.columns(3)
        hap_options = _options(facilities, "hap", haps)
        close_haps = first.multiselect("HAP sluiten", list(hap_options), format_func=hap_options.get, placeholder="Geen",
                                       key="dekking_sluit_hap", select_all=False)
        gp_options = _options(facilities, "huisartsenpraktijk", practices)
        close_gps = second.multiselect("Huisartsenpraktijk sluiten (alle samenwerkingen eindigen)", list(gp_options),
                                       format_func=gp_options.get, placeholder="Geen", key="dekking_sluit_praktijk", select_all=False)
        poli_options = _options(facilities, "avg_poli", polis)
        close_polis = third.multiselect("AVG-poli sluiten", list(poli_options), format_func=poli_options.get, select_all=False,
                                        placeholder="Geen", key="dekking_sluit_poli")
        st.markdown("**Nieuwe AVG-poli** (optioneel)")
        a, b, c, d = st.columns([1, 1, 1, 1])
        pc4 = a.text_input("Postcode (PC4)", placeholder="bv. 8011", key="dekking_open_pc4",
                           help="Vier cijfers; de poli komt midden in dat gebied.")
        lat = b.number_input("of breedtegraad", value=None, min_value=50.0, max_value=54.0, format="%.4f",
                             placeholder="52,1", key="dekking_open_lat")
        lon = c.number_input("en lengtegraad", value=None, min_value=3.0, max_value=7.5, format="%.4f",
                             placeholder="5,1", key="dekking_open_lon")
        fte = d.number_input("AVG-fte", value=1.0, min_value=0.1, max_value=50.0, step=0.1, format="%.1f",
                             key="dekking_open_fte")
        pressed = st.form_submit_button("Doorrekenen", icon=":material/calculate:", type="primary")
    if not pressed:
        return None
    return Scenario(tuple(close_haps + close_polis), tuple(close_gps), ()), _new_poli_text(pc4, lat, lon, fte)


def _new_poli_text(pc4: str, lat, lon, fte) -> str:
    """A compact spec of the new poli: 'pc4|8011|1.0', 'xy|52.1|5.1|1.0' or ''."""
    if pc4 and pc4.strip():
        return f"pc4|{pc4.strip()}|{fte}"
    if lat is not None and lon is not None:
        return f"xy|{lat}|{lon}|{fte}"
    return ""


def compute(registry, geography, before_result, coverage_before, scenario: Scenario, poli: str) -> Outcome:
    """Run the scenario (with the new poli, if any) against the cached analysis; raises UserError for bad input."""
    if poli:
        kind, *values = poli.split("|")
        if kind == "pc4":
            spec = new_poli(geography, float(values[1]), pc4=values[0])
        else:
            spec = new_poli(geography, float(values[2]), lat=float(values[0]), lon=float(values[1]))
        scenario = Scenario(scenario.close_ids, scenario.close_practices, (spec,))
    return run(registry, geography, scenario, before=before_result, coverage_before=coverage_before)


def keep(outcome: Outcome, version: str) -> None:
    """Keep the outcome for comparison (the newest MAX_KEPT of this data version)."""
    kept = [item for item in st.session_state.get(KEPT_KEY, []) if item["versie"] == version]
    number_ = max((item["nummer"] for item in kept), default=0) + 1
    kept.append({"nummer": number_, "versie": version, "outcome": outcome})
    st.session_state[KEPT_KEY] = kept[-MAX_KEPT:]


def kept(version: str) -> list[dict]:
    return [item for item in st.session_state.get(KEPT_KEY, []) if item["versie"] == version]


def indicator_rows(outcome: Outcome, selection: Selection) -> pd.DataFrame:
    """Indicator, Voor, Na, Verschil of the selected region (Dutch number texts with units)."""
    from dashboard.maps.compose import indicator_formatter

    frame = outcome.indicators(selection.niveau)
    row = frame[frame["code"].astype(str) == selection.code]
    if row.empty:
        return pd.DataFrame(columns=["Indicator", "Voor", "Na", "Verschil"])
    row = row.iloc[0]
    keys = [k for k in SHOWN_INDICATORS if k in catalogue.keys(selection.niveau)]

    def text(key: str, value) -> str:
        return indicator_formatter(key)(value) if pd.notna(value) else "onbekend"

    def difference(key: str, value) -> str:
        if pd.isna(value):
            return ""
        shown = text(key, abs(value))
        return shown if abs(value) < 1e-9 else ("+" if value > 0 else "−") + shown

    return pd.DataFrame({
        "Indicator": [catalogue.describe(k).label for k in keys],
        "Voor": [text(k, row[f"{k}_voor"]) for k in keys],
        "Na": [text(k, row[k]) for k in keys],
        "Verschil": [difference(k, row[f"{k}_verschil"]) for k in keys],
    })


def changed_locations(outcome: Outcome, selection: Selection) -> pd.DataFrame:
    ids = set(selection.rows(outcome.coverage_before, False)["id"]) | set(selection.rows(outcome.coverage_after, False)["id"])
    changes = outcome.changes[outcome.changes["id"].isin(ids)]
    return changes.rename(columns={"naam": "VG-locatie", "organisatie": "Organisatie", "knelpunten_voor": "Knelpunten voor",
                                   "knelpunten_na": "Knelpunten na", "erbij": "Erbij", "eraf": "Eraf", "id": "Id"})


def access_rows(outcome: Outcome, selection: Selection, names: dict[str, str] | None = None) -> pd.DataFrame:
    """PC4 areas of the region whose AVG accessibility changes, largest change first."""
    frame = outcome.access()
    column = "hap_gebied" if selection.niveau == "hap" else selection.niveau
    frame = frame[(frame[column].astype(object) == selection.code).to_numpy()]
    frame = frame[frame["avg_toegankelijkheid_verschil"].abs().fillna(0) > 1e-9]
    frame = frame.reindex(frame["avg_toegankelijkheid_verschil"].abs().sort_values(ascending=False).index)
    return pd.DataFrame({
        "PC4": frame["pc4"].to_numpy(), "Gemeente": [(names or {}).get(g, g) for g in frame["gemeente"]],
        "Voor (fte per 1.000 cliënten)": frame["avg_toegankelijkheid_voor"].round(2).to_numpy(),
        "Na": frame["avg_toegankelijkheid_na"].round(2).to_numpy(),
        "Verschil": frame["avg_toegankelijkheid_verschil"].round(2).to_numpy(),
    })


def show_outcome(item: dict, selection: Selection, names: dict[str, str]) -> None:
    """The newest scenario for the selection; `names`: facility and region code -> name."""
    outcome = item["outcome"]
    st.markdown(f"**Scenario {item['nummer']}:** {outcome.scenario.describe(names)}. Er is niets in het register veranderd.")
    before, after = selection.rows(outcome.coverage_before, False), selection.rows(outcome.coverage_after, False)
    left, right = st.columns(2)
    counts = gap_comparison(before, after)
    counts["knelpunt"] = [k[:1].upper() + k[1:] for k in counts["knelpunt"]]
    left.dataframe(counts.rename(columns={"knelpunt": "VG-locaties met", "voor": "Voor", "na": "Na", "verschil": "Verschil"}),
                   hide_index=True, width="stretch")
    right.dataframe(indicator_rows(outcome, selection), hide_index=True, width="stretch")
    changed = changed_locations(outcome, selection)
    st.markdown(f"**Locaties die een knelpunt krijgen of kwijtraken** ({number(len(changed))})")
    if changed.empty:
        st.caption("Geen locatie in deze selectie krijgt of verliest een knelpunt.")
    else:
        st.dataframe(changed, hide_index=True, width="stretch")
    access = access_rows(outcome, selection, names)
    st.markdown(f"**AVG-toegankelijkheid per PC4** (gebieden met cliënten waar ze verandert: {number(len(access))})")
    if access.empty:
        st.caption("De AVG-toegankelijkheid verandert nergens in deze regio.")
    else:
        config = {c: st.column_config.NumberColumn(c, format="localized") for c in access.columns[2:]}
        st.dataframe(access, hide_index=True, width="stretch", column_config=config)


def comparison(items: list[dict], selection: Selection, names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per kept scenario: what it does to the selected region; `names`: facility and region code -> name
    (as in show_outcome), so the scenario reads 'Sluit Huisartsenpost Zwolle', not a raw id."""
    rows = []
    for item in items:
        outcome = item["outcome"]
        counts = gap_comparison(selection.rows(outcome.coverage_before, False),
                                selection.rows(outcome.coverage_after, False)).set_index("knelpunt")
        frame = outcome.indicators(selection.niveau)
        region = frame[frame["code"].astype(str) == selection.code]
        access = region["avg_toegankelijkheid_verschil"].iloc[0] if not region.empty else float("nan")
        rows.append({
            "Scenario": f"{item['nummer']}: {outcome.scenario.describe(names)}",
            "Locaties met knelpunt (na)": int(counts.loc["locaties met een knelpunt", "na"]),
            "Verschil": int(counts.loc["locaties met een knelpunt", "verschil"]),
            "Geen huisarts (verschil)": int(counts.loc["geen huisarts", "verschil"]),
            "AVG-toegankelijkheid regio (verschil, fte per 1.000)": None if pd.isna(access) else round(float(access), 3),
        })
    return pd.DataFrame(rows)


def section(registry, geography, before_result, coverage_before, selection: Selection, rows: pd.DataFrame,
            version: str, region_names: dict[str, str]) -> None:
    """The whole 'Wat als…' block."""
    here_column = "hap_gebied" if selection.niveau == "hap" else selection.niveau
    facilities = before_result.facilities
    here = facilities[(facilities[here_column].astype(object) == selection.code).to_numpy()]
    chosen = form(facilities, rows, here)
    if chosen is not None:
        scenario, poli = chosen
        if scenario.empty and not poli:
            st.warning("Kies eerst een voorziening om te sluiten of vul een nieuwe AVG-poli in.")
        else:
            try:
                with st.spinner("Scenario doorrekenen…"):
                    keep(compute(registry, geography, before_result, coverage_before, scenario, poli), version)
            except UserError as error:
                st.error(f"Dit scenario kan niet worden doorgerekend: {error}", icon=":material/error:")
    items = kept(version)
    if not items:
        st.caption("Nog geen scenario doorgerekend.")
        return
    names = {**region_names, **dict(zip(facilities["id"].astype(str), facilities["naam"].astype(str)))}
    show_outcome(items[-1], selection, names)
    if len(items) > 1:
        st.markdown("**Bewaarde scenario's vergeleken** (voor deze selectie; de nieuwste staat hierboven)")
        st.dataframe(comparison(items, selection, names), hide_index=True, width="stretch")
    if st.button("Scenario's wissen", icon=":material/delete:", key="dekking_scenarios_wissen"):
        st.session_state[KEPT_KEY] = []
        st.rerun()
