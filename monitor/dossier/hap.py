"""The regiodossier of a HAP service area (level 'hap', code the HAP's facility id, as in geo).

In the study a HAP area (werkgebied) is the unit in which the GPs and the huisartsenpost work together out of hours
(the ANW hours). The monitor does not score it: findings, agreements and convenant actions are about gemeenten,
zorgkantoorregio's and organisations, not about HAP areas. So this dossier tells two things apart, in the same
sections as every other dossier:

- the signal is that of the zorgkantoorregio('s) and gemeenten the area overlaps (named, with completeness and
  robustness, and their share of the area's inhabitants); the text says so;
- the area's own registry facts: its VG locations (those whose own HAP area it is, as geo counts them), their GP
  ties, their written agreements with *this* HAP, the HAP's ANW opening, AVG capacity and estimated travel times.
  They are put into sentences and sub-scores with the monitor catalogue's thresholds, exactly as the region facts,
  but never combined into a score or signal.

Coded findings come from the overlapping zorgkantoorregio('s) and say so (they need not be about this area).
"""
from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pandas as pd

from data.errors import UserError
from data.models import CONDITIONS
from monitor.cache import memoised
from monitor.dossier import agenda, appendix
from monitor.dossier.comparable import METHOD_HAP, comparable_hap_areas, hap_area_km2
from monitor.dossier.hap_facts import ZK, AreaFacts, area_facts, mean_sub_score
from monitor.dossier.invitees import invitee_blocks
from monitor.dossier.map import layers, render_png
from monitor.dossier.model import Block, Bullets, Dossier, Figure, Heading, Paragraph, Section, Table
from monitor.dossier.scope import Scope, scope_of
from monitor.dossier.wording import (CONDITION_LABELS, FAILURE_CONDITIONS, LEVEL_LABELS, join_names, long_date,
                                     number, percent, plural, score, sentence, small_count)
from monitor.text import minutes, share_of

N_BOTTLENECKS, N_GOOD = 3, 2
MIN_SHARE = 0.1  # a zorgkantoorregio with less of the area's inhabitants is named in the signal table only


# -- Building the dossier -----------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class _Hap:
    inputs: object  # DossierInputs
    scope: Scope
    hap: pd.Series  # the HAP's row in the registry
    golf: str | None
    zk: object  # MonitorResult, zorgkantoorregio
    gm: object  # MonitorResult, gemeente
    overlap: pd.DataFrame  # niveau, code, naam, aandeel (of the area's inhabitants), ordered zorgkantoorregio's first
    facts: pd.DataFrame  # the area's own registry facts (evidence rows)
    findings: pd.DataFrame  # coded findings of the overlapping zorgkantoorregio's (evidence rows + regio_naam)
    counts: pd.Series
    without: bool

    @property
    def zk_codes(self) -> list[str]:
        return main_regions(self.overlap)

    @property
    def zk_names(self) -> str:
        """'zorgkantoorregio Amsterdam (ZK02)' or "zorgkantoorregio's A (ZK01) en B (ZK02)"."""
        names = [f"{self.scope.names.get(c, c)} ({c})" for c in self.zk_codes]
        return ("zorgkantoorregio's " if len(names) > 1 else "zorgkantoorregio ") + join_names(names)

    def region_label(self, code: str) -> str:
        return f"zorgkantoorregio {self.scope.names.get(code, code)}"


def find_hap(geo_result, code: str) -> tuple[str, str]:
    """(HAP id, name) for a code given on the command line or page; a Dutch error when there is no such HAP."""
    frame = geo_result.indicators.get("hap")
    ids = frame["code"].astype(str) if frame is not None else pd.Series(dtype=str)
    code = str(code).strip()
    hit = frame[(ids == code).to_numpy()] if len(ids) else ids
    if len(ids) and hit.empty:
        hit = frame[(ids.str.upper() == code.upper()).to_numpy()]
    if hit is None or len(hit) == 0:
        raise UserError(f"HAP-werkgebied '{code}' bestaat niet: geef het id van een huisartsenpost; "
                        "`python -m geo indicatoren --niveau hap --format csv` toont de id's en namen.")
    return str(hit["code"].iloc[0]), str(hit["naam"].iloc[0])


