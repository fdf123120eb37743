"""Scores over measurement waves for one region (data from the cached monitor results, chart in Altair)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.format import label, number
from data.models import CONDITIONS

# Okabe–Ito colours, one per condition, distinguishable with colour blindness; plus a dash per line.
CONDITION_COLOURS = ["#E69F00", "#56B4E9", "#009E73", "#000000", "#0072B2", "#D55E00", "#CC79A7"]
# Score axis with whole numbers only, so Vega's English decimal point never shows.
SCORE_AXIS = {"values": [-2, -1, 0, 1, 2], "labelExpr": "datum.value > 0 ? '+' + datum.value : '' + datum.value"}


def condition_encodings(order: list[str]) -> dict:
    """Colour and dash per condition, merged into one legend (readable without colour vision)."""
    return {
        "color": alt.Color("voorwaarde_label:N", sort=order, scale=alt.Scale(domain=order, range=CONDITION_COLOURS),
                           title="Voorwaarde", legend=alt.Legend(labelLimit=260)),
        "strokeDash": alt.StrokeDash("voorwaarde_label:N", sort=order, scale=alt.Scale(domain=order), title="Voorwaarde"),
    }


def region_trend_frame(scores: pd.DataFrame, code: str, waves: pd.DataFrame) -> pd.DataFrame:
    """One region's rows of monitor.waves.scores_by_wave, with wave order and condition labels."""
    order = dict(zip(waves["code"].astype(str), waves["volgorde"]))
    frame = scores[scores["code"] == code].copy()
    frame["golf"] = frame["golf"].astype(str)
    frame["volgorde"] = frame["golf"].map(order).fillna(0).astype(int)
    frame["score_tekst"] = [number(v, 2) for v in frame["score"]]
    return frame.assign(voorwaarde_label=frame["voorwaarde"].map(label))


def region_trend_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Conditions × waves with the score, plus the change since the previous wave for the last wave."""
    table = frame.pivot_table(index="voorwaarde_label", columns="golf", values="score", sort=False)
    order = frame.drop_duplicates("golf").sort_values("volgorde")["golf"].tolist()
    table = table.reindex(index=[label(c) for c in CONDITIONS], columns=order)
    if len(order) > 1:
        last = frame[frame["golf"] == order[-1]].set_index("voorwaarde_label")["verschil_vorige_golf"]
        table[f"Verschil {order[-2]} → {order[-1]}"] = last.reindex(table.index)
    table.index.name = "Voorwaarde"
    table = table.reset_index()
    return table.round(2)  # numbers that sort as numbers; no evidence: empty (the page shows 'geen bewijs')


def wave_chart(frame: pd.DataFrame, value: str, title: str, text: str, count: str, count_title: str) -> alt.Chart:
    """Line per condition over the waves on the −2…+2 scale; tooltips show the Dutch-formatted `text`."""
    order = [label(c) for c in CONDITIONS]
    return (
        alt.Chart(frame.dropna(subset=[value]))
        .mark_line(point=True)
        .encode(
            x=alt.X("golf:N", sort=alt.SortField("volgorde"), title="Meetgolf", axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"{value}:Q", scale=alt.Scale(domain=[-2, 2]), title=f"{title} (−2…+2)", axis=alt.Axis(**SCORE_AXIS)),
            **condition_encodings(order),
            tooltip=[
                alt.Tooltip("voorwaarde_label:N", title="Voorwaarde"),
                alt.Tooltip("golf:N", title="Golf"),
                alt.Tooltip(f"{text}:N", title=title),
                alt.Tooltip(f"{count}:Q", title=count_title),
            ],
        )
        .properties(height=320)
    )


def region_trend_chart(frame: pd.DataFrame) -> alt.Chart:
    """One region's scores per condition over the waves."""
    return wave_chart(frame, "score", "Score", "score_tekst", "n_bewijs", "Bewijsstukken")
