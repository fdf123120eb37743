"""Pieces of a region profile shaped for display (pure pandas; the Regio and Pilotregio's pages render them)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.format import client_count, escape_markdown, label, number, percent

DIRECTIONS = {-1: "− knelpunt", 1: "+ goed voorbeeld"}  # a finding's richting in words

REGION_LEVELS = ("zorgkantoorregio", "gemeente", "provincie")  # levels with a region profile
HAP_LEVEL = "hap"  # a HAP service area (code: the HAP id): no score, only its regiodossier and indicators
ALL_WAVES = "__alle__"  # selectbox value for "all waves together" (MonitorResult with golf=None)


@dataclass(frozen=True)
class SignalView:
    """How a region's signal is shown: alert kind (error/warning/info/success), title and reasons."""

    kind: str
    title: str
    reasons: tuple[str, ...]
    chains: tuple[str, ...]


def region_options(regions: pd.DataFrame, niveau: str) -> dict[str, str]:
    """code -> 'naam (code)' of every region of a level, sorted by name."""
    rows = regions[regions["niveau"] == niveau].sort_values("naam", key=lambda s: s.str.lower())
    return {code: f"{naam} ({code})" for code, naam in zip(rows["code"], rows["naam"])}


def level_label(niveau: str) -> str:
    """The level as the selectbox shows it: 'Zorgkantoorregio', 'HAP-werkgebied'."""
    return "HAP-werkgebied" if niveau == HAP_LEVEL else label(niveau)


def with_hap_areas(regions: pd.DataFrame, hap_indicators: pd.DataFrame) -> pd.DataFrame:
    """niveau, code, naam of every region plus one row per HAP service area (niveau 'hap', code the HAP id, the
    HAP's name), for the level and region boxes."""
    areas = pd.DataFrame({"niveau": HAP_LEVEL, "code": hap_indicators["code"].astype(str).to_numpy(),
                          "naam": hap_indicators["naam"].astype(str).to_numpy()})
    return pd.concat([pd.DataFrame(regions[["niveau", "code", "naam"]]), areas], ignore_index=True)


def signal_view(signal: pd.Series) -> SignalView:
    """Dutch wording of one row of MonitorResult.signals."""
    reasons = tuple(str(r) for r in (signal.get("redenen") or []))
    chains = tuple(str(c) for c in (signal.get("ketens") or []))
    if bool(signal.get("onvoldoende_gegevens")):
        return SignalView("info", "Onvoldoende gegevens om het netwerk te beoordelen", reasons, chains)
    weak, strong = bool(signal.get("zwak_netwerk")), bool(signal.get("te_sterk_netwerk"))
    if weak and strong:
        return SignalView("error", "Signaal: netwerk te zwak én te sterk", reasons, chains)
    if weak:
        return SignalView("error", "Signaal: netwerk te zwak", reasons, chains)
    if strong:
        return SignalView("warning", "Signaal: netwerk te sterk (lock-in)", reasons, chains)
    return SignalView("success", "Geen signaal", reasons, chains)


def completeness_text(signal: pd.Series) -> str:
    """Over how many VG locations the network judgement stands: 'gegevens over 18 van de 30 VG-locaties (60%)'."""
    share, text = signal.get("volledigheid"), str(signal.get("volledigheid_tekst") or "")
    if share is None or pd.isna(share):
        return text or "geen VG-locaties in het register"
    return f"{text} ({percent(share)})" if text else f"gegevens over {percent(share)} van de VG-locaties"


def robustness_text(signal: pd.Series) -> str:
    """The uncertainty in words: 'robuust' or 'gevoelig: signaal in 30 van de 40 varianten'."""
    total, with_signal = signal.get("varianten"), signal.get("varianten_met_signaal")
    if total is None or pd.isna(total) or int(total) == 0:
        return "niet getoetst"
    if bool(signal.get("robuust")):
        return "robuust"
    total, with_signal = int(total), int(with_signal or 0)
    weak = bool(signal.get("zwak_netwerk"))
    if with_signal == (total if weak else 0):
        # The weak-network decision held in every variant, so it was the 'te sterk' decision that moved.
        return "gevoelig: het signaal 'netwerk te sterk' verandert in sommige varianten"
    return f"gevoelig: signaal in {with_signal} van de {total} varianten"


