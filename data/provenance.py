"""Where the data came from, for documents that must name their sources and reference dates (the regiodossier),
and the zorgkantoor names per zorgkantoorregio (import kind `zorgkantoren`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, func, select

from data import models as m
from data.reference.loading import reference_info


@dataclass(frozen=True)
class Provenance:
    """Reference geography (source and year per level), the newest import per kind and the demo marker."""

    reference_source: str = ""
    reference_years: dict[str, int] = field(default_factory=dict)  # niveau -> year of the CBS boundaries
    imports: dict[str, datetime] = field(default_factory=dict)  # import kind -> time (UTC) of its newest import
    demo: str | None = None  # description of the demo scenario, None for real data


def load_provenance(engine: Engine) -> Provenance:
    info = reference_info(engine) or {}
    years = {str(k): int(v) for k, v in (info.get("jaren") or {}).items() if str(v).isdigit()}
    b = m.ImportBatch
    with engine.connect() as connection:
        imports = dict(connection.execute(select(b.soort, func.max(b.tijdstip)).group_by(b.soort)).all())
        demo = connection.execute(select(m.DatasetInfo.waarde).where(m.DatasetInfo.sleutel == "demo")).scalar()
    return Provenance(str(info.get("bron") or ""), years, {str(k): v for k, v in imports.items() if v}, demo)


def load_care_offices(engine: Engine) -> dict[str, str]:
    """zorgkantoorregio code -> name of its zorgkantoor, as imported (empty until `python -m data import zorgkantoren`)."""
    z = m.CareOfficeName
    with engine.connect() as connection:
        return dict(connection.execute(select(z.zorgkantoorregio, z.zorgkantoor).order_by(z.zorgkantoorregio)).all())
