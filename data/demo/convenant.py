"""Fictional pilot commissions and convenant awareness figures of the demo.

They draw from their own random generator (SEED), after the rest of the demo is built, so adding them changed
nothing else of the scenario: the same regions get the same findings and actions. The pilot commissions follow the
showcase stories (data.demo.findings): the spread region that worsens starts a commission, the one that improves has
one running with agreements, the one that stays stuck is exploring, and the region with a too strong network had one
that is evaluated. Awareness follows the study (par. 3.1 and 4): the convenant is little known, least among clients
and relatives, best among management; better known where it is used as a door-opener (the spread regions) than
where care works well without it (the compact ones), and somewhat better known in the second wave.
"""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from data.demo.findings import WAVES

SEED = 2012  # issue 12: pilot register and awareness; separate from data.demo.SEED on purpose

# Share of respondents that know the convenant, per stakeholder group, in the first and second wave.
AWARENESS = {
    "aanbieders": (0.32, 0.45),
    "gebruikers": (0.12, 0.20),
    "intermediairs": (0.18, 0.27),
    "voorwaardenscheppend": (0.55, 0.68),
}
ROLE_SHIFT = {"compact": -0.12, "verspreid": 0.15, "netwerk_te_sterk": 0.0}  # regional difference from national
NATIONAL_RESPONDENTS = (90, 220)
REGIONAL_RESPONDENTS = (12, 40)

# Per spread region (in the order of data.demo.findings.SPREAD_STORIES) and for the too strong network:
# (status, start (year, month) or None, afspraken, evaluatie, advies).
_SPREAD_PILOTS = (
    ("gestart", (2024, 2), "Eerste regionale tafel gepland met huisartsengroepen, huisartsenpost en zorgkantoor.",
     None, None),
    ("loopt", (2022, 9), "Afsprakenlijst: vaste huisarts per cluster van locaties; schriftelijke afspraak met de "
                         "huisartsenpost over triage en AVG-achterwacht; kwartaaloverleg onder regie van het zorgkantoor.",
     "Tussenevaluatie: twee van de drie afspraken uitgevoerd.", None),
    ("verkenning", None, None, None, None),
)
_DOMINANT_PILOT = (
    "geëvalueerd", (2021, 10),
    "Afspraken over spreiding van AVG-capaciteit over de organisaties in de regio.",
    "De werkdruk bij de organisatie met de open poli is niet gedaald; twee organisaties openen weer een eigen poli.",
    "Begin eerder met de zorgkantoren van de buurregio's; maak de capaciteitsafspraken schriftelijk.",
)


def _start(rng, year_month) -> date | None:
    if year_month is None:
        return None
    year, month = year_month
    return date(year, month, 1) + timedelta(days=int(rng.integers(0, 27)))


def make_pilots(roles: dict[str, str], zk_names, rng=None) -> pd.DataFrame:
    """A few fictional pilot commissions in the showcase regions (regio, commissie, start, status, afspraken,
    evaluatie, advies)."""
    rng = rng if rng is not None else np.random.default_rng(SEED)
    rows = []
    spread = [zk for zk, role in roles.items() if role == "verspreid"]
    for i, zk in enumerate(spread):
        status, start, agreed, evaluation, advice = _SPREAD_PILOTS[i % len(_SPREAD_PILOTS)]
        rows.append((zk, status, _start(rng, start), agreed, evaluation, advice))
    for zk in (zk for zk, role in roles.items() if role == "netwerk_te_sterk"):
        status, start, agreed, evaluation, advice = _DOMINANT_PILOT
        rows.append((zk, status, _start(rng, start), agreed, evaluation, advice))
    frame = pd.DataFrame(
        [(zk, f"Pilotcommissie {zk_names.get(zk, zk)} (fictief)", start, status, agreed, evaluation, advice)
         for zk, status, start, agreed, evaluation, advice in rows],
        columns=["regio", "commissie", "start", "status", "afspraken", "evaluatie", "advies"],
    )
    return frame.sort_values("regio", kind="stable").reset_index(drop=True)


def make_awareness(roles: dict[str, str], rng=None) -> pd.DataFrame:
    """Survey counts per wave and stakeholder group, nationally (regio '') and for the showcase regions with
    findings (regio, golf, stakeholder, bekend, totaal)."""
    rng = rng if rng is not None else np.random.default_rng(SEED + 1)
    rows = []
    regions = [("", 0.0, NATIONAL_RESPONDENTS)]
    regions += [(zk, ROLE_SHIFT[role], REGIONAL_RESPONDENTS) for zk, role in sorted(roles.items()) if role in ROLE_SHIFT]
    for regio, shift, (low, high) in regions:
        for w, (golf, _) in enumerate(WAVES):
            for stakeholder, shares in AWARENESS.items():
                share = float(np.clip(shares[w] + shift + rng.normal(0, 0.03), 0.02, 0.95))
                total = int(rng.integers(low, high))
                rows.append((regio, golf, stakeholder, int(rng.binomial(total, share)), total))
    return pd.DataFrame(rows, columns=["regio", "golf", "stakeholder", "bekend", "totaal"])