def main_regions(overlap: pd.DataFrame) -> list[str]:
    """The zorgkantoorregio's the area lies in: those with at least MIN_SHARE of its inhabitants (at least the
    largest). Their scores, findings, chains and running actions speak for the area."""
    rows = overlap[(overlap["niveau"] == ZK).to_numpy()]
    return [c for i, (c, share) in enumerate(zip(rows["code"], rows["aandeel"])) if i == 0 or share >= MIN_SHARE]


def _overlap(scope: Scope, geo_result) -> pd.DataFrame:
    """The zorgkantoorregio's and gemeenten the area overlaps, with their share of its inhabitants (of its PC4
    areas when inhabitants are unknown), largest first."""
    pairs = geo_result.service_area_pc4
    pc4s = set(pairs.loc[(pairs["hap_id"].astype(str) == scope.code).to_numpy(), "pc4"])
    rows = geo_result.pc4[geo_result.pc4["pc4"].isin(pc4s).to_numpy()]
    people = pd.to_numeric(rows["inwoners"], errors="coerce").fillna(0.0)
    weight = people if people.sum() > 0 else pd.Series(1.0, index=rows.index)
    out = []
    for niveau in (ZK, "gemeente"):
        shares = weight.groupby(rows[niveau].astype(object).to_numpy()).sum() / weight.sum()
        for code, share in sorted(shares.items(), key=lambda item: (-item[1], item[0])):
            out.append((niveau, str(code), scope.names.get(str(code), str(code)), float(share)))
    return pd.DataFrame(out, columns=["niveau", "code", "naam", "aandeel"])


def build_hap_dossier(inputs, code: str, zonder_bevindingen: bool = False) -> Dossier:
    """The regiodossier of the service area of HAP `code` (see the module docstring)."""
    from datetime import date

    from monitor.analysis import analyse_level

    geo_result, registry, geography = inputs.geo_result, inputs.registry, inputs.geography
    code, hap_name = find_hap(geo_result, code)
    golf = inputs.result.golf
    zk = inputs.result if inputs.result.niveau == ZK else analyse_level(geo_result, registry, geography, ZK, golf)
    gm = analyse_level(geo_result, registry, geography, "gemeente", golf)
    scope = scope_of("hap", code, f"HAP-werkgebied {hap_name}", geo_result, geography)
    details = registry.facilities.set_index(registry.facilities["id"].astype(str))
    hap = details.loc[code] if code in details.index else pd.Series({"naam": hap_name})
    overlap = _overlap(scope, geo_result)
    known = area_facts(geo_result, registry, golf)
    facts = known.evidence[(known.evidence["code"].astype(str) == code).to_numpy()]
    zk_codes = main_regions(overlap)
    ev = zk.evidence
    findings = ev[ev["code"].astype(str).isin(zk_codes).to_numpy() & (ev["soort"] == "bevinding").to_numpy()]
    findings = findings.assign(regio_naam=[scope.names.get(str(c), str(c)) for c in findings["code"]])
    findings = findings.drop_duplicates(["omschrijving", "voorwaarde", "stakeholder", "item"])
    counts = known.counts.loc[code] if code in known.counts.index else pd.Series(dtype=float)
    ctx = _Hap(inputs, scope, hap, golf, zk, gm, overlap, facts, findings, counts, zonder_bevindingen)
    comparable = _comparable(ctx, known)
    bottlenecks = _bottleneck_rows(ctx)
    running = _running(ctx)
    day = inputs.datum or date.today()
    sections = (
        Section("samenvatting", "Samenvatting", tuple(_summary(ctx, bottlenecks, running)), new_page=False),
        Section("kaart", "Kaart", tuple(_map(ctx))),
        Section("tafel", "Wie aan tafel", tuple(_table_guests(ctx))),
        Section("knelpunten", "Knelpunten per systeemvoorwaarde", tuple(_bottlenecks(ctx))),
        Section("voorbeelden", "Goede voorbeelden elders", tuple(_examples(ctx, known, comparable))),
        Section("acties", "Convenantacties", tuple(agenda.action_blocks(registry, geography, scope, golf))
                + tuple(_pilots(ctx))),
        Section("agenda", "Concept-agenda en afsprakenlijst",
                tuple(agenda.agenda_blocks(scope.naam, bottlenecks, [n for _, n in comparable], running))),
        Section("bijlage", "Bijlage: indicatoren en methode", tuple(appendix.appendix_blocks(inputs, scope))),
    )
    wave = f"meetgolf {golf}" if golf else "alle meetgolven samen"
    return Dossier(
        niveau="hap", code=code, naam=scope.naam, golf=golf, datum=day, catalogus_versie=zk.catalogus_versie,
        is_demo=bool(zk.is_demo), zonder_bevindingen=zonder_bevindingen, titel=f"Regiodossier {scope.naam}",
        ondertitel=f"{LEVEL_LABELS['hap']} van {hap_name} ({code}) · {wave} · {long_date(day)}",
        sections=sections, bronnen=tuple(appendix.sources(inputs, golf)),
    )


