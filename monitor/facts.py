"""Registry facts per region or organisation: the value of every catalogue indicator plus Dutch sentences.

Three rules keep the facts honest:
- completeness: an organisation without a single registered tie (GP or HAP) is a hole in the registry, not an
  organisation without a GP. Facts about ties count only the locations of organisations whose ties are
  registered; `completeness` says over how many locations a region's tie facts stand;
- structure where it matters: an organisation's patchwork is measured over its locations inside the scored
  region, relative to its size and geography (monitor.structure);
- unknown is empty: a fact without a base (no locations, no registered ties, no AVG capacity in the registry)
  is NaN, never 0 and never 'bad'.
Sentences come in pairs (knelpunt, tegenwicht) where the fact can point both ways, so a coverage gap is never
presented as a counterweight and a failure sentence names the organisation with the largest gap.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
import pandas as pd

from monitor import text
from monitor.cache import memoised
from monitor.catalogue import Catalogue
from monitor.structure import STRUCTURE_COLUMNS, region_structure
from monitor.ties import fixed_practice, known_in_wave, location_ties, mark_fixed_practice, positions

REGION_COLUMN = {"gemeente": "gemeente", "zorgkantoorregio": "zorgkantoorregio", "provincie": "provincie",
                 "organisatie": "organisatie_id"}
SUPPLY_TYPES = ("avg_poli", "vg_locatie")
# Per-location counters summed per region (and per region x organisation).
COUNTERS = ("n", "geregistreerd", "huisarts_bekend", "zonder_huisarts", "gebonden", "alleen_informeel",
            "gezamenlijke_md", "bij_vaste_huisarts", "hap_band_bekend", "hap_afspraak", "aantal_banden",
            "aantal_formele_banden", "hap_bekend", "hap_beperkt_open", "clienten_bekend", "clienten_gemeld",
            "clienten_zonder_huisarts")
COMPLETENESS_COLUMNS = ["code", "locaties", "locaties_geregistreerd", "locaties_met_band", "volledigheid",
                        "volledigheid_tekst", "bronnen", "peildatum"]


@dataclass(frozen=True)
class Facts:
    values: pd.DataFrame  # index code; one column per indicator key; NaN = no evidence
    sentences: dict  # indicator key -> {code: sentence, or (knelpunt sentence, tegenwicht sentence)}
    locations: pd.DataFrame  # per VG location (wave-specific ties)
    completeness: pd.DataFrame  # COMPLETENESS_COLUMNS, one row per code with VG locations


@dataclass(frozen=True)
class WaveBase:
    """What every level of one wave shares: locations with ties, AVG supply, names, HDS per HAP."""

    locations: pd.DataFrame
    org_names: dict
    supply: list  # (organisatie_id, fte, {niveau column: code}) of facilities with AVG FTE > 0
    polis: list  # (organisatie_id, fte or NaN, {niveau column: code}) of every AVG-poli
    fte_known: bool  # the registry records AVG capacity at all
    has_gp_ties: bool
    has_hap_ties: bool
    hds_of: dict  # HAP id -> huisartsendienstenstructuur (the HAP's organisation, or the HAP itself)
    sources: pd.DataFrame  # location id, bron (source or file name), peildatum (import date) of its ties


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


def _registered(loc: pd.DataFrame) -> np.ndarray:
    """Locations whose ties are registered: the organisation has at least one tie (a location without an
    organisation only speaks for itself)."""
    tied = loc["aantal_banden"].to_numpy() > 0
    org = loc["organisatie_id"]
    tied_orgs = set(org[tied].dropna())
    return np.where(org.notna().to_numpy(), org.isin(tied_orgs).to_numpy(), tied)


@memoised
def wave_base(geo_result, registry, golf: str | None) -> WaveBase:
    facilities = registry.facilities
    haps = facilities[(facilities["type"] == "hap").to_numpy()]
    hap_ids = haps["id"].astype(str).to_numpy(dtype=object)
    anw_open = pd.Series(haps["anw_open"].to_numpy(dtype=object), index=hap_ids)
    hds_of = {h: (o if isinstance(o, str) and o else h) for h, o in zip(hap_ids, haps["organisatie_id"].tolist())}
    ties = known_in_wave(registry.collaborations, golf)
    loc = location_ties(geo_result.facilities, ties, anw_open)
    has_gp, has_hap = loc.attrs["heeft_huisartsbanden"], loc.attrs["heeft_hapbanden"]
    loc["bij_vaste_huisarts"] = mark_fixed_practice(loc, fixed_practice(loc))
    loc["geregistreerd"] = _registered(loc)
    registered = loc["geregistreerd"].to_numpy(dtype=bool)
    gp_known = registered & has_gp
    hap_known = registered & has_hap
    clients = loc["clienten"].astype(float)
    with_gp = loc["heeft_huisarts"].to_numpy(dtype=bool)
    area_known = loc["hap_beperkt_open"].notna().to_numpy()
    client_count = np.where(gp_known, clients.fillna(0.0).to_numpy(), 0.0)
    counters = {
        "n": np.ones(len(loc)),
        "geregistreerd": registered,
        "huisarts_bekend": gp_known,
        "zonder_huisarts": gp_known & ~with_gp,
        "gebonden": loc["aantal_banden"].to_numpy() > 0,
        "alleen_informeel": loc["alleen_informeel"].to_numpy(dtype=bool),
        "gezamenlijke_md": gp_known & loc["gezamenlijke_md"].to_numpy(dtype=bool),
        "bij_vaste_huisarts": gp_known & loc["bij_vaste_huisarts"].to_numpy(dtype=bool),
        "hap_band_bekend": hap_known,
        "hap_afspraak": hap_known & loc["hap_afspraak"].to_numpy(dtype=bool),
        "aantal_banden": loc["aantal_banden"].to_numpy(),
        "aantal_formele_banden": loc["aantal_formele_banden"].to_numpy(),
        "hap_bekend": area_known,
        "hap_beperkt_open": loc["hap_beperkt_open"].fillna(False).to_numpy(dtype=bool) & area_known,
        "clienten_bekend": client_count,
        "clienten_gemeld": gp_known & clients.notna().to_numpy(),
        "clienten_zonder_huisarts": np.where(with_gp, 0.0, client_count),
    }
    # One concat instead of a column insert per counter (each insert copies pandas' column index).
    loc = pd.concat([loc, pd.DataFrame({f"c_{key}": np.asarray(counters[key], dtype=float) for key in COUNTERS},
                                       index=loc.index)], axis=1)
    named = loc.dropna(subset=["organisatie_id"]).drop_duplicates("organisatie_id")
    names = {o: (n if isinstance(n, str) and n else o) for o, n in zip(named["organisatie_id"], named["organisatie_naam"])}
    fac = geo_result.facilities
    fte = pd.to_numeric(fac["avg_fte"], errors="coerce")
    kinds = fac["type"].to_numpy(dtype=object)
    is_supply = np.isin(kinds, SUPPLY_TYPES)
    supply = _facility_rows(fac, is_supply & (fte.fillna(0.0).to_numpy() > 0) & fac["organisatie_id"].notna().to_numpy())
    polis = _facility_rows(fac, kinds == "avg_poli")
    fte_known = bool((is_supply & fte.notna().to_numpy()).any())
    return WaveBase(loc, names, supply, polis, fte_known, has_gp, has_hap, hds_of, _tie_sources(ties, loc))


def _tie_sources(ties: pd.DataFrame, loc: pd.DataFrame) -> pd.DataFrame:
    """Where the ties of each VG location are recorded (bron, else the imported file) and when they were imported;
    `locatie` is the location's row in `loc`, so every level finds its region without matching ids again."""
    label = ties.get("bron", pd.Series(None, index=ties.index, dtype=object))
    label = label.where(label.notna(), ties.get("bestandsnaam", pd.Series(None, index=ties.index, dtype=object)))
    when = pd.to_datetime(ties.get("geimporteerd_op", pd.Series(pd.NaT, index=ties.index)), errors="coerce")
    ids = np.concatenate([ties["van"].astype(str).to_numpy(dtype=object), ties["naar"].astype(str).to_numpy(dtype=object)])
    labels = np.concatenate([label.to_numpy(dtype=object)] * 2)
    dates = np.concatenate([when.to_numpy()] * 2)
    position = positions(ids, loc["id"].to_numpy(dtype=object))
    keep = position >= 0
    both = pd.DataFrame({"id": pd.Series(ids[keep], dtype=object), "bron": pd.Series(labels[keep], dtype=object),
                         "peildatum": dates[keep], "locatie": position[keep]})  # locatie: row in `loc`
    # One row per location and source, with its newest import: what the regions sum up.
    return both.sort_values("peildatum", kind="stable").drop_duplicates(["id", "bron"], keep="last")


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


