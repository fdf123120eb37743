"""The bottlenecks (knelpunten) the monitor finds in a region, as rows that action lines can be linked to.

From one MonitorResult (a level and a wave), per region four kinds of bottleneck:
- `voorwaarde`: a systeemvoorwaarde with a score below 0 (on the failure conditions: towards knelpunt);
- `registerfeit`: a registry fact with a sub-score at or below the catalogue's `schakel_drempel` (the same bar that
  makes a fact show a chain link);
- `code`: a codebook item carried by one or more failure findings in the region;
- `keten`: a recognised chain of failures (monitor.chains), with the codes of all its links.
Regions with too little data keep their bottlenecks outside the network conditions (which have no score there).
Each row carries what the linking needs: the condition, and for chains the codes of their links.
"""
from __future__ import annotations

import math

import pandas as pd

from data import codebook as codebook_module
from monitor import catalogue as catalogue_module
from monitor.analysis import MonitorResult
from monitor.catalogue import Catalogue
from monitor.chains import region_chain_links
from monitor.rows import records
from monitor.signals import CONDITION_NAMES
from monitor.text import number, score as score_text

KINDS = ("voorwaarde", "registerfeit", "code", "keten")
KIND_LABELS = {"voorwaarde": "systeemvoorwaarde", "registerfeit": "registerfeit", "code": "bevinding (codeboek)",
               "keten": "keten"}
COLUMNS = ["code", "naam", "soort", "sleutel", "knelpunt", "voorwaarde", "waarde", "toelichting", "codes"]


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=float if c == "waarde" else object) for c in COLUMNS})


def region_bottlenecks(result: MonitorResult, catalogue: Catalogue | None = None,
                       book: codebook_module.Codebook | None = None) -> pd.DataFrame:
    """One row per region and bottleneck (COLUMNS), regions in code order, kinds in KINDS order.

    `waarde` is the score (voorwaarde), the sub-score (registerfeit), the number of findings (code) or the number of
    visible links (keten); `codes` lists the codebook codes a line may address to cover the bottleneck (the item
    itself, or the codes of a chain's links; empty for conditions and facts, which lines cover by condition).
    """
    catalogue = catalogue or catalogue_module.default()
    book = book or codebook_module.default()
    signals = result.signals
    names = dict(zip(signals["code"].astype(str), signals["naam"].astype(str)))
    codes = list(signals["code"].astype(str))
    rows: list[dict] = []
    for code, scores in zip(codes, signals["scores"]):
        for condition, value in (scores or {}).items():
            if value is not None and not (isinstance(value, float) and math.isnan(value)) and value < 0:
                rows.append(dict(code=code, soort="voorwaarde", sleutel=condition,
                                 knelpunt=CONDITION_NAMES[condition], voorwaarde=condition, waarde=float(value),
                                 toelichting=f"score {score_text(value)}", codes=()))
    evidence = result.evidence
    facts = evidence[(evidence["soort"] == "indicator").to_numpy()
                     & (evidence["deelscore"].to_numpy(dtype=float) <= catalogue.schakel_drempel)]
    labels = {i.sleutel: i.label for i in catalogue.indicatoren}
    for row in records(facts, ["code", "sleutel", "voorwaarde", "deelscore", "omschrijving"]):
        rows.append(dict(code=str(row["code"]), soort="registerfeit", sleutel=row["sleutel"],
                         knelpunt=labels.get(row["sleutel"], row["sleutel"]), voorwaarde=row["voorwaarde"],
                         waarde=float(row["deelscore"]), toelichting=str(row["omschrijving"] or ""), codes=()))
    item = evidence["item"].fillna("").astype(str) if "item" in evidence.columns else pd.Series("", index=evidence.index)
    coded = evidence[(evidence["soort"] == "bevinding").to_numpy() & (evidence["deelscore"].to_numpy(dtype=float) < 0)
                     & item.ne("").to_numpy()]
    counts = coded.assign(item=item[coded.index]).groupby(["code", "item"], sort=True).size()
    for (code, key), count in counts.items():
        if key not in book:
            continue
        entry = book.item(key)
        rows.append(dict(code=str(code), soort="code", sleutel=key, knelpunt=f"{key}: {entry.omschrijving}",
                         voorwaarde=entry.voorwaarde, waarde=float(count),
                         toelichting=f"{number(count, 0)} {'bevinding' if count == 1 else 'bevindingen'}",
                         codes=(key,)))
    no_data = dict(zip(codes, signals["onvoldoende_gegevens"].astype(bool)))
    for code, chains in region_chain_links(evidence, codes, catalogue).items():
        if no_data.get(code):
            continue
        for chain in chains:
            chain_codes = tuple(dict.fromkeys(c for link in catalogue_chain(catalogue, chain.sleutel).schakels
                                              for c in link.codes))
            rows.append(dict(code=code, soort="keten", sleutel=chain.sleutel, knelpunt=chain.naam, voorwaarde="",
                             waarde=float(len(chain.zichtbaar)),
                             toelichting=f"{len(chain.zichtbaar)} van de {len(chain.schakels)} schakels zichtbaar",
                             codes=chain_codes))
    if not rows:
        return _empty()
    frame = pd.DataFrame(rows)
    frame.insert(1, "naam", frame["code"].map(names))
    order = {kind: i for i, kind in enumerate(KINDS)}
    frame["_orde"] = frame["soort"].map(order)
    frame = frame.sort_values(["code", "_orde", "waarde", "sleutel"], ascending=[True, True, True, True], kind="stable")
    return frame.drop(columns="_orde")[COLUMNS].reset_index(drop=True)


def label(row) -> str:
    """A bottleneck row in words: "Systeemvoorwaarde 'netwerk te zwak'", "Bevinding ZW02: ...", "Keten '...'"."""
    if row["soort"] == "voorwaarde":
        return f"Systeemvoorwaarde '{row['knelpunt']}'"
    if row["soort"] == "registerfeit":
        return f"Registerfeit '{row['knelpunt']}'"
    if row["soort"] == "keten":
        return f"Keten '{row['knelpunt']}'"
    return f"Bevinding {str(row['knelpunt']).rstrip('.')}"


def catalogue_chain(catalogue: Catalogue, sleutel: str):
    return next(chain for chain in catalogue.ketens if chain.sleutel == sleutel)


def frequency(bottlenecks: pd.DataFrame) -> pd.DataFrame:
    """soort, sleutel, knelpunt, voorwaarde, regios (how many regions have it), sorted most frequent first."""
    if bottlenecks.empty:
        return pd.DataFrame(columns=["soort", "sleutel", "knelpunt", "voorwaarde", "regios"])
    grouped = bottlenecks.groupby(["soort", "sleutel"], sort=False).agg(
        knelpunt=("knelpunt", "first"), voorwaarde=("voorwaarde", "first"), regios=("code", "nunique")).reset_index()
    order = {kind: i for i, kind in enumerate(KINDS)}
    grouped["_orde"] = grouped["soort"].map(order)
    grouped = grouped.sort_values(["regios", "_orde", "sleutel"], ascending=[False, True, True], kind="stable")
    return grouped.drop(columns="_orde").reset_index(drop=True)


__all__ = ["COLUMNS", "KINDS", "KIND_LABELS", "frequency", "label", "region_bottlenecks"]
