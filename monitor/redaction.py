"""Findings for a role that may not read their texts (data.access), with every score unchanged.

data.access.redact removes the texts and sources of findings. Two steps of scoring read them: at organisation level a
finding counts for the organisations its text or source names, and over all waves together a finding that recurs
unchanged counts once (its content includes text and source); the canonical order of the findings also sorts on
them. Before the texts go, `redact` here records those three facts in columns that reveal no text: the ids of the
organisations a finding names, an anonymous number per distinct content and the finding's rank in the canonical
order. monitor.findings uses them when present, so a lezer's scores equal an analist's.
"""
from __future__ import annotations

import dataclasses

import pandas as pd

from data.access import Gebruiker, may
from data.access import redact as hide
from monitor.findings import CONTENT, CONTENT_FIELDS, NAMED, RANK, SORT_FIELDS, named


def annotate(registry):
    """The registry with NAMED, CONTENT and RANK on its findings (computed from the texts, revealing none)."""
    findings = registry.findings
    if findings.empty or NAMED in findings.columns:
        return registry
    facilities = registry.facilities
    organisations = facilities.dropna(subset=["organisatie_id"]).drop_duplicates("organisatie_id")
    names = [(str(org), str(name or "").strip().lower())
             for org, name in zip(organisations["organisatie_id"], organisations["organisatie_naam"])]
    mentioned = []
    for tekst, bron in zip(findings["tekst"].tolist(), findings["bron"].tolist()):
        haystack = f"{tekst or ''} {bron or ''}".lower()
        mentioned.append(tuple(org for org, name in names if named(haystack, name, org)))
    content = findings[CONTENT_FIELDS].astype(str).agg("\x1f".join, axis=1)
    keys = findings.drop(columns=["code"], errors="ignore").assign(
        regio=findings["regio"].astype(str),
        item=findings["code"].astype(object).where(findings["code"].notna(), "").astype(str)
        if "code" in findings.columns else "",
    )[SORT_FIELDS].astype(str)
    order = keys.sort_values(SORT_FIELDS, kind="stable").index
    rank = pd.Series(range(len(order)), index=order).reindex(findings.index)
    annotated = findings.assign(**{NAMED: mentioned, CONTENT: pd.factorize(content)[0], RANK: rank.to_numpy()})
    return dataclasses.replace(registry, findings=annotated)


def redact(registry, user: Gebruiker):
    """data.access.redact, keeping the scores of a role without finding texts equal to those with them."""
    if may(user, "bevindingen_lezen"):
        return hide(registry, user)
    return hide(annotate(registry), user)