def _verb(one: str, many: str):
    return lambda count: one if count == 1 else many


class _Level:
    """Region x organisation counters for one level, and sentence helpers on top of them.

    Regions and organisations are integer codes in sorted order (pd.factorize), so grouping and ranking are
    numpy work instead of pandas work on string columns; sums per group stay pandas' (compensated) sums.
    """

    def __init__(self, base: WaveBase, niveau: str):
        loc = base.locations
        column = REGION_COLUMN[niveau]
        self.column = column
        inside = loc[column].notna().to_numpy()
        keys = [f"c_{k}" for k in COUNTERS]
        # Only the columns the level reads: taking rows of every column (tuples, names) costs more than the sums.
        here = loc.loc[inside, list(dict.fromkeys([column, "organisatie_id", "reistijd_hap_min", *keys]))]
        self.here = here
        # A location without an organisation still counts in the region's shares (under an empty id).
        region, self.regions = pd.factorize(here[column].to_numpy(dtype=object), sort=True)
        org, self.orgs = pd.factorize(here["organisatie_id"].fillna("").to_numpy(dtype=object), sort=True)
        self.region = region  # per row of `here`
        self.location_region = np.full(len(loc), -1)  # per row of base.locations: region code, -1 outside
        self.location_region[inside] = region
        width = max(len(self.orgs), 1)
        pairs, group = np.unique(region.astype(np.int64) * width + org, return_inverse=True)
        self.group_region, self.group_org = pairs // width, pairs % width  # per (region, organisation) group
        per = here[keys].groupby(group.ravel(), sort=True).sum()
        per.columns = list(COUNTERS)
        self.per = per.reset_index(drop=True)  # one row per group
        totals = self.per.groupby(self.group_region, sort=True).sum()
        totals.index = pd.Index(self.regions[totals.index.to_numpy()], dtype=object)
        self.totals = totals  # one row per region code
        self.n_orgs = np.bincount(self.group_region, minlength=len(self.regions))  # per region code
        self.names = {**base.org_names, "": "een onbekende organisatie"}
        alone = self.n_orgs[self.group_region] == 1
        self.single = {self.regions[r]: self.names.get(self.orgs[o], self.orgs[o])
                       for r, o in zip(self.group_region[alone].tolist(), self.group_org[alone].tolist())}

    def largest_gap(self, gap: np.ndarray, base: np.ndarray) -> dict[str, str]:
        """', waarvan a van de n bij X' naming the organisation with the largest gap, where several organisations are.
        `gap` and `base` hold one value per (region, organisation) group."""
        rows = np.flatnonzero((gap > 0) & (self.n_orgs[self.group_region] > 1))
        # Largest gap first; ties: larger base, then the lowest organisation id (codes are in id order).
        rows = rows[np.lexsort((self.group_org[rows], -base[rows], -gap[rows], self.group_region[rows]))]
        region = self.group_region[rows]
        rows = rows[np.r_[True, region[1:] != region[:-1]]] if len(rows) else rows
        return {self.regions[r]: f", waarvan {int(a)} van de {int(n)} bij {self.names.get(self.orgs[o], self.orgs[o])}"
                for r, o, a, n in zip(self.group_region[rows].tolist(), self.group_org[rows].tolist(),
                                      gap[rows].tolist(), base[rows].tolist())}

    def share(self, b: _Builder, key: str, flag: str, base: str, failing: bool, negative, positive,
              subject: str = "VG-locaties") -> None:
        """A share fact. `failing`: the flag counts the gap (e.g. zonder_huisarts); else the gap is base - flag.
        negative(count) / positive(count) give the verb of the knelpunt / tegenwicht sentence."""
        flags, bases = self.per[flag].to_numpy(), self.per[base].to_numpy()
        detail = self.largest_gap(flags if failing else bases - flags, bases)
        values, sentences = {}, {}
        for code, a, n in zip(self.totals.index.tolist(), self.totals[flag].tolist(), self.totals[base].tolist()):
            if n <= 0:
                continue
            who = f"locaties van {self.single[code]}" if code in self.single and subject == "VG-locaties" else subject
            gap = a if failing else n - a
            values[code] = a / n
            sentences[code] = (f"{text.share_of(gap, n, who)} {negative(int(gap))}{detail.get(code, '')}",
                               f"{text.share_of(n - gap, n, who)} {positive(int(n - gap))}")
        b.add(key, values, sentences)


