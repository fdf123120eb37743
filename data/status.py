"""A Dutch overview of what the database holds (`python -m data status`)."""
from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import URL, make_url

from data import models as m
from data.reference.loading import reference_info
from data.registry import MIXED_LABEL, demo_state
from data.reference.files import LEVEL_LABELS

FACILITY_LABELS = {
    "hap": "huisartsenposten",
    "avg_poli": "AVG-poliklinieken",
    "vg_locatie": "VG-locaties",
    "huisartsenpraktijk": "huisartsenpraktijken",
}


def safe_url(url: URL | str) -> str:
    """The database URL without its password."""
    return make_url(url)._replace(password=None).render_as_string(hide_password=False)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def describe(engine: Engine) -> str:
    with engine.connect() as connection:
        def count(model, *where) -> int:
            return connection.execute(select(func.count()).select_from(model).where(*where)).scalar_one()

        regions = dict(connection.execute(select(m.Region.niveau, func.count()).group_by(m.Region.niveau)).all())
        facilities = dict(connection.execute(select(m.Facility.type, func.count()).group_by(m.Facility.type)).all())
        demo = connection.execute(select(m.DatasetInfo.waarde).where(m.DatasetInfo.sleutel == "demo")).scalar()
        counts = {
            "organisaties": count(m.Organisation),
            "samenwerkingen": count(m.Collaboration),
            "werkgebieden": count(m.ServiceArea),
            "werkgebied-postcodes": count(m.ServiceAreaPostcode),
            "bevindingen": count(m.Finding),
            "meetgolven": count(m.Wave),
            "convenantacties": count(m.ConvenantAction),
            "pilotcommissies": count(m.PilotCommission),
            "bekendheid": count(m.Awareness),
            "importbatches": count(m.ImportBatch),
        }
        last_import = connection.execute(select(func.max(m.ImportBatch.tijdstip))).scalar()
    info = reference_info(engine)

    lines = [f"Database: {safe_url(engine.url)}"]
    if demo is not None and demo_state(engine) == "gemengd":
        lines.append(
            f"Let op: {MIXED_LABEL}. Na het fictieve demoscenario ({demo}) zijn eigen bestanden geïmporteerd; "
            "uitkomsten mengen verzonnen en echte gegevens. Verwijder het voorbeeld op de pagina Gegevens."
        )
    elif demo is not None:
        lines.append(f"Let op: dit is het fictieve demoscenario ({demo}).")
    if regions:
        level_text = ", ".join(f"{_n(regions.get(level, 0))} {LEVEL_LABELS[level]}" for level in m.REGION_LEVELS)
        lines.append(f"Referentiegeografie: {level_text}.")
        if info:
            years = ", ".join(f"{level} {year}" for level, year in sorted(info.get("jaren", {}).items()) if year)
            lines.append(f"  Bron: {info.get('bron', 'onbekend')}" + (f" (jaar: {years})." if years else "."))
            lines.append(f"  Lidmaatschap: {info.get('lidmaatschap', 'onbekend')}; inwoners: {info.get('inwoners', 'onbekend')}.")
    else:
        lines.append("Referentiegeografie: nog niet geladen (gebeurt bij eerste gebruik of met `python -m data reference`).")
    facility_text = ", ".join(f"{_n(facilities.get(kind, 0))} {label}" for kind, label in FACILITY_LABELS.items())
    lines.append(f"Voorzieningen: {facility_text} (totaal {_n(sum(facilities.values()))}).")
    lines.append(f"Organisaties: {_n(counts['organisaties'])}; samenwerkingen: {_n(counts['samenwerkingen'])}.")
    lines.append(
        f"Werkgebieden: {_n(counts['werkgebieden'])} (met {_n(counts['werkgebied-postcodes'])} PC4-koppelingen)."
    )
    lines.append(
        f"Bevindingen: {_n(counts['bevindingen'])}; meetgolven: {_n(counts['meetgolven'])}; "
        f"convenantacties: {_n(counts['convenantacties'])}."
    )
    lines.append(f"Pilotcommissies: {_n(counts['pilotcommissies'])}; bekendheid (enquêterijen): {_n(counts['bekendheid'])}.")
    imports = f"Importbatches: {_n(counts['importbatches'])}"
    if last_import is not None:
        imports += f" (laatste {last_import:%Y-%m-%d %H:%M})"
    lines.append(imports + ".")
    return "\n".join(lines)
