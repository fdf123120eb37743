"""Failure chains ('treinen', par. 4.1 of the study): which links of a known chain are evidenced in a region.

A link is visible only through evidence for that link, as the catalogue names it per link:
- a failure finding (richting -1) in the region that carries one of the link's codebook codes (`codes`, items of
  data/codeboek.toml; the finding's code is the `item` column of the evidence frame), or
- a registry fact of one of the link's indicators (`indicatoren`) with a sub-score at or below the catalogue's
  `schakel_drempel`.
A finding's text plays no part: an uncoded finding shows no link, whatever words it contains.

Each piece of evidence supports one link of a chain at most. A code may stand at two links when its item names
both (IN03: GP coverage falls short and AVGs take over); the pieces are then shared out so that as many links as
possible are visible (a maximum matching, links in chain order, the worst registry fact first), and any further
evidence goes to the first link it can support. A chain is reported from `min_schakels` visible links.

`region_chain_links` gives the structure per region (every link of a recognised chain, with the evidence that
supports it: sentence, kind 'register' or 'bevinding', codebook code); `region_chains` gives the one-sentence
explanations the signal list uses; `chain_table` flattens the structure for a table in the chain view.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from monitor.catalogue import Catalogue, Chain
from monitor.rows import records

REGISTER, FINDING = "register", "bevinding"
TABLE_COLUMNS = ["keten", "keten_naam", "schakel", "schakel_naam", "zichtbaar", "soort", "code", "sleutel",
                 "omschrijving"]


@dataclass(frozen=True)
class Support:
    """One piece of evidence for a link."""

    soort: str  # 'register' (a registry fact) or 'bevinding' (a coded finding)
    omschrijving: str  # the sentence of the evidence frame
    code: str  # codebook code of a finding; '' for a registry fact
    sleutel: str  # indicator of a registry fact; '' for a finding
    deelscore: float


@dataclass(frozen=True)
class LinkEvidence:
    positie: int  # 1-based position in the chain
    naam: str
    bewijs: tuple[Support, ...]  # the first one is cited in the explanation; empty: the link is not visible

    @property
    def zichtbaar(self) -> bool:
        return bool(self.bewijs)


@dataclass(frozen=True)
class ChainEvidence:
    """A recognised chain in one region: every link, visible or not, with its supporting evidence."""

    sleutel: str
    naam: str
    min_schakels: int
    schakels: tuple[LinkEvidence, ...]

    @property
    def zichtbaar(self) -> tuple[LinkEvidence, ...]:
        return tuple(link for link in self.schakels if link.zichtbaar)

    def uitleg(self) -> str:
        """One Dutch sentence: which links are visible, each with the evidence cited for it."""
        parts = []
        for link in self.zichtbaar:
            cited = link.bewijs[0]
            text = f"({link.positie}) {link.naam}: {cited.omschrijving.rstrip('.')}"
            if cited.code:
                text += f" (code {cited.code})"
            more = len(link.bewijs) - 1
            if more:
                text += f" en nog {more} bewijsstuk{'ken' if more > 1 else ''}"
            parts.append(text)
        return (f"Keten '{self.naam}': {len(parts)} van de {len(self.schakels)} schakels zijn hier zichtbaar — "
                + "; ".join(parts) + ".")


def _relevant(evidence: pd.DataFrame, codes, catalogue: Catalogue) -> pd.DataFrame:
    """Evidence rows that can show some link: facts of chain indicators at or below the threshold, and failure
    findings coded with a chain code, for the wanted regions."""
    keys = {key for chain in catalogue.ketens for link in chain.schakels for key in link.indicatoren}
    items = {code for chain in catalogue.ketens for link in chain.schakels for code in link.codes}
    if evidence.empty or (not keys and not items):
        return pd.DataFrame(columns=["code", "soort", "sleutel", "omschrijving", "deelscore", "item"])
    soort = evidence["soort"].to_numpy()
    item = evidence["item"].fillna("").astype(str) if "item" in evidence.columns else pd.Series("", index=evidence.index)
    facts = (soort == "indicator") & evidence["sleutel"].isin(keys).to_numpy() \
        & (evidence["deelscore"].to_numpy(dtype=float) <= catalogue.schakel_drempel)
    findings = (soort == "bevinding") & (evidence["richting"].to_numpy(dtype=float) < 0) & item.isin(items).to_numpy()
    keep = (facts | findings) & evidence["code"].isin(set(codes)).to_numpy()
    return evidence.loc[keep, ["code", "soort", "sleutel", "omschrijving", "deelscore"]].assign(item=item.to_numpy()[keep])


def _pieces(rows: list[dict]) -> list[Support]:
    """A region's relevant rows as supports: registry facts worst first, then findings in evidence order."""
    facts = sorted((r for r in rows if r["soort"] == "indicator"), key=lambda r: (r["deelscore"], r["sleutel"]))
    findings = [r for r in rows if r["soort"] != "indicator"]
    return [Support(REGISTER, str(r["omschrijving"] or ""), "", str(r["sleutel"]), float(r["deelscore"])) for r in facts] + [
        Support(FINDING, str(r["omschrijving"] or ""), str(r["item"]), "", float(r["deelscore"])) for r in findings]


