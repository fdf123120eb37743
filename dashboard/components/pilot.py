"""Pilot-region list and side-by-side comparison, shaped for display (pure pandas, no streamlit)."""
from __future__ import annotations

import pandas as pd

from dashboard.components.catalogue import indicator_label, indicator_value
from dashboard.components.region import completeness_text, robustness_text
from dashboard.format import label
from data.models import CONDITIONS

# Columns of MonitorResult.signals that the pilot list shows next to each signal.
BASIS_COLUMNS = ("robuust", "varianten", "varianten_met_signaal", "volledigheid", "volledigheid_tekst", "lopende_acties")


def rank_robust_first(candidates: pd.DataFrame, signals: pd.DataFrame) -> pd.DataFrame:
    """Candidates with completeness and robustness (from ``signals`` where missing), robust signals first, then
    by priority (ties by code); ``rang`` follows that order. Idempotent, so it agrees with monitor's own order."""
    missing = [c for c in BASIS_COLUMNS if c not in candidates.columns and c in signals.columns]
    out = candidates.copy()
    if missing:
        extra = signals.set_index("code")[missing].reindex(out["code"])
        for column in missing:
            out[column] = extra[column].to_numpy()
    if out.empty:
        return out
    out["robuust"] = out["robuust"].fillna(False).astype(bool)
    out = out.sort_values(["robuust", "prioriteit", "code"], ascending=[False, False, True], kind="stable")
    out = out.reset_index(drop=True)
    out["rang"] = range(1, len(out) + 1)
    return out


def download_frame(candidates: pd.DataFrame) -> pd.DataFrame:
    """The ranked list as downloaded: every candidate column plus completeness and uncertainty in words."""
    out = candidates.copy()
    if out.empty:
        return out.assign(volledigheid_omschrijving=pd.Series(dtype=str), zekerheid=pd.Series(dtype=str))
    out["volledigheid_omschrijving"] = [completeness_text(row) for _, row in out.iterrows()]
    out["zekerheid"] = [robustness_text(row) for _, row in out.iterrows()]
    return out


def filter_candidates(candidates: pd.DataFrame, signals: pd.DataFrame, weak_conditions: list[str]) -> pd.DataFrame:
    """Candidates (monitor.analysis.pilot_candidates) that also score below 0 on every chosen condition."""
    if not weak_conditions or candidates.empty:
        return candidates
    scores = signals.set_index("code")["scores"]
    keep = [
        all((scores.get(code) or {}).get(c) is not None and (scores.get(code) or {}).get(c) < 0 for c in weak_conditions)
        for code in candidates["code"]
    ]
    return candidates[keep].reset_index(drop=True)


def candidates_table(candidates: pd.DataFrame, weak_conditions: list[str] = ()) -> pd.DataFrame:
    """Display table of the ranked list: rank, region, robustness, priority, score, confidence, completeness,
    main reason, chains."""
    rows = [row for _, row in candidates.iterrows()]
    table = pd.DataFrame(
        {
            "Rang": candidates["rang"].to_numpy(),
            "Regio": candidates["naam"].to_numpy(),
            "Code": candidates["code"].to_numpy(),
            "Zekerheid": [robustness_text(row) for row in rows],
            "Prioriteit": candidates["prioriteit"].to_numpy(),
            "Score netwerk te zwak": candidates["score_netwerk_te_zwak"].to_numpy(),
            "Betrouwbaarheid (%)": (100 * pd.to_numeric(candidates["betrouwbaarheid"], errors="coerce")).round(0).to_numpy(),
            "Volledigheid": [completeness_text(row) for row in rows],
            "Ook te sterk netwerk": candidates["te_sterk_netwerk"].map({True: "ja", False: "nee"}).to_numpy(),
            "Redenen": candidates["redenen"].map(len).to_numpy(),
            "Belangrijkste reden": candidates["redenen"].map(lambda r: _second_or_first(r)).to_numpy(),
            "Ketens": candidates["ketens"].map(len).to_numpy(),
        }
    )
    # Numbers stay numbers, so the list sorts by priority or score as numbers; the page shows them in Dutch notation.
    for column in ("Prioriteit", "Score netwerk te zwak"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("float64").round(2)
    return table


def _second_or_first(reasons) -> str:
    # The first reason states the score itself; the second names the strongest piece of evidence.
    reasons = list(reasons or [])
    if len(reasons) > 1:
        return str(reasons[1])
    return str(reasons[0]) if reasons else ""


def comparison_scores(signals: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """Rows = conditions, columns = the chosen regions (by name), values = scores (NaN = no evidence)."""
    chosen = signals.set_index("code").reindex(codes)
    data = {}
    for code, row in chosen.iterrows():
        scores = row["scores"] if isinstance(row["scores"], dict) else {}
        data[f"{row['naam']} ({code})"] = [scores.get(c) for c in CONDITIONS]
    frame = pd.DataFrame(data, index=[label(c) for c in CONDITIONS], dtype="float64")
    frame.index.name = "Voorwaarde"
    return frame.reset_index().round(2)  # no evidence: empty (the page shows 'geen bewijs')


def comparison_indicators(indicators: dict, frame: pd.DataFrame, codes: list[str], keys: list[str]) -> pd.DataFrame:
    """Rows = geo indicators, columns = the chosen regions, values formatted with their units."""
    rows = frame.set_index("code").reindex(codes)
    data = {"Indicator": [indicator_label(indicators, k) for k in keys]}
    for code, row in rows.iterrows():
        data[f"{row['naam']} ({code})"] = [indicator_value(indicators, k, row.get(k)) for k in keys]
    return pd.DataFrame(data)
