"""Convenant actions that run in a region (status 'loopt' or 'afgerond'): they appear in the reasons and make a
pilot less urgent, since parties there are already at work (e.g. a regietafel set up by the zorgkantoor)."""
from __future__ import annotations

import pandas as pd

from monitor.findings import gemeente_sets, parents_of

RUNNING = ("loopt", "afgerond")


def latest_statuses(actions: pd.DataFrame, waves: pd.DataFrame, golf: str | None) -> pd.DataFrame:
    """The actions of one wave, or (golf None) the latest status of every action line x party x region."""
    if golf is not None:
        return actions[(actions["golf"] == golf).to_numpy()]
    order = dict(zip(waves["code"].astype(str), waves["volgorde"]))
    ranked = actions.assign(_orde=actions["golf"].astype(str).map(order))
    ranked = ranked.sort_values("_orde", kind="stable")
    return ranked.drop_duplicates(["actie", "partij", "regio"], keep="last").drop(columns="_orde")


def running_actions(actions: pd.DataFrame, waves: pd.DataFrame, membership: pd.DataFrame, niveau: str,
                    codes: pd.Index, golf: str | None) -> dict[str, list[str]]:
    """Per scored region the running regional actions it overlaps, as 'actie (partij, status)'.
    National actions (no region) and the organisation level have none."""
    if niveau == "organisatie" or actions.empty:
        return {}
    rows = latest_statuses(actions, waves, golf)
    rows = rows[rows["status"].isin(RUNNING).to_numpy() & rows["regio"].fillna("").astype(str).ne("").to_numpy()]
    sets, parent, wanted = gemeente_sets(membership), parents_of(membership, niveau), set(codes)
    out: dict[str, list[str]] = {}
    for actie, partij, status, regio in sorted(zip(rows["actie"], rows["partij"], rows["status"], rows["regio"].astype(str))):
        hit = {parent[g] for g in sets.get(regio, ()) if g in parent} & wanted
        for code in sorted(hit):
            entry = f"{actie} ({partij}, {status})"
            if entry not in out.get(code, []):  # the same line run in two regions inside a province: once
                out.setdefault(code, []).append(entry)
    return out
