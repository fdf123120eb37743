"""Signals per region (zwak_netwerk, te_sterk_netwerk) with reasons in plain Dutch, and the pilot priority."""
from __future__ import annotations

import math

import pandas as pd

from data.models import CONDITIONS
from monitor import text
from monitor.catalogue import Catalogue, SignalRule
from monitor.rows import records

CONDITION_NAMES = {
    "infrastructuur": "infrastructuur",
    "harde_instituties": "harde instituties",
    "zachte_instituties": "zachte instituties",
    "netwerk_te_sterk": "netwerk te sterk",
    "netwerk_te_zwak": "netwerk te zwak",
    "goed_netwerk": "goed netwerk",
    "competenties": "competenties",
}
NO_DATA = "Onvoldoende gegevens: er zijn geen VG-locaties, samenwerkingen of bevindingen over het netwerk in deze regio."


def _sentence(text_: str) -> str:
    text_ = text_.strip()
    return text_ if text_.endswith((".", "!", "?")) else text_ + "."


def _rule_reasons(rule: SignalRule, row: dict, evidence: list[dict]) -> list[str]:
    name = CONDITION_NAMES[rule.voorwaarde]
    reasons = [
        f"Score '{name}' is {text.score(row['score'])} op de schaal van -2 tot +2 (signaal bij "
        f"{text.score(rule.score_hoogstens)} of lager; betrouwbaarheid {row['betrouwbaarheid_label']}, "
        f"{text.plural(int(row['n_bewijs']), 'bewijsstuk', 'bewijsstukken')})."
    ]
    own = [e for e in evidence if e["voorwaarde"] == rule.voorwaarde]
    # Registry facts first (signals must stand on them), then the findings that sharpen or confirm them.
    against = sorted((e for e in own if e["deelscore"] < 0),
                     key=lambda e: (e["soort"] != "indicator", e["deelscore"] * e["gewicht"], str(e["omschrijving"])))
    reasons += [_sentence(str(e["omschrijving"])) for e in against]
    support = sorted(str(e["omschrijving"]) for e in own if e["deelscore"] > 0)
    reasons += [_sentence(f"Tegenwicht: {sentence}") for sentence in support]
    return reasons


def signal_table(
    regions: pd.DataFrame,
    niveau: str,
    conditions: pd.DataFrame,
    evidence: pd.DataFrame,
    chains: dict[str, list[str]],
    catalogue: Catalogue,
) -> pd.DataFrame:
    """One row per region: flags, reasons, scores per condition, pilot priority and chain explanations."""
    table = {
        (r["code"], r["voorwaarde"]): r
        for r in records(conditions, ["code", "voorwaarde", "score", "betrouwbaarheid", "n_bewijs", "bewijsgewicht",
                                      "betrouwbaarheid_label"])
    }
    per_region: dict[str, list[dict]] = {}
    flagged_conditions = {rule.voorwaarde for rule in catalogue.signalen}
    relevant = evidence[evidence["voorwaarde"].isin(flagged_conditions).to_numpy()]
    for record in records(relevant, ["code", "voorwaarde", "soort", "omschrijving", "deelscore", "gewicht"]):
        per_region.setdefault(record["code"], []).append(record)
    rows = []
    for code, naam in zip(regions["code"], regions["naam"]):
        base_weight = sum(table[(code, c)]["bewijsgewicht"] for c in catalogue.basis_voorwaarden)
        no_data = base_weight <= 0
        scores = {}
        for condition in CONDITIONS:
            value = table[(code, condition)]["score"]
            scores[condition] = None if value is None or math.isnan(value) else round(float(value), 4)
        flags, reasons = {}, []
        for rule in catalogue.signalen:
            row = table[(code, rule.voorwaarde)]
            flagged = (
                not no_data
                and scores[rule.voorwaarde] is not None
                and row["score"] <= rule.score_hoogstens
                and row["bewijsgewicht"] >= rule.min_gewicht
            )
            flags[rule.sleutel] = bool(flagged)
            if flagged:
                reasons += _rule_reasons(rule, row, per_region.get(code, []))
        if no_data:
            reasons = [NO_DATA]
        elif not reasons:
            reasons = [_no_signal(scores, catalogue)]
        ketens = [] if no_data else list(chains.get(code, []))
        confidence = table[(code, "netwerk_te_zwak")]["betrouwbaarheid"]
        rows.append(
            {
                "code": code,
                "naam": naam,
                "niveau": niveau,
                "zwak_netwerk": flags["zwak_netwerk"],
                "te_sterk_netwerk": flags["te_sterk_netwerk"],
                "onvoldoende_gegevens": bool(no_data),
                "redenen": reasons,
                "scores": scores,
                "prioriteit": None if no_data else priority(scores, confidence, len(ketens), catalogue),
                "ketens": ketens,
                "bewijsgewicht": float(base_weight),
            }
        )
    frame = pd.DataFrame(rows, columns=[
        "code", "naam", "niveau", "zwak_netwerk", "te_sterk_netwerk", "onvoldoende_gegevens", "redenen", "scores",
        "prioriteit", "ketens", "bewijsgewicht",
    ])
    frame["prioriteit"] = pd.to_numeric(frame["prioriteit"], errors="coerce").astype(float)
    frame["bewijsgewicht"] = frame["bewijsgewicht"].astype(float)
    return frame.astype({"zwak_netwerk": bool, "te_sterk_netwerk": bool, "onvoldoende_gegevens": bool})


def _no_signal(scores: dict, catalogue: Catalogue) -> str:
    parts = [
        f"'{CONDITION_NAMES[rule.voorwaarde]}' {text.score(scores[rule.voorwaarde])} (signaal bij "
        f"{text.score(rule.score_hoogstens)} of lager)"
        for rule in catalogue.signalen
    ]
    return "Geen signaal: " + "; ".join(parts) + "."


def priority(scores: dict, confidence: float, n_chains: int, catalogue: Catalogue) -> float:
    """Rank score for pilot selection (see [prioriteit] in the catalogue); higher = start here first."""
    weights = catalogue.prioriteit
    weak = scores["netwerk_te_zwak"]
    infra = scores["infrastructuur"]
    value = weights.get("gewicht_zwak", 1.0) * max(0.0, -(weak or 0.0)) * confidence
    value += weights.get("gewicht_infrastructuur", 0.0) * max(0.0, -(infra or 0.0))
    value += weights.get("per_keten", 0.0) * n_chains
    return round(value, 4)
