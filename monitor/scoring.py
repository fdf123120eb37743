"""From facts and findings to evidence, and from evidence to scores per condition x stakeholder.

Every piece of evidence has a sub-score on the catalogue scale (-2..+2) and a weight:
- an indicator value v becomes t = clip((v - slecht) / (goed - slecht), 0, 1) (1 = at or beyond 'goed'),
  then 4t - 2 (bereik vol), 2t (positief: absence is neutral) or 2t - 2 (negatief: only a shortfall counts);
- a finding is -2 (system failure) or +2 (good practice) with its own weight.
A score is the weighted mean of the sub-scores, so it always stays on the scale, and adding a failure can only
lower it. Without any evidence there is no score (None: 'onvoldoende gegevens').
Confidence = W / (W + halfwaarde), W the total weight of the evidence.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.models import CONDITIONS, STAKEHOLDERS
from monitor.catalogue import Catalogue, Indicator
from monitor.facts import Facts

EVIDENCE_COLUMNS = [
    "code", "voorwaarde", "stakeholder", "soort", "sleutel", "omschrijving", "waarde", "deelscore", "richting",
    "gewicht", "bron", "golf", "item",
]


def normalise(indicator: Indicator, values) -> np.ndarray:
    """Sub-scores of raw indicator values (NaN stays NaN)."""
    v = np.asarray(values, dtype=float)
    t = np.clip((v - indicator.slecht) / (indicator.goed - indicator.slecht), 0.0, 1.0)
    if indicator.bereik == "positief":
        return 2.0 * t
    if indicator.bereik == "negatief":
        return 2.0 * t - 2.0
    return 4.0 * t - 2.0


CONSTANT_PER_INDICATOR = ("voorwaarde", "stakeholder", "soort", "sleutel", "bron", "golf", "item")


def indicator_evidence(facts: Facts, niveau: str, catalogue: Catalogue, golf: str | None) -> pd.DataFrame:
    """One row per (region, indicator) with a known value, in catalogue order over the sorted codes."""
    columns: dict[str, list] = {c: [] for c in EVIDENCE_COLUMNS if c not in CONSTANT_PER_INDICATOR}
    constant: dict[str, list] = {c: [] for c in CONSTANT_PER_INDICATOR}  # one value per indicator
    counts: list[int] = []  # rows per indicator
    for indicator in catalogue.indicators_for(niveau):
        if indicator.sleutel not in facts.values.columns:
            continue
        values = facts.values[indicator.sleutel].to_numpy(dtype=float)
        known = ~np.isnan(values)
        if not known.any():
            continue
        sub = normalise(indicator, values[known])
        count = int(known.sum())
        sentences = facts.sentences[indicator.sleutel]
        known_codes = facts.values.index[known].tolist()
        columns["code"] += known_codes
        columns["omschrijving"] += [_phrase(sentences.get(code), score) for code, score in zip(known_codes, sub)]
        columns["waarde"] += values[known].tolist()
        columns["deelscore"] += sub.tolist()
        columns["richting"] += np.sign(sub).astype(int).tolist()
        columns["gewicht"] += [indicator.gewicht] * count
        for column, value in (("voorwaarde", indicator.voorwaarde), ("stakeholder", indicator.stakeholder),
                              ("soort", "indicator"), ("sleutel", indicator.sleutel), ("bron", "register"),
                              ("golf", golf or ""), ("item", "")):
            constant[column].append(value)
        counts.append(count)
    if not columns["code"]:
        return empty_evidence()
    # Each constant is converted to pandas' string dtype once and then repeated (converting every copy is slow).
    block = np.repeat(np.arange(len(counts)), counts)
    return pd.DataFrame({c: pd.Series(constant[c]).array.take(block) if c in constant else columns[c]
                         for c in EVIDENCE_COLUMNS})


def _phrase(sentence, sub_score: float) -> str | None:
    """A fact that can point both ways has a (knelpunt, tegenwicht) pair: a gap is never told as counterweight."""
    if isinstance(sentence, tuple):
        return sentence[1] if sub_score > 0 else sentence[0]
    return sentence


# A finding without a text to show: none was imported, or the reader's role may not see it (data.access.redact
# leaves tekst and bron None). Reasons then count such findings instead of quoting them (monitor.signals).
TEXTLESS = "zonder zichtbare tekst"


def is_textless(sentence: object) -> bool:
    return TEXTLESS in str(sentence or "")


def finding_sentence(bron, golf, tekst, deels: bool, regio: str, region_names: dict) -> str:
    source = ", ".join(str(p) for p in (bron, golf) if p is not None and str(p).strip() and p == p)
    body = str(tekst).strip() if tekst is not None and tekst == tekst else ""
    if not body:
        sentence = f"Bevinding ({source}) {TEXTLESS}" if source else f"Bevinding {TEXTLESS}"
    else:
        sentence = f"Bevinding ({source}): {body}" if source else f"Bevinding: {body}"
    if deels:
        sentence += f" [bevinding over {region_names.get(regio, regio)}; telt deels mee]"
    return sentence


def finding_evidence(rolled: pd.DataFrame, catalogue: Catalogue, region_names: dict) -> pd.DataFrame:
    if rolled.empty:
        return empty_evidence()
    direction = np.sign(rolled["richting"].astype(int).to_numpy())
    sentences: dict[tuple, str] = {}
    described = []
    for key in zip(rolled["bron"].tolist(), rolled["golf"].tolist(), rolled["tekst"].tolist(), rolled["deels"].tolist(),
                   rolled["regio"].tolist()):
        if key not in sentences:
            sentences[key] = finding_sentence(*key, region_names)
        described.append(sentences[key])
    return pd.DataFrame(
        {
            "code": rolled["code"].to_numpy(dtype=object),
            "voorwaarde": rolled["voorwaarde"].to_numpy(dtype=object),
            "stakeholder": rolled["stakeholder"].to_numpy(dtype=object),
            "soort": "bevinding",
            "sleutel": "",
            "omschrijving": described,
            "waarde": np.nan,
            "deelscore": direction * catalogue.bevinding_waarde,
            "richting": direction.astype(int),
            "gewicht": rolled["gewicht"].to_numpy(dtype=float),
            "bron": rolled["bron"].fillna("").to_numpy(dtype=object),
            "golf": rolled["golf"].to_numpy(dtype=object),
            "item": rolled["item"].to_numpy(dtype=object),
        }
    )


def empty_evidence() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=float if c in ("waarde", "deelscore", "gewicht") else object) for c in EVIDENCE_COLUMNS})


def combine(parts: list[pd.DataFrame], codes: pd.Index) -> pd.DataFrame:
    """All evidence, grouped by region in code order.

    Each part arrives in a canonical order (indicators in catalogue order over sorted codes; findings sorted on
    all their fields), and the stable sort keeps that order within a region, so sums never depend on the order
    of the input rows.
    """
    parts = [p for p in parts if not p.empty]
    if not parts:
        return empty_evidence()
    evidence = pd.concat(parts, ignore_index=True)
    position = codes.get_indexer(evidence["code"])
    inside = np.flatnonzero(position >= 0)
    order = inside[np.argsort(position[inside], kind="stable")]
    return evidence.iloc[order].reset_index(drop=True)  # one take of every column


def _aggregate(codes: pd.Index, groups: list[str], evidence: pd.DataFrame, extra: str | None, halfwaarde: float):
    """Weighted mean, weight and count per code x group (x stakeholder) with np.bincount over the sorted evidence."""
    n_groups = len(groups)
    n_extra = len(STAKEHOLDERS) if extra else 1
    flat = codes.get_indexer(evidence["code"]) * n_groups + pd.Index(groups).get_indexer(evidence["voorwaarde"])
    if extra:
        flat = flat * n_extra + pd.Index(STAKEHOLDERS).get_indexer(evidence["stakeholder"])
    size = len(codes) * n_groups * n_extra
    weight = evidence["gewicht"].to_numpy(dtype=float)
    W = np.bincount(flat, weights=weight, minlength=size)
    WX = np.bincount(flat, weights=weight * evidence["deelscore"].to_numpy(dtype=float), minlength=size)
    N = np.bincount(flat, minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(W > 0, np.clip(WX / np.where(W > 0, W, 1.0), -2.0, 2.0), np.nan)
    return score, W / (W + halfwaarde), N.astype(int), W


def _repeated(values: np.ndarray, repeats: int, tiles: int):
    """np.tile(np.repeat(values, repeats), tiles) as a column with the dtype pandas infers for `values`: each
    distinct value is converted to pandas' string dtype once, then taken (converting every copy is slow)."""
    return pd.Series(values).array.take(np.tile(np.repeat(np.arange(len(values)), repeats), tiles))


