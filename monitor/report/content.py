"""Build the wave report (golfrapportage): a national document per measurement wave for the steering group.

The content model is the regiodossier's (monitor.dossier.model); the PDF and Word writers of the dossier render
it, and the dashboard shows the same blocks. Sections, in order:
1. samenvatting  the wave in a few sentences;
2. signalen      signals per level for this and the previous wave, the movement, and a map in small multiples;
3. knelpunten    bottlenecks by frequency: "knelpunt X in N regio's; vorige golf M" (zorgkantoorregio's);
4. acties        action lines by party and status (national rows; regional rows counted per line);
5. ongedekt      bottlenecks no action line covers, and those whose lines have no started action;
6. bekendheid    awareness of the convenant per stakeholder group and wave (survey; coded findings apart);
7. pilots        the pilot register, and which regions with a weak network have a commission;
8. register      what changed in the registry: collaborations on the reference date, completeness, findings;
9. methode       how the figures are made, and the sources.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from data import action_lines as action_lines_module
from data.errors import UserError
from data.importing.pilots import STATUSES as PILOT_STATUSES
from data.models import ACTION_STATUSES, STAKEHOLDERS
from data.registry import Geography, Registry
from monitor import catalogue as catalogue_module
from monitor.action_links import COVERED, NOT_COVERED, NOT_STARTED, national_links
from monitor.analysis import MonitorResult, analyse_level, pilot_candidates
from monitor.awareness import awareness_by_wave, has_awareness
from monitor.bottlenecks import KIND_LABELS, label as bottleneck_label
from monitor.dossier.model import Block, Bullets, Figure, Heading, Paragraph, Section, Table
from monitor.dossier.wording import STATUS_LABELS, join_names, long_date, number, percent, plural
from monitor.pilots import pilot_register, pilot_table, stand
from monitor.report import figures
from monitor.report.model import WaveReport
from monitor.ties import known_in_wave
from monitor.waves import SIGNAL_COUNTS_NOTE, SIGNAL_GROUPS, action_status, signal_counts, wave_codes

LEVELS = ("zorgkantoorregio", "provincie", "gemeente")
LEVEL_PLURALS = {"zorgkantoorregio": "Zorgkantoorregio's", "provincie": "Provincies", "gemeente": "Gemeenten"}
STAKEHOLDER_LABELS = {"aanbieders": "Aanbieders", "gebruikers": "Gebruikers", "intermediairs": "Intermediairs",
                      "voorwaardenscheppend": "Voorwaardenscheppend"}
REGIONS = "regio's"
TOP_BOTTLENECKS = 15
MAX_NAMES = 12


@dataclass(frozen=True)
class ReportInputs:
    """What a wave report is made of; the command line and the dashboard fill it from their own caches."""

    registry: Registry
    geography: Geography
    geo_result: object  # geo.analysis.GeoResult
    golf: str
    datum: date | None = None
    results: dict | None = None  # optional (niveau, golf) -> MonitorResult the caller already has


@dataclass(frozen=True)
class _Context:
    inputs: ReportInputs
    golf: str
    vorige: str | None
    results: dict  # (niveau, golf) -> MonitorResult

    def result(self, niveau: str, golf: str | None) -> MonitorResult | None:
        return None if golf is None else self.results[(niveau, golf)]

    @property
    def zk(self) -> MonitorResult:
        return self.results[("zorgkantoorregio", self.golf)]

    @property
    def zk_before(self) -> MonitorResult | None:
        return self.result("zorgkantoorregio", self.vorige)


def previous_wave(registry: Registry, golf: str) -> str | None:
    codes = wave_codes(registry)
    if golf not in codes:
        known = ", ".join(codes) or "geen"
        raise UserError(f"Onbekende meetgolf '{golf}'; bekende golven: {known}.")
    i = codes.index(golf)
    return codes[i - 1] if i > 0 else None


def build_report(inputs: ReportInputs) -> WaveReport:
    """The wave report of `inputs.golf`, compared with the wave before it (when there is one)."""
    golf = str(inputs.golf).strip()
    vorige = previous_wave(inputs.registry, golf)
    results = dict(inputs.results or {})
    for niveau in LEVELS:
        for wave in (golf, vorige):
            if wave is not None and (niveau, wave) not in results:
                results[(niveau, wave)] = analyse_level(inputs.geo_result, inputs.registry, inputs.geography, niveau,
                                                        wave)
    ctx = _Context(inputs, golf, vorige, results)
    links = national_links(ctx.zk, inputs.registry, inputs.geography, ctx.zk_before)
    awareness = awareness_by_wave(inputs.registry, None, inputs.geography)
    register = pilot_register(inputs.registry, geography=inputs.geography)
    day = inputs.datum or date.today()
    sections = (
        Section("samenvatting", "Samenvatting", tuple(_summary(ctx, links, awareness, register)), new_page=False),
        Section("signalen", "Signalen per niveau en beweging", tuple(_signals(ctx))),
        Section("knelpunten", "Knelpunten naar frequentie", tuple(_bottlenecks(ctx, links))),
        Section("acties", "Actielijnen per partij en stand", tuple(_actions(ctx))),
        Section("ongedekt", "Knelpunten zonder actielijn", tuple(_uncovered(ctx, links)), new_page=False),
        Section("bekendheid", "Bekendheid van het convenant", tuple(_awareness(ctx, awareness))),
        Section("pilots", "Pilotregio's en hun stand", tuple(_pilots(ctx, register))),
        Section("register", "Wat veranderde in het register", tuple(_registry(ctx))),
        Section("methode", "Methode en bronnen", tuple(_method(ctx)), new_page=False),
    )
    wave = f"meetgolf {golf}" + (f", vergeleken met {vorige}" if vorige else " (eerste meetgolf)")
    return WaveReport(
        golf=golf, vorige_golf=vorige, datum=day, catalogus_versie=ctx.zk.catalogus_versie,
        is_demo=bool(inputs.registry.is_demo), titel=f"Golfrapportage convenant MGZ – meetgolf {golf}",
        ondertitel=f"Landelijk beeld voor de stuurgroep · {wave} · {long_date(day)}", sections=sections,
        bronnen=tuple(_sources(ctx)),
    )


# -- Signals ------------------------------------------------------------------------------------------------

def _flagged(signals: pd.DataFrame, column: str) -> dict[str, str]:
    rows = signals[signals[column].astype(bool).to_numpy()]
    return dict(zip(rows["code"].astype(str), rows["naam"].astype(str)))


def movement_rows(ctx: _Context, niveau: str) -> list[dict]:
    """Per signal: which regions got it since the previous wave (nieuw), which lost it (weg), how many kept it."""
    now = ctx.result(niveau, ctx.golf).signals
    before = ctx.result(niveau, ctx.vorige).signals
    rows = []
    for column, label in (("zwak_netwerk", "netwerk te zwak"), ("te_sterk_netwerk", "netwerk te sterk")):
        a, b = _flagged(before, column), _flagged(now, column)
        rows.append(dict(niveau=niveau, signaal=label, nieuw=[f"{b[c]} ({c})" for c in sorted(set(b) - set(a))],
                         weg=[f"{a[c]} ({c})" for c in sorted(set(a) - set(b))], gebleven=len(set(a) & set(b))))
    return rows


def _signals(ctx: _Context) -> list[Block]:
    blocks: list[Block] = [Paragraph(
        "Per niveau het aantal regio's met een signaal 'netwerk te zwak' (kandidaat voor een pilot), 'netwerk te "
        "sterk' (lock-in), onvoldoende gegevens om het netwerk te beoordelen, en zonder signaal. Een provincie draagt "
        "het signaal van zorgkantoorregio's binnen haar, een gemeente alleen binnen een zorgkantoorregio met dat "
        "signaal.", "note")]
    rows = []
    for niveau in LEVELS:
        for wave in (ctx.vorige, ctx.golf):
            if wave is None:
                continue
            counts = signal_counts(ctx.result(niveau, wave).signals)  # each region once: they add up to Totaal
            rows.append((LEVEL_PLURALS[niveau], wave, *(number(counts[key]) for key in SIGNAL_GROUPS),
                         number(counts["totaal"])))
    blocks.append(Table(("Niveau", "Meetgolf", *SIGNAL_GROUPS.values(), "Totaal"), tuple(rows),
                        (3.4, 2.0, 1.9, 1.9, 1.9, 2.7, 1.7, 1.5),  # cm of the 17 on a page: no word breaks
                        caption="Aantal regio's per signaal. Bron: register en bevindingen; monitor "
                                f"(catalogus {ctx.zk.catalogus_versie})."))
    blocks.append(Paragraph(SIGNAL_COUNTS_NOTE, "note"))
    blocks.append(Heading(f"Beweging sinds meetgolf {ctx.vorige}" if ctx.vorige else "Beweging"))
    if ctx.vorige is None:
        blocks.append(Paragraph(f"Meetgolf {ctx.golf} is de eerste meetgolf; er is nog geen beweging te tonen."))
    else:
        movement = []
        for niveau in ("zorgkantoorregio", "provincie"):
            movement += [(LEVEL_PLURALS[niveau], r["signaal"], join_names(r["nieuw"], MAX_NAMES) or "geen",
                          join_names(r["weg"], MAX_NAMES) or "geen", number(r["gebleven"]))
                         for r in movement_rows(ctx, niveau)]
        blocks.append(Table(("Niveau", "Signaal", "Erbij", "Verdwenen", "Gebleven"), tuple(movement),
                            (2.1, 1.3, 2.6, 2.6, 1.2)))
        blocks.append(Paragraph("Gemeenten: " + "; ".join(
            f"{r['signaal']}: {number(len(r['nieuw']))} erbij, {number(len(r['weg']))} verdwenen, "
            f"{number(r['gebleven'])} gebleven" for r in movement_rows(ctx, "gemeente")) + "."))
    regions = ctx.inputs.geography.regions
    zk = regions[(regions["niveau"] == "zorgkantoorregio").to_numpy()]
    before = ctx.zk_before.signals if ctx.zk_before is not None else None
    png = figures.signal_maps(zk, ctx.zk.signals, before, ctx.golf, ctx.vorige)
    caption = ("Zorgkantoorregio's naar signaal" + (f" in meetgolf {ctx.vorige} en {ctx.golf}, en de beweging "
                                                    "daartussen" if ctx.vorige else f" in meetgolf {ctx.golf}")
               + ". Elke categorie heeft een eigen arcering (leesbaar in zwart-wit). Bron: CBS / PDOK (grenzen); "
                 "register en bevindingen." + (" Fictief voorbeeld." if ctx.inputs.registry.is_demo else ""))
    blocks.append(Figure(png, caption))
    return blocks


# -- Bottlenecks and action lines ---------------------------------------------------------------------------

def frequency_sentence(row, with_previous: bool) -> str:
    """'knelpunt X in N regio's; vorige golf M'."""
    text = f"{bottleneck_label(row)} in {plural(int(row['regios']), 'regio', REGIONS)}"
    if with_previous:
        text += f"; vorige golf {number(_previous(row))}"
    return text


