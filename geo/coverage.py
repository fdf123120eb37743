"""Dekking per VG-locatie: GP, HAP and AVG coverage of every VG location, and its gaps in words (pure).

One row per VG location, built on a GeoResult (travel estimates, HAP areas, AVG accessibility) and the
registry (collaborations with their dates, `behandeling` of locations, ANW opening of HAPs):

- huisarts: the GP practices the location has a tie with *on the peildatum* (default today), with the kinds of
  tie; a tie whose `tot` has passed, or whose `sinds` lies ahead, does not count;
- the HAP of its service area (hap_gebied), whether the location has a formal agreement (contract, written
  agreement, joint medical service) with a HAP whose area holds it, and whether that HAP is open all ANW hours;
- estimated travel times to the nearest HAP, its own HAP, the nearest AVG-poli and (mean) its GP practices;
- AVG accessibility (E2SFCA) at its PC4;
- gaps (GAPS), in Dutch words.

Completeness, as in monitor.facts: an organisation without a single registered tie with a GP practice or a HAP
(at any date) is a hole in the registry, not an organisation without a GP. Its locations say
"samenwerkingen niet geregistreerd" instead of "geen huisarts" and "geen afspraak met de HAP". A location
without an organisation only speaks for itself. A location `met` behandeling (Wlz) has its own physician, so
a missing GP is no gap there; with `behandeling` unknown the gap says so.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from data.models import FORMAL_KINDS
from data.registry import Registry
from geo.analysis import GeoResult
from geo.links import current_ties, location_ties

# Gap key -> Dutch words, worst first: the first gap of a location decides its colour on the map.
GAPS = {
    "buiten_hap_gebied": "buiten elk HAP-werkgebied",
    "geen_huisarts": "geen huisarts",
    "niet_geregistreerd": "samenwerkingen niet geregistreerd",
    "geen_afspraak_hap": "geen afspraak met de HAP",
    "hap_niet_anw": "HAP niet alle ANW-uren open",
    "avg_laag": "AVG-toegankelijkheid laag",
}
GP_UNKNOWN_TREATMENT = "geen huisarts (behandeling onbekend)"
GAP_SEPARATOR = "; "
TREATMENTS = ("met", "zonder")
KIND_WORDS = {
    "gezamenlijke_medische_dienst": "gezamenlijke medische dienst",
    "contract": "contract",
    "schriftelijke_afspraak": "schriftelijke afspraak",
    "mondelinge_afspraak": "mondelinge afspraak",
    "casuistiek": "casuïstiek",
}
# The columns of `python -m geo dekking`, in order (the frame holds more, see coverage_table).
COLUMNS = ("id", "naam", "organisatie", "huisarts", "hap_id", "hap_formeel", "hap_anw_volledig", "reistijd_hap_min",
           "reistijd_eigen_hap_min", "reistijd_avg_poli_min", "avg_toegankelijkheid", "behandeling", "knelpunten")
# Human labels of every column, for spreadsheets and the page.
LABELS = {
    "id": "Id",
    "naam": "VG-locatie",
    "organisatie_id": "Organisatie-id",
    "organisatie": "Organisatie",
    "gemeente": "Gemeente (code)",
    "zorgkantoorregio": "Zorgkantoorregio (code)",
    "provincie": "Provincie (code)",
    "pc4": "PC4",
    "huisarts": "Huisarts (soort samenwerking)",
    "aantal_huisartsen": "Aantal huisartsenpraktijken",
    "hap_id": "HAP (id)",
    "hap_naam": "HAP van het werkgebied",
    "hap_formeel": "Formele afspraak met de HAP",
    "hap_anw_volledig": "HAP alle ANW-uren open",
    "reistijd_hap_min": "Geschatte reistijd dichtstbijzijnde HAP (min)",
    "reistijd_eigen_hap_min": "Geschatte reistijd eigen HAP (min)",
    "reistijd_avg_poli_min": "Geschatte reistijd dichtstbijzijnde AVG-poli (min)",
    "reistijd_huisarts_min": "Geschatte reistijd huisarts (min, gemiddeld)",
    "avg_toegankelijkheid": "AVG-toegankelijkheid (fte per 1.000 cliënten)",
    "behandeling": "Wlz-behandeling",
    "geregistreerd": "Samenwerkingen geregistreerd",
    "knelpunten": "Knelpunten",
    "ergste": "Ergste knelpunt",
    "knelpunten_voor": "Knelpunten vóór de wijziging",
    "erbij": "Knelpunten erbij",
    "eraf": "Knelpunten eraf",
}


@dataclass(frozen=True)
class _Ties:
    gp_text: pd.Series  # location id -> 'Praktijk X (contract); Praktijk Y (mondelinge afspraak)'
    gp_ids: pd.Series  # location id -> tuple of GP practice ids (sorted)
    formal_hap: set  # (location id, HAP id) pairs with a current formal tie
    registered: np.ndarray  # per location: its organisation (or, without one, itself) has any GP/HAP tie
    gp_known: bool  # the registry holds GP ties at all
    hap_known: bool  # the registry holds HAP ties at all


def _texts(values: pd.Series) -> np.ndarray:
    """A column as a numpy array of Python strings (object dtype): pandas' arrow strings are slow to look up in."""
    return values.to_numpy(dtype=object).astype(str).astype(object)


