"""Measurement waves (meetgolven) are created on first mention by findings or actions."""
from __future__ import annotations

import re

from sqlalchemy.orm import Session

from data import models as m
from data.importing.base import upsert
from data.importing.context import ImportContext

MAX_CODE = 40


def natural_key(code: str) -> list:
    """'2024-najaar' sorts after '2021' and '2024-voorjaar'; numbers compare as numbers."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", code)]


def new_wave_rows(codes, existing: dict[str, int]) -> list[dict]:
    """New waves get volgorde after the highest existing one, in natural sort order of their codes."""
    new = sorted({c for c in codes if c and c not in existing}, key=natural_key)
    start = max(existing.values(), default=0)
    return [{"code": code, "volgorde": start + i} for i, code in enumerate(new, start=1)]


def ensure_waves(session: Session, codes, ctx: ImportContext) -> None:
    upsert(session, m.Wave, new_wave_rows(codes, ctx.waves), keys=["code"])
