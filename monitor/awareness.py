"""Awareness of the convenant (bekendheid) per stakeholder group and wave, as an indicator over the waves.

Two sources, kept apart because they measure differently:
- `enquête`: the survey table of the import `bekendheid` (bekend of totaal respondents). Nationally the national
  rows (regio '') count; for a wave and group without a national row, the regional rows of the one level with the
  most respondents are summed (so no respondent counts twice: a gemeente inside a counted zorgkantoorregio is left out).
- `bevindingen`: coded findings whose codebook code data/actielijnen.toml names under [bekendheid] (known or not
  known). The share is known findings / all awareness findings of that group and wave: how often interviews and
  documents report the convenant as known, not a share of respondents.
A share without any respondents or findings is unknown (NaN), never 0.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data import action_lines as action_lines_module
from data.models import STAKEHOLDERS
from data.registry import Geography, Registry
from monitor.findings import gemeente_sets
from monitor.waves import wave_codes

SOURCES = ("enquête", "bevindingen")
COLUMNS = ["golf", "volgorde", "stakeholder", "bron", "bekend", "totaal", "aandeel"]


def _level(code: str) -> str:
    upper = str(code).upper()
    for prefix, level in (("GM", "gemeente"), ("ZK", "zorgkantoorregio"), ("PV", "provincie")):
        if upper.startswith(prefix):
            return level
    return "pc4" if upper.isdigit() else "overig"


def _survey(awareness: pd.DataFrame, regio: str | None, area: frozenset | None, sets: dict) -> pd.DataFrame:
    """golf, stakeholder, bekend, totaal from the survey rows for the nation (regio None) or one region."""
    if awareness.empty:
        return pd.DataFrame(columns=["golf", "stakeholder", "bekend", "totaal"])
    rows = awareness.assign(bekend=awareness["bekend"].astype(float), totaal=awareness["totaal"].astype(float))
    if regio is not None:
        inside = [r == regio or (area is not None and bool(sets.get(r)) and sets[r] <= area) for r in rows["regio"]]
        rows = rows[np.asarray(inside, dtype=bool) & rows["regio"].ne("").to_numpy()]
        exact = rows[(rows["regio"] == regio).to_numpy()]
        picked = []
        for (golf, group), cell in rows.groupby(["golf", "stakeholder"], sort=False):
            own = exact[(exact["golf"] == golf).to_numpy() & (exact["stakeholder"] == group).to_numpy()]
            picked.append(own if not own.empty else _one_level(cell))
        rows = pd.concat(picked) if picked else rows.iloc[0:0]
    else:
        national = rows[rows["regio"].eq("").to_numpy()]
        picked = [national]
        have = set(zip(national["golf"], national["stakeholder"]))
        regional = rows[rows["regio"].ne("").to_numpy()]
        for (golf, group), cell in regional.groupby(["golf", "stakeholder"], sort=False):
            if (golf, group) not in have:
                picked.append(_one_level(cell))
        rows = pd.concat(picked)
    return rows.groupby(["golf", "stakeholder"], as_index=False)[["bekend", "totaal"]].sum()


def _one_level(cell: pd.DataFrame) -> pd.DataFrame:
    """The regional rows of the level with the most respondents (ties: the coarser level first)."""
    levels = cell.assign(_niveau=cell["regio"].map(_level))
    totals = levels.groupby("_niveau")["totaal"].sum()
    rank = {"provincie": 0, "zorgkantoorregio": 1, "gemeente": 2, "pc4": 3, "overig": 4}
    best = sorted(totals.index, key=lambda lv: (-totals[lv], rank.get(lv, 9)))[0]
    return levels[(levels["_niveau"] == best).to_numpy()].drop(columns="_niveau")


def _findings(findings: pd.DataFrame, regio: str | None, area: frozenset | None, sets: dict) -> pd.DataFrame:
    lines = action_lines_module.default()
    aware, unaware = set(lines.aware_codes), set(lines.unaware_codes)
    if findings.empty or not (aware | unaware):
        return pd.DataFrame(columns=["golf", "stakeholder", "bekend", "totaal"])
    codes = findings["code"].fillna("").astype(str)
    rows = findings[codes.isin(aware | unaware).to_numpy()]
    if regio is not None:
        inside = [r == regio or (area is not None and bool(sets.get(str(r))) and bool(sets[str(r)] & area))
                  for r in rows["regio"]]
        rows = rows[np.asarray(inside, dtype=bool)]
    if rows.empty:
        return pd.DataFrame(columns=["golf", "stakeholder", "bekend", "totaal"])
    rows = rows.assign(bekend=rows["code"].isin(aware).astype(float), totaal=1.0)
    return rows.groupby(["golf", "stakeholder"], as_index=False)[["bekend", "totaal"]].sum()


def awareness_by_wave(registry: Registry, regio: str | None = None, geography: Geography | None = None) -> pd.DataFrame:
    """Per wave, stakeholder group and source: bekend, totaal and aandeel (NaN when unknown); COLUMNS.

    `regio` None is national; a region code gives that region (with `geography`, also the rows of the areas inside
    it, for survey rows one level at a time)."""
    sets = gemeente_sets(geography.membership) if geography is not None else {}
    area = sets.get(regio) if regio is not None else None
    waves = wave_codes(registry)
    order = dict(zip(registry.waves["code"].astype(str), registry.waves["volgorde"]))
    frames = []
    for source, table in (("enquête", _survey(registry.awareness, regio, area, sets)),
                          ("bevindingen", _findings(registry.findings, regio, area, sets))):
        grid = pd.MultiIndex.from_product([waves, list(STAKEHOLDERS)], names=["golf", "stakeholder"])
        table = table.assign(golf=table["golf"].astype(str)).set_index(["golf", "stakeholder"]).reindex(grid)
        table = table.reset_index().assign(bron=source)
        frames.append(table)
    frame = pd.concat(frames, ignore_index=True)
    frame["volgorde"] = frame["golf"].map(order).fillna(0).astype(int)
    frame["aandeel"] = np.where(frame["totaal"].fillna(0) > 0, frame["bekend"] / frame["totaal"].replace(0, np.nan),
                                np.nan)
    for column in ("bekend", "totaal"):
        frame[column] = frame[column].astype("Float64").round().astype("Int64")
    return frame[COLUMNS].sort_values(["bron", "volgorde", "stakeholder"], kind="stable").reset_index(drop=True)


def has_awareness(table: pd.DataFrame, source: str | None = None) -> bool:
    rows = table if source is None else table[(table["bron"] == source).to_numpy()]
    return bool(rows["totaal"].fillna(0).gt(0).any())


def awareness_wide(table: pd.DataFrame, source: str = "enquête") -> pd.DataFrame:
    """One row per stakeholder group, one column per wave with the share (NaN when unknown)."""
    rows = table[(table["bron"] == source).to_numpy()]
    order = rows.drop_duplicates("golf").sort_values("volgorde")["golf"].tolist()
    wide = rows.pivot_table(index="stakeholder", columns="golf", values="aandeel", aggfunc="first", dropna=False)
    return wide.reindex(index=list(STAKEHOLDERS), columns=order)


__all__ = ["COLUMNS", "SOURCES", "awareness_by_wave", "awareness_wide", "has_awareness"]
