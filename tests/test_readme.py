"""The README is the front door: it must name the commands CI runs and document every setting and indicator."""
from pathlib import Path

import pytest

from data.config import SETTINGS
from geo.catalogue import markdown_section

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_LINES = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()

INSTALL = "pip install -r requirements.txt && npm ci"
RUN = "streamlit run streamlit_app.py"
TEST = "python -m pytest"


@pytest.mark.parametrize("command", [INSTALL, RUN, TEST])
def test_readme_shows_the_quick_start_and_test_commands(command):
    assert f"\n{command}\n" in README


@pytest.mark.parametrize("command", [INSTALL, TEST])
def test_ci_runs_exactly_the_readme_commands(command):
    assert command in CI_LINES


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_every_setting_is_documented(setting):
    assert f"`{setting}`" in README


def test_geo_indicator_section_matches_the_catalogue():
    assert markdown_section().strip() in README


def test_screenshots_exist():
    for name in ("kaart", "regio", "pilotregios", "monitoring"):
        assert f"docs/screenshots/{name}.png" in README
        assert (ROOT / "docs" / "screenshots" / f"{name}.png").is_file()