def _structure_facts(b: _Builder, level: _Level, base: WaveBase, niveau: str, catalogue: Catalogue) -> None:
    table = region_structure(base.locations, level.column, base.hds_of, catalogue.cluster_km)
    names = level.names
    locs = lambda n: text.plural(int(n), "locatie", "locaties")  # noqa: E731

    def mean_per_region(rows: pd.DataFrame, value: pd.Series, weight: str) -> dict[str, tuple]:
        """Weighted mean per region, the number of organisations and the worst organisation's row."""
        v, w = value.to_numpy(dtype=float), rows[weight].to_numpy(dtype=float)
        keep = np.flatnonzero(~np.isnan(v) & (w > 0))
        v, w = v[keep], w[keep]
        region, regions = pd.factorize(rows["regio"].to_numpy(dtype=object)[keep], sort=True)
        org = pd.factorize(rows["organisatie_id"].to_numpy(dtype=object)[keep], sort=True)[0]
        sums = pd.Series(v * w).groupby(region).sum().tolist()
        totals = pd.Series(w).groupby(region).sum().tolist()
        counts = np.bincount(region, minlength=len(regions)).tolist()
        # The worst organisation of each region: highest value; ties: larger weight, then the lowest id.
        order = np.lexsort((org, -w, -v, region))
        first = order[np.r_[True, region[order][1:] != region[order][:-1]]] if len(order) else order
        fields = {c: rows[c].to_numpy()[keep[first]].tolist() for c in STRUCTURE_COLUMNS}
        fields["v"] = v[first].tolist()
        worst = [SimpleNamespace(**dict(zip(fields, row))) for row in zip(*fields.values())]
        return {r.regio: (sums[i] / totals[i], counts[i], r) for i, r in enumerate(worst)}

    registered = table["geregistreerd"].to_numpy(dtype=bool)
    if base.has_gp_ties:
        rows = table[registered & (table["praktijken"] > 0).to_numpy()]  # no GP at all is never an ideal structure
        values, sentences = {}, {}
        for r, (v, k, w) in mean_per_region(rows, rows["praktijken"] / rows["clusters"], "met_huisarts").items():
            own = (f"{names.get(w.organisatie_id, w.organisatie_id)} werkt voor {locs(w.met_huisarts)} met een huisarts "
                   f"in {text.plural(int(w.clusters), 'cluster', 'clusters')} met "
                   f"{text.plural(int(w.praktijken), 'huisartsenpraktijk', 'huisartsenpraktijken')} "
                   f"({text.number(w.v)} per cluster)")
            values[r] = v
            practices = "huisartsenpraktijk" if text.number(v) == "1" else "huisartsenpraktijken"
            sentences[r] = own if k == 1 else (f"Gemiddeld {text.number(v)} {practices} per cluster van "
                                               f"locaties bij {k} organisaties; het meest: {own}")
        b.add("huisartsenpraktijken_per_cluster", values, sentences)
    if base.has_hap_ties:
        rows = table[registered & (table["hds"] > 0).to_numpy()]
        values, sentences = {}, {}
        for r, (v, k, w) in mean_per_region(rows, rows["hds_zonder_afspraak"] / rows["hds"], "n").items():
            org = names.get(w.organisatie_id, w.organisatie_id)
            areas = (f"{org} valt met {locs(w.n)} in {text.plural(int(w.hap_gebieden), 'HAP-gebied', 'HAP-gebieden')} "
                     f"van {text.plural(int(w.hds), 'huisartsendienstenstructuur', 'huisartsendienstenstructuren')}")
            missing = int(w.hds_zonder_afspraak)
            own = areas + (f"; met {missing} daarvan is geen schriftelijke afspraak" if missing
                           else "; met elk daarvan is een schriftelijke afspraak")
            values[r] = v
            if k == 1:
                sentences[r] = own
            else:
                summary = (f"Gemiddeld {text.percent(v)} van de huisartsendienstenstructuren per organisatie is zonder "
                           f"schriftelijke afspraak ({k} organisaties)")
                sentences[r] = (f"{summary}; het meest: {own}", summary)
        b.add("aandeel_hds_zonder_afspraak", values, sentences)
    values, sentences = {}, {}
    for r, (v, k, w) in mean_per_region(table, table["spreiding_km"], "n").items():
        own = (f"De {locs(w.n)} van {names.get(w.organisatie_id, w.organisatie_id)} liggen gemiddeld "
               f"{text.number(w.v)} km van hun midden")
        values[r] = v
        sentences[r] = own if k == 1 else (f"Locaties liggen gemiddeld {text.number(v)} km van het midden van hun "
                                           f"organisatie ({k} organisaties); het verst: {own}")
    b.add("spreiding_organisatie_km", values, sentences)


