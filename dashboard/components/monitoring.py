"""National wave summaries and convenant action status, shaped for display (Altair charts, no streamlit)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.components.trend import wave_chart
from dashboard.format import dutch_percent_columns, label, number
from data.models import ACTION_STATUSES, CONDITIONS
from monitor.waves import SIGNAL_COUNTS_NOTE, SIGNAL_GROUPS  # the note: re-exported for the page
from monitor.waves import signal_counts as count_signals

# Ordered statuses with a sequential, colour-blind-safe palette (grey for stopped).
STATUS_COLOURS = {
    "niet_gestart": "#d9d9d9",
    "gestart": "#9ecae1",
    "loopt": "#4292c6",
    "afgerond": "#08519c",
    "gestopt": "#636363",
}


def national_wave_frame(scores: pd.DataFrame, waves: pd.DataFrame) -> pd.DataFrame:
    """golf, volgorde, voorwaarde, mediaan (median over regions with evidence), regios_met_bewijs.

    ``scores`` is monitor.waves.scores_by_wave output (code, golf, voorwaarde, score, ...).
    """
    order = dict(zip(waves["code"].astype(str), waves["volgorde"]))
    grouped = scores.groupby(["golf", "voorwaarde"], sort=False)["score"]
    frame = pd.DataFrame({"mediaan": grouped.median(), "regios_met_bewijs": grouped.count()}).reset_index()
    frame["golf"] = frame["golf"].astype(str)
    frame["volgorde"] = frame["golf"].map(order).fillna(0).astype(int)
    frame["mediaan_tekst"] = [number(v, 2) for v in frame["mediaan"]]
    return frame.assign(voorwaarde_label=frame["voorwaarde"].map(label))


def signal_counts(signals: pd.DataFrame) -> pd.DataFrame:
    """Per wave (monitor.waves.signals_by_wave): regions per signal, each region in exactly one column, so the
    columns add up to the total (a region with both signals counts once, under 'Te zwak én te sterk'); the
    counting is monitor.waves.signal_counts, the same as in the wave report."""
    rows = []
    for golf, s in signals.groupby("golf", sort=False):
        counts = count_signals(s)
        rows.append({"Meetgolf": str(golf), **{header: counts[key] for key, header in SIGNAL_GROUPS.items()},
                     "Totaal": counts["totaal"]})
    return pd.DataFrame(rows, columns=["Meetgolf", *SIGNAL_GROUPS.values(), "Totaal"])


def national_wave_chart(frame: pd.DataFrame) -> alt.Chart:
    """The national median score per condition over the waves."""
    return wave_chart(frame, "mediaan", "Mediaan score", "mediaan_tekst", "regios_met_bewijs", "Regio's met bewijs")


def action_table(status: pd.DataFrame, waves: list[str], regio: str | None = None) -> pd.DataFrame:
    """monitor.waves.action_status output for display: one row per action line × party (× region).

    ``regio``: None = all, '' = national actions only, a code = that region's actions.
    """
    rows = status if regio is None else status[status["regio"] == regio]
    table = pd.DataFrame(
        {
            "Actielijn": rows["actie"].to_numpy(),
            "Partij": rows["partij"].to_numpy(),
            "Regio": rows["regio_naam"].to_numpy(),
        }
    )
    for wave in waves:
        if wave in rows.columns:
            table[f"Golf {wave}"] = rows[wave].map(lambda v: label(v) if isinstance(v, str) else "–").to_numpy()
    table["Verandering"] = rows["verandering"].to_numpy()
    table["Vooruitgang"] = rows["vooruitgang"].map(
        lambda v: "" if v is None or v is pd.NA else {1: "▲ vooruit", 0: "= gelijk", -1: "▼ achteruit"}.get(int(v), "")
    ).to_numpy()
    return table


def action_status_counts(actions: pd.DataFrame, waves: pd.DataFrame) -> pd.DataFrame:
    """golf, volgorde, status, aantal: how many (action, party) pairs have each status per wave."""
    order = dict(zip(waves["code"].astype(str), waves["volgorde"]))
    counts = actions.groupby([actions["golf"].astype(str), "status"]).size().rename("aantal").reset_index()
    counts["volgorde"] = counts["golf"].map(order).fillna(0).astype(int)
    counts["status_label"] = counts["status"].map(label)
    return counts


def action_status_chart(counts: pd.DataFrame) -> alt.Chart:
    statuses = [s for s in ACTION_STATUSES]
    labels = [label(s) for s in statuses]
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("golf:N", sort=alt.SortField("volgorde"), title="Meetgolf", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("aantal:Q", stack="normalize", title="Aandeel van de acties", axis=alt.Axis(format="%")),
            color=alt.Color("status_label:N", sort=labels,
                            scale=alt.Scale(domain=labels, range=[STATUS_COLOURS[s] for s in statuses]), title="Status"),
            order=alt.Order("status_rank:Q"),
            tooltip=[alt.Tooltip("golf:N", title="Golf"), alt.Tooltip("status_label:N", title="Status"),
                     alt.Tooltip("aantal:Q", title="Aantal")],
        )
        .transform_calculate(status_rank=f"indexof({labels!r}, datum.status_label)")
        .properties(height=280)
    )


def party_progress(actions: pd.DataFrame, golf: str) -> pd.DataFrame:
    """Per party in one wave: number of actions per status and the share finished or running."""
    rows = actions[actions["golf"].astype(str) == golf]
    if rows.empty:
        return pd.DataFrame(columns=["Partij"])
    table = rows.pivot_table(index="partij", columns="status", values="actie", aggfunc="count", fill_value=0)
    table = table.reindex(columns=[s for s in ACTION_STATUSES if s in table.columns])
    done = table.get("afgerond", 0) + table.get("loopt", 0)
    table.columns = [label(c) for c in table.columns]
    table["Loopt of afgerond"] = done / table.sum(axis=1)
    table.index.name = "Partij"
    return dutch_percent_columns(table.reset_index(), ("Loopt of afgerond",))


def national_wave_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The national wave chart as a table: per condition the median score of each wave (numbers, 2 decimals)."""
    order = frame.drop_duplicates("golf").sort_values("volgorde")["golf"].tolist()
    table = frame.pivot_table(index="voorwaarde_label", columns="golf", values="mediaan", sort=False)
    table = table.reindex(index=[label(c) for c in CONDITIONS], columns=order).round(2)
    table.columns = [f"Mediaan golf {golf}" for golf in order]
    return table.rename_axis("Voorwaarde").reset_index()


def action_status_table(counts: pd.DataFrame) -> pd.DataFrame:
    """The action status chart as a table: per status the number of (action, party) pairs in each wave."""
    order = counts.drop_duplicates("golf").sort_values("volgorde")["golf"].tolist()
    table = counts.pivot_table(index="status", columns="golf", values="aantal", aggfunc="sum", fill_value=0)
    table = table.reindex(index=[s for s in ACTION_STATUSES if s in table.index], columns=order, fill_value=0)
    table.index = [label(s) for s in table.index]
    table.columns = [f"Golf {golf}" for golf in order]
    return table.astype("int64").rename_axis("Status").reset_index()