# -- Evidence helpers (the same sentences as the other levels) ------------------------------------------------------

def _sentence(ctx: _Hap, row) -> str | None:
    from monitor.dossier.content import evidence_sentence

    text = evidence_sentence(row, ctx.without)
    if text and row["soort"] == "bevinding":
        return f"In {ctx.region_label(row['code'])}: {text}" if len(ctx.zk_codes) > 1 else text
    return text


def _ranked(rows: pd.DataFrame, sign: int) -> list[dict]:
    from monitor.dossier.content import _ranked as ranked

    return ranked(rows, sign)


def _bottleneck_rows(ctx: _Hap) -> list[dict]:
    """The area's own registry facts first (they are about this area), then the overlapping regions' findings;
    one per condition where possible."""
    from monitor.dossier.content import _spread

    own = _ranked(ctx.facts, -1)
    found = [] if ctx.without else _ranked(ctx.findings, -1)
    chosen = _spread(own, N_BOTTLENECKS)
    if len(chosen) < N_BOTTLENECKS:
        chosen += _spread([r for r in found if r["voorwaarde"] not in {c["voorwaarde"] for c in chosen}] or found,
                          N_BOTTLENECKS - len(chosen))
    return chosen[:N_BOTTLENECKS]


def _running(ctx: _Hap) -> list[str]:
    signals = ctx.zk.signals
    rows = signals[signals["code"].astype(str).isin(ctx.zk_codes).to_numpy()]
    return list(dict.fromkeys(str(a) for actions in rows["lopende_acties"] if isinstance(actions, (list, tuple))
                              for a in actions))


# -- Sections -----------------------------------------------------------------------------------------------------

def _signal_rows(ctx: _Hap) -> tuple[tuple[str, ...], ...]:
    from monitor.dossier.content import _completeness, _robustness, signal_title

    rows = []
    for niveau, code, naam, share in ctx.overlap.itertuples(index=False):
        result = ctx.zk if niveau == ZK else ctx.gm
        match = result.signals[(result.signals["code"].astype(str) == code).to_numpy()]
        if match.empty:
            continue
        signal = match.iloc[0]
        robust = "" if bool(signal.get("onvoldoende_gegevens")) else _robustness(signal)
        title = signal_title(signal)
        rows.append((f"{LEVEL_LABELS[niveau].capitalize()} {naam} ({code})", percent(share),
                     title.removeprefix("Signaal: "), _completeness(signal), robust or "–"))
    return tuple(rows)