def completeness(level: _Level, codes: pd.Index, sources: pd.DataFrame) -> pd.DataFrame:
    """Per region with VG locations: over how many of them tie facts stand (0..1), how many have a tie, and the
    sources and latest import date behind those ties."""
    totals = level.totals.reindex(codes).dropna(subset=["n"])
    totals = totals[totals["n"] > 0]
    # Sources per region as integer codes: (region, source) pairs in sorted order, the newest import per region.
    region = level.location_region[sources["locatie"].to_numpy()]
    found = region >= 0
    region = region[found]
    bron = sources["bron"].to_numpy(dtype=object)[found]
    named = pd.notna(bron)
    label, labels_sorted = pd.factorize(bron[named], sort=True)
    width = max(len(labels_sorted), 1)
    pairs = np.unique(region[named].astype(np.int64) * width + label)
    keys, names = pairs // width, np.asarray(labels_sorted, dtype=object)[pairs % width]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.array([], dtype=int)
    labels = {level.regions[k]: _listing(list(v)) for k, v in zip(keys[starts].tolist(), np.split(names, starts[1:]))} \
        if len(keys) else {}
    newest = pd.Series(sources["peildatum"].to_numpy()[found]).groupby(region).max()
    dates = dict(zip(level.regions[newest.index.to_numpy()], newest.tolist()))
    codes_here = totals.index.tolist()
    return pd.DataFrame({
        "code": np.array(codes_here, dtype=object),
        "locaties": totals["n"].astype(int).to_numpy(),
        "locaties_geregistreerd": totals["geregistreerd"].astype(int).to_numpy(),
        "locaties_met_band": totals["gebonden"].astype(int).to_numpy(),
        "volledigheid": (totals["geregistreerd"] / totals["n"]).to_numpy(),
        "volledigheid_tekst": [f"gegevens over {int(g)} van de {int(n)} VG-locaties"
                               for g, n in zip(totals["geregistreerd"], totals["n"])],
        "bronnen": [labels.get(c, "") for c in codes_here],
        "peildatum": [_iso(dates.get(c)) for c in codes_here],
    }, columns=COMPLETENESS_COLUMNS)


