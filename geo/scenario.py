"""What-if scenarios: close facilities and/or open new ones, recompute, and report the change per region."""
from __future__ import annotations

import dataclasses
import math
from datetime import date, timedelta

import numpy as np
import pandas as pd

from data.errors import UserError
from data.models import FACILITY_TYPES
from data.registry import Geography, Registry
from geo import catalogue
from geo.analysis import GeoResult, analyse, capacity_recorded
from geo.lookup import positions
from geo.settings import GeoSettings


def _number(value, what: str, index: int) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise UserError(f"Nieuwe voorziening {index}: {what} '{value}' is geen getal.") from None
    if not math.isfinite(number):
        raise UserError(f"Nieuwe voorziening {index}: {what} '{value}' is geen eindig getal.")
    return number


def _new_rows(open_facilities, existing: set[str], columns: list[str]) -> pd.DataFrame:
    rows = []
    for index, spec in enumerate(open_facilities, start=1):
        kind = str(spec.get("type", "")).strip()
        if kind not in FACILITY_TYPES:
            raise UserError(f"Nieuwe voorziening {index}: type '{kind}' is onbekend (kies uit {', '.join(FACILITY_TYPES)}).")
        lat, lon = _number(spec.get("lat"), "lat", index), _number(spec.get("lon"), "lon", index)
        if not (50.0 <= lat <= 54.0 and 3.0 <= lon <= 7.5):
            raise UserError(f"Nieuwe voorziening {index}: ({lat}, {lon}) ligt niet in Nederland (let op de volgorde lat,lon).")
        fte = spec.get("avg_fte")
        fte = np.nan if fte in (None, "") else _number(fte, "avg_fte", index)
        if fte == fte and fte < 0:
            raise UserError(f"Nieuwe voorziening {index}: avg_fte mag niet negatief zijn ({fte}).")
        new_id = str(spec.get("id") or f"nieuw-{index}")
        if new_id in existing:
            raise UserError(f"Nieuwe voorziening {index}: id '{new_id}' bestaat al.")
        existing.add(new_id)
        row = {column: None for column in columns}
        row.update(
            id=new_id, type=kind, naam=spec.get("naam") or f"Nieuwe {kind.replace('_', '-')} {index}",
            organisatie_id=spec.get("organisatie_id"), organisatie_naam=spec.get("organisatie_naam"),
            lat=lat, lon=lon, avg_fte=fte, clienten=pd.NA, locatie_bij_benadering=False,
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def _checked_practices(facilities: pd.DataFrame, practice_ids) -> list[str]:
    practices = [str(item) for item in practice_ids]
    found = positions(np.array(practices, dtype=object), facilities["id"].astype(str))
    kinds = facilities["type"].to_numpy(dtype=object)
    for item, position in zip(practices, found):
        if position < 0:
            raise UserError(f"Huisartsenpraktijk '{item}' bestaat niet; controleer het id (python -m data status).")
        if kinds[position] != "huisartsenpraktijk":
            raise UserError(f"Voorziening '{item}' is geen huisartsenpraktijk maar een "
                            f"{str(kinds[position]).replace('_', '-')}; sluit die met --sluit.")
    return practices


def _end_ties(collaborations: pd.DataFrame, closing: list[str], peildatum: date) -> pd.DataFrame:
    """The ties of closed facilities end the day before `peildatum` (an earlier end stays as it is).

    They stay in the frame, so an organisation whose only ties ended still has registered ties (geo.coverage):
    its locations are without a GP, not unknown. Their partner is gone, so the indicators no longer count them.
    """
    involved = (collaborations["van"].isin(closing) | collaborations["naar"].isin(closing)).to_numpy()
    if not involved.any():
        return collaborations
    last_day = pd.Timestamp(peildatum - timedelta(days=1))
    ended = collaborations.copy()
    until = pd.to_datetime(ended["tot"], errors="coerce") if "tot" in ended else pd.Series(pd.NaT, index=ended.index)
    ended["tot"] = until.where(~involved | (until < last_day), last_day).astype("datetime64[ns]")
    return ended


def apply_changes(registry: Registry, close_ids=(), open_facilities=(), close_practices=(),
                  peildatum: date | None = None) -> Registry:
    """A new Registry without the closed facilities (and their service areas), with the new ones.

    The ties of a closed facility end the day before `peildatum` (default today). close_practices: ids of GP
    practices to close (checked to be practices): all their ties end. open_facilities: dicts with type, lat,
    lon, avg_fte and optionally id, naam, organisatie_id. New facilities have no clients: opening adds
    capacity, never demand. Nothing is written to the database.
    """
    facilities = registry.facilities
    ids = facilities["id"].astype(str)
    closing = [str(item) for item in close_ids]
    unknown = [item for item, at in zip(closing, positions(np.array(closing, dtype=object), ids)) if at < 0]
    if unknown:
        raise UserError(f"Voorziening '{unknown[0]}' bestaat niet; controleer het id (python -m data status).")
    closing += [item for item in _checked_practices(facilities, close_practices) if item not in closing]
    kept = facilities[~facilities["id"].isin(closing)]
    open_facilities = list(open_facilities)
    added = _new_rows(open_facilities, set(ids) if open_facilities else set(), list(facilities.columns))
    if len(added):
        added = added.astype({"avg_fte": "float64", "lat": "float64", "lon": "float64"})
        added["clienten"] = pd.array([pd.NA] * len(added), dtype="Float64")
        kept = pd.concat([kept, added], ignore_index=True) if len(kept) else added
    collaborations = _end_ties(registry.collaborations, closing, peildatum or date.today())
    areas = registry.service_areas[~registry.service_areas["hap_id"].isin(closing)]
    return dataclasses.replace(registry, facilities=kept.reset_index(drop=True), collaborations=collaborations,
                               service_areas=areas)


def compare(before: GeoResult, after: GeoResult, niveau: str) -> pd.DataFrame:
    """Per region/organisation: code, naam, then for every indicator <key> (after), <key>_voor, <key>_verschil.

    Regions or organisations present on only one side (a closed HAP's area, an organisation whose last
    location closed, a new HAP) keep a row with NaN on the missing side.
    """
    keys = catalogue.keys(niveau)
    old = before.indicators[niveau].set_index("code")
    new = after.indicators[niveau].set_index("code")
    codes = old.index.append(new.index[~new.index.isin(old.index)])
    old, new = old.reindex(codes), new.reindex(codes)
    out = {"code": codes, "naam": new["naam"].fillna(old["naam"]).to_numpy(dtype=object)}
    for key in keys:
        out[key] = new[key].to_numpy(dtype=float)
        out[f"{key}_voor"] = old[key].to_numpy(dtype=float)
        out[f"{key}_verschil"] = out[key] - out[f"{key}_voor"]
    return pd.DataFrame(out)  # built at once: inserting ~100 columns one by one is slow


def run_scenario(
    registry: Registry,
    geography: Geography,
    close_ids=(),
    open_facilities=(),
    settings: GeoSettings = GeoSettings(),
    niveau: str = "zorgkantoorregio",
    close_practices=(),
) -> pd.DataFrame:
    """Recompute every indicator after the changes and return the comparison for one niveau (see compare).

    The demand stays that of the current situation: clients of a closed VG location still need care, so
    closing can never raise accessibility and opening can never lower it.
    """
    catalogue.keys(niveau)  # validates niveau before the work
    before = analyse(registry, geography, settings, geometry=False)
    after = analyse(
        apply_changes(registry, close_ids, open_facilities, close_practices), geography, settings, geometry=False,
        demand=before.pc4[["pc4", "vraag", "vraag_geschat", "vraag_bron"]], capacity_known=capacity_recorded(registry),
    )
    return compare(before, after, niveau)