def _area_lines(ctx: _Hap) -> list[str]:
    """The area's registry facts in plain sentences (the dossier's 'what the registry says about this area')."""
    scope, c = ctx.scope, ctx.counts
    kinds = scope.facilities["type"].value_counts()
    vg = scope.vg
    lines = [sentence(
        f"In het werkgebied liggen {plural(len(vg), 'VG-locatie', 'VG-locaties')} van "
        f"{plural(vg['organisatie_id'].nunique(), 'organisatie', 'organisaties')}, "
        f"{plural(int(kinds.get('huisartsenpraktijk', 0)), 'huisartsenpraktijk', 'huisartsenpraktijken')} en "
        f"{plural(int(kinds.get('avg_poli', 0)), 'AVG-polikliniek', 'AVG-poliklinieken')}")]
    if len(c) and c.get("locaties", 0) > 0:
        lines.append(sentence(f"Volledigheid: gegevens over {number(c['geregistreerd'])} van de {number(c['locaties'])} "
                              f"VG-locaties ({percent(c['geregistreerd'] / c['locaties'])}); een organisatie zonder "
                              "enige geregistreerde samenwerking is een gat in het register, geen knelpunt"))
        if c["huisarts_bekend"] > 0:
            lines.append(sentence(f"Huisarts: {share_of(int(c['met_huisarts']), int(c['huisarts_bekend']), 'VG-locaties')}"
                                  f" met geregistreerde samenwerkingen {'heeft' if c['met_huisarts'] == 1 else 'hebben'}"
                                  f" een huisarts; {plural(int(c['praktijken']), 'huisartsenpraktijk werkt', 'huisartsenpraktijken werken')}"
                                  " met deze locaties samen"))
        if c["hap_band_bekend"] > 0:
            lines.append(sentence(f"Schriftelijke afspraken met deze HAP: {number(c['afspraak_eigen_hap'])} van de "
                                  f"{number(c['hap_band_bekend'])} VG-locaties met geregistreerde samenwerkingen"))
    anw = ctx.hap.get("anw_open")
    if anw is not None and anw == anw and anw is not pd.NA:
        lines.append("De HAP is alle ANW-uren (avond, nacht, weekend) open." if bool(anw)
                     else "De HAP is niet alle ANW-uren (avond, nacht, weekend) open.")
    frame = ctx.inputs.geo_result.indicators["hap"]
    row = frame[(frame["code"].astype(str) == scope.code).to_numpy()]
    if not row.empty:
        r = row.iloc[0]
        fte = r.get("avg_fte")
        lines.append(sentence(
            f"AVG-capaciteit in het werkgebied: {'onbekend' if fte != fte else number(fte, 1, 'fte')} (AVG-poli's en "
            f"locaties met eigen AVG); geschatte reistijd van de VG-locaties naar de dichtstbijzijnde AVG-poli: mediaan "
            f"{minutes(r.get('reistijd_avg_poli_min_mediaan'))}"))
        lines.append(sentence(
            f"Geschatte reistijd van de VG-locaties naar deze HAP: mediaan "
            f"{minutes(r.get('reistijd_eigen_hap_min_mediaan'))}, naar de dichtstbijzijnde HAP langst "
            f"{minutes(r.get('reistijd_hap_min_max'))}"))
    return lines


