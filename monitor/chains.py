"""Failure chains ('treinen', par. 4.1 of the study): which links of a known chain show up in a region.

A link is visible through an indicator of the link with a sub-score at or below the catalogue's threshold,
or through a failure finding whose text holds one of the link's keywords (and, if the link names conditions,
that is coded under one of them). Each piece of evidence is cited for one link at most. A chain is reported
when at least `min_schakels` of its links are visible.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import pandas as pd

from monitor.catalogue import Catalogue
from monitor.rows import records


@lru_cache(maxsize=65536)
def _mentions(sentence: str, words: tuple[str, ...]) -> bool:
    lowered = sentence.lower()
    return any(word in lowered for word in words)


def _finding_links(catalogue: Catalogue, sentence: str, condition: str) -> list[tuple[int, int]]:
    """The (chain, link) positions a failure finding can show."""
    return [
        (c, l)
        for c, chain in enumerate(catalogue.ketens)
        for l, link in enumerate(chain.schakels)
        if link.trefwoorden and (not link.voorwaarden or condition in link.voorwaarden)
        and _mentions(sentence, link.trefwoorden)
    ]


def _explain(catalogue: Catalogue, c: int, indicators: dict, findings: dict) -> str | None:
    chain = catalogue.ketens[c]
    possible = sum(1 for l, link in enumerate(chain.schakels)
                   if (c, l) in findings or any(key in indicators for key in link.indicatoren))
    if possible < chain.min_schakels:
        return None
    found, used = [], set()
    for l, link in enumerate(chain.schakels):
        candidates = sorted((item for key in link.indicatoren for item in indicators.get(key, ())),
                            key=lambda item: (item[0], item[1]))
        candidates += [(0.0, "", sentence) for sentence in findings.get((c, l), ())]
        cited = next((sentence for _, _, sentence in candidates if sentence not in used), None)
        if cited is not None:
            used.add(cited)
            found.append(f"({l + 1}) {link.naam}: {cited.rstrip('.')}")
    if len(found) < chain.min_schakels:
        return None
    return f"Keten '{chain.naam}': {len(found)} van de {len(chain.schakels)} schakels zijn hier zichtbaar — " + "; ".join(found) + "."


def region_chains(evidence: pd.DataFrame, codes, catalogue: Catalogue) -> dict[str, list[str]]:
    """Per region code the explanations of every recognised chain (empty list when none)."""
    result: dict[str, list[str]] = {code: [] for code in codes}
    threshold = catalogue.schakel_drempel
    relevant = evidence[(evidence["deelscore"] <= threshold).to_numpy() & evidence["code"].isin(set(codes)).to_numpy()]
    indicators: dict[str, dict] = defaultdict(lambda: defaultdict(list))  # code -> key -> [(score, key, sentence)]
    findings: dict[str, dict] = defaultdict(lambda: defaultdict(list))  # code -> (chain, link) -> [sentence]
    links_of: dict[tuple, list] = {}
    columns = ["code", "soort", "sleutel", "voorwaarde", "omschrijving", "deelscore", "richting"]
    for e in records(relevant, columns):
        sentence = str(e["omschrijving"])
        if e["soort"] == "indicator":
            indicators[e["code"]][e["sleutel"]].append((e["deelscore"], e["sleutel"], sentence))
        elif e["richting"] < 0:
            key = (sentence, e["voorwaarde"])
            if key not in links_of:
                links_of[key] = _finding_links(catalogue, *key)
            for position in links_of[key]:
                findings[e["code"]][position].append(sentence)
    for code in sorted(set(indicators) | set(findings)):
        for c in range(len(catalogue.ketens)):
            sentence = _explain(catalogue, c, indicators.get(code, {}), findings.get(code, {}))
            if sentence:
                result[code].append(sentence)
    return result
