"""The condition × stakeholder matrix of one region as an Altair heatmap (chart spec only, no streamlit).

Colours: Vega's diverging "blueorange" scheme (orange = system failures, blue = good practices), which
stays readable with the common forms of colour blindness; every cell also carries its score as text.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.format import label, number
from data.models import CONDITIONS, STAKEHOLDERS


def matrix_frame(cells: pd.DataFrame, code: str) -> pd.DataFrame:
    """All condition × stakeholder cells of region ``code`` (missing cells get score NaN and 0 evidence)."""
    grid = pd.MultiIndex.from_product([CONDITIONS, STAKEHOLDERS], names=["voorwaarde", "stakeholder"]).to_frame(
        index=False
    )
    mine = cells[cells["code"] == code]
    columns = [c for c in ("score", "betrouwbaarheid", "n_bewijs") if c in mine.columns]
    frame = grid.merge(mine[["voorwaarde", "stakeholder", *columns]], on=["voorwaarde", "stakeholder"], how="left")
    if "n_bewijs" in frame.columns:
        frame["n_bewijs"] = frame["n_bewijs"].fillna(0).astype(int)
    frame["voorwaarde_label"] = frame["voorwaarde"].map(label)
    frame["stakeholder_label"] = frame["stakeholder"].map(label)
    frame["score_tekst"] = frame["score"].map(lambda v: number(v, 1) if pd.notna(v) else "–")
    return frame


def matrix_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The matrix as a plain table (rows conditions, columns stakeholders) for screen readers and export."""
    table = frame.pivot(index="voorwaarde_label", columns="stakeholder_label", values="score")
    order = [label(c) for c in CONDITIONS]
    return table.reindex(index=order, columns=[label(s) for s in STAKEHOLDERS])


SCALE_LIMIT = 2.0  # scores run from -2 to +2 (monitor/catalogus.toml [schaal])
ROW_HEIGHT = 38  # pixels per condition row
SELECTION = "cel"  # name of the click selection: st.altair_chart(...).selection["cel"]


def heatmap_chart(frame: pd.DataFrame, title: str = "", selectable: bool = False) -> alt.LayerChart:
    """Heatmap of ``matrix_frame`` output; colours span the fixed score scale −2…+2, so regions compare.

    ``selectable`` adds a click selection named "cel" on (voorwaarde, stakeholder).
    """
    x = alt.X(
        "stakeholder_label:N", sort=[label(s) for s in STAKEHOLDERS], title="Stakeholdergroep",
        axis=alt.Axis(orient="top", labelAngle=0, labelLimit=200),
    )
    y = alt.Y("voorwaarde_label:N", sort=[label(c) for c in CONDITIONS], title=None, axis=alt.Axis(labelLimit=260))
    tooltip = [
        alt.Tooltip("voorwaarde_label:N", title="Voorwaarde"),
        alt.Tooltip("stakeholder_label:N", title="Stakeholder"),
        alt.Tooltip("score_tekst:N", title="Score"),
    ]
    if "n_bewijs" in frame.columns:
        tooltip.append(alt.Tooltip("n_bewijs:Q", title="Aantal bewijsstukken"))
    if "betrouwbaarheid" in frame.columns:
        tooltip.append(alt.Tooltip("betrouwbaarheid:N", title="Betrouwbaarheid"))
    base = alt.Chart(frame, title=title, height=ROW_HEIGHT * len(CONDITIONS)).encode(x=x, y=y)
    rect = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "score:Q",
            scale=alt.Scale(scheme="blueorange", domain=[-SCALE_LIMIT, SCALE_LIMIT], reverse=True),
            legend=alt.Legend(
                title="Score (− knelpunt, + geen knelpunt)", values=[-2, -1, 0, 1, 2], gradientLength=ROW_HEIGHT * 5,
                labelExpr="datum.value > 0 ? '+' + datum.value : '' + datum.value",
            ),
        ),
        tooltip=tooltip,
    )
    if selectable:
        rect = rect.add_params(alt.selection_point(name=SELECTION, fields=["voorwaarde", "stakeholder"], on="click"))
    # White text on the dark ends of the scale, black elsewhere: readable in every cell.
    text = base.mark_text(fontSize=12).encode(
        text="score_tekst:N",
        color=alt.condition("abs(datum.score) > 1.2", alt.value("#ffffff"), alt.value("#000000")),
    )
    return rect + text
