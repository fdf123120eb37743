"""Signals per region (zwak_netwerk, te_sterk_netwerk) with reasons in plain Dutch, and the pilot priority.

The decision itself lives in monitor.decisions (so the robustness check can repeat it); this module turns it into
rows a policy advisor can read: the score on the knelpunt scale, the registry facts that weigh most, the findings,
the counterweights, a good network or running convenant actions, and how robust the signal is.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd

from data.models import CONDITIONS
from monitor import cache, text
from monitor.catalogue import Catalogue, SignalRule
from monitor.rows import records
from monitor.scoring import is_textless

CONDITION_NAMES = {
    "infrastructuur": "infrastructuur",
    "harde_instituties": "harde instituties",
    "zachte_instituties": "zachte instituties",
    "netwerk_te_sterk": "netwerk te sterk",
    "netwerk_te_zwak": "netwerk te zwak",
    "goed_netwerk": "goed netwerk",
    "competenties": "competenties",
}
NETWORK_CONDITIONS = ("netwerk_te_zwak", "netwerk_te_sterk", "goed_netwerk")
NO_DATA = "Onvoldoende gegevens: er zijn geen VG-locaties, samenwerkingen of bevindingen over het netwerk in deze regio."
SIGNAL_COLUMNS = [
    "code", "naam", "niveau", "zwak_netwerk", "te_sterk_netwerk", "onvoldoende_gegevens", "redenen", "scores",
    "prioriteit", "ketens", "bewijsgewicht", "volledigheid", "volledigheid_tekst", "bronnen", "peildatum", "robuust",
    "varianten", "varianten_met_signaal", "lopende_acties",
]


def sentence(text_: str) -> str:
    """A reason as a sentence: a capital first letter and a closing full stop."""
    text_ = text_.strip()
    if not text_:
        return text_
    text_ = text_[0].upper() + text_[1:]
    return text_ if text_.endswith((".", "!", "?")) else text_ + "."


def _after_colon(text_: str) -> str:
    """'Bevinding (...)' reads 'bevinding (...)' after a colon; names and numbers stay as they are."""
    return "b" + text_[1:] if text_.startswith("Bevinding") else text_


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [i for i in items if not (i in seen or seen.add(i))]


def _rule_reasons(rule: SignalRule, row: dict, evidence: list[dict], completeness: str) -> list[str]:
    name = CONDITION_NAMES[rule.voorwaarde]
    basis = f"; {completeness}" if completeness else ""
    reasons = [
        f"Score '{name}' is {text.score(row['score'])} op de schaal van -2 (knelpunt) tot +2 (geen knelpunt); "
        f"signaal bij {text.score(rule.score_hoogstens)} of lager (betrouwbaarheid {row['betrouwbaarheid_label']}, "
        f"{text.plural(int(row['n_bewijs']), 'bewijsstuk', 'bewijsstukken')}{basis})."
    ]
    own = [e for e in evidence if e["voorwaarde"] == rule.voorwaarde]
    # Findings without a text to show (none imported, or hidden from this role) are counted, never quoted.
    hidden = [e for e in own if e["soort"] == "bevinding" and is_textless(e["omschrijving"])]
    quoted = [e for e in own if not (e["soort"] == "bevinding" and is_textless(e["omschrijving"]))]
    # Registry facts first (signals must stand on them), then the findings that sharpen or confirm them.
    against = sorted((e for e in quoted if e["deelscore"] < 0),
                     key=lambda e: (e["soort"] != "indicator", e["deelscore"] * e["gewicht"], str(e["omschrijving"])))
    reasons += [sentence(str(e["omschrijving"])) for e in against]
    failures = sum(1 for e in hidden if e["deelscore"] < 0)
    if failures:
        reasons.append(sentence(f"{text.plural(failures, 'bevinding', 'bevindingen')} zonder zichtbare tekst "
                                f"{'noemt' if failures == 1 else 'noemen'} een knelpunt bij '{name}'"))
    support = sorted(str(e["omschrijving"]) for e in quoted if e["deelscore"] > 0)
    reasons += [sentence(f"Tegenwicht: {_after_colon(s)}") for s in support]
    practices = sum(1 for e in hidden if e["deelscore"] > 0)
    if practices:
        reasons.append(sentence(f"Tegenwicht: {text.plural(practices, 'bevinding', 'bevindingen')} zonder zichtbare "
                                f"tekst {'noemt' if practices == 1 else 'noemen'} een goede praktijk bij '{name}'"))
    return reasons


def _context_reasons(scores: dict, evidence: list[dict], actions: list[str]) -> list[str]:
    """A good network and running convenant actions: they lower the pilot priority, so the reasons say so."""
    reasons = []
    good = scores.get("goed_netwerk")
    if good is not None and good > 0:
        cited = sorted((e for e in evidence if e["voorwaarde"] == "goed_netwerk" and e["deelscore"] > 0),
                       key=lambda e: (-e["deelscore"] * e["gewicht"], str(e["omschrijving"])))[:2]
        detail = "; ".join(str(e["omschrijving"]).rstrip(".") for e in cited)
        reasons.append(sentence(f"Goed netwerk: score {text.score(good)}" + (f" ({detail})" if detail else "")))
    if actions:
        reasons.append(sentence(f"Convenantacties die hier lopen of zijn afgerond: {'; '.join(actions)}; "
                                f"dat maakt een pilot minder dringend"))
    return reasons


def _robustness_reason(flagged: bool, robust: bool, with_signal: int, total: int, variation: float) -> str:
    spread = text.percent(variation)
    if total == 0:
        return ""
    if robust:
        return (f"Robuust: de uitkomst blijft gelijk in alle {total} varianten waarin drempels en gewichten "
                f"{spread} omhoog of omlaag gaan.")
    return (f"Gevoelig voor de aannames: een signaal 'zwak netwerk' in {with_signal} van de {total} varianten "
            f"waarin drempels en gewichten {spread} omhoog of omlaag gaan.")


def signal_table(regions: pd.DataFrame, niveau: str, conditions: pd.DataFrame, evidence: pd.DataFrame,
                 chains: dict[str, list[str]], catalogue: Catalogue, decision: dict, completeness: pd.DataFrame,
                 stability: pd.DataFrame, actions: dict[str, list[str]]) -> pd.DataFrame:
    """One row per region: flags, reasons, scores per condition, completeness, robustness and pilot priority."""
    codes = regions["code"].tolist()
    grid = _condition_grid(conditions, codes)
    at = {condition: j for j, condition in enumerate(CONDITIONS)}
    per_region: dict[str, list[dict]] = {}
    wanted = {rule.voorwaarde for rule in catalogue.signalen} | {"goed_netwerk"}
    fields = ["code", "voorwaarde", "soort", "omschrijving", "deelscore", "gewicht"]
    relevant = evidence[fields][evidence["voorwaarde"].isin(wanted).to_numpy()]
    for record in records(relevant, fields):
        per_region.setdefault(record["code"], []).append(record)
    # Plain lists: iterating pandas' Arrow-backed string columns value by value is slow.
    done = completeness["code"].tolist()
    share_of = dict(zip(done, completeness["volledigheid"].tolist()))
    text_of = dict(zip(done, completeness["volledigheid_tekst"].tolist()))
    sources_of = dict(zip(done, zip(completeness["bronnen"].tolist(), completeness["peildatum"].tolist())))
    stable = {c: (bool(r), int(t), int(w)) for c, r, t, w in zip(stability["code"].tolist(), stability["robuust"].tolist(),
                                                                   stability["varianten"].tolist(),
                                                                   stability["varianten_met_signaal"].tolist())}
    rows = []
    for i, (code, naam) in enumerate(zip(codes, regions["naam"].tolist())):
        no_data = bool(decision["onvoldoende_gegevens"][i])
        scores = {}
        for condition, value in zip(CONDITIONS, grid["score"][i]):
            unknown = value is None or math.isnan(value) or (no_data and condition in NETWORK_CONDITIONS)
            scores[condition] = None if unknown else round(float(value), 4)
        share = float(share_of.get(code, math.nan))
        share_text = str(text_of.get(code, ""))
        flags = {rule.sleutel: bool(decision[rule.sleutel][i]) for rule in catalogue.signalen}
        evidence_here = per_region.get(code, [])
        running = list(actions.get(code, []))
        robust, total, with_signal = stable[code]
        if no_data:
            reasons = [NO_DATA if share != share or share >= catalogue.volledigheid_minimum else
                       f"Onvoldoende gegevens: samenwerkingen zijn geregistreerd voor de organisaties van "
                       f"{share_text.removeprefix('gegevens over ')} ({text.percent(share)}); een oordeel over het "
                       f"netwerk vraagt minstens {text.percent(catalogue.volledigheid_minimum)}."]
        else:
            reasons = []
            for rule in catalogue.signalen:
                if flags[rule.sleutel]:
                    row = {column: cells[i][at[rule.voorwaarde]] for column, cells in grid.items()}
                    reasons += _rule_reasons(rule, row, evidence_here, share_text)
            if not reasons:
                reasons = [_no_signal(scores, catalogue, share_text)]
            reasons += _context_reasons(scores, evidence_here, running)
            reasons.append(_robustness_reason(flags["zwak_netwerk"], robust, with_signal, total, catalogue.gevoeligheid))
        ketens = [] if no_data else list(chains.get(code, []))
        confidence = grid["betrouwbaarheid"][i][at["netwerk_te_zwak"]]
        rows.append({
            "code": code, "naam": naam, "niveau": niveau,
            "zwak_netwerk": flags["zwak_netwerk"], "te_sterk_netwerk": flags["te_sterk_netwerk"],
            "onvoldoende_gegevens": no_data, "redenen": _unique([r for r in reasons if r]), "scores": scores,
            "prioriteit": None if no_data else priority(scores, confidence, len(ketens), len(running), catalogue),
            "ketens": ketens,
            "bewijsgewicht": float(sum(grid["bewijsgewicht"][i][at[c]] for c in catalogue.basis_voorwaarden)),
            "volledigheid": share, "volledigheid_tekst": share_text, "bronnen": sources_of.get(code, ("", ""))[0],
            "peildatum": sources_of.get(code, ("", ""))[1], "robuust": robust, "varianten": total,
            "varianten_met_signaal": with_signal, "lopende_acties": running,
        })
    return _frame(rows)


def _condition_grid(conditions: pd.DataFrame, codes: list[str]) -> dict[str, list[list]]:
    """Per column of the condition table its values as [region][condition], regions in `codes` order and
    conditions in CONDITIONS order: list indexing instead of a dict lookup per region and condition."""
    at = (pd.Index(codes).get_indexer(conditions["code"]) * len(CONDITIONS)
          + pd.Index(CONDITIONS).get_indexer(conditions["voorwaarde"]))
    grid = {}
    for column in ("score", "betrouwbaarheid", "n_bewijs", "bewijsgewicht", "betrouwbaarheid_label"):
        cells = np.empty(len(codes) * len(CONDITIONS), dtype=object)
        cells[at] = conditions[column].to_numpy(dtype=object)
        grid[column] = cells.reshape(len(codes), len(CONDITIONS)).tolist()
    return grid


def _frame(rows: list[dict]) -> pd.DataFrame:
    """The signal table with fixed dtypes, built column by column (astype on the whole frame copies every list)."""
    floats, bools, ints = ("prioriteit", "bewijsgewicht", "volledigheid"), \
        ("zwak_netwerk", "te_sterk_netwerk", "onvoldoende_gegevens", "robuust"), ("varianten", "varianten_met_signaal")
    columns = {}
    for column in SIGNAL_COLUMNS:
        values = [row[column] for row in rows]
        if column in floats:
            columns[column] = np.array([np.nan if v is None else v for v in values], dtype=float)
        elif column in bools:
            columns[column] = np.array(values, dtype=bool)
        elif column in ints:
            columns[column] = np.array(values, dtype=int)
        else:
            columns[column] = pd.Series(values, dtype=object)
    return pd.DataFrame(columns)


@lru_cache(maxsize=4096)
def _score_text(value: float | None) -> str:
    """text.score, remembered: the same scores and thresholds recur in the reasons of thousands of regions."""
    return text.score(value)


cache.register(_score_text)


def _no_signal(scores: dict, catalogue: Catalogue, completeness: str) -> str:
    parts = [
        f"'{CONDITION_NAMES[rule.voorwaarde]}' {_score_text(scores[rule.voorwaarde])} (signaal bij "
        f"{_score_text(rule.score_hoogstens)} of lager)"
        for rule in catalogue.signalen
    ]
    basis = f" ({completeness})" if completeness else ""
    return "Geen signaal: " + "; ".join(parts) + basis + "."


def priority(scores: dict, confidence: float, n_chains: int, n_actions: int, catalogue: Catalogue) -> float:
    """Rank score for pilot selection (see [prioriteit] in the catalogue); higher = start here first, never < 0."""
    weights = catalogue.prioriteit
    weak = scores["netwerk_te_zwak"]
    value = weights.get("gewicht_zwak", 1.0) * max(0.0, -(weak or 0.0)) * confidence
    value += weights.get("gewicht_infrastructuur", 0.0) * max(0.0, -(scores["infrastructuur"] or 0.0))
    value += weights.get("per_keten", 0.0) * n_chains
    value -= weights.get("gewicht_goed_netwerk", 0.0) * max(0.0, scores["goed_netwerk"] or 0.0)
    value -= weights.get("per_lopende_actie", 0.0) * n_actions
    return round(max(0.0, value), 4)


def province_from_regions(own: pd.DataFrame, children: pd.DataFrame, parent_of: dict[str, str]) -> pd.DataFrame:
    """Province signals that aggregate honestly: a province carries a signal because zorgkantoorregio's inside
    it do, and says which; its own scores, completeness and reasons stay beside that."""
    inside: dict[str, list[dict]] = {}
    columns = ["code", "naam", "zwak_netwerk", "te_sterk_netwerk", "onvoldoende_gegevens", "robuust", "varianten",
               "varianten_met_signaal", "prioriteit"]
    for child in records(children, columns):
        inside.setdefault(parent_of.get(child["code"]), []).append(child)
    rows = records(own, list(own.columns))
    for row in rows:
        regions = inside.get(row["code"])
        if not regions:
            continue
        reasons = []
        for key, label in (("zwak_netwerk", "een zwak netwerk"), ("te_sterk_netwerk", "een te sterk netwerk")):
            flagged = [r for r in regions if r[key]]
            row[key] = bool(flagged)
            if flagged:
                verb = "heeft" if len(flagged) == 1 else "hebben"
                names = ", ".join(f"{r['naam']} ({r['code']})" for r in flagged)
                reasons.append(f"Signaal omdat {len(flagged)} van de {len(regions)} zorgkantoorregio's in deze "
                               f"provincie {label} {verb}: {names}.")
        if not reasons:
            reasons.append(f"Geen signaal: geen van de {len(regions)} zorgkantoorregio's in deze provincie heeft een "
                           f"signaal.")
        any_flag = row["zwak_netwerk"] or row["te_sterk_netwerk"]
        row["onvoldoende_gegevens"] = all(r["onvoldoende_gegevens"] for r in regions) and not any_flag
        basis = f" ({row['volledigheid_tekst']})" if row["volledigheid_tekst"] else ""
        reasons.append(f"Eigen scores van de provincie: 'netwerk te zwak' {text.score(row['scores']['netwerk_te_zwak'])}, "
                       f"'netwerk te sterk' {text.score(row['scores']['netwerk_te_sterk'])}{basis}.")
        row["redenen"] = reasons
        row["robuust"] = all(r["robuust"] for r in regions)
        row["varianten"] = max(r["varianten"] for r in regions)
        row["varianten_met_signaal"] = max(r["varianten_met_signaal"] for r in regions)
        priorities = [r["prioriteit"] for r in regions if r["prioriteit"] == r["prioriteit"]]
        row["prioriteit"] = max(priorities) if priorities else np.nan
    return _frame(rows)


def gemeente_within_regions(own: pd.DataFrame, regions: pd.DataFrame, parent_of: dict[str, str]) -> pd.DataFrame:
    """A network is regional (HAP areas and zorgkantoor facilitation span several gemeenten): a gemeente carries a
    signal only inside a zorgkantoorregio that has it. Elsewhere its own facts stay, told as a local knelpunt."""
    flagged = {key: set(regions.loc[regions[key].to_numpy(dtype=bool), "code"]) for key in ("zwak_netwerk", "te_sterk_netwerk")}
    names = dict(zip(regions["code"], regions["naam"]))
    rows = records(own, list(own.columns))
    for row in rows:
        parent = parent_of.get(row["code"])
        for key, label in (("zwak_netwerk", "een zwak netwerk"), ("te_sterk_netwerk", "een te sterk netwerk")):
            if row[key] and parent not in flagged[key]:
                row[key] = False
                region = f"zorgkantoorregio {names.get(parent, parent)}" if parent else "geen zorgkantoorregio"
                row["redenen"] = [
                    f"Lokaal knelpunt zonder regionaal signaal: de feiten van deze gemeente wijzen op {label}, maar "
                    f"{region} als geheel niet; een signaal geldt voor het regionale netwerk.", *row["redenen"]]
    return _frame(rows)