def _summary(ctx: _Hap, bottlenecks: list[dict], running: list[str]) -> list[Block]:
    from monitor.dossier.content import _source_line

    scope = ctx.scope
    hap_name = str(ctx.hap.get("naam") or scope.code)
    zk_names = ctx.zk_names
    blocks: list[Block] = [Paragraph(
        f"Dit dossier gaat over het werkgebied van {hap_name} ({scope.code}): het gebied waarin de huisartsen en deze "
        "huisartsenpost samen de zorg buiten kantooruren leveren (avond, nacht en weekend: de ANW-uren). Het "
        "bereidt een regionale tafel voor over de medisch generalistische zorg (MGZ) voor mensen met een "
        "verstandelijke beperking in dit werkgebied: wie uitnodigen, wat er knelt, wat elders werkt en wat al loopt. "
        "De commissie kan het ongewijzigd rondsturen.", "lead")]
    blocks.append(Heading("Signaal: dat van de regio's waarin het werkgebied ligt"))
    blocks.append(Paragraph(
        "De monitor geeft een HAP-werkgebied geen eigen score of signaal: bevindingen, afspraken en convenantacties "
        "gaan over gemeenten, zorgkantoorregio's en organisaties. Het signaal van dit werkgebied is dat van "
        f"{zk_names}, waarin het ligt; de tabel noemt ook de gemeenten die het overlapt. Zo'n signaal gaat over de "
        "hele regio, niet alleen over dit werkgebied."))
    rows = _signal_rows(ctx)
    if rows:
        blocks.append(Table(("Regio", "Deel van het werkgebied", "Signaal van de regio", "Volledigheid", "Zekerheid"),
                            rows, (2.6, 1.1, 2.0, 2.4, 1.6),
                            "Deel van het werkgebied: aandeel van de inwoners van het werkgebied dat in die regio woont. "
                            "Bron: monitor (register en gecodeerde bevindingen van de regio)."))
    blocks.append(Heading("Het werkgebied zelf in het register"))
    blocks.append(Bullets(tuple(_area_lines(ctx))))

    blocks.append(Heading("De drie belangrijkste knelpunten"))
    if bottlenecks:
        blocks.append(Bullets(tuple(f"{CONDITION_LABELS[r['voorwaarde']]}: {_sentence(ctx, r)}" for r in bottlenecks)))
    else:
        blocks.append(Paragraph("In de registerfeiten van dit werkgebied en de bevindingen van de regio staat geen "
                                "knelpunt."))
    hidden = int(((ctx.findings["deelscore"] < 0)).sum())
    if ctx.without and hidden:
        blocks.append(Paragraph(f"Daarnaast {small_count(hidden)} bevindingen over knelpunten in de regio; hun teksten "
                                "staan alleen in de vertrouwelijke versie.", "note"))

    blocks.append(Heading("De twee sterkste goede praktijken"))
    from monitor.dossier.content import _spread

    own = [r for r in _ranked(ctx.facts, 1) if r["voorwaarde"] not in FAILURE_CONDITIONS]
    found = [] if ctx.without else [r for r in _ranked(ctx.findings, 1) if r["voorwaarde"] not in FAILURE_CONDITIONS]
    best = _spread(own, N_GOOD)
    best += _spread(found, N_GOOD - len(best)) if len(best) < N_GOOD else []
    if best:
        blocks.append(Bullets(tuple(f"{CONDITION_LABELS[r['voorwaarde']]}: {_sentence(ctx, r)}" for r in best)))
    else:
        blocks.append(Paragraph("In het bewijs over dit werkgebied en de regio staat geen goede praktijk."))

    blocks.append(Heading("Wat al loopt"))
    if running:
        blocks.append(Bullets(tuple(running)))
    else:
        blocks.append(Paragraph(f"In {zk_names} lopen geen regionale convenantacties (of ze zijn niet "
                                "geregistreerd); de landelijke acties staan onder Convenantacties."))
    blocks.append(Paragraph(_source_line(SimpleNamespace(result=ctx.zk, inputs=ctx.inputs)), "note"))
    return blocks


def _map(ctx: _Hap) -> list[Block]:
    scope, inputs = ctx.scope, ctx.inputs
    png = render_png(layers(scope, inputs.geo_result, inputs.geography))
    years = (inputs.provenance.reference_years if inputs.provenance else {}) or {}
    year = years.get("gemeente")
    caption = (
        f"{scope.naam}: grens van het werkgebied (dikke lijn; de PC4-gebieden van de HAP), gemeentegrenzen (dun), "
        "aangrenzende HAP-werkgebieden (gestreept), huisartsenposten (driehoek), AVG-poliklinieken (zwart vierkant), "
        "huisartsenpraktijken (plus) en VG-locaties met per organisatie een eigen vorm en kleur (grijs: andere "
        f"organisaties of buiten het werkgebied). Bron: CBS / PDOK{f' (grenzen {year})' if year else ''}; register "
        "(voorzieningen, werkgebieden)." + (" Fictief voorbeeld." if ctx.zk.is_demo else ""))
    derived = inputs.geo_result.service_areas
    row = derived[(derived["hap_id"].astype(str) == scope.code).to_numpy()]
    how = ("afgeleid: de PC4-gebieden waarvoor deze HAP de dichtstbijzijnde is, want er is geen werkgebied "
           "geïmporteerd" if len(row) and bool(row["afgeleid"].iloc[0]) else "zoals geïmporteerd (werkgebieden)")
    return [Figure(png, caption), Paragraph(sentence(
        f"Het werkgebied telt {plural(len(scope.gemeenten), 'gemeente', 'gemeenten')} "
        f"({join_names([scope.names.get(g, g) for g in scope.gemeenten], 8)}); het is {how}"))]