def _bottlenecks(ctx: _Context, links: pd.DataFrame) -> list[Block]:
    total = len(ctx.zk.signals)
    blocks: list[Block] = [Paragraph(
        f"Welke knelpunten de monitor in meetgolf {ctx.golf} vindt en in hoeveel van de {number(total)} "
        "zorgkantoorregio's. Een knelpunt is een systeemvoorwaarde met een score onder 0, een registerfeit met een "
        "deelscore van −0,5 of lager, een code uit het codeboek op een bevinding over een knelpunt, of een herkende "
        "keten van knelpunten.", "note")]
    if links.empty:
        blocks.append(Paragraph("In deze meetgolf is in geen enkele zorgkantoorregio een knelpunt gevonden."))
        return blocks
    with_previous = ctx.vorige is not None
    blocks.append(Heading(f"De {min(TOP_BOTTLENECKS, len(links))} meest voorkomende knelpunten"))
    blocks.append(Bullets(tuple(frequency_sentence(r, with_previous) for r in links.head(TOP_BOTTLENECKS).to_dict("records"))))
    blocks.append(Heading("Alle knelpunten met hun actielijnen"))
    blocks.append(Paragraph("Elk knelpunt dat in minstens één zorgkantoorregio voorkomt, met het aantal actielijnen dat "
                            "het aanpakt.", "note"))
    rows = []
    for r in links.to_dict("records"):
        lines = r["actielijnen"]
        rows.append((bottleneck_label(r), KIND_LABELS.get(r["soort"], r["soort"]), number(r["regios"]),
                     number(_previous(r)) if with_previous else "–",
                     number(len(lines)), _verdict_short(r["dekking"])))
    blocks.append(Table(("Knelpunt", "Soort", "Regio's", "Vorige golf", "Actielijnen", "Dekking"), tuple(rows),
                        (4.0, 1.4, 0.8, 0.9, 1.0, 1.5),
                        caption="Actielijnen: hoeveel actielijnen van het convenant dit knelpunt aanpakken "
                                "(data/actielijnen.toml). Dekking: zie Knelpunten zonder actielijn."))
    return blocks


