"""The fictional national demo: built deterministically from the reference geography (entry point: scenario)."""
