"""Registry facts per region or organisation: the value of every catalogue indicator plus a Dutch sentence.

Two kinds of facts:
- organisation structure (HAP areas, GP practices, spread): a 'lappendeken' belongs to the organisation, so a
  region gets the mean over the organisations with VG locations there, weighted by their locations there;
- coverage and agreements (locations without a GP, informal-only ties, ...): the region's own VG locations.
A fact is missing (no evidence) when its base is empty: no locations, no clients known, no ties of that kind
in the whole registry (then the registry simply does not record them).
The per-region loops run over small dicts: a national level has a few hundred regions.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from monitor import text
from monitor.cache import memoised
from monitor.catalogue import Catalogue
from monitor.ties import fixed_practice, known_in_wave, location_ties, mark_fixed_practice

REGION_COLUMN = {"gemeente": "gemeente", "zorgkantoorregio": "zorgkantoorregio", "provincie": "provincie",
                 "organisatie": "organisatie_id"}
SUPPLY_TYPES = ("avg_poli", "vg_locatie")
# Per-location counters summed per region (and per region x organisation).
COUNTERS = ("n", "zonder_huisarts", "gebonden", "alleen_informeel", "gezamenlijke_md", "bij_vaste_huisarts",
            "hap_afspraak", "aantal_banden", "aantal_formele_banden", "hap_bekend", "hap_beperkt_open",
            "clienten_bekend", "clienten_gemeld", "clienten_zonder_huisarts")


@dataclass(frozen=True)
class Facts:
    values: pd.DataFrame  # index code; one column per indicator key; NaN = no evidence
    sentences: dict  # indicator key -> {code: the Dutch evidence sentence}
    locations: pd.DataFrame  # per VG location (wave-specific ties)


@dataclass(frozen=True)
class WaveBase:
    """What every level of one wave shares: locations with ties, organisation profiles, AVG supply, names."""

    locations: pd.DataFrame
    profiles: dict  # organisatie_id -> dict(n_loc, hap_gebieden, huisartsen, spreiding_km)
    org_names: dict
    supply: list  # (organisatie_id, fte, {niveau column: code}) of facilities with AVG FTE > 0
    polis: list  # (organisatie_id, fte or NaN, {niveau column: code}) of every AVG-poli
    has_gp_ties: bool
    has_hap_ties: bool


def _org_profiles(loc: pd.DataFrame) -> dict:
    located = loc[loc["organisatie_id"].notna().to_numpy()]
    groups = located.groupby("organisatie_id", sort=True)
    n_loc = groups.size()
    areas = groups["hap_gebied"].nunique().where(groups["hap_gebied"].count() > 0)
    exploded = located[["organisatie_id", "huisartsen"]].explode("huisartsen").dropna()
    practices = exploded.groupby("organisatie_id")["huisartsen"].nunique()
    centre = groups[["x", "y"]].transform("mean")
    distance_km = np.hypot(located["x"] - centre["x"], located["y"] - centre["y"]) / 1000.0
    spread = distance_km.groupby(located["organisatie_id"]).mean()
    return {
        org: {"n_loc": int(n), "hap_gebieden": float(areas.get(org, math.nan)),
              "huisartsen": float(practices.get(org, 0)), "spreiding_km": float(spread.get(org, math.nan))}
        for org, n in n_loc.items()
    }


def _facility_rows(fac: pd.DataFrame, mask: np.ndarray) -> list:
    """(organisatie_id, fte, region codes) per selected facility, in id order so sums never depend on row order."""
    rows = fac[mask]
    rows = rows.iloc[np.argsort(rows["id"].astype(str).to_numpy(), kind="stable")]
    fte = pd.to_numeric(rows["avg_fte"], errors="coerce").astype(float).tolist()
    columns = {c: rows[c].tolist() for c in REGION_COLUMN.values() if c in rows}
    return [
        (org, f, {c: columns[c][i] for c in columns})
        for i, (org, f) in enumerate(zip(rows["organisatie_id"].tolist(), fte))
    ]


@memoised
def wave_base(geo_result, registry, golf: str | None) -> WaveBase:
    haps = registry.facilities[(registry.facilities["type"] == "hap").to_numpy()]
    anw_open = pd.Series(haps["anw_open"].to_numpy(dtype=object), index=haps["id"].astype(str).to_numpy(dtype=object))
    loc = location_ties(geo_result.facilities, known_in_wave(registry.collaborations, golf), anw_open)
    loc["bij_vaste_huisarts"] = mark_fixed_practice(loc, fixed_practice(loc))
    clients = loc["clienten"].astype(float)
    has_gp = loc["heeft_huisarts"].to_numpy(dtype=bool)
    hap_known = loc["hap_beperkt_open"].notna().to_numpy()
    counters = {
        "n": np.ones(len(loc)),
        "zonder_huisarts": ~has_gp,
        "gebonden": loc["aantal_banden"].to_numpy() > 0,
        "alleen_informeel": loc["alleen_informeel"].to_numpy(dtype=bool),
        "gezamenlijke_md": loc["gezamenlijke_md"].to_numpy(dtype=bool),
        "bij_vaste_huisarts": loc["bij_vaste_huisarts"].to_numpy(dtype=bool),
        "hap_afspraak": loc["hap_afspraak"].to_numpy(dtype=bool),
        "aantal_banden": loc["aantal_banden"].to_numpy(),
        "aantal_formele_banden": loc["aantal_formele_banden"].to_numpy(),
        "hap_bekend": hap_known,
        "hap_beperkt_open": loc["hap_beperkt_open"].fillna(False).to_numpy(dtype=bool) & hap_known,
        "clienten_bekend": clients.fillna(0.0).to_numpy(),
        "clienten_gemeld": clients.notna().to_numpy(),
        "clienten_zonder_huisarts": np.where(has_gp, 0.0, clients.fillna(0.0).to_numpy()),
    }
    for key in COUNTERS:
        loc[f"c_{key}"] = np.asarray(counters[key], dtype=float)
    profiles = _org_profiles(loc)
    named = loc.dropna(subset=["organisatie_id"]).drop_duplicates("organisatie_id")
    names = {o: (n if isinstance(n, str) and n else o) for o, n in zip(named["organisatie_id"], named["organisatie_naam"])}
    fac = geo_result.facilities
    fte = pd.to_numeric(fac["avg_fte"], errors="coerce").fillna(0.0).to_numpy()
    kinds = fac["type"].to_numpy(dtype=object)
    supply = _facility_rows(fac, np.isin(kinds, SUPPLY_TYPES) & (fte > 0) & fac["organisatie_id"].notna().to_numpy())
    polis = _facility_rows(fac, kinds == "avg_poli")
    return WaveBase(loc, profiles, names, supply, polis, loc.attrs["heeft_huisartsbanden"], loc.attrs["heeft_hapbanden"])


class _Builder:
    """Collects values and sentences (plain dicts) for one level."""

    def __init__(self, codes: pd.Index):
        self.codes = codes
        self.values: dict[str, dict] = {}
        self.sentences: dict[str, dict] = {}

    def add(self, key: str, values: dict, sentences: dict) -> None:
        self.values[key] = {c: v for c, v in values.items() if v is not None and v == v}
        self.sentences[key] = sentences

    def frames(self) -> tuple[pd.DataFrame, dict]:
        codes = self.codes.tolist()
        values = pd.DataFrame({k: [d.get(c, np.nan) for c in codes] for k, d in self.values.items()},
                              index=self.codes, dtype=float)
        return values, {k: {c: self.sentences[k].get(c) for c in d} for k, d in self.values.items()}


def _ratio(num: float, den: float) -> float:
    return num / den if den > 0 else math.nan


class _Level:
    """Region x organisation counters for one level, and sentence helpers on top of them."""

    def __init__(self, base: WaveBase, niveau: str):
        loc = base.locations
        column = REGION_COLUMN[niveau]
        self.column = column
        here = loc[loc[column].notna().to_numpy()]
        keys = [f"c_{k}" for k in COUNTERS]
        # A location without an organisation still counts in the region's shares (under an empty id).
        owner = here["organisatie_id"].fillna("").astype(object).rename("organisatie_id")
        per = here.groupby([here[column].rename("regio"), owner], sort=True)[keys].sum()
        self.rows = list(zip(per.index.get_level_values(0).tolist(), per.index.get_level_values(1).tolist(),
                             *(per[k].tolist() for k in keys)))  # (regio, org, counters...)
        self.index = {k: i + 2 for i, k in enumerate(COUNTERS)}
        self.totals: dict[str, list[float]] = {}
        self.n_orgs: dict[str, int] = {}
        for row in self.rows:
            total = self.totals.setdefault(row[0], [0.0] * len(COUNTERS))
            for i in range(len(COUNTERS)):
                total[i] += row[i + 2]
            self.n_orgs[row[0]] = self.n_orgs.get(row[0], 0) + 1
        self.names = {**base.org_names, "": "een onbekende organisatie"}
        self.here = here
        self.single = {r[0]: self.names.get(r[1], r[1]) for r in self.rows if self.n_orgs[r[0]] == 1}

    def total(self, code: str, counter: str) -> float:
        return self.totals[code][self.index[counter] - 2]

    def worst(self, flag: str, base: str) -> dict[str, str]:
        """', waarvan a van de n bij X' for the organisation with most `flag`, where several organisations are."""
        fi, bi = self.index[flag], self.index[base]
        best: dict[str, tuple] = {}
        for row in self.rows:  # sorted by region, then organisation id: ties keep the lowest id
            r, a, n = row[0], row[fi], row[bi]
            if a > 0 and self.n_orgs[r] > 1 and (r not in best or (a, n) > best[r][1:]):
                best[r] = (row[1], a, n)
        return {r: f", waarvan {int(a)} van de {int(n)} bij {self.names.get(o, o)}" for r, (o, a, n) in best.items()}

    def share(self, b: _Builder, key: str, flag: str, verb, base: str = "n", subject: str = "VG-locaties") -> None:
        detail = self.worst(flag, base)
        values, sentences = {}, {}
        for code in self.totals:
            a, n = self.total(code, flag), self.total(code, base)
            if n <= 0:
                continue
            who = f"locaties van {self.single[code]}" if code in self.single and base == "n" else subject
            values[code] = a / n
            sentences[code] = f"{int(a)} van de {int(n)} {who} {verb(int(a))}{detail.get(code, '')}"
        b.add(key, values, sentences)

    def structure(self, b: _Builder, profiles: dict, key: str, metric: str, phrase) -> None:
        num: dict[str, float] = {}
        den: dict[str, float] = {}
        top: dict[str, tuple] = {}
        counted: dict[str, int] = {}
        n_index = self.index["n"]
        for row in self.rows:
            r, o, n = row[0], row[1], row[n_index]
            if o not in profiles:  # locations without an organisation have no organisation structure
                continue
            value = profiles[o][metric]
            if value != value:
                continue
            num[r] = num.get(r, 0.0) + value * n
            den[r] = den.get(r, 0.0) + n
            counted[r] = counted.get(r, 0) + 1
            if r not in top or (value, n) > top[r][1:]:
                top[r] = (o, value, n)
        values = {r: num[r] / den[r] for r in num}
        sentences = {}
        for r, (o, value, _) in top.items():
            sentence = phrase(self.names.get(o, o), profiles[o]["n_loc"], value)
            if counted[r] > 1:
                sentence += f" (gemiddeld {text.number(values[r])} per organisatie in deze regio)"
            sentences[r] = sentence
        b.add(key, values, sentences)


def _verb(one: str, many: str):
    return lambda count: one if count == 1 else many


def compute(geo_result, registry, niveau: str, codes: pd.Index, catalogue: Catalogue, golf: str | None = None) -> Facts:
    """Every indicator value for the regions `codes` of `niveau` (all of them, NaN where unknown)."""
    base = wave_base(geo_result, registry, golf)
    level = _Level(base, niveau)
    b = _Builder(codes)
    locs = lambda n: text.plural(n, "locatie", "locaties")  # noqa: E731
    level.structure(b, base.profiles, "hap_gebieden_per_organisatie", "hap_gebieden",
                    lambda org, n, v: f"{org} valt met {locs(n)} in {text.plural(int(v), 'HAP-gebied', 'HAP-gebieden')}")
    level.structure(b, base.profiles, "spreiding_organisatie_km", "spreiding_km",
                    lambda org, n, v: f"De {locs(n)} van {org} liggen gemiddeld {text.number(v)} km van hun midden")
    if base.has_gp_ties:
        level.structure(b, base.profiles, "huisartsenpraktijken_per_organisatie", "huisartsen",
                        lambda org, n, v: f"{org} werkt voor {locs(n)} met "
                                          f"{text.plural(int(v), 'huisartsenpraktijk', 'huisartsenpraktijken')}")
        level.share(b, "aandeel_locaties_zonder_huisarts", "zonder_huisarts", _verb("heeft geen huisarts", "hebben geen huisarts"))
        level.share(b, "aandeel_alleen_informeel", "alleen_informeel",
                    _verb("heeft alleen mondelinge of casuïstiekafspraken", "hebben alleen mondelinge of casuïstiekafspraken"),
                    base="gebonden", subject="VG-locaties met een huisarts of HAP")
        level.share(b, "aandeel_gezamenlijke_medische_dienst", "gezamenlijke_md",
                    _verb("werkt met een huisarts in een gezamenlijke medische dienst",
                          "werken met een huisarts in een gezamenlijke medische dienst"))
        level.share(b, "aandeel_vaste_huisarts", "bij_vaste_huisarts",
                    _verb("werkt met de vaste huisartsenpraktijk van de eigen organisatie",
                          "werken met de vaste huisartsenpraktijk van de eigen organisatie"))
        values, sentences = {}, {}
        for code in level.totals:
            missing, clients = level.total(code, "clienten_zonder_huisarts"), level.total(code, "clienten_bekend")
            if level.total(code, "clienten_gemeld") > 0 and clients > 0:
                values[code] = missing / clients
                sentences[code] = (f"{text.clients(missing)} van de {text.clients(clients)} cliënten wonen op een "
                                   f"locatie zonder huisarts")
        b.add("aandeel_clienten_zonder_huisarts", values, sentences)
        values, sentences = {}, {}
        for code in level.totals:
            formal, ties = level.total(code, "aantal_formele_banden"), level.total(code, "aantal_banden")
            if ties > 0:
                values[code] = formal / ties
                sentences[code] = (f"{int(formal)} van de {int(ties)} samenwerkingen met huisarts of HAP zijn "
                                   f"schriftelijk vastgelegd (contract, schriftelijke afspraak of gezamenlijke medische dienst)")
        b.add("aandeel_formele_banden", values, sentences)
    if base.has_hap_ties:
        level.share(b, "aandeel_locaties_met_hap_afspraak", "hap_afspraak",
                    _verb("heeft een schriftelijke afspraak met de HAP", "hebben een schriftelijke afspraak met de HAP"))
    level.share(b, "aandeel_locaties_hap_beperkt_open", "hap_beperkt_open",
                _verb("valt onder een HAP die niet alle ANW-uren open is", "vallen onder een HAP die niet alle ANW-uren open is"),
                base="hap_bekend", subject="VG-locaties met een bekende HAP")
    _travel_facts(b, level)
    _capacity_facts(b, base, niveau, geo_result)
    _geo_facts(b, geo_result, niveau, catalogue)
    values, sentences = b.frames()
    return Facts(values, sentences, base.locations)


def _travel_facts(b: _Builder, level: _Level) -> None:
    travel = level.here["reistijd_hap_min"].astype(float)
    groups = travel.groupby(level.here[level.column].to_numpy())
    median, longest = groups.median().to_dict(), groups.max().to_dict()
    known = {c: m for c, m in median.items() if m == m}
    b.add("reistijd_hap_min_mediaan", known,
          {c: f"Geschatte reistijd van de VG-locaties naar de dichtstbijzijnde HAP: mediaan {text.number(m, 0)} "
              f"minuten, langste {text.number(longest[c], 0)} minuten" for c, m in known.items()})


def _fte_shares(base: WaveBase, column: str) -> dict[str, tuple]:
    """Per region (>= 2 organisations with VG locations there) the largest holder of AVG FTE:
    region -> (organisatie_id, share, fte, total, organisations)."""
    loc = base.locations
    orgs_here: dict[str, set] = {}
    for code, org in zip(loc[column].tolist(), loc["organisatie_id"].tolist()):
        if isinstance(code, str) and isinstance(org, str):
            orgs_here.setdefault(code, set()).add(org)
    per: dict[str, dict[str, float]] = {}
    for org, fte, where in base.supply:
        code = where.get(column)
        if isinstance(code, str):
            per.setdefault(code, {})
            per[code][org] = per[code].get(org, 0.0) + fte
    result = {}
    for code in sorted(per):
        if len(orgs_here.get(code, ())) < 2:
            continue
        total = sum(per[code][o] for o in sorted(per[code]))
        org = min(per[code], key=lambda o: (-per[code][o], o))
        result[code] = (org, per[code][org] / total, per[code][org], total, len(orgs_here[code]))
    return result


def _capacity_facts(b: _Builder, base: WaveBase, niveau: str, geo_result) -> None:
    """AVG capacity concentration and closed AVG-poli's (netwerk te sterk); a poli with 0 FTE counts as closed."""
    names = base.org_names
    if niveau != "organisatie":
        column = REGION_COLUMN[niveau]
        top = _fte_shares(base, column)
        b.add("avg_concentratie", {c: t[1] for c, t in top.items()},
              {c: f"{names.get(o, o)} heeft {text.percent(s)} van de AVG-formatie in deze regio ({text.number(f)} van "
                  f"{text.number(tot)} fte), terwijl {k} organisaties hier VG-locaties hebben"
               for c, (o, s, f, tot, k) in top.items()})
        count: dict[str, int] = {}
        closed: dict[str, int] = {}
        for _, fte, where in base.polis:
            code = where.get(column)
            if isinstance(code, str):
                count[code] = count.get(code, 0) + 1
                closed[code] = closed.get(code, 0) + int(fte == 0)
        b.add("gesloten_avg_polis", {c: float(closed[c]) for c in count},
              {c: f"{closed[c]} van de {n} AVG-poli's in deze regio hebben geen formatie (gesloten)" for c, n in count.items()})
        return
    # Organisation level: its largest share in a zorgkantoorregio where it holds AVG capacity.
    zk = geo_result.indicators.get("zorgkantoorregio")
    zk_names = dict(zip(zk["code"], zk["naam"])) if zk is not None else {}
    shares: dict[str, tuple] = {}
    by_region = _fte_shares(base, "zorgkantoorregio")
    for org, fte, where in base.supply:
        region = where.get("zorgkantoorregio")
        if region in by_region:
            total, orgs = by_region[region][3], by_region[region][4]
            own = sum(f for o, f, w in base.supply if o == org and w.get("zorgkantoorregio") == region)
            candidate = (own / total, region, orgs)
            if org not in shares or (candidate[0], candidate[1]) > (shares[org][0], shares[org][1]):
                shares[org] = candidate
    b.add("avg_concentratie", {o: s[0] for o, s in shares.items()},
          {o: f"{names.get(o, o)} heeft {text.percent(s)} van de AVG-formatie in zorgkantoorregio {zk_names.get(r, r)}, "
              f"waar {k} organisaties VG-locaties hebben" for o, (s, r, k) in shares.items()})
    open_in: dict[str, set] = {}
    for org, fte, where in base.polis:
        if isinstance(org, str) and fte > 0 and isinstance(where.get("zorgkantoorregio"), str):
            open_in.setdefault(org, set()).add(where["zorgkantoorregio"])
    values, sentences = {}, {}
    for org in sorted(open_in):
        others = sum(1 for o, fte, w in base.polis
                     if fte == 0 and o != org and w.get("zorgkantoorregio") in open_in[org])
        values[org] = float(others)
        sentences[org] = (f"{others} AVG-poli's van andere organisaties in de zorgkantoorregio('s) waar "
                          f"{names.get(org, org)} een open poli heeft, hebben geen formatie (gesloten)")
    b.add("gesloten_avg_polis", values, sentences)


def _geo_facts(b: _Builder, geo_result, niveau: str, catalogue: Catalogue) -> None:
    """Indicators read as-is from GeoResult.indicators (catalogue `bron = "geo"`)."""
    frame = geo_result.indicators.get(niveau)
    for indicator in catalogue.indicators_for(niveau):
        if indicator.bron != "geo" or frame is None or indicator.kolom not in frame.columns:
            continue
        values = dict(zip(frame["code"].tolist(), pd.to_numeric(frame[indicator.kolom], errors="coerce").astype(float).tolist()))
        known = {c: v for c, v in values.items() if v == v}
        b.add(indicator.sleutel, known, {c: f"{indicator.label}: {text.number(v, 2)}" for c, v in known.items()})
