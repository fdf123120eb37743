"""Fast row access for small per-region loops (DataFrame.to_dict('records') is slow on string columns)."""
from __future__ import annotations

import pandas as pd


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    values = [frame[c].tolist() for c in columns]
    return [dict(zip(columns, row)) for row in zip(*values)]
