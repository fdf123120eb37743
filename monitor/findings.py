"""Coded findings (bevindingen) rolled to the level being scored.

A finding names a region of any level (pc4, gemeente, zorgkantoorregio, provincie). Both the finding's
region and each scored region are expressed as a set of gemeenten (pc4 -> its gemeente; ZK/PV -> their
member gemeenten). A finding counts fully for a scored region that contains its whole area, and with the
catalogue's `deels_overlappend_factor` for a region that only overlaps it (e.g. a zorgkantoorregio finding
when scoring one of its gemeenten). At organisation level a finding counts only when its text or source
names the organisation and its area holds one of the organisation's VG locations.
A finding whose region code is unknown in the reference geography counts nowhere.
The registry calls a finding's codebook code `code`; rolled findings call it `item` ('' when uncoded), because
`code` here is the scored region.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pandas as pd

from monitor.cache import memoised
from monitor.catalogue import Catalogue

NAMED, CONTENT, RANK = "_genoemd", "_inhoud", "_rang"  # set by monitor.redaction when texts are hidden

COLUMNS = ["code", "voorwaarde", "stakeholder", "richting", "gewicht", "bron", "golf", "tekst", "regio", "deels", "item"]
SORT_FIELDS = ["regio", "golf", "voorwaarde", "stakeholder", "richting", "gewicht", "bron", "tekst", "item"]


@memoised
def gemeente_sets(membership: pd.DataFrame) -> dict[str, frozenset]:
    """Region code (pc4, gemeente, zorgkantoorregio, provincie) -> the gemeenten it covers."""
    sets: dict[str, set] = {}
    for kind, level, parent in zip(membership["kind_code"].tolist(), membership["ouder_niveau"].tolist(),
                                   membership["ouder_code"].tolist()):
        if level == "gemeente":  # pc4 -> gemeente
            sets.setdefault(str(kind), set()).add(parent)
            sets.setdefault(parent, set()).add(parent)
        elif level in ("zorgkantoorregio", "provincie"):
            sets.setdefault(parent, set()).add(kind)
            sets.setdefault(kind, set()).add(kind)
    return {code: frozenset(members) for code, members in sets.items()}


@memoised
def parents_of(membership: pd.DataFrame, niveau: str) -> dict[str, str]:
    """gemeente -> its region of `niveau` (itself for gemeente)."""
    if niveau == "gemeente":
        return {g: g for g in gemeente_sets(membership)}
    rows = membership[(membership["ouder_niveau"] == niveau).to_numpy()]
    return dict(zip(rows["kind_code"].tolist(), rows["ouder_code"].tolist()))


@memoised
def _targets(membership: pd.DataFrame, niveau: str) -> dict:
    """Finding region code -> [(region of `niveau`, partial overlap)], filled as codes are met."""
    return {}


@memoised
def _canonical(findings: pd.DataFrame, golf: str | None) -> pd.DataFrame:
    """The wave's findings in a total order on every field, so input row order never matters downstream."""
    rows = findings if golf is None else findings[(findings["golf"] == golf).to_numpy()]
    items = rows["code"] if "code" in rows.columns else pd.Series("", index=rows.index, dtype=object)
    rows = rows.drop(columns=["code"], errors="ignore").assign(
        regio=rows["regio"].astype(str), item=items.astype(object).where(items.notna(), "").astype(str))
    if RANK in rows.columns:  # texts hidden from this role: the order they gave (monitor.redaction)
        return rows.sort_values(RANK, kind="stable").reset_index(drop=True)
    keys = rows[SORT_FIELDS].astype(str)
    return rows.loc[keys.sort_values(SORT_FIELDS, kind="stable").index].reset_index(drop=True)


CONTENT_FIELDS = ["regio", "stakeholder", "voorwaarde", "richting", "gewicht", "bron", "tekst"]


def pooled(findings: pd.DataFrame, waves: pd.DataFrame) -> pd.DataFrame:
    """All waves together, a finding that recurs unchanged in several waves counted once (in its latest wave)."""
    order = dict(zip(waves["code"].astype(str), waves["volgorde"]))
    ranked = findings.assign(_orde=findings["golf"].astype(str).map(order)).sort_values("_orde", kind="stable")
    keys = ranked[[CONTENT] if CONTENT in ranked.columns else CONTENT_FIELDS].astype(str)  # CONTENT: texts hidden
    return ranked[~keys.duplicated(keep="last").to_numpy()].drop(columns="_orde")


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})


