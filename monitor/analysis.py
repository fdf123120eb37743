"""analyse_level(): registry facts and findings -> evidence -> scores -> signals for one level and wave (pure)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data.errors import UserError
from data.registry import Geography, Registry
from monitor import catalogue as catalogue_module
from monitor import facts as facts_module
from monitor import findings as findings_module
from monitor.cache import memoised
from monitor.catalogue import MONITOR_LEVELS, Catalogue
from monitor.chains import region_chains
from monitor.decisions import arrays, decide
from monitor.regional_actions import running_actions
from monitor.robustness import stability
from monitor.scoring import combine, finding_evidence, indicator_evidence, score_tables
from monitor.signals import gemeente_within_regions, province_from_regions, signal_table

@dataclass(frozen=True)
class MonitorResult:
    niveau: str
    golf: str | None
    catalogus_versie: str
    is_demo: bool
    signals: pd.DataFrame  # monitor.signals.SIGNAL_COLUMNS: flags, reasons, scores, priority, completeness, robustness
    conditions: pd.DataFrame  # code, voorwaarde, score, betrouwbaarheid, n_bewijs, bewijsgewicht, betrouwbaarheid_label
    cells: pd.DataFrame  # code, voorwaarde, stakeholder, score, betrouwbaarheid, n_bewijs, bewijsgewicht, betrouwbaarheid_label
    evidence: pd.DataFrame  # code, voorwaarde, stakeholder, soort, sleutel, omschrijving, waarde, deelscore, richting, gewicht, bron, golf
    facts: pd.DataFrame  # index code; raw indicator values (NaN = unknown)
    completeness: pd.DataFrame  # code, locaties, locaties_geregistreerd, volledigheid, volledigheid_tekst


@memoised
def regions_of(niveau: str, geography: Geography, registry: Registry, geo_result=None) -> pd.DataFrame:
    """code, naam of every region of the level (sorted by code), also those without any data."""
    if niveau == "organisatie":
        orgs = registry.facilities[["organisatie_id", "organisatie_naam"]].dropna(subset=["organisatie_id"])
        orgs = orgs.assign(organisatie_id=orgs["organisatie_id"].astype(str)).drop_duplicates("organisatie_id")
        frame = pd.DataFrame({"code": orgs["organisatie_id"].to_numpy(dtype=object),
                              "naam": orgs["organisatie_naam"].fillna(orgs["organisatie_id"]).to_numpy(dtype=object)})
    else:
        rows = geography.regions[geography.regions["niveau"] == niveau]
        frame = pd.DataFrame({"code": rows["code"].astype(str).to_numpy(dtype=object),
                              "naam": rows["naam"].to_numpy(dtype=object)})
        if frame.empty and geo_result is not None and niveau in geo_result.indicators:
            frame = geo_result.indicators[niveau][["code", "naam"]].copy()
    return frame.drop_duplicates("code").sort_values("code", kind="stable").reset_index(drop=True)


def _check(niveau: str, golf: str | None, registry: Registry) -> None:
    if niveau not in MONITOR_LEVELS:
        raise UserError(f"Onbekend niveau '{niveau}'; kies uit {', '.join(MONITOR_LEVELS)}.")
    if golf is not None and golf not in set(registry.waves["code"].astype(str)):
        known = ", ".join(registry.waves.sort_values("volgorde")["code"].astype(str)) or "geen"
        raise UserError(f"Onbekende meetgolf '{golf}'; bekende golven: {known}.")


@memoised
def _region_names(geography: Geography) -> dict[str, str]:
    regions = geography.regions
    return {
        code: (f"postcode {code}" if code.isdigit() else name)
        for code, name in zip(regions["code"].astype(str).tolist(), regions["naam"].astype(str).tolist())
    }


def analyse_level(
    geo_result,
    registry: Registry,
    geography: Geography,
    niveau: str,
    golf: str | None = None,
    catalogue: Catalogue | None = None,
) -> MonitorResult:
    """Scores, evidence and signals for every region of `niveau` in wave `golf` (None: all data together).

    With a wave, only the collaborations that existed then and the findings of that wave count; facilities and
    geography are the registry's current state. Without a wave, a finding repeated unchanged counts once.
    A province carries the signals of the zorgkantoorregio's inside it, and a gemeente its own signal only inside a
    zorgkantoorregio that has it (monitor.signals.province_from_regions, gemeente_within_regions).
    """
    _check(niveau, golf, registry)
    return _analyse(geo_result, registry, geography, niveau, golf, catalogue or catalogue_module.default())


@memoised
def _analyse(geo_result, registry: Registry, geography: Geography, niveau: str, golf: str | None,
             catalogue: Catalogue) -> MonitorResult:
    """analyse_level's work, once per level and wave: coarser levels reuse the zorgkantoorregio result."""
    regions = regions_of(niveau, geography, registry, geo_result)
    codes = pd.Index(regions["code"], name="code")
    facts = facts_module.compute(geo_result, registry, niveau, codes, catalogue, golf)
    findings = registry.findings if golf is not None else findings_module.pooled(registry.findings, registry.waves)
    rolled = findings_module.roll(findings, geography.membership, niveau, codes, catalogue, golf, facts.locations)
    evidence = combine([
        indicator_evidence(facts, niveau, catalogue, golf),
        finding_evidence(rolled, catalogue, _region_names(geography)),
    ], codes)
    conditions, cells = score_tables(evidence, codes, catalogue)
    chains = region_chains(evidence, codes, catalogue)
    share = facts.completeness.set_index("code")["volledigheid"].reindex(codes).to_numpy(dtype=float)
    evidence_arrays = arrays(evidence, codes)
    decision = decide(evidence_arrays, share, catalogue)
    robust = stability(evidence_arrays, codes, share, catalogue, niveau, decision)
    actions = running_actions(registry.actions, registry.waves, geography.membership, niveau, codes, golf)
    signals = signal_table(regions, niveau, conditions, evidence, chains, catalogue, decision, facts.completeness,
                           robust, actions)
    if niveau in ("provincie", "gemeente"):
        regions = _analyse(geo_result, registry, geography, "zorgkantoorregio", golf, catalogue).signals
        if niveau == "provincie":
            signals = province_from_regions(signals, regions, _province_of_regions(geography))
        else:
            signals = gemeente_within_regions(signals, regions, findings_module.parents_of(geography.membership,
                                                                                          "zorgkantoorregio"))
    return MonitorResult(niveau, golf, catalogue.versie, bool(registry.is_demo), signals, conditions, cells, evidence,
                         facts.values, facts.completeness)