def _table_guests(ctx: _Hap) -> list[Block]:
    scope = ctx.scope
    hds = ctx.hap.get("organisatie_naam")
    hds = hds if isinstance(hds, str) and hds else "niet geregistreerd"
    practices = int((scope.facilities["type"] == "huisartsenpraktijk").sum())
    lead = Paragraph(
        f"Voor een HAP-werkgebied aan tafel: {ctx.hap.get('naam') or scope.code} (de huisartsenpost) en haar "
        f"huisartsendienstenstructuur (HDS: {hds}), de VG-organisaties met locaties in het werkgebied, de "
        "huisartsenpraktijken die met die locaties samenwerken (de "
        f"{plural(practices, 'praktijk', 'praktijken')} in het werkgebied doen samen de ANW-diensten op de HAP), het "
        "zorgkantoor en de gemeenten.")
    blocks = invitee_blocks(scope, ctx.inputs.geo_result, ctx.inputs.registry, ctx.inputs.care_offices)
    return [lead, *blocks]


def _condition_header(ctx: _Hap, condition: str) -> str:
    conditions = ctx.zk.conditions
    parts = []
    for code in ctx.zk_codes:
        row = conditions[(conditions["code"].astype(str) == code).to_numpy() & (conditions["voorwaarde"] == condition).to_numpy()]
        if row.empty or row["score"].isna().all():
            parts.append(f"{ctx.region_label(code)} geen bewijs")
        else:
            parts.append(f"{ctx.region_label(code)} score {score(row['score'].iloc[0])}")
    return f"{CONDITION_LABELS[condition]} ({'; '.join(parts)})"


def _bottlenecks(ctx: _Hap) -> list[Block]:
    from monitor.dossier.content import WITHOUT_FINDINGS_NOTE, _chains, _Context

    blocks: list[Block] = [Paragraph(
        "Per voorwaarde van het systeem-framework eerst de registerfeiten van dit werkgebied, met cijfers en bron, dan "
        f"de gecodeerde bevindingen over {ctx.zk_names}, met meetgolf, soort bron en stakeholdergroep. Die "
        "bevindingen gaan over de hele regio, niet per se over dit werkgebied; de score achter elke voorwaarde is die "
        "van de regio. Deelscores lopen van −2 (knelpunt) tot +2 (geen knelpunt of een goede praktijk)."
        + (WITHOUT_FINDINGS_NOTE if ctx.without else ""), "note")]
    for condition in CONDITIONS:
        facts = ctx.facts[(ctx.facts["voorwaarde"] == condition).to_numpy()]
        found = ctx.findings[(ctx.findings["voorwaarde"] == condition).to_numpy()]
        blocks.append(Heading(_condition_header(ctx, condition)))
        against, support = _ranked(facts, -1), _ranked(facts, 1)
        found_against, found_for = _ranked(found, -1), _ranked(found, 1)
        facts_text = (plural(len(against), "registerfeit van het werkgebied wijst", "registerfeiten van het werkgebied "
                                                                                     "wijzen") if against
                      else "geen registerfeit van het werkgebied wijst")
        if facts.empty and found.empty:
            prose = "Over deze voorwaarde is geen bewijs voor dit werkgebied of de regio."
        elif ctx.without:
            prose = (f"{sentence(facts_text)[:-1]} op een knelpunt; bevindingen over de regio: "
                     f"{small_count(len(found_against))} over een knelpunt en {small_count(len(found_for))} over een "
                     "goede praktijk.")
        else:
            prose = (f"{sentence(facts_text)[:-1]} op een knelpunt; van de bevindingen over de regio "
                     f"{plural(len(found_against), 'wijst er', 'wijzen er')} op een knelpunt; {plural(len(support) + len(found_for), 'bewijsstuk wijst', 'bewijsstukken wijzen')}"
                     " op iets wat goed gaat.")
        blocks.append(Paragraph(prose))
        items = [s for s in (_sentence(ctx, r) for r in against + found_against) if s]
        items += [f"Tegenwicht: {s}" for s in (_sentence(ctx, r) for r in (support + found_for)[:2]) if s]
        if items:
            blocks.append(Bullets(tuple(items)))
    for code in ctx.zk_codes:
        signal = ctx.zk.signals[(ctx.zk.signals["code"].astype(str) == code).to_numpy()]
        evidence = ctx.zk.evidence[(ctx.zk.evidence["code"].astype(str) == code).to_numpy()]
        region = _Context(ctx.inputs, dataclasses.replace(ctx.scope, code=code), signal.iloc[0] if len(signal) else
                          pd.Series(dtype=object), evidence, ctx.without)
        chains = _chains(region)
        blocks.append(Heading(f"Ketens van belemmeringen in {ctx.region_label(code)}"))
        blocks += chains[1:]
    return blocks