def _previous(row) -> int:
    value = row["regios_vorige_golf"]
    return 0 if value is None or pd.isna(value) else int(value)


def _verdict_short(verdict: str) -> str:
    return {COVERED: "gedekt", NOT_STARTED: "geen actie gestart", NOT_COVERED: "niet gedekt"}.get(verdict, verdict)


def _status_text(value) -> str:
    return STATUS_LABELS.get(value, "geen stand") if isinstance(value, str) else "geen stand"


def _counts_text(statuses: list) -> str:
    counts = pd.Series([s for s in statuses if isinstance(s, str)]).value_counts()
    parts = [f"{number(int(counts[s]))} {STATUS_LABELS[s]}" for s in ("loopt", "afgerond", "gestart", "niet_gestart",
                                                                       "gestopt") if s in counts]
    return ", ".join(parts) or "geen stand"


def _actions(ctx: _Context) -> list[Block]:
    registry, lines = ctx.inputs.registry, action_lines_module.default()
    blocks: list[Block] = [Paragraph(
        f"De actielijnen van het convenant met hun stand in meetgolf {ctx.golf}"
        + (f" en in meetgolf {ctx.vorige}" if ctx.vorige else "") + ", per partij. Regionale acties staan per "
        "actielijn geteld over de regio's; in een regio trekt het zorgkantoor van die regio de facilitering. Bron: "
        "register (convenantacties).", "note")]
    table = action_status(registry, ctx.inputs.geography)
    if table.empty:
        blocks.append(Paragraph("Er zijn geen convenantacties geregistreerd."))
        return blocks
    table = table.assign(lijn=[getattr(lines.find(a), "naam", None) for a in table["actie"]],
                         groep=[lines.party_group(p) for p in table["partij"]])
    now = table[ctx.golf] if ctx.golf in table.columns else pd.Series(None, index=table.index)
    before = table[ctx.vorige] if ctx.vorige and ctx.vorige in table.columns else pd.Series(None, index=table.index)
    party_rows = []
    for party in sorted(set(table["groep"]), key=str.lower):
        mine = now[(table["groep"] == party).to_numpy()]
        counts = mine.value_counts()
        party_rows.append((party, *[number(int(counts.get(s, 0))) for s in ACTION_STATUSES],
                           number(int(mine.notna().sum()))))
    blocks.append(Heading(f"Stand per partij in meetgolf {ctx.golf}"))
    blocks.append(Table(("Partij", *[STATUS_LABELS[s] for s in ACTION_STATUSES], "Totaal"), tuple(party_rows),
                        (1.6, 1.0, 0.9, 0.8, 0.9, 0.9, 0.8),
                        caption="Aantal acties (actielijn × partij × regio) per stand."))
    blocks.append(Heading("Actielijnen per partij"))
    blocks.append(Paragraph(f"Landelijke acties met hun stand per meetgolf; regionale acties per actielijn geteld over "
                            "de regio's waar ze geregistreerd zijn.", "note"))
    rows, previous_party = [], None
    national = table[(table["regio"] == "").to_numpy()].sort_values(["groep", "actie"], key=lambda s: s.str.lower(),
                                                                     kind="stable")
    for r in national.itertuples():
        party = "" if r.groep == previous_party else str(r.groep)
        previous_party = r.groep
        rows.append((party, str(r.actie), _status_text(now[r.Index]),
                     _status_text(before[r.Index]) if ctx.vorige else "–"))
    regional = table[(table["regio"] != "").to_numpy()]
    for (party, actie), group in sorted(regional.groupby(["groep", "actie"]), key=lambda g: (g[0][0].lower(), g[0][1])):
        rows.append((str(party), f"{actie} (regionaal, {plural(len(group), 'regio', REGIONS)})",
                     _counts_text(now[group.index].tolist()),
                     _counts_text(before[group.index].tolist()) if ctx.vorige else "–"))
    blocks.append(Table(("Partij", "Actielijn", f"Stand {ctx.golf}", f"Stand {ctx.vorige}" if ctx.vorige else "Vorige"),
                        tuple(rows), (1.2, 3.8, 1.6, 1.6)))
    unknown = sorted({a for a, lijn in zip(table["actie"], table["lijn"]) if lijn is None})
    if unknown:
        blocks.append(Paragraph(f"{plural(len(unknown), 'actie noemt', 'acties noemen')} geen bekende actielijn en "
                                "tellen niet mee in de koppeling met knelpunten: " + join_names(unknown, 8) + ".", "note"))
    missing = [line.naam for line in lines if line.naam not in set(table["lijn"].dropna())]
    if missing:
        blocks.append(Paragraph("Zonder geregistreerde stand: " + join_names(missing) + ".", "note"))
    return blocks