def _listing(labels: list[str], shown: int = 3) -> str:
    more = len(labels) - shown
    return ", ".join(labels[:shown]) + (f" en {more} meer" if more > 0 else "")


def _iso(moment) -> str:
    return "" if moment is None or pd.isna(moment) else pd.Timestamp(moment).date().isoformat()


def compute(geo_result, registry, niveau: str, codes: pd.Index, catalogue: Catalogue, golf: str | None = None) -> Facts:
    """Every indicator value for the regions `codes` of `niveau` (all of them, NaN where unknown)."""
    base = wave_base(geo_result, registry, golf)
    level = _Level(base, niveau)
    b = _Builder(codes)
    _structure_facts(b, level, base, niveau, catalogue)
    if base.has_gp_ties:
        level.share(b, "aandeel_locaties_zonder_huisarts", "zonder_huisarts", "huisarts_bekend", True,
                    _verb("heeft geen huisarts", "hebben geen huisarts"), _verb("heeft een huisarts", "hebben een huisarts"))
        level.share(b, "aandeel_gezamenlijke_medische_dienst", "gezamenlijke_md", "huisarts_bekend", False,
                    _verb("werkt niet met een huisarts in een gezamenlijke medische dienst",
                          "werken niet met een huisarts in een gezamenlijke medische dienst"),
                    _verb("werkt met een huisarts in een gezamenlijke medische dienst",
                          "werken met een huisarts in een gezamenlijke medische dienst"))
        level.share(b, "aandeel_vaste_huisarts", "bij_vaste_huisarts", "huisarts_bekend", False,
                    _verb("werkt niet met de vaste huisartsenpraktijk van de eigen organisatie",
                          "werken niet met de vaste huisartsenpraktijk van de eigen organisatie"),
                    _verb("werkt met de vaste huisartsenpraktijk van de eigen organisatie",
                          "werken met de vaste huisartsenpraktijk van de eigen organisatie"))
        _client_facts(b, level)
    if base.has_gp_ties or base.has_hap_ties:
        level.share(b, "aandeel_alleen_informeel", "alleen_informeel", "gebonden", True,
                    _verb("heeft alleen mondelinge of casuïstiekafspraken", "hebben alleen mondelinge of casuïstiekafspraken"),
                    _verb("heeft een schriftelijke afspraak", "hebben een schriftelijke afspraak"),
                    subject="VG-locaties met een huisarts of HAP")
        _formal_facts(b, level)
    if base.has_hap_ties:
        level.share(b, "aandeel_locaties_met_hap_afspraak", "hap_afspraak", "hap_band_bekend", False,
                    _verb("heeft geen schriftelijke afspraak met de HAP", "hebben geen schriftelijke afspraak met de HAP"),
                    _verb("heeft een schriftelijke afspraak met de HAP", "hebben een schriftelijke afspraak met de HAP"))
    level.share(b, "aandeel_locaties_hap_beperkt_open", "hap_beperkt_open", "hap_bekend", True,
                _verb("valt onder een HAP die niet alle ANW-uren open is", "vallen onder een HAP die niet alle ANW-uren open is"),
                _verb("valt onder een HAP die alle ANW-uren open is", "vallen onder een HAP die alle ANW-uren open is"),
                subject="VG-locaties met een bekende HAP")
    _travel_facts(b, level)
    _capacity_facts(b, base, niveau, geo_result)
    _geo_facts(b, geo_result, niveau, catalogue, base)
    values, sentences = b.frames()
    return Facts(values, sentences, base.locations, completeness(level, codes, base.sources))


