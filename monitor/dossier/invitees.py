"""'Wie aan tafel': who to invite, per stakeholder group of the systeem-framework, from the registry.

Aanbieders are named from the registry (VG organisations, GP practices, HAPs with their HDS, AVG-poli's);
gebruikers and intermediairs are roles (the registry holds no people); voorwaardenscheppend names the zorgkantoor
(import kind `zorgkantoren`) and the gemeenten, plus the boards of the organisations.
"""
from __future__ import annotations

import pandas as pd

from data.registry import Registry
from monitor.dossier.model import Block, Bullets, Heading, Paragraph, Table
from monitor.dossier.scope import Scope
from monitor.dossier.wording import clients, join_names, number

MAX_PRACTICES = 30  # longer lists end with "en nog N praktijken"
CARE_OFFICE_HINT = ("naam nog niet geïmporteerd: python -m data import zorgkantoren BESTAND, met de lijst van "
                    "Zorgverzekeraars Nederland")


def organisation_table(scope: Scope) -> pd.DataFrame:
    """Per VG organisation in the scope: locations, locations without GP, AVG capacity (fte) and clients."""
    vg = scope.vg
    columns = ["organisatie_id", "naam", "locaties", "zonder_huisarts", "avg_fte", "clienten"]
    if vg.empty:
        return pd.DataFrame(columns=columns)
    own = scope.facilities[scope.facilities["organisatie_id"].notna().to_numpy()]
    supply = own[own["type"].isin(["vg_locatie", "avg_poli"]).to_numpy()]
    fte = supply.groupby("organisatie_id")["avg_fte"].agg(lambda s: s.sum() if s.notna().any() else float("nan"))
    no_gp = ~vg["heeft_huisarts"].astype("boolean").fillna(False).astype(bool)
    grouped = vg.assign(_zonder=no_gp.to_numpy()).groupby("organisatie_id")
    table = pd.DataFrame({
        "naam": grouped["organisatie_naam"].first(),
        "locaties": grouped.size(),
        "zonder_huisarts": grouped["_zonder"].sum().astype(int),
        "clienten": grouped["clienten"].agg(lambda s: s.sum() if s.notna().any() else float("nan")),
    })
    table["avg_fte"] = fte.reindex(table.index).to_numpy()
    table = table.reset_index()
    table["naam"] = table["naam"].fillna(table["organisatie_id"]).astype(str)
    table = table.sort_values(["locaties", "naam"], ascending=[False, True], kind="stable")
    return table[columns].reset_index(drop=True)


def practices_table(scope: Scope, geo_result, registry: Registry) -> pd.DataFrame:
    """GP practices that work with the scope's VG locations: name, place, locations served, organisations, form."""
    vg = scope.vg
    links = geo_result.gp_links
    links = links[links["vg_id"].isin(set(vg["id"])).to_numpy()]
    columns = ["gp_id", "naam", "plaats", "locaties", "organisaties", "formeel"]
    if links.empty:
        return pd.DataFrame(columns=columns)
    org_of = dict(zip(vg["id"], vg["organisatie_naam"].fillna(vg["organisatie_id"]).astype(str)))
    links = links.assign(_org=links["vg_id"].map(org_of), _formeel=links["formeel"].astype(bool))
    grouped = links.groupby("gp_id")
    table = pd.DataFrame({
        "locaties": grouped["vg_id"].nunique(),
        "organisaties": grouped["_org"].agg(lambda s: join_names(sorted(set(s)))),
        "formeel": grouped["_formeel"].any(),
    }).reset_index()
    details = registry.facilities.set_index("id")
    table["naam"] = details["naam"].reindex(table["gp_id"]).fillna(table["gp_id"]).astype(str).to_numpy()
    table["plaats"] = details["plaats"].reindex(table["gp_id"]).fillna("").astype(str).to_numpy()
    table = table.sort_values(["locaties", "naam"], ascending=[False, True], kind="stable")
    return table[columns].reset_index(drop=True)


def hap_table(scope: Scope, geo_result, registry: Registry) -> pd.DataFrame:
    """HAPs serving the scope (the own HAP area of its VG locations, or located in it), with their HDS."""
    vg = scope.vg
    served = vg["hap_gebied"].dropna().astype(str)
    ids = set(served) | set(scope.of_type("hap")["id"].astype(str))
    columns = ["hap_id", "naam", "hds", "anw_open", "locaties"]
    if not ids:
        return pd.DataFrame(columns=columns)
    details = registry.facilities.set_index("id").reindex(sorted(ids))
    counts = served.value_counts()
    table = pd.DataFrame({
        "hap_id": details.index.astype(str),
        "naam": details["naam"].fillna(pd.Series(details.index, index=details.index)).astype(str).to_numpy(),
        "hds": details["organisatie_naam"].astype(object).where(details["organisatie_naam"].notna(), None).to_numpy(),
        "anw_open": details["anw_open"].to_numpy(dtype=object),
        "locaties": [int(counts.get(i, 0)) for i in details.index],
    })
    table = table.sort_values(["locaties", "naam"], ascending=[False, True], kind="stable")
    return table[columns].reset_index(drop=True)


