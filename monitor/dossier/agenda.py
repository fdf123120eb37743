"""Convenant actions for the dossier's area and nationally, and the draft agenda with an afsprakenlijst template."""
from __future__ import annotations

import pandas as pd

from data.registry import Geography, Registry
from monitor.dossier.model import Block, Heading, Paragraph, Table
from monitor.dossier.scope import Scope
from monitor.dossier.wording import CONDITION_LABELS, STATUS_LABELS, join_names, number
from monitor.findings import gemeente_sets
from monitor.waves import action_status

AGREEMENT_ROWS = 8


def _status_column(table: pd.DataFrame, golf: str | None) -> pd.Series:
    if golf is not None and golf in table.columns:
        return table[golf]
    return table["laatste_status"]


def _grouped_rows(rows: pd.DataFrame, status: pd.Series, with_region: bool) -> tuple[tuple[str, ...], ...]:
    """Rows sorted by party then action line; the party is written once per group."""
    order = rows.assign(stand_=status.reindex(rows.index)).sort_values(["partij", "actie", "regio_naam"], kind="stable")
    out, previous = [], None
    for r in order.itertuples():
        party = "" if r.partij == previous else str(r.partij)
        previous = r.partij
        state = STATUS_LABELS.get(r.stand_, "geen stand") if isinstance(r.stand_, str) else "geen stand"
        cells = (party, str(r.actie), state, str(r.verandering))
        out.append(cells[:2] + ((str(r.regio_naam),) if with_region else ()) + cells[2:])
    return tuple(out)


def action_blocks(registry: Registry, geography: Geography, scope: Scope, golf: str | None) -> list[Block]:
    """The action lines and their status in this area and nationally, grouped by party."""
    table = action_status(registry, geography)
    wave = f"meetgolf {golf}" if golf else "laatst bekende meetgolf"
    blocks: list[Block] = [Paragraph(
        f"De actielijnen van het convenant MGZ met hun stand in de {wave} en de verandering sinds de golf daarvoor, "
        "per partij. Bron: register (convenantacties).", "note")]
    if table.empty:
        blocks.append(Paragraph("Er zijn geen convenantacties geregistreerd."))
        return blocks
    sets = gemeente_sets(geography.membership)
    mine = set(scope.gemeenten)
    regional = table[[bool(r) and bool(set(sets.get(str(r), {str(r)})) & mine) for r in table["regio"]]]
    national = table[(table["regio"] == "").to_numpy()]
    status = _status_column(table, golf)
    columns = ("Partij", "Actielijn", "Stand", "Verandering")
    blocks.append(Heading("In dit gebied"))
    if regional.empty:
        blocks.append(Paragraph("Geen regionale convenantacties geregistreerd voor dit gebied."))
    else:
        blocks.append(Table(columns[:2] + ("Regio",) + columns[2:], _grouped_rows(regional, status, True),
                            (1.4, 3.2, 1.4, 1.0, 1.6)))
    blocks.append(Heading("Landelijk"))
    if national.empty:
        blocks.append(Paragraph("Geen landelijke convenantacties geregistreerd."))
    else:
        blocks.append(Table(columns, _grouped_rows(national, status, False), (1.4, 3.6, 1.0, 1.8)))
    return blocks


def agenda_blocks(naam: str, bottlenecks: list[dict], comparable: list[str], running: list[str]) -> list[Block]:
    """A draft agenda for the round table (about 2,5 hours) and an empty afsprakenlijst (wie, wat, wanneer)."""
    items = [
        ("Opening en kennismaking", "Doel van de tafel, rol van de commissie, voorstelronde (zie Wie aan tafel).", 15),
        (f"Het beeld van {naam}", "Signaal, kaart en de belangrijkste cijfers (zie Samenvatting en Kaart); klopt dit "
                                  "beeld met de ervaring aan tafel?", 15),
    ]
    seen = []
    for row in bottlenecks:
        condition = row["voorwaarde"]
        if condition in seen:
            continue
        seen.append(condition)
        items.append((f"Knelpunt: {CONDITION_LABELS[condition].lower()}",
                      "Oorzaken, wie het raakt en wie er iets aan kan doen (zie Knelpunten).", 20))
    items += [
        ("Goede voorbeelden elders", ("Wat werkt in " + join_names(comparable) + "; wat is hier bruikbaar?")
         if comparable else "Wat werkt elders; wat is hier bruikbaar?", 15),
        ("Convenantacties", (f"Wat loopt al ({number(len(running))} regionaal) en wat is nog nodig; landelijke "
                             "acties die helpen (zie Convenantacties)."), 10),
        ("Afspraken", "Wie doet wat, wanneer; de afsprakenlijst invullen.", 20),
        ("Vervolg en evaluatie", "Volgende bijeenkomst, wie bewaakt de afspraken, terugblik bij de volgende meetgolf.", 10),
    ]
    rows = tuple((str(i), title, text, f"{minutes} min") for i, (title, text, minutes) in enumerate(items, start=1))
    total = sum(minutes for _, _, minutes in items)
    return [
        Paragraph(f"Een voorstel voor de eerste regionale tafel over {naam}; de commissie past het aan. Totaal "
                  f"ongeveer {number(total)} minuten.", "note"),
        Table(("Nr", "Onderwerp", "Toelichting", "Tijd"), rows, (0.5, 2.4, 4.4, 0.9)),
        Heading("Afsprakenlijst"),
        Paragraph("In te vullen aan tafel: per afspraak wie haar uitvoert, wat er gebeurt en wanneer het klaar is.",
                  "note"),
        Table(("Nr", "Wie", "Wat", "Wanneer", "Stand"),
              tuple((str(i), "", "", "", "") for i in range(1, AGREEMENT_ROWS + 1)), (0.5, 2.0, 3.8, 1.2, 1.2)),
    ]
