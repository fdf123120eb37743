"""Bottleneck <-> action line: which convenant action lines address the bottlenecks found, and where they stand.

An action line (data/actielijnen.toml) addresses a bottleneck (monitor.bottlenecks) when it names
- its condition (a `voorwaarde` bottleneck, or the condition of a `registerfeit`), or
- its codebook code (a `code` bottleneck), or one of the codes of a chain's links (a `keten`).
Where it stands comes from the registered convenant actions of the wave (import `acties`): the national rows of the
line, and its regional rows in any region that overlaps the scored one (as monitor.regional_actions does). Each
bottleneck gets one of three verdicts (`dekking`):
- NOT_COVERED: no action line of the convenant addresses it ("niet gedekt door een actielijn");
- NOT_STARTED: lines address it, but none of them has a started, running or finished action here or nationally;
- COVERED: at least one line that addresses it has such an action.
Actions whose text names no known line (older databases) link to nothing; `unlinked_actions` lists them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from data import action_lines as action_lines_module
from data.action_lines import ActionLine, ActionLines
from data.registry import Geography, Registry
from monitor.analysis import MonitorResult
from monitor.bottlenecks import KINDS, frequency, label, region_bottlenecks
from monitor.findings import gemeente_sets
from monitor.regional_actions import latest_statuses
from monitor.text import plural
from monitor.waves import STATUS_LABELS, STATUS_ORDER

NOT_COVERED = "niet gedekt door een actielijn"
NOT_STARTED = "actielijn zonder gestarte actie"
COVERED = "gedekt door een gestarte actielijn"
ACTIVE = ("gestart", "loopt", "afgerond")
LINK_COLUMNS = ["code", "naam", "soort", "sleutel", "knelpunt", "voorwaarde", "waarde", "toelichting", "actielijnen",
                "stand", "dekking"]
NATIONAL_COLUMNS = ["soort", "sleutel", "knelpunt", "voorwaarde", "regios", "regios_vorige_golf", "actielijnen",
                    "stand", "regios_met_gestarte_actie", "dekking"]


@dataclass(frozen=True)
class LineStatus:
    """The statuses of one action line for one region (or nationally): (party, status) pairs."""

    national: tuple[tuple[str, str], ...]
    regional: tuple[tuple[str, str, str], ...]  # (party, status, region code of the action)

    @property
    def active(self) -> bool:
        return any(s in ACTIVE for _, s in self.national) or any(s in ACTIVE for _, s, _ in self.regional)

    def text(self) -> str:
        """'landelijk LHV loopt, VGN gestart; in de regio Zorgkantoor loopt' (several regions: 'Zorgkantoor 3× loopt')."""
        def ordered(statuses):
            return sorted(statuses, key=lambda s: (-STATUS_ORDER.get(s, -1), s))

        parts = []
        if self.national:
            pairs = sorted(set(self.national), key=lambda p: (-STATUS_ORDER.get(p[1], -1), p[0]))
            parts.append("landelijk " + ", ".join(f"{party} {STATUS_LABELS.get(s, s)}" for party, s in pairs))
        if self.regional:
            regions = {r for _, _, r in self.regional}
            per_party: dict[str, Counter] = {}
            for party, status, _ in set(self.regional):
                per_party.setdefault(party, Counter())[status] += 1
            texts = []
            for party in sorted(per_party):
                counts = per_party[party]
                texts.append(f"{party} " + ", ".join(
                    (f"{counts[s]}× " if len(regions) > 1 else "") + STATUS_LABELS.get(s, s) for s in ordered(counts)))
            where = "in de regio" if len(regions) == 1 else f"in {len(regions)} regio's"
            parts.append(f"{where} " + "; ".join(texts))
        return "; ".join(parts) or "geen stand geregistreerd"


def covering_lines(lines: ActionLines, soort: str, voorwaarde: str, sleutel: str, codes) -> tuple[ActionLine, ...]:
    """The lines that address one bottleneck (see the module docstring)."""
    if soort in ("voorwaarde", "registerfeit"):
        return lines.covering("voorwaarde", voorwaarde)
    return tuple(line for line in lines if any(code in line.codes for code in codes))


def _wave_actions(registry: Registry, golf: str | None, lines: ActionLines) -> pd.DataFrame:
    """The actions of the wave (or the latest status of each) with the key of their action line ('' if unknown)."""
    actions = registry.actions
    if actions.empty:
        return pd.DataFrame(columns=["actie", "partij", "golf", "status", "regio", "lijn"])
    rows = latest_statuses(actions, registry.waves, golf).copy()
    rows["regio"] = rows["regio"].fillna("").astype(str)
    rows["lijn"] = [getattr(lines.find(a), "sleutel", "") for a in rows["actie"]]
    return rows


def unlinked_actions(registry: Registry, lines: ActionLines | None = None) -> list[str]:
    """Registered action texts that name no known action line (they link to no bottleneck)."""
    lines = lines or action_lines_module.default()
    texts = sorted(set(registry.actions["actie"].astype(str))) if not registry.actions.empty else []
    return [t for t in texts if lines.find(t) is None]


class _Statuses:
    """Line statuses per scored region: national rows plus regional rows whose area overlaps the region."""

    def __init__(self, actions: pd.DataFrame, membership: pd.DataFrame, lines: ActionLines):
        self.lines = lines
        self.sets = gemeente_sets(membership)
        known = actions[actions["lijn"].ne("").to_numpy()] if not actions.empty else actions
        self.national: dict[str, list[tuple[str, str]]] = {}
        self.regional: dict[str, list[tuple[str, str, str]]] = {}
        for lijn, partij, status, regio in zip(known.get("lijn", []), known.get("partij", []),
                                               known.get("status", []), known.get("regio", [])):
            party = lines.party_group(str(partij))
            if regio:
                self.regional.setdefault(lijn, []).append((party, str(status), str(regio)))
            else:
                self.national.setdefault(lijn, []).append((party, str(status)))

    def _area(self, code: str) -> frozenset:
        return self.sets.get(code, frozenset({code}))

    def of(self, lijn: str, region: str | None) -> LineStatus:
        national = tuple(sorted(set(self.national.get(lijn, []))))
        if region is None:
            return LineStatus(national, ())
        area = self._area(region)
        regional = tuple(sorted({r for r in self.regional.get(lijn, []) if self._area(r[2]) & area or r[2] == region}))
        return LineStatus(national, regional)

    def of_regions(self, lijn: str, regions) -> LineStatus:
        """National rows plus the regional rows that overlap any of `regions`."""
        areas = [self._area(r) for r in regions]
        regional = tuple(sorted({r for r in self.regional.get(lijn, [])
                                 if any(self._area(r[2]) & area for area in areas)}))
        return LineStatus(tuple(sorted(set(self.national.get(lijn, [])))), regional)

    def regional_anywhere(self, lijn: str, regions) -> set[str]:
        """The regions (of `regions`) where the line has a started, running or finished regional action."""
        hits = set()
        for region in regions:
            status = self.of(lijn, region)
            if any(s in ACTIVE for _, s, _ in status.regional):
                hits.add(region)
        return hits


def _verdict(lines: tuple[ActionLine, ...], statuses: list[LineStatus]) -> str:
    if not lines:
        return NOT_COVERED
    return COVERED if any(s.active for s in statuses) else NOT_STARTED


def _line_texts(lines: tuple[ActionLine, ...], statuses: list[LineStatus]) -> tuple[list[str], str]:
    names = [line.naam for line in lines]
    stand = " | ".join(f"{line.sleutel}: {status.text()}" for line, status in zip(lines, statuses))
    return names, stand


def action_links(result: MonitorResult, registry: Registry, geography: Geography,
                 lines: ActionLines | None = None, bottlenecks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per region and bottleneck of `result` the action lines that address it, their status in the result's wave
    ('sleutel: LineStatus.text' per line, ' | ' between lines) and the verdict `dekking` (LINK_COLUMNS)."""
    lines = lines or action_lines_module.default()
    found = region_bottlenecks(result) if bottlenecks is None else bottlenecks
    if found.empty:
        return pd.DataFrame(columns=LINK_COLUMNS)
    statuses = _Statuses(_wave_actions(registry, result.golf, lines), geography.membership, lines)
    rows = []
    for row in found.to_dict("records"):
        covering = covering_lines(lines, row["soort"], row["voorwaarde"], row["sleutel"], row["codes"])
        per_line = [statuses.of(line.sleutel, row["code"]) for line in covering]
        names, stand = _line_texts(covering, per_line)
        rows.append({**{c: row[c] for c in LINK_COLUMNS[:8]}, "actielijnen": names, "stand": stand,
                     "dekking": _verdict(covering, per_line)})
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def national_links(current: MonitorResult, registry: Registry, geography: Geography,
                   previous: MonitorResult | None = None, lines: ActionLines | None = None) -> pd.DataFrame:
    """Nationally, per bottleneck found in at least one region of `current`: in how many regions (and in the
    previous wave), the lines that address it with their national status and their regional status in the regions
    with the bottleneck, in how many of those regions a line has a started regional action, and the verdict
    (NATIONAL_COLUMNS); most frequent first."""
    lines = lines or action_lines_module.default()
    found = region_bottlenecks(current)
    if found.empty:
        return pd.DataFrame(columns=NATIONAL_COLUMNS)
    before = frequency(region_bottlenecks(previous)) if previous is not None else pd.DataFrame(
        columns=["soort", "sleutel", "regios"])
    earlier = {(s, k): int(n) for s, k, n in zip(before["soort"], before["sleutel"], before["regios"])}
    statuses = _Statuses(_wave_actions(registry, current.golf, lines), geography.membership, lines)
    codes_of = {(s, k): c for s, k, c in zip(found["soort"], found["sleutel"], found["codes"])}
    regions_of = found.groupby(["soort", "sleutel"])["code"].agg(lambda c: sorted(set(c))).to_dict()
    rows = []
    for row in frequency(found).to_dict("records"):
        key = (row["soort"], row["sleutel"])
        covering = covering_lines(lines, row["soort"], row["voorwaarde"], row["sleutel"], codes_of[key])
        regions = regions_of[key]
        national = [statuses.of_regions(line.sleutel, regions) for line in covering]
        regional = set()
        for line in covering:
            regional |= statuses.regional_anywhere(line.sleutel, regions)
        names, stand = _line_texts(covering, national)
        if not covering:
            verdict = NOT_COVERED
        elif any(s.active for s in national):
            verdict = COVERED
        else:
            verdict = NOT_STARTED
        rows.append(dict(soort=row["soort"], sleutel=row["sleutel"], knelpunt=row["knelpunt"],
                         voorwaarde=row["voorwaarde"], regios=int(row["regios"]),
                         regios_vorige_golf=earlier.get(key, 0) if previous is not None else None,
                         actielijnen=names, stand=stand, regios_met_gestarte_actie=len(regional), dekking=verdict))
    frame = pd.DataFrame(rows, columns=NATIONAL_COLUMNS)
    frame["regios_vorige_golf"] = pd.array(frame["regios_vorige_golf"], dtype="Int64")
    return frame


