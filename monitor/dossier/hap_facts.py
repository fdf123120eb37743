"""The registry facts of HAP service areas, worded and scored as monitor.facts does for regions (never a signal).

Per area (the HAP's werkgebied, as geo assigns VG locations to it): shares of its VG locations without a GP, with a
written agreement with this HAP and so on, client counts, formal ties, travel time to this HAP and AVG
accessibility, each as a sentence and a sub-score with the monitor catalogue's thresholds.
"""
from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import numpy as np
import pandas as pd

from monitor import catalogue as catalogue_module
from monitor.cache import memoised
from monitor.dossier.wording import number
from monitor.text import minutes, share_of

ZK = "zorgkantoorregio"

# Share facts of the area, as monitor.facts words them for regions: (catalogue key, counter, base counter,
# failing (the counter is the gap), knelpunt verbs, tegenwicht verbs, subject, needs GP ties, needs HAP ties).
SHARES = (
    ("aandeel_locaties_zonder_huisarts", "zonder_huisarts", "huisarts_bekend", True,
     ("heeft geen huisarts", "hebben geen huisarts"), ("heeft een huisarts", "hebben een huisarts"),
     "VG-locaties", True, False),
    ("aandeel_gezamenlijke_medische_dienst", "gezamenlijke_md", "huisarts_bekend", False,
     ("werkt niet met een huisarts in een gezamenlijke medische dienst",
      "werken niet met een huisarts in een gezamenlijke medische dienst"),
     ("werkt met een huisarts in een gezamenlijke medische dienst",
      "werken met een huisarts in een gezamenlijke medische dienst"), "VG-locaties", True, False),
    ("aandeel_vaste_huisarts", "bij_vaste_huisarts", "huisarts_bekend", False,
     ("werkt niet met de vaste huisartsenpraktijk van de eigen organisatie",
      "werken niet met de vaste huisartsenpraktijk van de eigen organisatie"),
     ("werkt met de vaste huisartsenpraktijk van de eigen organisatie",
      "werken met de vaste huisartsenpraktijk van de eigen organisatie"), "VG-locaties", True, False),
    ("aandeel_alleen_informeel", "alleen_informeel", "gebonden", True,
     ("heeft alleen mondelinge of casuïstiekafspraken", "hebben alleen mondelinge of casuïstiekafspraken"),
     ("heeft een schriftelijke afspraak", "hebben een schriftelijke afspraak"),
     "VG-locaties met een huisarts of HAP", False, False),
    ("aandeel_locaties_met_hap_afspraak", "afspraak_eigen_hap", "hap_band_bekend", False,
     ("heeft geen schriftelijke afspraak met deze HAP", "hebben geen schriftelijke afspraak met deze HAP"),
     ("heeft een schriftelijke afspraak met deze HAP", "hebben een schriftelijke afspraak met deze HAP"),
     "VG-locaties", False, True),
    ("aandeel_locaties_hap_beperkt_open", "hap_beperkt_open", "hap_bekend", True,
     ("valt onder een HAP die niet alle ANW-uren open is", "vallen onder een HAP die niet alle ANW-uren open is"),
     ("valt onder een HAP die alle ANW-uren open is", "vallen onder een HAP die alle ANW-uren open is"),
     "VG-locaties", False, False),
)


@dataclasses.dataclass(frozen=True)
class AreaFacts:
    """Per HAP area (index: HAP id) the registry facts of its VG locations, in one wave."""

    evidence: pd.DataFrame  # monitor evidence rows (code = HAP id, soort 'indicator', bron 'register')
    counts: pd.DataFrame  # index HAP id: locaties, geregistreerd, organisaties, met_huisarts, huisarts_bekend,
    #                       afspraak_eigen_hap, hap_band_bekend, praktijken (GP practices working with them)


def _verb(pair: tuple[str, str], count: int) -> str:
    return pair[0] if count == 1 else pair[1]


