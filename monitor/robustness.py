"""Sensitivity of the signals: does a signal survive when the assumptions behind it move?

Every threshold (goed, slecht) and weight of the indicators in the signal conditions, the signal rules' score
threshold and minimum weight, the completeness minimum and the weight of findings are moved one at a time by
± the catalogue's `[robuustheid] variatie` (25%). A region's signal decision is 'robuust' when it is the same in
every variant; the number of variants with a weak-network signal shows the uncertainty.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from monitor.catalogue import Catalogue
from monitor.decisions import Arrays, decide
from monitor.scoring import normalise


@dataclass(frozen=True)
class Variant:
    catalogue: Catalogue
    finding_factor: float  # multiplies the weight of every finding


def variants(catalogue: Catalogue, niveau: str) -> list[Variant]:
    """Every one-at-a-time variation that can change a signal; variants equal to the original are left out."""
    factors = (1.0 - catalogue.gevoeligheid, 1.0 + catalogue.gevoeligheid)
    conditions = {rule.voorwaarde for rule in catalogue.signalen}
    out = []
    for position, indicator in enumerate(catalogue.indicatoren):
        if indicator.voorwaarde not in conditions or not indicator.applies_to(niveau):
            continue
        for field in ("goed", "slecht", "gewicht"):
            for factor in factors:
                value = getattr(indicator, field) * factor
                changed = replace(indicator, **{field: value})
                if value == getattr(indicator, field) or changed.goed == changed.slecht:
                    continue
                if (changed.goed > changed.slecht) != (indicator.goed > indicator.slecht):
                    continue
                items = list(catalogue.indicatoren)
                items[position] = changed
                out.append(Variant(replace(catalogue, indicatoren=tuple(items)), 1.0))
    for position, rule in enumerate(catalogue.signalen):
        for field in ("score_hoogstens", "min_gewicht"):
            for factor in factors:
                rules = list(catalogue.signalen)
                rules[position] = replace(rule, **{field: getattr(rule, field) * factor})
                out.append(Variant(replace(catalogue, signalen=tuple(rules)), 1.0))
    for factor in factors:
        out.append(Variant(replace(catalogue, volledigheid_minimum=catalogue.volledigheid_minimum * factor), 1.0))
        out.append(Variant(catalogue, factor))
    return out


def _rescored(a: Arrays, variant: Variant, base: Catalogue, rows_of: dict) -> tuple[np.ndarray, np.ndarray]:
    """Weights and sub-scores of the evidence as the variant's catalogue gives them: only the indicator that the
    variant changes is scored again."""
    weight = np.where(a.indicator, a.weight, a.weight * variant.finding_factor)
    score = a.score
    for indicator, original in zip(variant.catalogue.indicatoren, base.indicatoren):
        rows = rows_of.get(indicator.sleutel)
        if indicator is original or rows is None:
            continue
        score = score.copy()
        score[rows] = normalise(indicator, a.value[rows])
        weight[rows] = indicator.gewicht
    return weight, score


def stability(a: Arrays, codes: pd.Index, completeness: np.ndarray, catalogue: Catalogue, niveau: str,
              baseline: dict) -> pd.DataFrame:
    """Per code: robuust (bool), varianten (int), varianten_met_signaal (int, weak-network signal)."""
    rules = [rule.sleutel for rule in catalogue.signalen]
    rows_of = {key: np.flatnonzero(a.key == key) for key in set(a.key[a.indicator])}
    same = np.ones(len(codes), dtype=bool)
    weak = np.zeros(len(codes), dtype=int)
    found = variants(catalogue, niveau)
    for variant in found:
        decision = decide(a, completeness, variant.catalogue, *_rescored(a, variant, catalogue, rows_of))
        for key in rules:
            same &= decision[key] == baseline[key]
        weak += decision["zwak_netwerk"].astype(int)
    return pd.DataFrame({"code": codes.to_numpy(dtype=object), "robuust": same, "varianten": len(found),
                         "varianten_met_signaal": weak})