def _lookup(values: np.ndarray) -> pd.Index:
    return pd.Index(values, dtype=object)


def _ties(locations: pd.DataFrame, facilities: pd.DataFrame, collaborations: pd.DataFrame, current: pd.DataFrame,
          gp_pairs: pd.DataFrame) -> _Ties:
    fac_ids = _texts(facilities["id"])
    kinds = facilities["type"].to_numpy(dtype=object)
    by_id = _lookup(fac_ids)
    ids = _texts(locations["id"])
    by_location = _lookup(ids)

    def partners(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every tie in both directions: position of the VG location (-1 if none), partner kind (None if the
        partner is not in the registry), soort."""
        van, naar = _texts(frame["van"]), _texts(frame["naar"])
        party = by_location.get_indexer(np.concatenate([van, naar]))
        partner = by_id.get_indexer(np.concatenate([naar, van]))
        kind = np.where(partner >= 0, kinds[np.maximum(partner, 0)] if len(kinds) else None, None)
        soort = np.concatenate([frame["soort"].to_numpy(dtype=object)] * 2)
        return party, kind, soort

    # Registered: any tie (at any date) of a location with a GP practice, a HAP or a facility no longer there.
    party, kind, _ = partners(collaborations)
    counts = (party >= 0) & ((kind == None) | (kind == "huisartsenpraktijk") | (kind == "hap"))  # noqa: E711
    tied = np.zeros(len(ids), dtype=bool)
    tied[party[counts]] = True
    org_code, _ = pd.factorize(locations["organisatie_id"].to_numpy(dtype=object))  # -1 without organisation
    tied_org = np.bincount(org_code[tied & (org_code >= 0)], minlength=org_code.max() + 1 if len(org_code) else 0) > 0
    registered = np.where(org_code >= 0, tied_org[np.maximum(org_code, 0)] if len(tied_org) else False, tied)
    seen = set(kind[counts].tolist())
    gp_known = bool(seen & {None, "huisartsenpraktijk"})
    hap_known = bool(seen & {None, "hap"})

    # Current GP ties, in words: 'Praktijk X (contract); Praktijk Y (mondelinge afspraak)'.
    name_of = pd.Series(facilities["naam"].to_numpy(dtype=object), index=by_id)
    texts: dict[str, list[str]] = {}
    practices: dict[str, list[str]] = {}
    order = np.lexsort((_texts(gp_pairs["gp_id"]).astype(str), _texts(gp_pairs["vg_id"]).astype(str)))
    vg_col, gp_col, kinds_col = (gp_pairs[c].to_numpy(dtype=object)[order] for c in ("vg_id", "gp_id", "soorten"))
    names = name_of[~name_of.index.duplicated()].reindex(gp_col).tolist()
    for location, practice, name, tie_kinds in zip(vg_col, gp_col, names, kinds_col):
        words = ", ".join(KIND_WORDS.get(k, k) for k in str(tie_kinds).split(","))
        texts.setdefault(location, []).append(f"{name if isinstance(name, str) and name else practice} ({words})")
        practices.setdefault(location, []).append(practice)
    gp_text = pd.Series(["; ".join(v) for v in texts.values()], index=_lookup(np.array(list(texts), dtype=object)), dtype=object)
    gp_ids = pd.Series([tuple(v) for v in practices.values()], index=_lookup(np.array(list(practices), dtype=object)),
                       dtype=object)

    # Current formal ties with HAPs, as (location id, HAP id).
    party, kind, soort = partners(current)
    partner_ids = np.concatenate([_texts(current["naar"]), _texts(current["van"])])
    formal_hap = (party >= 0) & (kind == "hap") & np.isin(soort, FORMAL_KINDS)
    formal = set(zip(ids[party[formal_hap]].tolist(), partner_ids[formal_hap].tolist()))
    return _Ties(gp_text, gp_ids, formal, registered.astype(bool), gp_known, hap_known)


def _formal_with_area(locations: pd.DataFrame, area_pairs: pd.DataFrame, formal: set) -> np.ndarray:
    """Per location: a current formal tie with a HAP whose service area holds the location's PC4."""
    if not formal:
        return np.zeros(len(locations), dtype=bool)
    ids = locations["id"].to_numpy(dtype=object)
    pc4_of = dict(zip(ids.tolist(), locations["pc4"].to_numpy(dtype=object).tolist()))
    areas = set(zip(area_pairs["hap_id"].to_numpy(dtype=object).tolist(), area_pairs["pc4"].to_numpy(dtype=object).tolist()))
    agreed = {location for location, hap in formal if (hap, pc4_of.get(location)) in areas}
    return np.array([i in agreed for i in ids.tolist()], dtype=bool)


def _optional(facilities: pd.DataFrame, column: str, ids) -> np.ndarray:
    """A registry facility column by id (None where the frame lacks it or the value is missing)."""
    if column not in facilities:
        return np.full(len(ids), None, dtype=object)
    values = pd.Series(facilities[column].to_numpy(dtype=object), index=_lookup(_texts(facilities["id"])), dtype=object)
    found = values[~values.index.duplicated()].reindex(ids).to_numpy(dtype=object)
    return np.array([None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v for v in found],
                    dtype=object)


def _gaps(frame: pd.DataFrame, ties: _Ties, floor: float) -> tuple[list[tuple], list[str]]:
    """Per location the gap keys (worst first, GAPS order) and the gap words.

    Each gap is a mask over the locations; a location's combination of gaps is a bit code, and each distinct
    code is put into words once.
    """
    hap = frame["hap_id"].notna().to_numpy()
    registered = frame["geregistreerd"].to_numpy(dtype=bool)
    treatment = frame["behandeling"].astype(object)
    no_gp = registered & ties.gp_known & (frame["aantal_huisartsen"].to_numpy() == 0) & (treatment != "met").to_numpy()
    access = frame["avg_toegankelijkheid"].to_numpy(dtype=float)
    masks = {
        "buiten_hap_gebied": ~hap,
        "geen_huisarts": no_gp,
        "niet_geregistreerd": ~registered,
        "geen_afspraak_hap": hap & np.array([v is False for v in frame["hap_formeel"]], dtype=bool),
        "hap_niet_anw": np.array([v is False for v in frame["hap_anw_volledig"]], dtype=bool),
        "avg_laag": ~np.isnan(access) & (access < floor),
    }
    code = np.zeros(len(frame), dtype=np.int64)
    for bit, key in enumerate(GAPS):
        code |= masks[key].astype(np.int64) << bit
    code |= (no_gp & treatment.isna().to_numpy()).astype(np.int64) << len(GAPS)  # 'behandeling onbekend'
    words_of, keys_of = {}, {}
    for value in np.unique(code).tolist():
        keys = tuple(key for bit, key in enumerate(GAPS) if value >> bit & 1)
        unknown_treatment = bool(value >> len(GAPS) & 1)
        keys_of[value] = keys
        words_of[value] = GAP_SEPARATOR.join(
            GP_UNKNOWN_TREATMENT if key == "geen_huisarts" and unknown_treatment else GAPS[key] for key in keys)
    codes = code.tolist()
    return [keys_of[c] for c in codes], [words_of[c] for c in codes]


def coverage_table(result: GeoResult, registry: Registry, peildatum: date | None = None) -> pd.DataFrame:
    """One row per VG location (sorted by id) with its coverage and gaps; see the module docstring.

    Columns: COLUMNS plus organisatie_id, gemeente, zorgkantoorregio, provincie, pc4, lat, lon, huisartsen
    (tuple of GP ids), aantal_huisartsen, hap_naam, reistijd_huisarts_min, geregistreerd, knelpunt_sleutels
    (tuple of GAPS keys, worst first) and ergste (the worst key, None without gaps). Unknown values are empty
    (None/NaN): hap_formeel without a HAP area or without registered ties, hap_anw_volledig when the HAP's
    opening is not recorded, behandeling when not recorded. Travel times are estimates (geo.settings).

    Examples
    --------
    >>> table = coverage_table(analyse(registry, geography), registry)  # doctest: +SKIP
    >>> table.loc[table["knelpunten"].str.contains("geen huisarts"), ["naam", "knelpunten"]]  # doctest: +SKIP
    """
    peildatum = peildatum or date.today()
    fac = result.facilities
    vg = fac[(fac["type"] == "vg_locatie").to_numpy()].sort_values("id", kind="stable").reset_index(drop=True)
    current = current_ties(registry.collaborations, peildatum)
    per_location, gp_pairs = location_ties(fac, current, result.settings)
    ties = _ties(vg, registry.facilities, registry.collaborations, current, gp_pairs)
    ids = vg["id"].to_numpy(dtype=object)

    out = pd.DataFrame({
        "id": ids,
        "naam": vg["naam"].to_numpy(dtype=object),
        "organisatie_id": vg["organisatie_id"].to_numpy(dtype=object),
        "organisatie": vg["organisatie_naam"].where(vg["organisatie_naam"].notna(), vg["organisatie_id"]).to_numpy(dtype=object),
    })
    for column in ("gemeente", "zorgkantoorregio", "provincie", "pc4"):
        out[column] = vg[column].to_numpy(dtype=object)
    out["lat"], out["lon"] = vg["lat"].to_numpy(dtype=float), vg["lon"].to_numpy(dtype=float)
    gp_text = ties.gp_text.reindex(ids)
    out["huisarts"] = gp_text.where(gp_text.notna(), None).to_numpy(dtype=object)
    out["huisartsen"] = pd.Series([v if isinstance(v, tuple) else () for v in ties.gp_ids.reindex(ids)], dtype=object)
    out["aantal_huisartsen"] = per_location["aantal_huisartsen"].reindex(ids).fillna(0).astype(int).to_numpy()
    out["reistijd_huisarts_min"] = per_location["reistijd_huisarts_min"].reindex(ids).to_numpy(dtype=float)

    hap = vg["hap_gebied"].to_numpy(dtype=object)
    hap = np.array([None if h is None or h != h else h for h in hap], dtype=object)
    out["hap_id"] = hap
    out["hap_naam"] = pd.Series(_optional(registry.facilities, "naam", hap)).where(pd.notna(hap), None).to_numpy(dtype=object)
    agreed = _formal_with_area(vg, result.service_area_pc4, ties.formal_hap)
    known_agreement = pd.notna(hap) & ties.registered & ties.hap_known
    out["hap_formeel"] = np.array([bool(a) if k else None for a, k in zip(agreed, known_agreement)], dtype=object)
    anw = _optional(registry.facilities, "anw_open", hap)
    out["hap_anw_volledig"] = np.array([None if h is None or v is None else bool(v) for h, v in zip(hap, anw)], dtype=object)
    for column in ("reistijd_hap_min", "reistijd_eigen_hap_min", "reistijd_avg_poli_min", "avg_toegankelijkheid"):
        out[column] = vg[column].to_numpy(dtype=float)
    treatment = _optional(registry.facilities, "behandeling", ids)
    out["behandeling"] = np.array([v if v in TREATMENTS else None for v in treatment], dtype=object)
    out["geregistreerd"] = ties.registered.astype(bool)
    keys, words = _gaps(out, ties, result.settings.gap_access_per_1000)
    out["knelpunt_sleutels"] = pd.Series(keys, dtype=object)
    out["knelpunten"] = np.array(words, dtype=object)
    out["ergste"] = np.array([k[0] if k else None for k in keys], dtype=object)
    return out


def gap_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Per gap (in GAPS order): sleutel, knelpunt (words) and aantal locations that have it; plus a total row
    'locaties met een knelpunt'."""
    flat = [key for keys in table["knelpunt_sleutels"] for key in keys]
    counts = pd.Series(flat, dtype=object).value_counts()
    rows = [(key, words, int(counts.get(key, 0))) for key, words in GAPS.items()]
    rows.append(("totaal", "locaties met een knelpunt", int(sum(bool(k) for k in table["knelpunt_sleutels"]))))
    return pd.DataFrame(rows, columns=["sleutel", "knelpunt", "aantal"])


def select_locations(table: pd.DataFrame, niveau: str | None = None, code: str | None = None,
                     organisatie: str | None = None, gaps=(), only_gaps: bool = False) -> pd.DataFrame:
    """The rows of a region (niveau gemeente/zorgkantoorregio/provincie/pc4 or 'hap' for a HAP area, and its code),
    an organisation (id), with any of the given gap keys, or with any gap at all."""
    keep = np.ones(len(table), dtype=bool)
    if niveau and code:
        column = "hap_id" if niveau == "hap" else niveau
        keep &= (table[column].astype(object) == code).to_numpy()
    if organisatie:
        keep &= (table["organisatie_id"].astype(object) == organisatie).to_numpy()
    wanted = set(gaps)
    if wanted:
        keep &= np.array([bool(wanted.intersection(keys)) for keys in table["knelpunt_sleutels"]], dtype=bool)
    if only_gaps:
        keep &= np.array([bool(keys) for keys in table["knelpunt_sleutels"]], dtype=bool)
    return table[keep].reset_index(drop=True)


def coverage_change(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The locations whose gaps differ between two coverage tables (e.g. before and after a scenario).

    Columns: id, naam, organisatie, knelpunten_voor, knelpunten_na, erbij (gained gaps, words), eraf (lost gaps).
    A location present on one side only (closed in the scenario) says 'locatie gesloten'.
    """
    old_ids = before["id"].to_numpy(dtype=object)
    new_ids = after["id"].to_numpy(dtype=object)
    where = _lookup(new_ids).get_indexer(old_ids)  # each old location in the new table, -1 when gone
    old_text = before["knelpunten"].to_numpy(dtype=object)
    new_text = after["knelpunten"].to_numpy(dtype=object)
    changed = [i for i in range(len(old_ids)) if where[i] < 0 or old_text[i] != new_text[where[i]]]
    added = np.setdiff1d(np.arange(len(new_ids)), where[where >= 0])
    order = list(GAPS)

    def words(keys: set) -> str:
        return GAP_SEPARATOR.join(GAPS[k] for k in sorted(keys, key=order.index))

    rows = []
    for i in changed:
        j = where[i]
        was = set(before["knelpunt_sleutels"].iat[i])
        now = set(after["knelpunt_sleutels"].iat[j]) if j >= 0 else None
        source = after if j >= 0 else before
        k = j if j >= 0 else i
        rows.append({
            "id": old_ids[i], "naam": source["naam"].iat[k], "organisatie": source["organisatie"].iat[k],
            "knelpunten_voor": old_text[i], "knelpunten_na": new_text[j] if j >= 0 else "locatie gesloten",
            "erbij": words(now - was) if now is not None else "", "eraf": words(was - now) if now is not None else "",
        })
    for j in added.tolist():
        rows.append({"id": new_ids[j], "naam": after["naam"].iat[j], "organisatie": after["organisatie"].iat[j],
                     "knelpunten_voor": "locatie bestaat nog niet", "knelpunten_na": new_text[j], "erbij": "", "eraf": ""})
    return pd.DataFrame(rows, columns=["id", "naam", "organisatie", "knelpunten_voor", "knelpunten_na", "erbij", "eraf"])
