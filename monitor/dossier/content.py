"""Build the regiodossier's content model (monitor.dossier.model) from the analysis of one level and wave.

Everything the PDF, the Word file and the dashboard show comes from here, once. The inputs are the frames the
rest of the product already computes: the registry, the geography, the geo result and monitor.analysis'
MonitorResult for the dossier's level and wave. With `zonder_bevindingen` no text of a coded finding enters the
model: findings are counted per condition (1 to 9 shown as "<10"), and chain links they support name their code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from data.errors import UserError
from data.models import CONDITIONS
from data.provenance import Provenance
from data.registry import Geography, Registry
from geo import catalogue as geo_catalogue
from monitor import catalogue as catalogue_module
from monitor.analysis import MonitorResult
from monitor.chains import region_chain_links
from monitor.dossier import agenda, appendix
from monitor.dossier.comparable import METHOD, METHOD_ORGANISATION, comparable_regions
from monitor.dossier.invitees import invitee_blocks
from monitor.dossier.map import layers, render_png
from monitor.dossier.model import Block, Bullets, Dossier, Figure, Heading, Paragraph, Section
from monitor.dossier.scope import LEVELS, Scope, scope_of
from monitor.dossier.wording import (CONDITION_LABELS, FAILURE_CONDITIONS, LEVEL_LABELS, STAKEHOLDER_LABELS, join_names, long_date,
                                     number, plural, score, sentence, small_count)

_FINDING = re.compile(r"^Bevinding(?: \((?P<bron>[^)]*)\))?: (?P<tekst>.*)$", re.S)
N_BOTTLENECKS, N_GOOD = 3, 2


@dataclass(frozen=True)
class DossierInputs:
    """What a dossier is made of; the CLI and the dashboard fill it from their own caches."""

    registry: Registry
    geography: Geography
    geo_result: object  # geo.analysis.GeoResult
    result: MonitorResult  # analyse_level for the dossier's level and wave
    care_offices: dict[str, str] = field(default_factory=dict)  # zorgkantoorregio -> zorgkantoor
    provenance: Provenance | None = None
    datum: date | None = None
    niveau: str | None = None  # the dossier's level when it is not result's: 'hap' (HAP area; result: any level)


@dataclass(frozen=True)
class _Context:
    inputs: DossierInputs
    scope: Scope
    signal: pd.Series
    evidence: pd.DataFrame  # the region's evidence rows
    without: bool  # zonder bevindingen

    @property
    def result(self) -> MonitorResult:
        return self.inputs.result


def build_dossier(inputs: DossierInputs, code: str, zonder_bevindingen: bool = False) -> Dossier:
    """The regiodossier of region (or organisation) `code` on the level of `inputs.result`, or of the HAP area
    `code` (a HAP id) when `inputs.niveau` is 'hap' (monitor.dossier.hap)."""
    result = inputs.result
    niveau = inputs.niveau or result.niveau
    if niveau == "hap":  # no score at this level: the overlapping regions' signal and the area's own facts
        from monitor.dossier.hap import build_hap_dossier

        return build_hap_dossier(inputs, code, zonder_bevindingen)
    if niveau not in LEVELS:
        raise UserError(f"Een regiodossier bestaat voor {', '.join(LEVELS)}; niet voor niveau '{niveau}'.")
    code = str(code).strip()
    signals = result.signals
    rows = signals[(signals["code"].astype(str) == code).to_numpy()]
    if rows.empty and niveau != "organisatie":
        rows = signals[(signals["code"].astype(str).str.upper() == code.upper()).to_numpy()]
    if rows.empty:
        what = "Organisatie" if niveau == "organisatie" else "Regio"
        raise UserError(f"{what} '{code}' bestaat niet op niveau {niveau}; "
                        f"`python -m monitor signalen --niveau {niveau} --format tabel` toont de codes.")
    signal = rows.iloc[0]
    code = str(signal["code"])
    scope = scope_of(niveau, code, str(signal["naam"]), inputs.geo_result, inputs.geography)
    evidence = result.evidence[(result.evidence["code"].astype(str) == code).to_numpy()]
    ctx = _Context(inputs, scope, signal, evidence, zonder_bevindingen)
    day = inputs.datum or date.today()
    level = LEVEL_LABELS[niveau]
    comparable = _comparable(ctx)
    sections = (
        Section("samenvatting", "Samenvatting", tuple(_summary(ctx)), new_page=False),
        Section("kaart", "Kaart", tuple(_map(ctx))),
        Section("tafel", "Wie aan tafel", tuple(invitee_blocks(scope, inputs.geo_result, inputs.registry,
                                                                inputs.care_offices))),
        Section("knelpunten", "Knelpunten per systeemvoorwaarde", tuple(_bottlenecks(ctx))),
        Section("voorbeelden", "Goede voorbeelden elders", tuple(_examples(ctx, comparable))),
        Section("acties", "Convenantacties", tuple(agenda.action_blocks(ctx.inputs.registry, ctx.inputs.geography,
                                                                        scope, result.golf)) + tuple(_pilots(ctx))),
        Section("agenda", "Concept-agenda en afsprakenlijst",
                tuple(agenda.agenda_blocks(scope.naam, _bottleneck_rows(ctx), [n for _, n in comparable],
                                           list(signal.get("lopende_acties") or [])))),
        Section("bijlage", "Bijlage: indicatoren en methode", tuple(appendix.appendix_blocks(ctx.inputs, scope))),
    )
    wave = f"meetgolf {result.golf}" if result.golf else "alle meetgolven samen"
    return Dossier(
        niveau=niveau, code=code, naam=scope.naam, golf=result.golf, datum=day,
        catalogus_versie=result.catalogus_versie, is_demo=bool(result.is_demo), zonder_bevindingen=zonder_bevindingen,
        titel=f"Regiodossier {scope.naam}",
        ondertitel=f"{level.capitalize()} {code} · {wave} · {long_date(day)}",
        sections=sections,
        bronnen=tuple(appendix.sources(ctx.inputs, result.golf)),
    )


# -- Findings and registry facts as sentences ---------------------------------------------------------------

def _is_finding(row) -> bool:
    return row["soort"] == "bevinding"


def _finding_parts(omschrijving: str) -> tuple[str, str]:
    """'Bevinding (enquête, 2024): tekst' -> ('enquête, 2024', 'tekst')."""
    match = _FINDING.match(str(omschrijving or ""))
    if not match:
        return "", str(omschrijving or "")
    return match.group("bron") or "", match.group("tekst")


def evidence_sentence(row, without: bool) -> str | None:
    """One piece of evidence as a plain sentence with its source; None for a finding in the version without."""
    stakeholder = STAKEHOLDER_LABELS.get(str(row.get("stakeholder") or ""), "")
    if _is_finding(row):
        if without:
            return None
        _, text = _finding_parts(row["omschrijving"])
        details = ["bevinding"] + ([f"bron: {row['bron']}"] if row.get("bron") else [])
        if row.get("golf"):
            details.append(f"meetgolf {row['golf']}")
        if stakeholder:
            details.append(f"stakeholdergroep {stakeholder}")
        if row.get("item"):
            details.append(f"code {row['item']}")
        return f"{sentence(text)} ({'; '.join(details)})"
    details = ["bron: register"]
    if row.get("golf"):
        details.append(f"peildatum meetgolf {row['golf']}")
    if stakeholder:
        details.append(f"stakeholdergroep {stakeholder}")
    return f"{sentence(row['omschrijving'])} ({'; '.join(details)})"


def _ranked(evidence: pd.DataFrame, sign: int) -> list[dict]:
    """Evidence pointing one way, strongest first (sub-score x weight, registry facts before findings on ties)."""
    rows = evidence[(evidence["deelscore"] * sign > 0).to_numpy()].to_dict("records")
    return sorted(rows, key=lambda r: (-abs(r["deelscore"]) * float(r["gewicht"] or 0), r["soort"] != "indicator",
                                       str(r["omschrijving"])))


def _spread(rows: list[dict], count: int) -> list[dict]:
    """The first `count` rows with one per condition first, then the next strongest."""
    chosen, seen = [], set()
    for row in rows:
        if row["voorwaarde"] not in seen:
            chosen.append(row)
            seen.add(row["voorwaarde"])
        if len(chosen) == count:
            return chosen
    chosen += [r for r in rows if r not in chosen][: count - len(chosen)]
    return chosen


def _bottleneck_rows(ctx: _Context) -> list[dict]:
    """The main bottlenecks: first the strongest registry fact behind each signal (a signal stands on the
    registry), then the strongest other evidence, one per condition where possible."""
    rows = [r for r in _ranked(ctx.evidence, -1) if not (ctx.without and _is_finding(r))]
    first = []
    for flag, condition in (("zwak_netwerk", "netwerk_te_zwak"), ("te_sterk_netwerk", "netwerk_te_sterk")):
        if bool(ctx.signal.get(flag)):
            facts = [r for r in rows if r["voorwaarde"] == condition and not _is_finding(r)]
            first += facts[:1]
    rest = _spread([r for r in rows if r["voorwaarde"] not in {f["voorwaarde"] for f in first}], N_BOTTLENECKS)
    return (first + rest)[:N_BOTTLENECKS]


# -- Sections ------------------------------------------------------------------------------------------------

def signal_title(signal: pd.Series) -> str:
    if bool(signal.get("onvoldoende_gegevens")):
        return "Onvoldoende gegevens om het netwerk te beoordelen"
    weak, strong = bool(signal.get("zwak_netwerk")), bool(signal.get("te_sterk_netwerk"))
    if weak and strong:
        return "Signaal: netwerk te zwak én te sterk"
    if weak:
        return "Signaal: netwerk te zwak"
    if strong:
        return "Signaal: netwerk te sterk (lock-in)"
    return "Geen signaal"


def _safe_reasons(ctx: _Context) -> list[str]:
    """The reasons of the signal that hold no finding text: the score sentence and the robustness sentence (a
    province's reasons name only its zorgkantoorregio's)."""
    reasons = [str(r) for r in (ctx.signal.get("redenen") or [])]
    texts = [_finding_parts(t)[1] for t in ctx.evidence.loc[(ctx.evidence["soort"] == "bevinding").to_numpy(), "omschrijving"]]

    def clean(reason: str) -> bool:
        return not any(t and t.strip().rstrip(".") in reason for t in texts) and "Bevinding" not in reason \
            and "bevinding (" not in reason

    first = [reasons[0]] if reasons and clean(reasons[0]) else []
    robust = [r for r in reasons[1:] if r.startswith(("Robuust", "Gevoelig", "Eigen scores", "Signaal omdat"))]
    return first + [r for r in robust if clean(r)]


def _completeness(signal: pd.Series) -> str:
    share, text = signal.get("volledigheid"), str(signal.get("volledigheid_tekst") or "")
    if share is None or share != share:
        return text or "geen VG-locaties in het register"
    return f"{text} ({number(100 * float(share))}%)" if text else f"gegevens over {number(100 * float(share))}% van de VG-locaties"


def _robustness(signal: pd.Series) -> str:
    total, with_signal = signal.get("varianten"), signal.get("varianten_met_signaal")
    if total is None or total != total or int(total) == 0:
        return "niet getoetst"
    if bool(signal.get("robuust")):
        return "robuust"
    return f"gevoelig: signaal 'zwak netwerk' in {int(with_signal or 0)} van de {int(total)} varianten"


def _summary(ctx: _Context) -> list[Block]:
    scope, signal = ctx.scope, ctx.signal
    level = LEVEL_LABELS[scope.niveau]
    blocks: list[Block] = [Paragraph(
        f"{scope.naam} ({scope.code}) is een {level}. Dit dossier bereidt een regionale tafel voor over de medisch "
        "generalistische zorg (MGZ) voor mensen met een verstandelijke beperking: wie uitnodigen, wat er knelt, wat "
        "elders werkt en wat al loopt. De commissie kan het ongewijzigd rondsturen.", "lead")]
    blocks.append(Heading(signal_title(signal)))
    basis = f"Volledigheid: {_completeness(signal)}."
    if not bool(signal.get("onvoldoende_gegevens")):
        basis += f" Zekerheid: {_robustness(signal)}."
    blocks.append(Paragraph(basis))
    reasons = _safe_reasons(ctx)
    if reasons:
        blocks.append(Bullets(tuple(reasons)))

    blocks.append(Heading("De drie belangrijkste knelpunten"))
    worst = _bottleneck_rows(ctx)
    if worst:
        blocks.append(Bullets(tuple(f"{CONDITION_LABELS[r['voorwaarde']]}: {evidence_sentence(r, ctx.without)}"
                                    for r in worst)))
    else:
        blocks.append(Paragraph("In het bewijs over dit gebied staat geen knelpunt."))
    hidden = int(((ctx.evidence["soort"] == "bevinding") & (ctx.evidence["deelscore"] < 0)).sum())
    if ctx.without and hidden:
        blocks.append(Paragraph(f"Daarnaast {small_count(hidden)} bevindingen over knelpunten; hun teksten staan "
                                "alleen in de vertrouwelijke versie.", "note"))

    blocks.append(Heading("De twee sterkste goede praktijken"))
    # On the failure conditions a positive sub-score only means "no bottleneck", which is no practice to copy.
    best = _spread([r for r in _ranked(ctx.evidence, 1) if not (ctx.without and _is_finding(r))
                    and r["voorwaarde"] not in FAILURE_CONDITIONS], N_GOOD)
    if best:
        blocks.append(Bullets(tuple(f"{CONDITION_LABELS[r['voorwaarde']]}: {evidence_sentence(r, ctx.without)}"
                                    for r in best)))
    else:
        blocks.append(Paragraph("In het bewijs over dit gebied staat geen goede praktijk."))

    blocks.append(Heading("Wat al loopt"))
    running = list(dict.fromkeys(str(a) for a in (signal.get("lopende_acties") or [])))
    if running:
        blocks.append(Bullets(tuple(f"{a}" for a in running)))
    else:
        blocks.append(Paragraph("In dit gebied lopen geen regionale convenantacties (of ze zijn niet geregistreerd); "
                                "de landelijke acties staan onder Convenantacties."))
    blocks.append(Paragraph(_source_line(ctx), "note"))
    return blocks


def _source_line(ctx: _Context) -> str:
    golf = ctx.result.golf
    years = (ctx.inputs.provenance.reference_years if ctx.inputs.provenance else {}) or {}
    wave = f"meetgolf {golf}" if golf else "alle meetgolven samen"
    year = "".join(ch for ch in str(golf or "")[:4] if ch.isdigit())
    ties = f" (samenwerkingen zoals op 31 december {year})" if len(year) == 4 else ""
    borders = f" {years['gemeente']}" if "gemeente" in years else ""
    demo = " Fictief voorbeeld: alle namen en bevindingen zijn verzonnen." if ctx.result.is_demo else ""
    return (f"Bron: register en gecodeerde bevindingen, {wave}{ties}; grenzen CBS / PDOK{borders}. Alle bronnen en "
            f"peildata staan in de bijlage.{demo}")


def _map(ctx: _Context) -> list[Block]:
    scope = ctx.scope
    png = render_png(layers(scope, ctx.inputs.geo_result, ctx.inputs.geography))
    vg = scope.vg
    counts = scope.facilities["type"].value_counts()
    years = (ctx.inputs.provenance.reference_years if ctx.inputs.provenance else {}) or {}
    year = years.get("gemeente")
    caption = (
        f"{scope.naam}: grens van het gebied (dikke lijn), gemeentegrenzen (dun), HAP-werkgebieden (gestreept), "
        "huisartsenposten (driehoek), AVG-poliklinieken (zwart vierkant), huisartsenpraktijken (plus) en VG-locaties "
        "met per organisatie een eigen vorm en kleur (grijs: andere organisaties of buiten het gebied). "
        f"Bron: CBS / PDOK{f' (grenzen {year})' if year else ''}; register (voorzieningen, werkgebieden)."
        + (" Fictief voorbeeld." if ctx.result.is_demo else "")
    )
    summary = (
        f"In het gebied: {plural(len(vg), 'VG-locatie', 'VG-locaties')} van "
        f"{plural(vg['organisatie_id'].nunique(), 'organisatie', 'organisaties')}, "
        f"{plural(int(counts.get('hap', 0)), 'huisartsenpost', 'huisartsenposten')}, "
        f"{plural(int(counts.get('avg_poli', 0)), 'AVG-polikliniek', 'AVG-poliklinieken')} en "
        f"{plural(int(counts.get('huisartsenpraktijk', 0)), 'huisartsenpraktijk', 'huisartsenpraktijken')}."
    )
    return [Figure(png, caption), Paragraph(summary)]


def _condition_header(ctx: _Context, condition: str) -> str:
    conditions = ctx.result.conditions
    row = conditions[(conditions["code"].astype(str) == ctx.scope.code).to_numpy() & (conditions["voorwaarde"] == condition).to_numpy()]
    label = CONDITION_LABELS[condition]
    if row.empty or row["score"].isna().all():
        return f"{label}: geen bewijs"
    r = row.iloc[0]
    return (f"{label}: score {score(r['score'])} (betrouwbaarheid {r['betrouwbaarheid_label']}, "
            f"{plural(int(r['n_bewijs']), 'bewijsstuk', 'bewijsstukken')})")


WITHOUT_FINDINGS_NOTE = (" In deze versie zonder bevindingen staan bevindingen alleen als aantal per voorwaarde "
                         "(1 tot 9 als <10).")


def _bottlenecks(ctx: _Context) -> list[Block]:
    blocks: list[Block] = [Paragraph(
        "Per voorwaarde van het systeem-framework de knelpunten, elk met het bewijs: registerfeiten met cijfers en "
        "bron, en gecodeerde bevindingen met meetgolf, soort bron en stakeholdergroep. Scores lopen van −2 (knelpunt) "
        "tot +2 (geen knelpunt of een goede praktijk)."
        + (WITHOUT_FINDINGS_NOTE if ctx.without else ""), "note")]
    for condition in CONDITIONS:
        rows = ctx.evidence[(ctx.evidence["voorwaarde"] == condition).to_numpy()]
        blocks.append(Heading(_condition_header(ctx, condition)))
        against = _ranked(rows, -1)
        support = _ranked(rows, 1)
        facts_against = [r for r in against if not _is_finding(r)]
        findings_against = [r for r in against if _is_finding(r)]
        findings_for = [r for r in support if _is_finding(r)]
        facts_text = (plural(len(facts_against), "registerfeit wijst", "registerfeiten wijzen") if facts_against
                      else "geen registerfeit wijst")
        if ctx.without:
            prose = (f"{sentence(facts_text)[:-1]} op een knelpunt; "
                     f"bevindingen: {small_count(len(findings_against))} over een knelpunt en "
                     f"{small_count(len(findings_for))} over een goede praktijk.")
        else:
            prose = (f"{plural(len(facts_against), 'registerfeit', 'registerfeiten')} en "
                     f"{plural(len(findings_against), 'bevinding', 'bevindingen')} wijzen op een knelpunt; "
                     f"{plural(len(support), 'bewijsstuk wijst', 'bewijsstukken wijzen')} op iets wat goed gaat.")
        if rows.empty:
            prose = "Over deze voorwaarde is in dit gebied geen bewijs."
        blocks.append(Paragraph(prose))
        items = [s for s in (evidence_sentence(r, ctx.without) for r in against) if s]
        items += [f"Tegenwicht: {s}" for s in (evidence_sentence(r, ctx.without) for r in support[:2]) if s]
        if items:
            blocks.append(Bullets(tuple(items)))
    blocks += _chains(ctx)
    return blocks


def _chains(ctx: _Context) -> list[Block]:
    catalogue = catalogue_module.default()
    chains = region_chain_links(ctx.evidence, [ctx.scope.code], catalogue).get(ctx.scope.code, [])
    blocks: list[Block] = [Heading("Ketens van belemmeringen")]
    if bool(ctx.signal.get("onvoldoende_gegevens")) or not chains:
        blocks.append(Paragraph("In dit gebied is geen keten van belemmeringen uit de studie herkend (daarvoor zijn "
                                "minstens twee schakels met eigen bewijs nodig)."))
        return blocks
    for chain in chains:
        blocks.append(Paragraph(f"Keten '{chain.naam}': {len(chain.zichtbaar)} van de {len(chain.schakels)} "
                                "schakels zijn hier zichtbaar."))
        items = []
        for link in chain.schakels:
            if not link.bewijs:
                items.append(f"({link.positie}) {link.naam}: niet zichtbaar in het bewijs")
                continue
            cited = []
            for support in link.bewijs:
                if support.soort == "register":
                    cited.append(f"registerfeit: {support.omschrijving.rstrip('.')}")
                elif ctx.without:
                    cited.append(f"bevinding met code {support.code} (tekst weggelaten)")
                else:
                    cited.append(f"bevinding: {_finding_parts(support.omschrijving)[1].rstrip('.')} (code {support.code})")
            items.append(f"({link.positie}) {link.naam}: " + "; ".join(cited) + ".")
        blocks.append(Bullets(tuple(items)))
    return blocks


def _comparable(ctx: _Context) -> list[tuple[str, str]]:
    result = ctx.result
    indicators = ctx.inputs.geo_result.indicators.get(result.niveau)
    if indicators is None or indicators.empty:
        return []
    found = comparable_regions(ctx.scope.code, indicators, result.signals, result.evidence, result.niveau,
                               ctx.inputs.geography)
    names = dict(zip(result.signals["code"].astype(str), result.signals["naam"].astype(str)))
    return [(code, names.get(code, code)) for code, _ in found]


def _examples(ctx: _Context, comparable: list[tuple[str, str]]) -> list[Block]:
    result = ctx.result
    method = METHOD_ORGANISATION if result.niveau == "organisatie" else METHOD
    blocks: list[Block] = [Paragraph(method, "note")]
    if not comparable:
        blocks.append(Paragraph("Er is geen vergelijkbare regio met bewijs voor een goed netwerk gevonden."))
        return blocks
    blocks.append(Paragraph(f"Het meest vergelijkbaar: {join_names([f'{n} ({c})' for c, n in comparable])}."))
    indicators = ctx.inputs.geo_result.indicators[result.niveau].set_index("code")
    signals = result.signals.set_index("code")
    for code, naam in comparable:
        good = result.evidence[(result.evidence["code"].astype(str) == code).to_numpy()
                               & (result.evidence["voorwaarde"] == "goed_netwerk").to_numpy()]
        scores = signals.loc[code, "scores"] if code in signals.index else {}
        blocks.append(Heading(f"{naam} ({code}): goed netwerk {score((scores or {}).get('goed_netwerk'))}"))
        blocks.append(Paragraph(_profile(indicators, code, result.niveau)))
        positive = _ranked(good, 1)
        items = [s for s in (evidence_sentence(r, ctx.without) for r in positive[:4]) if s]
        hidden = sum(1 for r in positive if _is_finding(r)) if ctx.without else 0
        if hidden:
            items.append(f"{small_count(hidden)} bevindingen over een goed netwerk (teksten in de vertrouwelijke versie)")
        blocks.append(Bullets(tuple(items)) if items else Paragraph("Geen afzonderlijk bewijs voor een goed netwerk."))
    return blocks


def _profile(indicators: pd.DataFrame, code: str, niveau: str) -> str:
    if code not in indicators.index:
        return ""
    row = indicators.loc[code]
    parts = []
    if niveau != "organisatie" and "inwoners" in row and row["inwoners"] == row["inwoners"]:
        parts.append(f"{number(row['inwoners'])} inwoners")
    for key, one, many in (("aantal_vg_locatie", "VG-locatie", "VG-locaties"), ("aantal_locaties", "locatie", "locaties"),
                           ("aantal_hap", "HAP", "HAP's"), ("aantal_avg_poli", "AVG-poli", "AVG-poli's")):
        if key in row and row[key] == row[key]:
            parts.append(plural(int(row[key]), one, many))
    if "spreiding_km" in row and row["spreiding_km"] == row["spreiding_km"]:
        parts.append(f"spreiding van de locaties {number(row['spreiding_km'], 1, 'km')}")
    label = geo_catalogue.INDICATORS.get("aantal_hap_gebieden")
    if niveau == "organisatie" and "aantal_hap_gebieden" in row and row["aantal_hap_gebieden"] == row["aantal_hap_gebieden"]:
        parts.append(f"{number(row['aantal_hap_gebieden'], 1)} {label.label.lower() if label else 'HAP-werkgebieden'}")
    return ("Kenmerken: " + "; ".join(parts) + ".") if parts else ""


def _pilots(ctx: _Context) -> list[Block]:
    """The pilot commissions in or around the area, from the pilot register (monitor.pilots, import pilots)."""
    from monitor.pilots import pilot_blocks  # lazy: monitor.pilots reads this package's model

    scope = ctx.scope
    return [Heading("Pilotcommissie"), *pilot_blocks(ctx.inputs.registry, scope.code, ctx.inputs.geography, scope.naam,
                                                     gemeenten=scope.gemeenten)]
