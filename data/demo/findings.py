"""Fictional measurement waves, coded findings (bevindingen) and convenant action statuses of the demo.

Each region with findings gets a quality per wave (-1 mostly failures .. +1 mostly good practices); the showcase
regions follow a fixed story (compact stays good, one spread region worsens, one improves, one stays stuck, the
dominant-network region slides), the others drift at random between the waves.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.demo.texts import (
    ACTION_LINES, FINDING_CODES, FINDING_SOURCES, FINDINGS, REGIONAL_ACTION_LINES, STATUS_REMARKS,
)
from data.importing.findings import finding_key

WAVES = (("2021", 1), ("2024", 2))
PROGRESS = ("niet_gestart", "gestart", "loopt", "afgerond")
OTHER_ZK_WITH_FINDINGS = 12
ONLY_SECOND_WAVE = 3  # regions that joined the monitor in the second wave
EXTRA_GEMEENTEN = 5

NEGATIVE_WEIGHTS = {"infrastructuur": 3, "harde_instituties": 2, "zachte_instituties": 3, "netwerk_te_zwak": 3,
                    "netwerk_te_sterk": 0.3, "competenties": 2}
POSITIVE_WEIGHTS = {"infrastructuur": 2, "harde_instituties": 2, "zachte_instituties": 2, "goed_netwerk": 3,
                    "competenties": 2}
FOCUS_WEIGHTS = {
    "compact": ({"netwerk_te_sterk": 0}, {"goed_netwerk": 6, "infrastructuur": 3}),
    "verspreid": ({"netwerk_te_zwak": 7, "infrastructuur": 4, "netwerk_te_sterk": 0}, {}),
    "netwerk_te_sterk": ({"netwerk_te_sterk": 7}, {}),
}
FOCUS_FAILURE = {"verspreid": "netwerk_te_zwak", "netwerk_te_sterk": "netwerk_te_sterk"}


@dataclass(frozen=True)
class Story:
    """How a showcase region develops: quality in wave 1 and 2 and the regional action statuses per party."""

    quality: tuple[float, float]
    actions: dict  # partij -> ((status wave 1, remark), (status wave 2, remark))
    trend: str


_NOT_NEEDED = "Niet nodig: de samenwerking in de regio is goed geregeld."
COMPACT_STORY = Story((0.65, 0.75), {p: (("niet_gestart", _NOT_NEEDED), ("niet_gestart", _NOT_NEEDED))
                                      for _, p in REGIONAL_ACTION_LINES}, "blijft goed")
SPREAD_STORIES = (
    Story((-0.3, -0.7), {
        "Zorgkantoor": (("gestart", "Eerste gesprek met huisartsengroepen."),
               ("gestopt", "Gestopt: huisartsengroepen zagen geen rol voor zichzelf.")),
        "InEen": (("niet_gestart", "Nog niet opgepakt."), ("niet_gestart", "Geen capaciteit bij de posten.")),
        "VGN": (("gestart", "Convenant gebruikt als deuropener."),
                ("loopt", "Gesprekken lopen, nog zonder resultaat.")),
    }, "verslechtert"),
    Story((-0.6, 0.05), {
        "Zorgkantoor": (("gestart", "Zorgkantoor brengt partijen bij elkaar."), ("loopt", "Vaste regietafel ingericht.")),
        "InEen": (("niet_gestart", "Nog niet opgepakt."), ("gestart", "Conceptafspraken met twee posten.")),
        "VGN": (("gestart", "Convenant gebruikt als deuropener."),
                ("afgerond", "Afspraken met huisartsengroepen vastgelegd.")),
    }, "verbetert"),
    Story((-0.45, -0.45), {
        "Zorgkantoor": (("niet_gestart", "Knelpunt nog niet gemeld."), ("gestart", "Verkenning door het zorgkantoor.")),
        "InEen": (("niet_gestart", "Nog niet opgepakt."), ("niet_gestart", "Nog niet opgepakt.")),
        "VGN": (("gestart", "Convenant gebruikt als deuropener."), ("gestart", "Weinig beweging bij huisartsen.")),
    }, "blijft moeizaam"),
)
DOMINANT_STORY = Story((-0.1, -0.35), {
    "Zorgkantoor": (("gestart", "Overleg over spreiding van AVG-capaciteit."), ("loopt", "Gesprekken lopen nog.")),
    "InEen": (("gestart", "Post stelt eisen aan samenwerking."), ("gestopt", "Post weigert verdere afspraken.")),
    "VGN": (("niet_gestart", "Nog niet opgepakt."), ("gestart", "Andere organisaties willen weer een eigen poli.")),
}, "verslechtert")


def region_stories(roles: dict[str, str]) -> dict[str, Story]:
    """The fixed story of every showcase zorgkantoorregio (data-poor regions get none)."""
    stories: dict[str, Story] = {}
    spread = [zk for zk, role in roles.items() if role == "verspreid"]
    for zk, role in roles.items():
        if role == "compact":
            stories[zk] = COMPACT_STORY
        elif role == "verspreid":
            stories[zk] = SPREAD_STORIES[spread.index(zk) % len(SPREAD_STORIES)]
        elif role == "netwerk_te_sterk":
            stories[zk] = DOMINANT_STORY
    return stories


def _profiles(places: pd.DataFrame, roles: dict[str, str], orgs: pd.DataFrame, rng) -> list[tuple]:
    """(regio, focus, quality wave 1 or None, quality wave 2) for every region that gets findings."""
    stories = region_stories(roles)
    profiles = [(zk, roles[zk], *stories[zk].quality) for zk in sorted(stories)]
    others = sorted(set(places["zk"].dropna()) - set(roles))
    picked = sorted(rng.choice(others, size=min(OTHER_ZK_WITH_FINDINGS, len(others)), replace=False))
    late = set(rng.choice(picked, size=ONLY_SECOND_WAVE, replace=False))
    for zk in picked:
        first = float(rng.uniform(-0.5, 0.6))
        second = float(np.clip(first + rng.choice([-0.4, -0.2, 0.0, 0.2, 0.4]), -0.9, 0.9))
        profiles.append((zk, None, None if zk in late else first, second))
    quality = {p[0]: p for p in profiles}
    showcase = orgs[orgs["stijl"].isin(["compact", "verspreid", "dominant"])]
    gemeenten = list(dict.fromkeys(places["gemeente"].to_numpy()[showcase["basis"].to_numpy()]))
    population = places[places["zk"].isin(picked)].groupby("gemeente")["inwoners"].sum()
    candidates = population.drop(gemeenten, errors="ignore")
    gemeenten += sorted(rng.choice(candidates.index, size=EXTRA_GEMEENTEN, replace=False,
                                   p=candidates.to_numpy() / candidates.sum()))
    zk_of = places.drop_duplicates("gemeente").set_index("gemeente")["zk"]
    for gemeente in gemeenten:
        _, focus, first, second = quality[zk_of[gemeente]]
        noise = float(rng.normal(0, 0.1))
        profiles.append((gemeente, focus, None if first is None else first + noise, second + noise))
    return profiles


def _draw_findings(regio: str, golf: str, focus, quality: float, count: int, rng) -> list[dict]:
    negative, positive = dict(NEGATIVE_WEIGHTS), dict(POSITIVE_WEIGHTS)
    if focus in FOCUS_WEIGHTS:
        negative.update(FOCUS_WEIGHTS[focus][0])
        positive.update(FOCUS_WEIGHTS[focus][1])
    unused = set(range(len(FINDINGS)))
    rows = []
    # A fixed share of good practices (not a coin per finding), so a region's story survives small counts.
    plus = round(count * float(np.clip((1 + quality) / 2, 0.08, 0.92)))
    for direction in rng.permutation([1] * plus + [-1] * (count - plus)):
        direction = int(direction)
        weights = positive if direction == 1 else negative
        cells = [c for c in sorted(weights) if weights[c] > 0
                 and any(FINDINGS[i][0] == c and FINDINGS[i][1] == direction for i in unused)]
        if not cells:
            continue
        w = np.array([weights[c] for c in cells], dtype=float)
        condition = cells[rng.choice(len(cells), p=w / w.sum())]
        pool = sorted(i for i in unused if FINDINGS[i][0] == condition and FINDINGS[i][1] == direction)
        chosen = pool[rng.integers(len(pool))]
        unused.discard(chosen)
        voorwaarde, richting, stakeholder, tekst = FINDINGS[chosen]
        if direction == -1 and FOCUS_FAILURE.get(focus) == voorwaarde:
            gewicht = 3 if rng.random() < 0.6 else 2
        else:
            gewicht = int(rng.choice([1, 2, 3], p=[0.3, 0.45, 0.25]))
        rows.append(dict(regio=regio, golf=golf, stakeholder=stakeholder, voorwaarde=voorwaarde, richting=richting,
                         gewicht=gewicht, bron=str(rng.choice(FINDING_SOURCES, p=[0.5, 0.3, 0.2])), tekst=tekst,
                         code=FINDING_CODES[chosen] or None))
    return rows


def make_findings(places: pd.DataFrame, roles: dict[str, str], orgs: pd.DataFrame, rng) -> pd.DataFrame:
    """Findings per region and wave, with the content key (sleutel) the importer uses and their codebook code."""
    rows: list[dict] = []
    for regio, focus, first, second in _profiles(places, roles, orgs, rng):
        count_range = (8, 15) if regio.startswith("ZK") else (4, 9)
        for (golf, _), quality in zip(WAVES, (first, second)):
            if quality is not None:
                rows += _draw_findings(regio, golf, focus, quality, int(rng.integers(*count_range)), rng)
    frame = pd.DataFrame(rows)
    frame["sleutel"] = [finding_key(row) for row in frame.to_dict("records")]
    return frame.drop_duplicates("sleutel").reset_index(drop=True)


def _remark(status: str, rng) -> str:
    options = STATUS_REMARKS[status]
    return options[rng.integers(len(options))]


def make_actions(places: pd.DataFrame, roles: dict[str, str], findings: pd.DataFrame, rng) -> pd.DataFrame:
    """Convenant action statuses per party for both waves: national lines and regional ones (regio = ZK code)."""
    rows = []
    (first, _), (second, _) = WAVES
    for actie, parties in ACTION_LINES:
        for partij in parties:
            start = int(rng.choice(3, p=[0.45, 0.4, 0.15]))
            end = PROGRESS[min(start + int(rng.choice(4, p=[0.15, 0.35, 0.35, 0.15])), 3)]
            if rng.random() < 0.06:
                end = "gestopt"
            rows.append(dict(actie=actie, partij=partij, golf=first, status=PROGRESS[start], regio="",
                             toelichting=_remark(PROGRESS[start], rng)))
            rows.append(dict(actie=actie, partij=partij, golf=second, status=end, regio="",
                             toelichting=_remark(end, rng)))
    stories = region_stories(roles)
    regional = sorted(set(findings["regio"][findings["regio"].str.startswith("ZK")]))
    for zk in regional:
        for actie, partij in REGIONAL_ACTION_LINES:
            if zk in stories:
                (s1, r1), (s2, r2) = stories[zk].actions[partij]
            else:
                start = int(rng.choice(3, p=[0.5, 0.35, 0.15]))
                s1 = PROGRESS[start]
                s2 = PROGRESS[min(start + int(rng.choice(3, p=[0.3, 0.45, 0.25])), 3)]
                r1, r2 = _remark(s1, rng), _remark(s2, rng)
            rows.append(dict(actie=actie, partij=partij, golf=first, status=s1, regio=zk, toelichting=r1))
            rows.append(dict(actie=actie, partij=partij, golf=second, status=s2, regio=zk, toelichting=r2))
    return pd.DataFrame(rows)
