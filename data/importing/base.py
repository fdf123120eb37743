"""The shape every import kind shares: its columns and aliases, a validator and a writer; plus bulk upserts."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd
from sqlalchemy.orm import Session

from data.errors import UserError
from data.importing.context import ImportContext
from data.importing.rules import RowErrors
from data.readers import Table, normalise_name, read_table


@dataclass(frozen=True)
class KindSpec:
    """One importable kind (voorzieningen, werkgebieden, ...)."""

    name: str
    columns: tuple[str, ...]  # canonical column order, also the export order
    required: tuple[str, ...]  # columns that must be present in the file
    aliases: dict[str, str]  # normalised header -> canonical column
    # validate(table, ctx, errors, warnings) -> frame of typed values indexed by row number
    validate: Callable[[Table, ImportContext, RowErrors, list[str]], pd.DataFrame]
    # write(session, valid rows, ctx) -> None; runs inside the import transaction
    write: Callable[[Session, pd.DataFrame, ImportContext], None]
    read: Callable[[bytes, str, "KindSpec"], Table] | None = None
    notes: dict[str, str] = field(default_factory=dict)

    def read_table(self, raw: bytes, filename: str) -> Table:
        table = self.read(raw, filename, self) if self.read else read_table(raw, filename, self.aliases)
        missing = [c for c in self.required if c not in table.frame.columns]
        if missing:
            raise UserError(
                f"Verplichte kolom(men) ontbreken: {', '.join(missing)}. "
                f"Verwachte kolommen voor {self.name}: {', '.join(self.columns)}."
            )
        return table


def aliases_for(columns: tuple[str, ...], extra: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Header spellings accepted per column: the column name itself plus the listed alternatives."""
    lookup = {normalise_name(c): c for c in columns}
    for canonical, names in extra.items():
        for name in names:
            lookup[normalise_name(name)] = canonical
    return lookup


def upsert(session: Session, model, rows: list[dict], keys: list[str], update: list[str] | None = None,
           where=None) -> None:
    """INSERT ... ON CONFLICT (keys) DO UPDATE (or DO NOTHING without update columns), for SQLite and PostgreSQL.

    `where` (a condition on the stored row) limits the update to the rows that meet it; the others stay as they are.
    """
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:  # pragma: no cover - the project supports these two databases
        raise UserError(f"Database '{dialect}' wordt niet ondersteund voor import.")
    table = model.__table__
    statement = insert(table)
    if update:
        statement = statement.on_conflict_do_update(
            index_elements=keys, set_={name: statement.excluded[name] for name in update}, where=where
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    session.execute(statement, rows)


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows as dicts of plain Python values (None for missing), built column-wise for speed."""
    data = []
    for name in columns:
        series = frame[name]
        # astype(object) turns numpy scalars into Python ones; missing values become None.
        data.append(series.astype(object).where(series.notna(), None).tolist())
    return [dict(zip(columns, row)) for row in zip(*data)]
