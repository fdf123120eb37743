"""Per-kind import rules; the entry points are in data.imports."""