def signal_basis(signal: pd.Series, capitalise: bool = True) -> str:
    """One line next to a signal: completeness and robustness ('Gegevens over … (100%) · robuust')."""
    text = completeness_text(signal)
    line = text[0].upper() + text[1:] if capitalise else text
    if bool(signal.get("onvoldoende_gegevens")):
        return line
    return f"{line} · {robustness_text(signal)}"


def running_actions(signal: pd.Series) -> tuple[str, ...]:
    """Convenant actions running in the region, 'actie (partij, status)', each once (a province can hear of the same
    action from several regions inside it); empty when none or unknown."""
    actions = signal.get("lopende_acties")
    if actions is None or isinstance(actions, float):
        return ()
    return tuple(dict.fromkeys(str(a) for a in actions))


def good_network_score(signal: pd.Series) -> float | None:
    """The region's 'goed netwerk' score when it is positive (a counterweight to a pilot), else None."""
    scores = signal.get("scores")
    value = scores.get("goed_netwerk") if isinstance(scores, dict) else None
    return float(value) if value is not None and not pd.isna(value) and value > 0 else None


def counterweights_markdown(signal: pd.Series) -> str:
    """Escaped Markdown under a signal: a good network and the convenant actions running in the region, which
    both make a pilot less urgent; empty when there are none."""
    parts = []
    good = good_network_score(signal)
    if good is not None:
        parts.append(f"**Goed netwerk**: score +{number(good, 2)}; dat maakt een pilot minder dringend.")
    actions = running_actions(signal)
    if actions:
        parts.append("**Convenantacties die hier lopen of zijn afgerond**\n" + bullet_list(actions))
    return "\n\n".join(parts)


def bullet_list(items) -> str:
    """Escaped Markdown bullet list of texts that may contain imported names."""
    return "\n".join(f"- {escape_markdown(item)}" for item in items)


def region_facilities(geo_facilities: pd.DataFrame, niveau: str, code: str) -> pd.DataFrame:
    """Rows of GeoResult.facilities located in the region (point in polygon, done by geo)."""
    if niveau not in geo_facilities.columns:
        return geo_facilities.iloc[0:0]
    return geo_facilities[geo_facilities[niveau] == code]


