"""What validation needs to know about the database, read lazily and once per import."""
from __future__ import annotations

from functools import cached_property
from typing import Callable

import pandas as pd
from sqlalchemy import Engine, select

from data import locate
from data import models as m
from data.errors import UserError


class ImportContext:
    """Existing facilities, region codes and PC4 positions; loads the reference geography on first need."""

    def __init__(self, engine: Engine, progress: Callable[[str], None] | None = None):
        self.engine = engine
        self.progress = progress
        self.batch_id: int | None = None  # the ImportBatch being written; set before the kind's writer runs
        self._geography_checked = False

    def require_geography(self) -> None:
        """Make sure the regio table is filled; loads the reference via data.reference.loading when it is empty."""
        if self._geography_checked:
            return
        if locate.region_count(self.engine) == 0:
            try:
                from data.reference.loading import ensure_reference
            except ImportError:
                raise UserError(
                    "De referentiegeografie (CBS-gebieden) ontbreekt. Laad die eerst met `python -m data reference`."
                ) from None
            ensure_reference(self.engine, progress=self.progress or (lambda *_: None))
            if locate.region_count(self.engine) == 0:
                raise UserError("De referentiegeografie (CBS-gebieden) ontbreekt; laad die met `python -m data reference`.")
        self._geography_checked = True

    @cached_property
    def facility_types(self) -> dict[str, str]:
        """id -> type of every facility already in the database."""
        with self.engine.connect() as connection:
            return dict(connection.execute(select(m.Facility.id, m.Facility.type)).all())

    @cached_property
    def region_codes(self) -> set[str]:
        """Codes of every region of any level (GM..., ZK..., PV..., and 4-digit PC4)."""
        self.require_geography()
        with self.engine.connect() as connection:
            return set(connection.execute(select(m.Region.code)).scalars())

    def region_codes_of(self, niveau: str) -> set[str]:
        self.require_geography()
        with self.engine.connect() as connection:
            return set(connection.execute(select(m.Region.code).where(m.Region.niveau == niveau)).scalars())

    def pc4_centroids(self, codes) -> pd.DataFrame:
        self.require_geography()
        return locate.pc4_centroids(self.engine, codes)

    def pc4_by_gemeente(self, gemeenten) -> pd.DataFrame:
        """kind_code (pc4) and ouder_code (gemeente) for the asked gemeenten."""
        self.require_geography()
        mb = m.RegionMembership
        statement = select(mb.kind_code, mb.ouder_code).where(
            mb.ouder_niveau == "gemeente", mb.ouder_code.in_(sorted(set(gemeenten)))
        )
        with self.engine.connect() as connection:
            rows = connection.execute(statement).all()
        return pd.DataFrame([tuple(r) for r in rows], columns=["pc4", "gemeente"])

    @cached_property
    def waves(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            return dict(connection.execute(select(m.Wave.code, m.Wave.volgorde)).all())