def _client_facts(b: _Builder, level: _Level) -> None:
    values, sentences = {}, {}
    totals = level.totals
    for code, missing, clients, reported in zip(totals.index, totals["clienten_zonder_huisarts"],
                                                totals["clienten_bekend"], totals["clienten_gemeld"]):
        if reported > 0 and clients > 0:
            values[code] = missing / clients
            sentences[code] = (f"{text.clients(missing)} van de {text.clients(clients)} cliënten wonen op een locatie "
                               f"zonder huisarts",
                               f"{text.clients(clients - missing)} van de {text.clients(clients)} cliënten wonen op een "
                               f"locatie met een huisarts")
    b.add("aandeel_clienten_zonder_huisarts", values, sentences)


def _formal_facts(b: _Builder, level: _Level) -> None:
    values, sentences = {}, {}
    totals = level.totals
    for code, formal, ties in zip(totals.index, totals["aantal_formele_banden"], totals["aantal_banden"]):
        if ties > 0:
            values[code] = formal / ties
            ties_noun = "samenwerkingen met huisarts of HAP"
            sentences[code] = (f"{text.share_of(ties - formal, ties, ties_noun)} {'is' if ties - formal == 1 else 'zijn'} "
                               f"alleen mondeling of per casus afgesproken",
                               f"{text.share_of(formal, ties, ties_noun)} {'is' if formal == 1 else 'zijn'} schriftelijk "
                               f"vastgelegd (contract, schriftelijke afspraak of gezamenlijke medische dienst)")
    b.add("aandeel_formele_banden", values, sentences)


