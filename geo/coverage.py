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
from geo.links import is_current, location_ties
from geo.lookup import as_text, positions, take

# Gap key -> Dutch words, worst first: the first gap of a location decides its colour on the map.
GAPS = {
    "buiten_hap_gebied": "buiten elk HAP-werkgebied",
    "geen_huisarts": "geen huisarts",
    "niet_geregistreerd": "samenwerkingen niet geregistreerd",
    "geen_afspraak_hap": "geen afspraak met de HAP",
    "hap_niet_anw": "HAP niet alle ANW-uren open",
    "avg_laag": "AVG-toegankelijkheid laag",
}
_STR = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default string dtype
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
    gp_text: np.ndarray  # per location: 'Praktijk X (contract); Praktijk Y (mondelinge afspraak)', None without GP
    gp_ids: list  # per location: tuple of its GP practice ids (sorted), () without GP
    formal_hap: tuple[np.ndarray, np.ndarray]  # (location position, HAP id) of every current formal tie with a HAP
    registered: np.ndarray  # per location: its organisation (or, without one, itself) has any GP/HAP tie
    gp_known: bool  # the registry holds GP ties at all
    hap_known: bool  # the registry holds HAP ties at all


def _ties(ids: pd.Series, organisations: np.ndarray, facilities: pd.DataFrame, fac_ids: pd.Series,
          collaborations: pd.DataFrame, now: np.ndarray, gp_pairs: pd.DataFrame) -> _Ties:
    """The ties of the locations `ids` (with their organisation ids); `fac_ids` are the registry's facility ids
    and `now` says which collaborations exist on the peildatum. Works on integer positions, for speed."""
    kinds = facilities["type"]
    is_gp, is_hap = (kinds == "huisartsenpraktijk").to_numpy(dtype=bool), (kinds == "hap").to_numpy(dtype=bool)
    location_at = positions(fac_ids, ids)  # registry position -> location position (-1: none)

    def find(names: pd.Series) -> tuple[np.ndarray, np.ndarray]:
        """Registry position and location position (-1 if none) of every party named in a column."""
        at = positions(names, fac_ids)
        known = at >= 0
        party = np.full(len(names), -1, dtype=np.intp)
        party[known] = location_at[at[known]]
        party[~known] = positions(names[~known], ids)
        return at, party

    # Every tie in both directions: the VG location (-1 if none), the partner (is it in the registry, a GP
    # practice, a HAP; its id), whether the tie is formal and whether it exists on the peildatum.
    (van_at, van_party), (naar_at, naar_party) = find(collaborations["van"]), find(collaborations["naar"])
    party, partner = np.concatenate([van_party, naar_party]), np.concatenate([naar_at, van_at])
    partner_ids = np.concatenate([as_text(collaborations["naar"]), as_text(collaborations["van"])])
    known = partner >= 0
    gp = known & (is_gp[np.maximum(partner, 0)] if len(is_gp) else False)
    hap = known & (is_hap[np.maximum(partner, 0)] if len(is_hap) else False)
    formal = np.tile(collaborations["soort"].isin(FORMAL_KINDS).to_numpy(dtype=bool), 2)
    current = np.tile(now, 2)

    # Registered: any tie (at any date) of a location with a GP practice, a HAP or a facility no longer there.
    counts = (party >= 0) & (~known | gp | hap)
    tied = np.zeros(len(ids), dtype=bool)
    tied[party[counts]] = True
    org_code, _ = pd.factorize(organisations)  # -1 without organisation
    tied_org = np.bincount(org_code[tied & (org_code >= 0)], minlength=org_code.max() + 1 if len(org_code) else 0) > 0
    registered = np.where(org_code >= 0, tied_org[np.maximum(org_code, 0)] if len(tied_org) else False, tied)
    gp_known = bool((counts & (~known | gp)).any())
    hap_known = bool((counts & (~known | hap)).any())

    # Current GP ties, in words: 'Praktijk X (contract); Praktijk Y (mondelinge afspraak)', by location and practice id.
    pairs = gp_pairs.sort_values(["vg_id", "gp_id"], kind="stable")
    vg_col, gp_col, kinds_col = (pairs[c].to_numpy(dtype=object) for c in ("vg_id", "gp_id", "soorten"))
    names = facilities["naam"].to_numpy(dtype=object)
    gp_at = positions(pairs["gp_id"], fac_ids)
    gp_names = np.where(gp_at >= 0, names[np.maximum(gp_at, 0)] if len(names) else None, None).tolist()
    words: dict = {}
    for tie_kinds in kinds_col.tolist():
        if tie_kinds not in words:
            words[tie_kinds] = ", ".join(KIND_WORDS.get(k, k) for k in str(tie_kinds).split(","))
    practices = gp_col.tolist()
    labels = [f"{name if isinstance(name, str) and name else practice} ({words[tie_kinds]})"
              for name, practice, tie_kinds in zip(gp_names, practices, kinds_col.tolist())]
    gp_text = np.full(len(ids), None, dtype=object)
    gp_ids = [()] * len(ids)
    starts = np.flatnonzero(np.r_[True, vg_col[1:] != vg_col[:-1]]) if len(vg_col) else np.zeros(0, dtype=int)
    for start, stop, position in zip(starts.tolist(), [*starts[1:].tolist(), len(vg_col)],
                                     positions(pairs["vg_id"].iloc[starts], ids).tolist()):
        if position >= 0:
            gp_text[position] = "; ".join(labels[start:stop])
            gp_ids[position] = tuple(practices[start:stop])

    # Current formal ties with HAPs.
    with_hap = current & (party >= 0) & hap & formal
    return _Ties(gp_text, gp_ids, (party[with_hap], partner_ids[with_hap]), registered.astype(bool), gp_known, hap_known)


