"""Monitoring over measurement waves (meetgolven): scores per wave with the change since the previous wave,
and the status of the convenant actions per wave."""
from __future__ import annotations

import pandas as pd

from data.registry import Geography, Registry
from monitor.analysis import analyse_level

STATUS_ORDER = {"niet_gestart": 0, "gestart": 1, "loopt": 2, "afgerond": 3, "gestopt": -1}
STATUS_LABELS = {"niet_gestart": "niet gestart", "gestart": "gestart", "loopt": "loopt", "afgerond": "afgerond",
                 "gestopt": "gestopt"}


def wave_codes(registry: Registry) -> list[str]:
    waves = registry.waves.sort_values(["volgorde", "code"], kind="stable")
    return [str(code) for code in waves["code"]]


def chosen_wave(golf: str | None, registry: Registry) -> str | None:
    """The wave to analyse: the one asked for, 'alle' (None: every wave together) or by default the latest."""
    if golf is not None:
        return None if golf.strip().lower() == "alle" else golf
    codes = wave_codes(registry)
    return codes[-1] if codes else None


def scores_by_wave(geo_result, registry: Registry, geography: Geography, niveau: str) -> pd.DataFrame:
    """code, naam, golf, voorwaarde, score, betrouwbaarheid, n_bewijs, verschil_vorige_golf (NaN in the first
    wave or when either wave has no score for that region and condition)."""
    frames = []
    for golf in wave_codes(registry):
        result = analyse_level(geo_result, registry, geography, niveau, golf)
        names = dict(zip(result.signals["code"], result.signals["naam"]))
        table = result.conditions[["code", "voorwaarde", "score", "betrouwbaarheid", "n_bewijs"]].copy()
        table.insert(1, "naam", table["code"].map(names))
        table.insert(2, "golf", golf)
        frames.append(table)
    columns = ["code", "naam", "golf", "voorwaarde", "score", "betrouwbaarheid", "n_bewijs", "verschil_vorige_golf"]
    if not frames:
        return pd.DataFrame(columns=columns)
    table = pd.concat(frames, ignore_index=True)
    previous = table.groupby(["code", "voorwaarde"], sort=False)["score"].shift(1)
    table["verschil_vorige_golf"] = (table["score"] - previous).round(4)
    return table[columns]


def signals_by_wave(geo_result, registry: Registry, geography: Geography, niveau: str) -> pd.DataFrame:
    """code, naam, golf, zwak_netwerk, te_sterk_netwerk, onvoldoende_gegevens, prioriteit per wave."""
    frames = []
    for golf in wave_codes(registry):
        signals = analyse_level(geo_result, registry, geography, niveau, golf).signals
        frame = signals[["code", "naam", "zwak_netwerk", "te_sterk_netwerk", "onvoldoende_gegevens", "prioriteit"]].copy()
        frame.insert(2, "golf", golf)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["code", "naam", "golf", "zwak_netwerk", "te_sterk_netwerk", "onvoldoende_gegevens", "prioriteit"])
    return pd.concat(frames, ignore_index=True)


# Each region in exactly one of these groups, so they add up to the number of regions (the key, then the header
# the dashboard and the wave report show).
SIGNAL_GROUPS = {
    "zwak": "Netwerk te zwak",
    "sterk": "Netwerk te sterk",
    "beide": "Te zwak én te sterk",
    "onvoldoende": "Onvoldoende gegevens",
    "geen": "Geen signaal",
}
SIGNAL_COUNTS_NOTE = (
    "Elke regio staat in precies één kolom, zodat de kolommen samen het totaal zijn: een regio met beide signalen "
    "telt bij 'Te zwak én te sterk' (een deel van de organisaties werkt te los, een ander deel te gesloten), niet "
    "bij de andere twee. Onvoldoende gegevens: geen oordeel over het netwerk."
)


def signal_counts(signals: pd.DataFrame) -> dict[str, int]:
    """How many regions of `signals` (one row per region: zwak_netwerk, te_sterk_netwerk, onvoldoende_gegevens)
    fall in each SIGNAL_GROUPS group, plus totaal. Every region counts once: a region with both signals under
    'beide' (not under zwak or sterk), 'onvoldoende' only without a signal; so zwak + sterk + beide + onvoldoende +
    geen == totaal."""
    def flag(column: str) -> pd.Series:
        return signals[column].astype("boolean").fillna(False).astype(bool)

    weak, strong = flag("zwak_netwerk"), flag("te_sterk_netwerk")
    unknown = flag("onvoldoende_gegevens") & ~weak & ~strong
    return {"zwak": int((weak & ~strong).sum()), "sterk": int((strong & ~weak).sum()),
            "beide": int((weak & strong).sum()), "onvoldoende": int(unknown.sum()),
            "geen": int((~weak & ~strong & ~unknown).sum()), "totaal": len(signals)}


def _change(statuses: list) -> tuple[str, int | None]:
    """A Dutch description of the change between the last two waves with a status, and its direction."""
    known = [s for s in statuses if isinstance(s, str)]
    if not known:
        return "geen status", None
    if len(known) == 1:
        first = statuses.index(known[0])
        return ("nieuw: " + STATUS_LABELS.get(known[0], known[0])) if first > 0 else STATUS_LABELS.get(known[0], known[0]), None
    before, now = known[-2], known[-1]
    if before == now:
        return f"ongewijzigd ({STATUS_LABELS.get(now, now)})", 0
    step = STATUS_ORDER.get(now, 0) - STATUS_ORDER.get(before, 0)
    return f"{STATUS_LABELS.get(before, before)} → {STATUS_LABELS.get(now, now)}", (1 if step > 0 else -1)


def action_status(registry: Registry, geography: Geography | None = None) -> pd.DataFrame:
    """One row per action line x party x region: its status in each wave (one column per wave code),
    laatste_status, verandering (Dutch) and vooruitgang (+1 forward, 0 unchanged, -1 back, empty if unknown)."""
    waves = wave_codes(registry)
    actions = registry.actions.copy()
    actions["regio"] = actions["regio"].fillna("").astype(str)
    if actions.empty:
        return pd.DataFrame(columns=["actie", "partij", "regio", "regio_naam", *waves, "laatste_status", "verandering", "vooruitgang"])
    wide = actions.pivot_table(index=["actie", "partij", "regio"], columns="golf", values="status", aggfunc="last")
    wide = wide.reindex(columns=waves)
    rows = []
    for (actie, partij, regio), statuses in wide.iterrows():
        values = [s if isinstance(s, str) else None for s in statuses.tolist()]
        change, direction = _change(values)
        rows.append({"actie": actie, "partij": partij, "regio": regio, **dict(zip(waves, values)),
                     "laatste_status": next((s for s in reversed(values) if s), None),
                     "verandering": change, "vooruitgang": direction})
    table = pd.DataFrame(rows)
    names = {}
    if geography is not None:
        names = dict(zip(geography.regions["code"].astype(str), geography.regions["naam"].astype(str)))
    table.insert(3, "regio_naam", [("landelijk" if not r else names.get(r, r)) for r in table["regio"]])
    table["vooruitgang"] = table["vooruitgang"].astype("Int64")
    return table.sort_values(["actie", "partij", "regio"], kind="stable").reset_index(drop=True)