def _comparable(ctx: _Hap, known: AreaFacts) -> list[tuple[str, str]]:
    frame = ctx.inputs.geo_result.indicators.get("hap")
    if frame is None or frame.empty:
        return []
    area = _areas(ctx.inputs.geo_result, ctx.inputs.geography)
    found = comparable_hap_areas(ctx.scope.code, frame, area, mean_sub_score(known.evidence, "goed_netwerk"),
                                 mean_sub_score(known.evidence, "netwerk_te_zwak"), ctx.inputs.geography)
    names = dict(zip(frame["code"].astype(str), frame["naam"].astype(str)))
    return [(c, names.get(c, c)) for c, _ in found]


@memoised
def _areas(geo_result, geography) -> pd.Series:
    return hap_area_km2(geo_result.service_area_pc4, geography)


def _examples(ctx: _Hap, known: AreaFacts, comparable: list[tuple[str, str]]) -> list[Block]:
    from monitor.dossier.content import _profile

    blocks: list[Block] = [Paragraph(METHOD_HAP, "note")]
    if not comparable:
        blocks.append(Paragraph("Er is geen vergelijkbaar HAP-werkgebied gevonden waarvan de registerfeiten op een goed "
                                "netwerk wijzen."))
        return blocks
    blocks.append(Paragraph(f"Het meest vergelijkbaar: {join_names([f'{n} ({c})' for c, n in comparable])}. Het goede "
                            "voorbeeld is hier een registerfeit van dat werkgebied, geen score."))
    indicators = ctx.inputs.geo_result.indicators["hap"].set_index("code")
    facilities = ctx.inputs.geo_result.facilities
    good_mean = mean_sub_score(known.evidence, "goed_netwerk")
    for code, naam in comparable:
        own = known.evidence[(known.evidence["code"].astype(str) == code).to_numpy()]
        where = facilities.loc[(facilities["id"].astype(str) == code).to_numpy(), ZK]
        region = ctx.scope.names.get(str(where.iloc[0]), str(where.iloc[0])) if len(where) and where.iloc[0] == where.iloc[0] else ""
        blocks.append(Heading(f"{naam} ({code}): registerfeiten goed netwerk gemiddeld {score(good_mean.get(code))}"))
        profile = _profile(indicators, code, "hap")
        blocks.append(Paragraph(f"{profile} Ligt in zorgkantoorregio {region}." if region else profile))
        positive = [r for r in _ranked(own, 1) if r["voorwaarde"] not in FAILURE_CONDITIONS]
        items = [s for s in (_sentence(ctx, r) for r in positive[:4]) if s]
        blocks.append(Bullets(tuple(items)) if items else Paragraph("Geen afzonderlijk registerfeit voor een goed netwerk."))
    return blocks


def _pilots(ctx: _Hap) -> list[Block]:
    from monitor.pilots import pilot_blocks

    scope = ctx.scope
    return [Heading("Pilotcommissie"), *pilot_blocks(ctx.inputs.registry, scope.code, ctx.inputs.geography, scope.naam,
                                                     gemeenten=scope.gemeenten)]