@memoised
def area_facts(geo_result, registry, golf: str | None) -> AreaFacts:
    """The registry facts of every HAP area (ties as known in wave `golf`), scored with the monitor catalogue's
    thresholds (monitor.scoring.indicator_evidence) so a fact reads and weighs as it does for a region."""
    from monitor.facts import wave_base
    from monitor.scoring import indicator_evidence

    base = wave_base(geo_result, registry, golf)
    loc = base.locations
    loc = loc[loc["hap_gebied"].notna().to_numpy()].copy()
    loc["hap_gebied"] = loc["hap_gebied"].astype(str)
    own = [str(h) in set(f or ()) for h, f in zip(loc["hap_gebied"], loc["haps_formeel"])]
    loc["c_afspraak_eigen_hap"] = loc["c_hap_band_bekend"].to_numpy() * np.asarray(own, dtype=float)
    group = loc.groupby("hap_gebied", sort=True)
    totals = group[[c for c in loc.columns if c.startswith("c_")]].sum()
    totals.columns = [c[2:] for c in totals.columns]
    values: dict[str, dict] = {}
    sentences: dict[str, dict] = {}
    for key, flag, base_key, failing, negative, positive, subject, gp, hap in SHARES:
        if (gp and not base.has_gp_ties) or (hap and not base.has_hap_ties):
            continue
        if key == "aandeel_alleen_informeel" and not (base.has_gp_ties or base.has_hap_ties):
            continue
        values[key], sentences[key] = {}, {}
        for code, a, n in zip(totals.index, totals[flag], totals[base_key]):
            if n <= 0:
                continue
            gap = int(a if failing else n - a)
            values[key][code] = gap / n if failing else (n - gap) / n
            sentences[key][code] = (f"{share_of(gap, n, subject)} {_verb(negative, gap)}",
                                    f"{share_of(int(n) - gap, n, subject)} {_verb(positive, int(n) - gap)}")
    if base.has_gp_ties:
        key = "aandeel_clienten_zonder_huisarts"
        values[key], sentences[key] = {}, {}
        from monitor.text import clients

        for code, missing, count, reported in zip(totals.index, totals["clienten_zonder_huisarts"],
                                                  totals["clienten_bekend"], totals["clienten_gemeld"]):
            if reported > 0 and count > 0:
                values[key][code] = missing / count
                sentences[key][code] = (
                    f"{clients(missing)} van de {clients(count)} cliënten wonen op een locatie zonder huisarts",
                    f"{clients(count - missing)} van de {clients(count)} cliënten wonen op een locatie met een huisarts")
    if base.has_gp_ties or base.has_hap_ties:
        key = "aandeel_formele_banden"
        values[key], sentences[key] = {}, {}
        noun = "samenwerkingen met huisarts of HAP"
        for code, formal, ties in zip(totals.index, totals["aantal_formele_banden"], totals["aantal_banden"]):
            if ties > 0:
                informal = int(ties - formal)
                values[key][code] = formal / ties
                sentences[key][code] = (
                    f"{share_of(informal, ties, noun)} {'is' if informal == 1 else 'zijn'} alleen mondeling of per "
                    "casus afgesproken",
                    f"{share_of(int(formal), ties, noun)} {'is' if formal == 1 else 'zijn'} schriftelijk vastgelegd "
                    "(contract, schriftelijke afspraak of gezamenlijke medische dienst)")
    # Travel to this area's own HAP (geo's estimate per VG location) and AVG accessibility (geo, level 'hap').
    facilities = geo_result.facilities
    vg = facilities[(facilities["type"] == "vg_locatie").to_numpy() & facilities["hap_gebied"].notna().to_numpy()]
    travel = pd.to_numeric(vg["reistijd_eigen_hap_min"], errors="coerce").astype(float)
    by_area = travel.groupby(vg["hap_gebied"].astype(str).to_numpy())
    median, longest = by_area.median(), by_area.max()
    key = "reistijd_hap_min_mediaan"
    values[key] = {c: float(m) for c, m in median.items() if m == m}
    sentences[key] = {c: f"Geschatte reistijd van de VG-locaties naar deze HAP: mediaan {minutes(m)}, langste "
                         f"{minutes(longest[c])}" for c, m in values[key].items()}
    if base.fte_known:
        frame = geo_result.indicators.get("hap")
        key = "avg_toegankelijkheid"
        access = dict(zip(frame["code"].astype(str), pd.to_numeric(frame[key], errors="coerce").astype(float)))
        values[key] = {c: v for c, v in access.items() if v == v}
        sentences[key] = {c: f"AVG-toegankelijkheid (E2SFCA): {number(v, 2)} fte per 1.000 cliënten"
                          for c, v in values[key].items()}
    codes = sorted(set(totals.index) | {c for v in values.values() for c in v})
    frame = pd.DataFrame({k: pd.Series(v, dtype=float) for k, v in values.items()}).reindex(codes)
    facts = SimpleNamespace(values=frame, sentences=sentences)
    evidence = indicator_evidence(facts, ZK, catalogue_module.default(), golf)
    practices = loc.groupby("hap_gebied")["huisartsen"].agg(lambda s: len({p for t in s for p in (t or ())}))
    counts = pd.DataFrame({
        "locaties": totals["n"].astype(int),
        "geregistreerd": totals["geregistreerd"].astype(int),
        "organisaties": group["organisatie_id"].nunique(),
        "met_huisarts": (totals["huisarts_bekend"] - totals["zonder_huisarts"]).astype(int),
        "huisarts_bekend": totals["huisarts_bekend"].astype(int),
        "afspraak_eigen_hap": totals["afspraak_eigen_hap"].astype(int),
        "hap_band_bekend": totals["hap_band_bekend"].astype(int),
        "praktijken": practices.reindex(totals.index).fillna(0).astype(int),
    })
    return AreaFacts(evidence, counts)


def mean_sub_score(evidence: pd.DataFrame, condition: str) -> pd.Series:
    """Per HAP area the weighted mean sub-score of its evidence for one condition (for comparing areas)."""
    rows = evidence[(evidence["voorwaarde"] == condition).to_numpy()]
    if rows.empty:
        return pd.Series(dtype=float)
    weights = rows["gewicht"].astype(float)
    total = (rows["deelscore"] * weights).groupby(rows["code"].astype(str)).sum()
    return total / weights.groupby(rows["code"].astype(str)).sum()