def koppeling_table(result: MonitorResult, registry: Registry, geography: Geography,
                    previous: MonitorResult | None = None, region: str | None = None,
                    lines: ActionLines | None = None) -> pd.DataFrame:
    """The command line's `acties --koppeling`: the national rows (code '', naam 'landelijk') followed by the rows
    per region; with `region` only that region's rows."""
    per_region = action_links(result, registry, geography, lines)
    if region is not None:
        wanted = per_region["code"].astype(str).str.upper() == region.strip().upper()
        return per_region[wanted.to_numpy()].reset_index(drop=True)
    national = national_links(result, registry, geography, previous, lines)
    top = national.assign(code="", naam="landelijk", waarde=national["regios"].astype(float),
                          toelichting=["in " + plural(int(n), "regio", "regio's")
                                       + ("" if p is pd.NA or p is None else f"; vorige golf {p}")
                                       for n, p in zip(national["regios"], national["regios_vorige_golf"])])
    return pd.concat([top[LINK_COLUMNS], per_region], ignore_index=True)


def koppeling_text(frame: pd.DataFrame, golf: str) -> str:
    """koppeling_table as Dutch text for the screen: per region (national first) each bottleneck, its verdict and
    the status of every action line that addresses it."""
    if frame.empty:
        return f"Geen knelpunten gevonden in meetgolf {golf}."
    lines: list[str] = []
    for code, rows in frame.groupby("code", sort=False):
        name = rows["naam"].iloc[0]
        lines.append(f"Landelijk (meetgolf {golf})" if code == "" else f"{name} ({code}), meetgolf {golf}")
        for row in rows.to_dict("records"):
            lines.append(f"  - {label(row)}: {row['toelichting']}" if row["toelichting"] else f"  - {label(row)}")
            lines.append(f"      {row['dekking']}")
            for part in [p for p in str(row["stand"]).split(" | ") if p]:
                lines.append(f"      · {part}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def uncovered(links: pd.DataFrame) -> pd.DataFrame:
    """The rows that no action line covers."""
    return links[(links["dekking"] == NOT_COVERED).to_numpy()].reset_index(drop=True)


__all__ = ["COVERED", "KINDS", "LINK_COLUMNS", "LineStatus", "NATIONAL_COLUMNS", "NOT_COVERED", "NOT_STARTED",
           "action_links", "covering_lines", "koppeling_table", "koppeling_text", "national_links", "uncovered", "unlinked_actions"]