def roll(
    findings: pd.DataFrame,
    membership: pd.DataFrame,
    niveau: str,
    codes: pd.Index,
    catalogue: Catalogue,
    golf: str | None = None,
    locations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per (finding, scored region) it applies to, with its effective weight.

    `locations` (VG locations with organisatie_id, organisatie_naam, gemeente) is needed at organisation level.
    """
    rows = _canonical(findings, golf)
    if rows.empty:
        return _empty()
    sets = gemeente_sets(membership)
    wanted = set(codes)
    matches: list[tuple[int, str, bool]] = []  # (row, code, partial)
    if niveau == "organisatie":
        matches = _organisation_matches(rows, sets, locations, catalogue, wanted)
    else:
        parent = parents_of(membership, niveau)
        targets = _targets(membership, niveau)
        for position, regio in enumerate(rows["regio"].tolist()):
            if regio not in targets:
                area = sets.get(regio, frozenset())
                covered = Counter(parent[g] for g in area if g in parent)
                targets[regio] = [(code, covered[code] < len(area)) for code in sorted(covered)]
            matches += [(position, code, partial) for code, partial in targets[regio] if code in wanted]
    if not matches:
        return _empty()
    positions, codes_hit, partial = zip(*matches)
    out = rows.iloc[list(positions)].reset_index(drop=True)
    out["code"] = list(codes_hit)
    out["deels"] = list(partial)
    factor = [catalogue.bevinding_factor * (catalogue.deels_factor if p else 1.0) for p in partial]
    out["gewicht"] = pd.to_numeric(out["gewicht"], errors="coerce").fillna(1.0).astype(float) * factor
    out["richting"] = pd.to_numeric(out["richting"], errors="coerce").astype(int)
    out["_rij"] = list(positions)
    return out.sort_values(["code", "_rij"], kind="stable")[COLUMNS].reset_index(drop=True)


def _organisation_matches(rows, sets, locations, catalogue: Catalogue, wanted: set) -> list[tuple[int, str, bool]]:
    if locations is None or locations.empty:
        return []
    present = locations.dropna(subset=["organisatie_id", "gemeente"])
    orgs_in: dict[str, set] = {}
    names: dict[str, str] = {}
    for org, name, gemeente in zip(present["organisatie_id"].tolist(), present["organisatie_naam"].tolist(),
                                   present["gemeente"].tolist()):
        orgs_in.setdefault(gemeente, set()).add(org)
        names[org] = str(name or "").strip().lower()
    matches = []
    # Texts hidden from this role: which organisations they named was recorded before (monitor.redaction).
    mentioned = rows[NAMED].tolist() if NAMED in rows.columns else None
    for position, (regio, tekst, bron) in enumerate(zip(rows["regio"].tolist(), rows["tekst"].tolist(), rows["bron"].tolist())):
        haystack = f"{tekst or ''} {bron or ''}".lower()
        candidates = sorted(set().union(*(orgs_in.get(g, set()) for g in sets.get(regio, frozenset()))) & wanted)
        for org in candidates:
            if not catalogue.organisatie_vereist_naam:
                matches.append((position, org, True))
            elif (str(org) in mentioned[position] if mentioned is not None
                  else _named(haystack, names.get(org, ""), str(org))):
                matches.append((position, org, False))
    return matches


def named(haystack: str, name: str, org_id: str) -> bool:
    """Whether a lower-case text names the organisation (for monitor.redaction, which records it before redacting)."""
    return _named(haystack, name, org_id)


def _named(haystack: str, name: str, org_id: str) -> bool:
    """Whether a lower-case text names the organisation: its full name, or its id (3+ characters) as a word."""
    if name and name in haystack and _word(name).search(haystack):
        return True
    org_id = org_id.lower()
    return len(org_id) >= 3 and org_id in haystack and _word(org_id).search(haystack) is not None


@lru_cache(maxsize=4096)
def _word(phrase: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