def _yes_no(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "onbekend"
    return "ja" if bool(value) else "nee"


def care_office_lines(scope: Scope, care_offices: dict[str, str]) -> list[str]:
    lines = []
    for zk in scope.zorgkantoorregios:
        region = f"zorgkantoorregio {scope.names.get(zk, zk)} ({zk})"
        name = care_offices.get(zk)
        lines.append(f"Zorgkantoor: {name} ({region})" if name else f"Zorgkantoor van {region}: {CARE_OFFICE_HINT}")
    return lines


def invitee_blocks(scope: Scope, geo_result, registry: Registry, care_offices: dict[str, str]) -> list[Block]:
    """The section 'Wie aan tafel' as blocks."""
    orgs = organisation_table(scope)
    practices = practices_table(scope, geo_result, registry)
    haps = hap_table(scope, geo_result, registry)
    polis = scope.of_type("avg_poli")
    org_names = orgs["naam"].tolist()
    blocks: list[Block] = [Paragraph(
        "Een uitnodigingslijst per stakeholdergroep van het systeem-framework. Organisaties en voorzieningen komen uit "
        "het register; het register kent geen personen, dus gebruikers en intermediairs staan hier als rol. "
        "Aantallen cliënten onder 10 staan als <10.", "note")]

    blocks.append(Heading("Aanbieders"))
    if orgs.empty:
        blocks.append(Paragraph("Geen VG-organisaties met locaties in dit gebied in het register."))
    else:
        blocks.append(Table(
            ("VG-organisatie", "Locaties hier", "Zonder huisarts", "AVG-capaciteit", "Cliënten"),
            tuple((r.naam, number(r.locaties), number(r.zonder_huisarts),
                   "onbekend" if r.avg_fte != r.avg_fte else number(r.avg_fte, 1, "fte"), clients(r.clienten))
                  for r in orgs.itertuples()),
            (3.2, 1.1, 1.2, 1.3, 1.0),
            "AVG-capaciteit: de AVG-fte van de locaties en AVG-poli's van de organisatie in dit gebied. Bron: register.",
        ))
    if practices.empty:
        blocks.append(Paragraph("Er zijn geen huisartsenpraktijken geregistreerd die met deze locaties samenwerken."))
    else:
        shown = practices.head(MAX_PRACTICES)
        rest = len(practices) - len(shown)
        blocks.append(Table(
            ("Huisartsenpraktijk", "Plaats", "Locaties", "Werkt voor", "Afspraak"),
            tuple((r.naam, r.plaats or "onbekend", number(r.locaties), r.organisaties,
                   "formeel" if r.formeel else "alleen informeel") for r in shown.itertuples()),
            (2.6, 1.4, 1.1, 2.5, 1.2),
            f"Huisartsenpraktijken die met de VG-locaties in dit gebied samenwerken ({number(len(practices))})"
            + (f"; de {number(rest)} met de minste locaties staan niet in de tabel" if rest else "")
            + ". Formeel = contract, schriftelijke afspraak of gezamenlijke medische dienst. Bron: register (samenwerkingen).",
        ))
    if haps.empty:
        blocks.append(Paragraph("Geen huisartsenposten bekend voor dit gebied."))
    else:
        blocks.append(Table(
            ("Huisartsenpost", "HDS (organisatie)", "Alle ANW-uren open", "VG-locaties in werkgebied"),
            tuple((r.naam, r.hds or "niet geregistreerd", _yes_no(r.anw_open), number(r.locaties))
                  for r in haps.itertuples()),
            (3.0, 2.6, 1.4, 1.6),
            "HAP's in wier werkgebied de VG-locaties liggen, of die in het gebied staan; de HDS is de organisatie achter "
            "de HAP (huisartsendienstenstructuur). Bron: register (voorzieningen, werkgebieden).",
        ))
    if len(polis):
        details = registry.facilities.set_index("id").reindex(polis["id"])
        blocks.append(Table(
            ("AVG-polikliniek", "Organisatie", "Plaats", "AVG-capaciteit"),
            tuple((str(n), str(o) if isinstance(o, str) else "onbekend", str(p) if isinstance(p, str) else "onbekend",
                   "onbekend" if f != f else number(f, 1, "fte"))
                  for n, o, p, f in zip(polis["naam"], polis["organisatie_naam"], details["plaats"], polis["avg_fte"])),
            (3.0, 2.6, 1.6, 1.3),
            "AVG-poliklinieken in het gebied. Bron: register (voorzieningen).",
        ))

    blocks.append(Heading("Gebruikers"))
    users = [f"Cliëntenraad van {name}" for name in org_names]
    users += ["Verwanten of een verwantenraad van de locaties",
              "Een regionale belangenorganisatie van mensen met een beperking (bijvoorbeeld via Ieder(in) of KansPlus)"]
    blocks.append(Bullets(tuple(users)))

    blocks.append(Heading("Intermediairs"))
    blocks.append(Bullets((
        "Woonbegeleiders of teamleiders van de locaties" + (f" van {join_names(org_names, 4)}" if org_names else ""),
        "Doktersassistenten van de samenwerkende huisartsenpraktijken",
        "Triagisten of verpleegkundigen van " + (join_names(haps["naam"].tolist(), 3) if len(haps) else "de HAP"),
        "Verpleegkundigen, verpleegkundig specialisten of physician assistants van de medische diensten",
    )))

    blocks.append(Heading("Voorwaardenscheppend"))
    lines = care_office_lines(scope, care_offices)
    gemeenten = [scope.names.get(g, g) for g in scope.gemeenten]
    if gemeenten:
        lines.append(f"{'Gemeente' if len(gemeenten) == 1 else f'Gemeenten ({len(gemeenten)})'}: {join_names(gemeenten)}")
    if org_names:
        lines.append(f"Bestuur of management van {join_names(org_names, 6)}")
    hds = sorted({h for h in haps["hds"].tolist() if isinstance(h, str) and h})
    lines.append(f"Bestuur van de HDS'en {join_names(hds, 6)}" if hds else
                 "Bestuur van de huisartsendienstenstructuren (HDS) van de HAP's hierboven")
    lines.append("Zorgverzekeraars (Zvw) met een groot aandeel in de regio")
    blocks.append(Bullets(tuple(lines)))
    return blocks