def _travel_facts(b: _Builder, level: _Level) -> None:
    groups = pd.Series(level.here["reistijd_hap_min"].to_numpy(dtype=float)).groupby(level.region)
    median, longest = groups.median(), groups.max()
    regions = level.regions[median.index.to_numpy()].tolist()
    median, longest = dict(zip(regions, median.tolist())), dict(zip(regions, longest.tolist()))
    known = {c: m for c, m in median.items() if m == m}
    b.add("reistijd_hap_min_mediaan", known,
          {c: f"Geschatte reistijd van de VG-locaties naar de dichtstbijzijnde HAP: mediaan {text.minutes(m)}, "
              f"langste {text.minutes(longest[c])}" for c, m in known.items()})


def _organisations_per_region(loc: pd.DataFrame, column: str) -> dict[str, int]:
    """Region -> the number of organisations with VG locations there (distinct integer-coded pairs)."""
    region, org = loc[column].to_numpy(dtype=object), loc["organisatie_id"].to_numpy(dtype=object)
    present = pd.notna(region) & pd.notna(org)
    region, regions = pd.factorize(region[present])
    org, orgs = pd.factorize(org[present])
    width = max(len(orgs), 1)
    pairs = np.unique(region.astype(np.int64) * width + org)
    return dict(zip(regions.tolist(), np.bincount(pairs // width, minlength=len(regions)).tolist()))


def _fte_shares(base: WaveBase, column: str) -> dict[str, tuple]:
    """Per region (>= 2 organisations with VG locations there) the largest holder of AVG FTE:
    region -> (organisatie_id, share, fte, total, organisations)."""
    orgs_here = _organisations_per_region(base.locations, column)
    regio = [where.get(column) for _, _, where in base.supply]
    keep = np.array([isinstance(r, str) and orgs_here.get(r, 0) >= 2 for r in regio], dtype=bool)
    if not keep.any():
        return {}
    region, regions = pd.factorize(np.array(regio, dtype=object)[keep], sort=True)
    org, orgs = pd.factorize(np.array([o for o, _, _ in base.supply], dtype=object)[keep], sort=True)
    pairs, group = np.unique(region.astype(np.int64) * len(orgs) + org, return_inverse=True)
    region, org = pairs // len(orgs), pairs % len(orgs)  # per (region, organisation), sorted
    fte = pd.Series(np.array([f for _, f, _ in base.supply], dtype=float)[keep]).groupby(group.ravel()).sum().to_numpy()
    totals = pd.Series(fte).groupby(region).sum().tolist()
    # Largest holder first; ties: the lowest organisation id.
    order = np.lexsort((org, -fte, region))
    top = order[np.r_[True, region[order][1:] != region[order][:-1]]]
    return {regions[r]: (orgs[o], f / totals[r], f, totals[r], int(orgs_here[regions[r]]))
            for r, o, f in zip(region[top].tolist(), org[top].tolist(), fte[top].tolist())}


def _capacity_facts(b: _Builder, base: WaveBase, niveau: str, geo_result) -> None:
    """AVG capacity concentration and closed AVG-poli's (netwerk te sterk); a poli with 0 FTE counts as closed.
    Every loop is one pass over the supply or the poli's (sums per key first, never a sum inside a loop)."""
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
    by_region = _fte_shares(base, "zorgkantoorregio")
    own: dict[tuple, float] = {}
    for org, fte, where in base.supply:
        region = where.get("zorgkantoorregio")
        if region in by_region:
            own[(org, region)] = own.get((org, region), 0.0) + fte
    shares: dict[str, tuple] = {}
    for (org, region), fte in sorted(own.items()):
        candidate = (fte / by_region[region][3], region, by_region[region][4])
        if org not in shares or (candidate[0], candidate[1]) > (shares[org][0], shares[org][1]):
            shares[org] = candidate
    b.add("avg_concentratie", {o: s[0] for o, s in shares.items()},
          {o: f"{names.get(o, o)} heeft {text.percent(s)} van de AVG-formatie in zorgkantoorregio {zk_names.get(r, r)}, "
              f"waar {k} organisaties VG-locaties hebben" for o, (s, r, k) in shares.items()})
    open_in: dict[str, set] = {}
    closed_in: dict[str, list] = {}  # zorgkantoorregio -> owners of its closed poli's
    for org, fte, where in base.polis:
        region = where.get("zorgkantoorregio")
        if not isinstance(region, str):
            continue
        if isinstance(org, str) and fte > 0:
            open_in.setdefault(org, set()).add(region)
        if fte == 0:
            closed_in.setdefault(region, []).append(org)
    values, sentences = {}, {}
    for org in sorted(open_in):
        others = sum(1 for region in open_in[org] for owner in closed_in.get(region, ()) if owner != org)
        values[org] = float(others)
        sentences[org] = (f"{others} AVG-poli's van andere organisaties in de zorgkantoorregio('s) waar "
                          f"{names.get(org, org)} een open poli heeft, hebben geen formatie (gesloten)")
    b.add("gesloten_avg_polis", values, sentences)


def _geo_facts(b: _Builder, geo_result, niveau: str, catalogue: Catalogue, base: WaveBase) -> None:
    """Indicators read as-is from GeoResult.indicators (catalogue `bron = "geo"`); accessibility needs AVG
    capacity in the registry: without any, it is unknown, not 0."""
    frame = geo_result.indicators.get(niveau)
    for indicator in catalogue.indicators_for(niveau):
        if indicator.bron != "geo" or frame is None or indicator.kolom not in frame.columns:
            continue
        if indicator.kolom == "avg_toegankelijkheid" and not base.fte_known:
            continue
        values = dict(zip(frame["code"].tolist(), pd.to_numeric(frame[indicator.kolom], errors="coerce").astype(float).tolist()))
        known = {c: v for c, v in values.items() if v == v}
        b.add(indicator.sleutel, known,
              {c: f"{indicator.label}: {text.number(v, 2)} {indicator.eenheid}" for c, v in known.items()})