def facilities_table(facilities: pd.DataFrame, registry_facilities: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Display table of one facility type in a region (names, organisation, place; clients as <10)."""
    rows = facilities[facilities["type"] == kind]
    details = registry_facilities.set_index("id").reindex(rows["id"])
    table = pd.DataFrame(
        {
            "Naam": rows["naam"].to_numpy(),
            "Organisatie": rows["organisatie_naam"].to_numpy(),
            "Adres": details["adres"].to_numpy(),
            "Plaats": details["plaats"].to_numpy(),
        }
    )
    if kind == "hap":
        table["Alle ANW-uren open"] = details["anw_open"].map(_yes_no).to_numpy()
    if kind == "avg_poli":
        table["AVG (fte)"] = pd.to_numeric(rows["avg_fte"], errors="coerce").round(1).to_numpy()
    if kind == "vg_locatie":
        table["Huisarts"] = rows["heeft_huisarts"].map(_yes_no).to_numpy()
        table["Cliënten"] = rows["clienten"].map(client_count).to_numpy()
    if table["Organisatie"].isna().all():
        table = table.drop(columns="Organisatie")
    return table.sort_values("Naam").reset_index(drop=True)


def organisations_table(facilities: pd.DataFrame) -> pd.DataFrame:
    """Care organisations with VG locations in the region: locations, without GP, HAP areas, formal ties."""
    vg = facilities[(facilities["type"] == "vg_locatie") & facilities["organisatie_id"].notna()]
    columns = ["Organisatie", "Locaties in de regio", "Zonder huisarts", "HAP-werkgebieden", "Met formele afspraak"]
    if vg.empty:
        return pd.DataFrame(columns=columns)
    grouped = vg.assign(
        zonder=~vg["heeft_huisarts"].fillna(False).astype(bool), formeel_=vg["formeel"].fillna(False).astype(bool)
    ).groupby("organisatie_id", sort=True)
    table = pd.DataFrame(
        {
            "Organisatie": grouped["organisatie_naam"].first(),
            "Locaties in de regio": grouped.size(),
            "Zonder huisarts": grouped["zonder"].sum().astype(int),
            "HAP-werkgebieden": grouped["hap_gebied"].nunique(),
            "Met formele afspraak": grouped["formeel_"].sum().astype(int),
        }
    )
    return table.sort_values(["Locaties in de regio", "Organisatie"], ascending=[False, True]).reset_index(drop=True)


def evidence_table(evidence: pd.DataFrame) -> pd.DataFrame:
    """MonitorResult.evidence rows with Dutch headers and labels, strongest evidence first."""
    columns = {
        "voorwaarde": "Voorwaarde",
        "stakeholder": "Stakeholder",
        "soort": "Soort",
        "omschrijving": "Omschrijving",
        "deelscore": "Deelscore",
        "gewicht": "Gewicht",
        "bron": "Bron",
        "golf": "Golf",
    }
    frame = evidence.copy()
    if frame.empty:
        return pd.DataFrame(columns=list(columns.values()))
    frame["voorwaarde"] = frame["voorwaarde"].map(label)
    frame["stakeholder"] = frame["stakeholder"].map(label)
    frame = frame.sort_values(["gewicht", "deelscore"], ascending=[False, True], kind="stable")
    table = frame[[c for c in columns if c in frame.columns]].rename(columns=columns).reset_index(drop=True)
    return _rounded(table, {"Deelscore": 2, "Gewicht": 1})


def findings_table(evidence: pd.DataFrame) -> pd.DataFrame:
    """The coded findings among a region's evidence: failures (−) first, then good practices (+)."""
    rows = evidence[evidence["soort"] == "bevinding"]
    columns = ["Richting", "Voorwaarde", "Stakeholder", "Bevinding", "Gewicht", "Bron", "Golf"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows = rows.sort_values(["richting", "gewicht"], ascending=[True, False], kind="stable")
    table = pd.DataFrame(
        {
            "Richting": rows["richting"].map(DIRECTIONS).fillna("").to_numpy(),
            "Voorwaarde": rows["voorwaarde"].map(label).to_numpy(),
            "Stakeholder": rows["stakeholder"].map(label).to_numpy(),
            "Bevinding": rows["omschrijving"].to_numpy(),
            "Gewicht": rows["gewicht"].to_numpy(),
            "Bron": rows["bron"].to_numpy(),
            "Golf": rows["golf"].to_numpy(),
        }
    )
    return _rounded(table, {"Gewicht": 1})


def condition_scores(conditions: pd.DataFrame, code: str) -> pd.DataFrame:
    """Per condition of one region: score, confidence and amount of evidence, Dutch headers."""
    rows = conditions[conditions["code"] == code]
    table = pd.DataFrame(
        {
            "Voorwaarde": rows["voorwaarde"].map(label).to_numpy(),
            "Score (−2…+2)": rows["score"].to_numpy(),
            "Betrouwbaarheid": rows["betrouwbaarheid_label"].to_numpy(),
            "Bewijsstukken": rows["n_bewijs"].to_numpy(),
        }
    )
    return _rounded(table, {"Score (−2…+2)": 2})  # no evidence: empty (the page shows 'geen bewijs')


def _rounded(table: pd.DataFrame, decimals: dict[str, int]) -> pd.DataFrame:
    """Numbers stay numbers (they sort as numbers; the page shows them in Dutch notation), rounded as they read."""
    for column, places in decimals.items():
        if column in table.columns:
            table[column] = pd.to_numeric(table[column], errors="coerce").astype("float64").round(places)
    return table


def score_text(value) -> str:
    return "onvoldoende gegevens" if value is None or pd.isna(value) else number(value, 2)


def _yes_no(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "onbekend"
    return "ja" if bool(value) else "nee"