def _match(candidates: list[list[int]]) -> dict[int, int]:
    """Maximum matching of links to pieces (Kuhn's augmenting paths): link -> piece, each piece used once.
    Links are tried in chain order and their candidates in preference order, so the result is deterministic."""
    owner: dict[int, int] = {}  # piece -> link

    def augment(link: int, seen: set[int]) -> bool:
        for piece in candidates[link]:
            if piece in seen:
                continue
            seen.add(piece)
            if piece not in owner or augment(owner[piece], seen):
                owner[piece] = link
                return True
        return False

    for link in range(len(candidates)):
        augment(link, set())
    return {link: piece for piece, link in owner.items()}


def _chain_evidence(chain: Chain, pieces: list[Support]) -> ChainEvidence | None:
    candidates = [
        [i for i, p in enumerate(pieces)
         if (p.soort == REGISTER and p.sleutel in link.indicatoren) or (p.soort == FINDING and p.code in link.codes)]
        for link in chain.schakels
    ]
    if sum(1 for c in candidates if c) < chain.min_schakels:
        return None
    matched = _match(candidates)
    if len(matched) < chain.min_schakels:
        return None
    support: list[list[int]] = [[matched[l]] if l in matched else [] for l in range(len(chain.schakels))]
    used = set(matched.values())
    for l, options in enumerate(candidates):  # further evidence goes to the first link it can support
        for piece in options:
            if piece not in used and l in matched:
                support[l].append(piece)
                used.add(piece)
    links = tuple(
        LinkEvidence(l + 1, link.naam, tuple(pieces[i] for i in support[l])) for l, link in enumerate(chain.schakels)
    )
    return ChainEvidence(chain.sleutel, chain.naam, chain.min_schakels, links)


def region_chain_links(evidence: pd.DataFrame, codes, catalogue: Catalogue) -> dict[str, list[ChainEvidence]]:
    """Per region code the recognised chains (catalogue order) with per link the evidence that supports it."""
    result: dict[str, list[ChainEvidence]] = {code: [] for code in codes}
    relevant = _relevant(evidence, codes, catalogue)
    per_region: dict[str, list[dict]] = defaultdict(list)
    columns = ["code", "soort", "sleutel", "omschrijving", "deelscore", "item"]
    for row in records(relevant, columns):
        per_region[row["code"]].append(row)
    for code in sorted(per_region):
        pieces = _pieces(per_region[code])
        for chain in catalogue.ketens:
            found = _chain_evidence(chain, pieces)
            if found is not None:
                result[code].append(found)
    return result


def region_chains(evidence: pd.DataFrame, codes, catalogue: Catalogue) -> dict[str, list[str]]:
    """Per region code the explanation of every recognised chain (empty list when none)."""
    return {code: [chain.uitleg() for chain in chains]
            for code, chains in region_chain_links(evidence, codes, catalogue).items()}


def chain_table(chains: list[ChainEvidence]) -> pd.DataFrame:
    """One row per (link, supporting evidence) of the given chains; a link without evidence gets one row with
    zichtbaar False, so the table shows the whole chain."""
    rows = []
    for chain in chains:
        for link in chain.schakels:
            base = dict(keten=chain.sleutel, keten_naam=chain.naam, schakel=link.positie, schakel_naam=link.naam,
                        zichtbaar=link.zichtbaar)
            if not link.bewijs:
                rows.append(dict(base, soort="", code="", sleutel="", omschrijving=""))
            for support in link.bewijs:
                rows.append(dict(base, soort=support.soort, code=support.code, sleutel=support.sleutel,
                                 omschrijving=support.omschrijving))
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=bool if c == "zichtbaar" else object) for c in TABLE_COLUMNS})
    frame = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    frame["schakel"] = frame["schakel"].astype(np.int64)
    return frame


__all__ = ["ChainEvidence", "LinkEvidence", "Support", "chain_table", "region_chain_links", "region_chains"]