def _uncovered(ctx: _Context, links: pd.DataFrame) -> list[Block]:
    with_previous = ctx.vorige is not None
    blocks: list[Block] = []
    none_ = links[(links["dekking"] == NOT_COVERED).to_numpy()] if not links.empty else links
    blocks.append(Heading("Niet gedekt door een actielijn"))
    if none_.empty:
        blocks.append(Paragraph("Elk knelpunt van deze meetgolf valt onder minstens één actielijn van het convenant."))
    else:
        blocks.append(Paragraph(
            f"Voor {plural(len(none_), 'knelpunt', 'knelpunten')} heeft het convenant geen actielijn; dat is "
            "een vraag voor de stuurgroep (een nieuwe actie, of een bestaande lijn verbreden)."))
        blocks.append(Bullets(tuple(frequency_sentence(r, with_previous) for r in none_.to_dict("records"))))
    idle = links[(links["dekking"] == NOT_STARTED).to_numpy()] if not links.empty else links
    blocks.append(Heading("Actielijn, maar geen gestarte actie"))
    if idle.empty:
        blocks.append(Paragraph("Bij elk ander knelpunt is minstens één actielijn landelijk of in een van de regio's "
                                "gestart, loopt of afgerond."))
    else:
        blocks.append(Bullets(tuple(f"{frequency_sentence(r, with_previous)} — actielijnen: "
                                    f"{join_names(r['actielijnen'], 4)}" for r in idle.to_dict("records"))))
    return blocks