def _formal_with_area(pc4: np.ndarray, area_pairs: pd.DataFrame, formal: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Per location (its PC4 given): a current formal tie with a HAP whose service area holds that PC4."""
    agreed = np.zeros(len(pc4), dtype=bool)
    rows, haps = formal
    if not len(rows):
        return agreed
    areas = set(zip(area_pairs["hap_id"].to_numpy(dtype=object).tolist(), area_pairs["pc4"].to_numpy(dtype=object).tolist()))
    inside = np.array([(hap, code) in areas for hap, code in zip(haps.tolist(), pc4[rows].tolist())], dtype=bool)
    agreed[rows[inside]] = True
    return agreed


def _optional(facilities: pd.DataFrame, column: str, at: np.ndarray) -> np.ndarray:
    """A registry facility column at positions `at` (None at -1, where the frame lacks the column or the value
    is missing)."""
    if column not in facilities or not len(facilities):
        return np.full(len(at), None, dtype=object)
    values = facilities[column].to_numpy(dtype=object)
    found = np.where(at >= 0, values[np.maximum(at, 0)], None)
    found[pd.isna(found)] = None
    return found


def _values(column: pd.Series):
    """A column's values for a new frame, as pandas would infer them from Python objects: arrow strings are
    passed as they are, instead of being converted to Python strings and back."""
    return column.array if column.dtype == _STR else column.to_numpy(dtype=object)


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
    collaborations = registry.collaborations
    now = is_current(collaborations, peildatum)
    per_location, gp_pairs = location_ties(fac, collaborations[now], result.settings)
    fac_ids = registry.facilities["id"]
    ties = _ties(vg["id"], vg["organisatie_id"].to_numpy(dtype=object), registry.facilities, fac_ids,
                 collaborations, now, gp_pairs)

    out = pd.DataFrame({
        "id": _values(vg["id"]),
        "naam": _values(vg["naam"]),
        "organisatie_id": _values(vg["organisatie_id"]),
        "organisatie": _values(vg["organisatie_naam"].where(vg["organisatie_naam"].notna(), vg["organisatie_id"])),
    })
    for column in ("gemeente", "zorgkantoorregio", "provincie", "pc4"):
        out[column] = _values(vg[column])
    out["lat"], out["lon"] = vg["lat"].to_numpy(dtype=float), vg["lon"].to_numpy(dtype=float)
    out["huisarts"] = ties.gp_text
    out["huisartsen"] = pd.Series(ties.gp_ids, dtype=object)
    row = positions(vg["id"], per_location.index)
    out["aantal_huisartsen"] = np.where(row >= 0, take(per_location["aantal_huisartsen"].to_numpy(), row), 0).astype(int)
    out["reistijd_huisarts_min"] = take(per_location["reistijd_huisarts_min"].to_numpy(dtype=float), row)

    hap = vg["hap_gebied"].to_numpy(dtype=object)
    hap = np.array([None if h is None or h != h else h for h in hap], dtype=object)
    hap_at = positions(vg["hap_gebied"], fac_ids)
    out["hap_id"] = hap
    out["hap_naam"] = _optional(registry.facilities, "naam", hap_at)
    agreed = _formal_with_area(vg["pc4"].to_numpy(dtype=object), result.service_area_pc4, ties.formal_hap)
    known_agreement = pd.notna(hap) & ties.registered & ties.hap_known
    out["hap_formeel"] = np.array([bool(a) if k else None for a, k in zip(agreed, known_agreement)], dtype=object)
    anw = _optional(registry.facilities, "anw_open", hap_at)
    out["hap_anw_volledig"] = np.array([None if h is None or v is None else bool(v) for h, v in zip(hap, anw)], dtype=object)
    for column in ("reistijd_hap_min", "reistijd_eigen_hap_min", "reistijd_avg_poli_min", "avg_toegankelijkheid"):
        out[column] = vg[column].to_numpy(dtype=float)
    treatment = _optional(registry.facilities, "behandeling", positions(vg["id"], fac_ids))
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


LEVEL_NOUNS = {"zorgkantoorregio": "zorgkantoorregio", "gemeente": "gemeente", "provincie": "provincie",
               "hap": "HAP-werkgebied"}


def selection_text(niveau: str | None = None, code: str | None = None, naam: str | None = None,
                   organisatie: str | None = None, gaps=(), only_gaps: bool = False) -> str:
    """The selection of select_locations in words, for the notes of a download ('gemeente Leeuwarden (GM0080), ...')."""
    parts = []
    if niveau and code:
        noun = LEVEL_NOUNS.get(niveau, niveau)
        parts.append(f"{noun} {naam} ({code})" if naam else f"{noun} {code}")
    if organisatie:
        parts.append(f"organisatie {organisatie}")
    if gaps:
        parts.append("knelpunt " + " of ".join(GAPS[k] for k in gaps))
    if only_gaps:
        parts.append("alleen locaties met een knelpunt")
    return ", ".join(parts)


def coverage_change(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The locations whose gaps differ between two coverage tables (e.g. before and after a scenario).

    Columns: id, naam, organisatie, knelpunten_voor, knelpunten_na, erbij (gained gaps, words), eraf (lost gaps).
    A location present on one side only (closed in the scenario) says 'locatie gesloten'.
    """
    old_ids = before["id"].to_numpy(dtype=object)
    new_ids = after["id"].to_numpy(dtype=object)
    where = positions(before["id"], after["id"])  # each old location in the new table, -1 when gone
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
