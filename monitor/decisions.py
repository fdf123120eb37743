"""The signal decision itself, vectorised over regions, so the robustness check can repeat it cheaply.

A region gets a signal when its score for the rule's condition is at or below the rule's threshold, on at least
the rule's minimum weight of evidence that is not neutral (a sub-score of 0 says nothing either way), when the
registry facts of that condition lean towards a knelpunt on their own, with at least the rule's number of facts
pointing that way (findings sharpen or confirm a signal, they never make one against the registry), and only when the region has enough data: some evidence about the
network and a completeness at or above the catalogue's minimum (the share of its VG locations whose ties are
registered).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from monitor.catalogue import Catalogue


@dataclass(frozen=True)
class Arrays:
    """The evidence of one level as plain arrays (one entry per piece of evidence)."""

    position: np.ndarray  # index of the region in `codes`
    condition: np.ndarray  # voorwaarde
    indicator: np.ndarray  # True for registry facts, False for findings
    key: np.ndarray  # indicator key ('' for findings)
    value: np.ndarray  # raw indicator value (NaN for findings)
    weight: np.ndarray
    score: np.ndarray
    size: int  # number of regions
    of_condition: dict  # voorwaarde -> bool mask of its rows; computed once, the robustness check decides 40 times


def arrays(evidence: pd.DataFrame, codes: pd.Index) -> Arrays:
    position = codes.get_indexer(evidence["code"])
    keep = position >= 0
    rows = evidence[["voorwaarde", "soort", "sleutel", "waarde", "gewicht", "deelscore"]][keep]
    # Fixed-width numpy strings: comparing them is fast, unlike pandas' string or object columns.
    condition = rows["voorwaarde"].to_numpy(dtype=str)
    return Arrays(position[keep], condition,
                  (rows["soort"] == "indicator").to_numpy(), rows["sleutel"].to_numpy(dtype=str),
                  rows["waarde"].to_numpy(dtype=float), rows["gewicht"].to_numpy(dtype=float),
                  rows["deelscore"].to_numpy(dtype=float), len(codes),
                  {name: condition == name for name in np.unique(condition).tolist()})


def _rows_of(a: Arrays, conditions) -> np.ndarray:
    """Whether each piece of evidence belongs to one of `conditions`."""
    mask = np.zeros(len(a.position), dtype=bool)
    for name in conditions:
        if name in a.of_condition:
            mask |= a.of_condition[name]
    return mask


def _sums(a: Arrays, mask: np.ndarray, weight: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per region: total weight, weighted score sum, weight of non-neutral evidence, weighted sum of the facts and
    the number of facts pointing to a knelpunt."""
    p, w, s = a.position[mask], weight[mask], score[mask]
    facts = a.indicator[mask]
    return (np.bincount(p, weights=w, minlength=a.size), np.bincount(p, weights=w * s, minlength=a.size),
            np.bincount(p, weights=w * (s != 0), minlength=a.size),
            np.bincount(p, weights=w * s * facts, minlength=a.size),
            np.bincount(p, weights=(facts & (s < 0)).astype(float), minlength=a.size))


def decide(a: Arrays, completeness: np.ndarray, catalogue: Catalogue, weight: np.ndarray | None = None,
           score: np.ndarray | None = None) -> dict:
    """{'onvoldoende_gegevens': bool[], rule key: bool[], f'{rule key}_score': float[]}; `weight` and `score`
    replace the evidence's own (the robustness check passes varied ones)."""
    weight = a.weight if weight is None else weight
    score = a.score if score is None else score
    base = _rows_of(a, catalogue.basis_voorwaarden)
    with np.errstate(invalid="ignore"):
        enough = completeness >= catalogue.volledigheid_minimum
    missing = (np.bincount(a.position[base], weights=weight[base], minlength=a.size) <= 0) | ~enough
    out = {"onvoldoende_gegevens": missing}
    for rule in catalogue.signalen:
        W, WX, active, facts, failing = _sums(a, _rows_of(a, (rule.voorwaarde,)), weight, score)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(W > 0, np.clip(WX / np.where(W > 0, W, 1.0), -2.0, 2.0), np.nan)
        out[rule.sleutel] = (~missing & (W > 0) & (mean <= rule.score_hoogstens) & (active >= rule.min_gewicht)
                             & (facts < 0) & (failing >= rule.min_registerfeiten))
        out[f"{rule.sleutel}_score"] = mean
    return out
