"""The README lists every limit of data/limits.py and the exit codes of the command-line tools."""
from pathlib import Path

import pytest

from data.cli import EXIT_BAD_INPUT, EXIT_BROKEN, EXIT_INTERRUPTED, EXIT_OK
from data.limits import LIMITS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## Grenzen en foutcodes", 1)[-1].split("\n## ", 1)[0]


def test_the_section_exists():
    assert "## Grenzen en foutcodes" in README


@pytest.mark.parametrize(("what", "limit"), LIMITS)
def test_every_limit_is_listed(what, limit):
    assert f"| {what} | {limit} |" in SECTION


@pytest.mark.parametrize("code", [EXIT_OK, EXIT_BAD_INPUT, EXIT_BROKEN, EXIT_INTERRUPTED])
def test_every_exit_code_is_listed(code):
    assert f"\n| {code} | " in SECTION