# -- Awareness, pilots, registry ----------------------------------------------------------------------------

def _share(row) -> str:
    if pd.isna(row["aandeel"]):
        return "onbekend"
    return f"{percent(row['aandeel'])} ({number(int(row['bekend']))} van {number(int(row['totaal']))})"


def awareness_rows(table: pd.DataFrame, source: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    rows = table[(table["bron"] == source).to_numpy()]
    waves = rows.drop_duplicates("golf").sort_values("volgorde")["golf"].tolist()
    out = []
    for group in STAKEHOLDERS:
        mine = rows[(rows["stakeholder"] == group).to_numpy()].set_index("golf")
        out.append((STAKEHOLDER_LABELS[group], *[_share(mine.loc[w]) if w in mine.index else "onbekend" for w in waves]))
    return ("Stakeholdergroep", *[f"Meetgolf {w}" for w in waves]), tuple(out)


def _awareness(ctx: _Context, table: pd.DataFrame) -> list[Block]:
    blocks: list[Block] = [Paragraph(
        "Het eerste resultaat van de studie was dat het convenant weinig bekend is (par. 3.1 en 4). Hier het aandeel "
        "respondenten per stakeholdergroep dat het convenant kent, per meetgolf (enquête, import bekendheid; "
        "landelijk de landelijke rijen, anders de som van de regio's).", "note")]
    if has_awareness(table, "enquête"):
        columns, rows = awareness_rows(table, "enquête")
        blocks.append(Table(columns, rows, (1.6,) + (1.4,) * (len(columns) - 1),
                            caption="Aandeel dat het convenant kent (bekend van totaal respondenten). Bron: enquête "
                                    "bekendheid."))
        survey = table[(table["bron"] == "enquête").to_numpy()]
        blocks.append(Figure(figures.awareness_chart(survey, STAKEHOLDER_LABELS),
                             "Aandeel respondenten dat het convenant kent, per stakeholdergroep en meetgolf."
                             + (" Fictief voorbeeld." if ctx.inputs.registry.is_demo else ""), width_cm=16.0))
    else:
        blocks.append(Paragraph("Er zijn geen enquêtecijfers over bekendheid geïmporteerd (import bekendheid)."))
    if has_awareness(table, "bevindingen"):
        columns, rows = awareness_rows(table, "bevindingen")
        blocks.append(Heading("Bekendheid volgens gecodeerde bevindingen"))
        blocks.append(Table(columns, rows, (1.6,) + (1.4,) * (len(columns) - 1),
                            caption="Bevindingen met een bekendheidscode (data/actielijnen.toml [bekendheid]): "
                                    "aandeel dat het convenant bekend noemt. Geen aandeel respondenten."))
    return blocks


def _pilots(ctx: _Context, register: pd.DataFrame) -> list[Block]:
    blocks: list[Block] = [Paragraph(
        "Het pilotregister (import pilots): in welke regio een onafhankelijke pilotcommissie werkt en waar zij staat "
        f"({', '.join(PILOT_STATUSES)}).", "note")]
    candidates = pilot_candidates(ctx.zk)
    weak = dict(zip(candidates["code"].astype(str), candidates["naam"].astype(str)))
    if register.empty:
        blocks.append(Paragraph("In het pilotregister staat nog geen commissie."))
    else:
        counts = register["status"].value_counts()
        blocks.append(Paragraph(f"{plural(len(register), 'pilotcommissie', 'pilotcommissies')} in het register: "
                                + ", ".join(f"{number(int(counts[s]))} {s}" for s in PILOT_STATUSES if s in counts) + "."))
        blocks.append(pilot_table(register))
    with_commission = set(register["regio"].astype(str)) if not register.empty else set()
    covered = [f"{n} ({c})" for c, n in weak.items() if c in with_commission]
    open_ = [f"{n} ({c})" for c, n in weak.items() if c not in with_commission]
    blocks.append(Heading(f"Regio's met een zwak netwerk in meetgolf {ctx.golf}"))
    if not weak:
        blocks.append(Paragraph("Geen zorgkantoorregio heeft in deze meetgolf een signaal 'netwerk te zwak'."))
    else:
        items = []
        if covered:
            items.append("Met een pilotcommissie: " + join_names(covered) + ".")
        if open_:
            items.append("Nog zonder pilotcommissie: " + join_names(open_) + ".")
        blocks.append(Bullets(tuple(items)))
    return blocks


def _registry_row(ctx: _Context, wave: str) -> tuple[str, ...]:
    registry = ctx.inputs.registry
    ties = known_in_wave(registry.collaborations, wave)
    formal = int(ties["soort"].isin(("gezamenlijke_medische_dienst", "contract", "schriftelijke_afspraak")).sum())
    completeness = ctx.result("zorgkantoorregio", wave).completeness
    locations = int(completeness["locaties"].sum()) if not completeness.empty else 0
    registered = int(completeness["locaties_geregistreerd"].sum()) if not completeness.empty else 0
    minimum = catalogue_module.default().volledigheid_minimum
    below = int((completeness["volledigheid"] < minimum).sum()) if not completeness.empty else 0
    findings = int((registry.findings["golf"].astype(str) == wave).sum()) if not registry.findings.empty else 0
    actions = int((registry.actions["golf"].astype(str) == wave).sum()) if not registry.actions.empty else 0
    share = f"{percent(registered / locations)} ({number(registered)} van {number(locations)})" if locations else "onbekend"
    return (wave, number(len(ties)), number(formal), share, number(below), number(findings), number(actions))


def _registry(ctx: _Context) -> list[Block]:
    minimum = catalogue_module.default().volledigheid_minimum
    blocks: list[Block] = [Paragraph(
        "Wat het register per meetgolf bevat: samenwerkingen die op de peildatum (31 december van het jaar van de "
        "golf) bestonden, hoeveel VG-locaties bij een organisatie met geregistreerde samenwerkingen horen "
        f"(volledigheid; onder {percent(minimum)} oordeelt de monitor niet over het netwerk), bevindingen en "
        "convenantacties. Voorzieningen zijn de huidige stand van het register.", "note")]
    waves = [w for w in (ctx.vorige, ctx.golf) if w is not None]
    blocks.append(Table(("Meetgolf", "Samenwerkingen", "Waarvan formeel", "Volledigheid (VG-locaties)",
                         f"Regio's onder {percent(minimum)}", "Bevindingen", "Convenantacties"),
                        tuple(_registry_row(ctx, w) for w in waves), (1.1, 1.3, 1.1, 2.0, 1.1, 1.1, 1.2),
                        caption="Zorgkantoorregio's; volledigheid opgeteld over alle regio's."))
    if ctx.vorige is not None:
        now = ctx.zk.completeness.set_index("code")["volledigheid"]
        before = ctx.zk_before.completeness.set_index("code")["volledigheid"]
        change = (now - before.reindex(now.index)).dropna()
        change = change[change.abs() >= 0.005].sort_values(key=lambda s: -s.abs(), kind="stable")
        names = dict(zip(ctx.zk.signals["code"].astype(str), ctx.zk.signals["naam"].astype(str)))
        if change.empty:
            blocks.append(Paragraph("De volledigheid veranderde in geen enkele zorgkantoorregio tussen de golven."))
        else:
            blocks.append(Heading("Grootste veranderingen in volledigheid"))
            blocks.append(Bullets(tuple(
                f"{names.get(code, code)} ({code}): {percent(before[code])} → {percent(now[code])}"
                for code in change.index[:8])))
    return blocks


def _summary(ctx: _Context, links: pd.DataFrame, awareness: pd.DataFrame, register: pd.DataFrame) -> list[Block]:
    now = signal_counts(ctx.zk.signals)
    blocks: list[Block] = [Paragraph(
        f"Deze rapportage geeft de stuurgroep van het convenant MGZ het landelijke beeld van meetgolf {ctx.golf}"
        + (f", vergeleken met meetgolf {ctx.vorige}" if ctx.vorige else "") + ": signalen per niveau, de knelpunten "
        "en de actielijnen die ze aanpakken, de bekendheid van het convenant, de pilotregio's en wat er in het "
        "register veranderde.", "lead")]
    items = []
    before = signal_counts(ctx.zk_before.signals) if ctx.zk_before is not None else None
    both = now["beide"] or (before is not None and before["beide"])  # named only when a region has both signals
    signal = (f"Zorgkantoorregio's met een zwak netwerk: {number(now['zwak'])} van de {number(now['totaal'])}; te "
              f"sterk: {number(now['sterk'])}; " + (f"te zwak én te sterk: {number(now['beide'])}; " if both else "")
              + f"onvoldoende gegevens: {number(now['onvoldoende'])}")
    if before is not None:
        earlier = [number(before[key]) for key in (("zwak", "sterk", "beide") if both else ("zwak", "sterk"))]
        signal += f" (meetgolf {ctx.vorige}: {', '.join(earlier)} en {number(before['onvoldoende'])})"
    if both:
        signal += "; een regio met beide signalen telt alleen bij 'te zwak én te sterk'"
    items.append(signal + ".")
    if not links.empty:
        top = links.head(3).to_dict("records")
        items.append("Meest voorkomende knelpunten: " + "; ".join(frequency_sentence(r, ctx.vorige is not None)
                                                                   for r in top) + ".")
        n_none = int((links["dekking"] == NOT_COVERED).sum())
        items.append(f"{plural(n_none, 'knelpunt is', 'knelpunten zijn')} niet gedekt door een actielijn; "
                     f"{number(int((links['dekking'] == NOT_STARTED).sum()))} hebben een actielijn zonder gestarte actie.")
    survey = awareness[(awareness["bron"] == "enquête").to_numpy()]
    if has_awareness(survey):
        cur = survey[(survey["golf"] == ctx.golf).to_numpy()]
        known, total = cur["bekend"].fillna(0).sum(), cur["totaal"].fillna(0).sum()
        if total:
            items.append(f"Bekendheid van het convenant in meetgolf {ctx.golf}: {percent(known / total)} van "
                         f"{number(int(total))} respondenten (alle groepen samen).")
    if not register.empty:
        items.append(f"Pilotcommissies: {number(len(register))} (" + "; ".join(
            f"{r['regio_naam']}: {stand(r)}" for r in register.to_dict("records")[:6]) + ").")
    blocks.append(Bullets(tuple(items)))
    return blocks


def _method(ctx: _Context) -> list[Block]:
    catalogue = catalogue_module.default()
    return [
        Paragraph(
            "De monitor beoordeelt elke regio met het systeem-framework (Klein Woolthuis et al.) zoals toegepast in de "
            "studie Monitor convenant MGZ: registerfeiten en gecodeerde bevindingen worden bewijs per "
            "systeemvoorwaarde en stakeholdergroep, met een score van −2 (knelpunt) tot +2. Een signaal 'netwerk te "
            f"zwak' vraagt een score van {number(catalogue.signal('zwak_netwerk').score_hoogstens, 2)} of lager op "
            "genoeg bewijs en registerfeiten die zelf naar een knelpunt wijzen. Elke meetgolf telt haar eigen "
            "bevindingen en de samenwerkingen die op de peildatum bestonden.", "note"),
        Paragraph(
            "Actielijnen en de knelpunten die ze aanpakken staan in data/actielijnen.toml (systeemvoorwaarden en codes "
            "uit het codeboek); een knelpunt zonder actielijn heet 'niet gedekt door een actielijn'. De stand van een "
            "actie komt uit de import convenantacties; landelijke acties tellen voor elke regio, regionale acties voor "
            "de regio's die met hun gebied overlappen.", "note"),
    ]


def _sources(ctx: _Context) -> list[str]:
    out = ["CBS / PDOK: gebiedsindelingen (CC BY 4.0).", "Register: voorzieningen, samenwerkingen, bevindingen, "
           "convenantacties, pilotregister en bekendheid zoals geïmporteerd."]
    if ctx.inputs.registry.is_demo:
        out.append("Fictief voorbeeld: alle namen en cijfers zijn verzonnen.")
    return out


__all__ = ["LEVELS", "ReportInputs", "build_report", "frequency_sentence", "previous_wave", "signal_counts"]