@memoised
def _province_of_regions(geography: Geography) -> dict[str, str]:
    """zorgkantoorregio -> the province that holds most of its gemeenten."""
    membership = geography.membership
    zk = membership[membership["ouder_niveau"] == "zorgkantoorregio"].set_index("kind_code")["ouder_code"]
    pv = membership[membership["ouder_niveau"] == "provincie"].set_index("kind_code")["ouder_code"]
    pairs = pd.DataFrame({"zk": zk, "pv": pv.reindex(zk.index)}).dropna()
    counts = pairs.groupby(["zk", "pv"]).size().reset_index(name="n")
    counts = counts.sort_values(["zk", "n", "pv"], ascending=[True, False, True], kind="stable").drop_duplicates("zk")
    return dict(zip(counts["zk"], counts["pv"]))


PILOT_COLUMNS = ["rang", "code", "naam", "niveau", "robuust", "varianten_met_signaal", "varianten", "prioriteit",
                 "score_netwerk_te_zwak", "betrouwbaarheid", "volledigheid", "volledigheid_tekst", "te_sterk_netwerk",
                 "redenen", "ketens"]


def pilot_candidates(result: MonitorResult) -> pd.DataFrame:
    """Regions flagged zwak_netwerk: robust signals first, then the highest priority (ties by code), with their
    reasons, chains, completeness and uncertainty."""
    flagged = result.signals.loc[result.signals["zwak_netwerk"].astype(bool).to_numpy()].copy()
    confidence = result.conditions[result.conditions["voorwaarde"] == "netwerk_te_zwak"].set_index("code")["betrouwbaarheid"]
    flagged["score_netwerk_te_zwak"] = [s["netwerk_te_zwak"] for s in flagged["scores"]]
    flagged["betrouwbaarheid"] = confidence.reindex(flagged["code"]).to_numpy(dtype=float)
    flagged = flagged.sort_values(["robuust", "prioriteit", "code"], ascending=[False, False, True],
                                  kind="stable").reset_index(drop=True)
    flagged["rang"] = range(1, len(flagged) + 1)
    return flagged[PILOT_COLUMNS]
