"""'Wat als…' for the Dekking page and CLI: close a HAP, GP practice or AVG-poli, open an AVG-poli; compare (pure).

Nothing is written to the register: geo.scenario.apply_changes builds a changed copy of the registry frames.
The demand stays that of the current situation (see geo.scenario.run_scenario).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from data.errors import UserError
from data.registry import Geography, Registry
from geo.analysis import GeoResult, analyse, capacity_recorded
from geo.coverage import GAPS, coverage_change, coverage_table
from geo.rd import to_wgs84
from geo.regions import prepared
from geo.scenario import apply_changes, compare
from geo.settings import GeoSettings


@dataclass(frozen=True)
class Scenario:
    """The changes of one 'wat als': ids to close (any facility), GP practices to close (all their ties end) and
    new AVG-poli's (dicts with lat, lon, avg_fte and optionally naam, pc4)."""

    close_ids: tuple[str, ...] = ()
    close_practices: tuple[str, ...] = ()
    open_polis: tuple[dict, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not (self.close_ids or self.close_practices or self.open_polis)

    def describe(self, names: dict | None = None) -> str:
        """The changes in one Dutch sentence, e.g. 'Sluit Huisartsenpost Zwolle; open een AVG-poli bij PC4 8011 met
        2 fte' or, at coordinates, '… bij 52,1000° NB, 5,1000° OL …'; `names`: id -> name (ids without one stay)."""
        names = names or {}
        parts = [f"sluit {names.get(i, i)}" for i in self.close_ids]
        parts += [f"sluit huisartsenpraktijk {names.get(i, i)} (alle samenwerkingen eindigen)" for i in self.close_practices]
        for spec in self.open_polis:
            where = f"PC4 {spec['pc4']}" if spec.get("pc4") else _coordinates(spec["lat"], spec["lon"])
            fte = spec.get("avg_fte")
            capacity = "" if fte is None else f" met {float(fte):g} fte".replace(".", ",")
            parts.append(f"open een AVG-poli bij {where}{capacity}")
        text = "; ".join(parts)
        return text[:1].upper() + text[1:] if text else "Geen wijziging"


def _coordinates(lat, lon) -> str:
    """A point in Dutch notation (decimal comma): '52,1000° NB, 5,1000° OL'."""
    return f"{float(lat):.4f}° NB, {float(lon):.4f}° OL".replace(".", ",")


@dataclass(frozen=True)
class Outcome:
    scenario: Scenario
    before: GeoResult
    after: GeoResult
    coverage_before: pd.DataFrame
    coverage_after: pd.DataFrame
    changes: pd.DataFrame  # geo.coverage.coverage_change: locations that gain or lose a gap

    def indicators(self, niveau: str) -> pd.DataFrame:
        """Per region of a niveau every indicator after, before and the difference (geo.scenario.compare)."""
        return compare(self.before, self.after, niveau)

    def access(self) -> pd.DataFrame:
        """Per PC4 with demand: pc4, gemeente, zorgkantoorregio, provincie, hap_gebied, vraag and AVG accessibility
        before (avg_toegankelijkheid_voor), after (avg_toegankelijkheid_na) and the difference."""
        old = self.before.pc4
        new = self.after.pc4.set_index("pc4").reindex(old["pc4"])
        out = old[["pc4", "gemeente", "zorgkantoorregio", "provincie", "hap_gebied", "vraag"]].copy()
        out["avg_toegankelijkheid_voor"] = old["avg_toegankelijkheid"].to_numpy(dtype=float)
        out["avg_toegankelijkheid_na"] = new["avg_toegankelijkheid"].to_numpy(dtype=float)
        out["avg_toegankelijkheid_verschil"] = out["avg_toegankelijkheid_na"] - out["avg_toegankelijkheid_voor"]
        return out[(out["vraag"] > 0).to_numpy()].reset_index(drop=True)


def pc4_point(geography: Geography, code: str) -> tuple[float, float]:
    """(lat, lon) of a point inside PC4 area `code` (the point the analysis uses for its demand)."""
    text = str(code).strip()
    table = prepared(geography).pc4.set_index("pc4")
    if text not in table.index or not np.isfinite(table.at[text, "x"]):
        raise UserError(f"PC4 '{text}' bestaat niet in de referentiegeografie; geef vier cijfers, bijvoorbeeld 3511.")
    lon, lat = to_wgs84([table.at[text, "x"]], [table.at[text, "y"]])
    return float(lat[0]), float(lon[0])


def new_poli(geography: Geography, avg_fte, pc4: str | None = None, lat=None, lon=None, naam: str | None = None) -> dict:
    """The spec of a new AVG-poli at a PC4 (its inner point) or at coordinates, with its AVG fte."""
    if pc4:
        lat, lon = pc4_point(geography, pc4)
    elif lat is None or lon is None:
        raise UserError("Geef voor de nieuwe AVG-poli een PC4 of een breedte- en lengtegraad op.")
    spec = {"type": "avg_poli", "lat": lat, "lon": lon, "avg_fte": avg_fte, "pc4": pc4 or None}
    spec["naam"] = naam or (f"Nieuwe AVG-poli PC4 {pc4}" if pc4 else "Nieuwe AVG-poli")
    return spec


def run(registry: Registry, geography: Geography, scenario: Scenario, settings: GeoSettings | None = None,
        peildatum: date | None = None, before: GeoResult | None = None,
        coverage_before: pd.DataFrame | None = None) -> Outcome:
    """Apply the scenario to a copy of the registry and recompute analysis and coverage.

    `before` (and `coverage_before`) may be passed in when already computed (the page caches them); they must
    come from the same registry. `settings` default to those of `before`.
    """
    if scenario.empty:
        raise UserError("Kies minstens één wijziging: sluit een voorziening of open een AVG-poli.")
    peildatum = peildatum or date.today()
    settings = settings or (before.settings if before is not None else GeoSettings())
    if before is None:
        before = analyse(registry, geography, settings, geometry=False)
    if coverage_before is None:
        coverage_before = coverage_table(before, registry, peildatum)
    opened = [{key: value for key, value in spec.items() if key != "pc4"} for spec in scenario.open_polis]
    changed = apply_changes(registry, scenario.close_ids, opened, scenario.close_practices, peildatum)
    after = analyse(changed, geography, settings, geometry=False,
                    demand=before.pc4[["pc4", "vraag", "vraag_geschat", "vraag_bron"]],
                    capacity_known=capacity_recorded(registry))
    coverage_after = coverage_table(after, changed, peildatum)
    return Outcome(scenario, before, after, coverage_before, coverage_after, coverage_change(coverage_before, coverage_after))


def gap_comparison(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Per gap (GAPS order): knelpunt, voor, na, verschil: the number of locations with it, on two coverage tables
    already narrowed to the same selection."""
    def count(table: pd.DataFrame, key: str) -> int:
        return int(sum(key in keys for keys in table["knelpunt_sleutels"]))

    rows = [(words, count(before, key), count(after, key)) for key, words in GAPS.items()]
    rows.append(("locaties met een knelpunt", int(sum(bool(k) for k in before["knelpunt_sleutels"])),
                 int(sum(bool(k) for k in after["knelpunt_sleutels"]))))
    frame = pd.DataFrame(rows, columns=["knelpunt", "voor", "na"])
    frame["verschil"] = frame["na"] - frame["voor"]
    return frame