def _table(codes: pd.Index, aggregate, extra: bool, catalogue: Catalogue) -> pd.DataFrame:
    score, confidence, count, weight = aggregate
    n_extra = len(STAKEHOLDERS) if extra else 1
    frame = pd.DataFrame({
        "code": _repeated(codes.to_numpy(dtype=object), len(CONDITIONS) * n_extra, 1),
        "voorwaarde": _repeated(np.array(CONDITIONS, dtype=object), n_extra, len(codes)),
    })
    if extra:
        frame["stakeholder"] = _repeated(np.array(STAKEHOLDERS, dtype=object), 1, len(codes) * len(CONDITIONS))
    frame["score"] = score
    frame["betrouwbaarheid"] = confidence
    frame["n_bewijs"] = count
    frame["bewijsgewicht"] = weight
    labels = sorted(catalogue.betrouwbaarheid_labels.items(), key=lambda kv: kv[1])
    label = np.full(len(frame), "geen", dtype=object)
    for name, lower in labels:
        label[(confidence >= lower) & (count > 0)] = name
    frame["betrouwbaarheid_label"] = label
    return frame


def score_tables(evidence: pd.DataFrame, codes: pd.Index, catalogue: Catalogue) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(conditions, cells) for every region x condition (x stakeholder); score NaN where there is no evidence."""
    conditions = _table(codes, _aggregate(codes, list(CONDITIONS), evidence, None, catalogue.halfwaarde), False, catalogue)
    # Only the columns the sums need: taking rows of the long text columns is the costly part.
    scored = evidence[["code", "voorwaarde", "stakeholder", "gewicht", "deelscore"]]
    with_group = scored[scored["stakeholder"].isin(STAKEHOLDERS).to_numpy()]
    cells = _table(codes, _aggregate(codes, list(CONDITIONS), with_group, "stakeholder", catalogue.halfwaarde), True, catalogue)
    return conditions, cells
