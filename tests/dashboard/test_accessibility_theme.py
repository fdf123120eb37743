"""The theme in .streamlit/config.toml gives WCAG 2.1 AA contrast, and axe-core is pinned for the browser test.

Streamlit draws captions, help texts and placeholders in the theme's textColor at 60% opacity; the selected
pill's text is primaryColor on a 10% tint of itself. The browser test (e2e/test_accessibility.py) checks the
rendered page with axe-core; this test keeps the arithmetic behind the chosen colours in the fast suite.
"""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AA_NORMAL_TEXT = 4.5
BACKGROUNDS = ("#ffffff", "#f8f8f7", "#fdfdfd")  # page, sidebar / widgets, inline code
CAPTION_OPACITY = 0.6
PILL_TINT = 0.1


def rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def mix(colour: str, background: str, alpha: float) -> str:
    return "#" + "".join(f"{round(alpha * c + (1 - alpha) * b):02x}" for c, b in zip(rgb(colour), rgb(background)))


def luminance(colour: str) -> float:
    channels = [c / 255 for c in rgb(colour)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def theme() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]


def test_contrast_helper_matches_the_issue():
    # Streamlit's default text colour at 60% on white: the 3.88:1 axe reported for every caption.
    assert mix("#2f2d2b", "#ffffff", CAPTION_OPACITY) == "#828180"
    assert abs(contrast("#828180", "#ffffff") - 3.88) < 0.01


def test_captions_body_text_and_inline_code_reach_aa_contrast():
    for key in ("textColor", "codeTextColor"):  # inline code keeps its own colour, also in a caption
        colour = theme()[key]
        for background in BACKGROUNDS:
            assert contrast(colour, background) >= AA_NORMAL_TEXT
            assert contrast(mix(colour, background, CAPTION_OPACITY), background) >= AA_NORMAL_TEXT, (key, background)


def test_primary_colour_reads_on_white_and_on_its_own_tint():
    primary = theme()["primaryColor"]
    assert contrast(primary, "#ffffff") >= AA_NORMAL_TEXT
    assert contrast(primary, mix(primary, "#ffffff", PILL_TINT)) >= AA_NORMAL_TEXT


def test_axe_core_is_pinned_exactly_for_the_browser_test():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    version = package["devDependencies"]["axe-core"]
    assert version[0].isdigit(), f"pin axe-core exactly, not {version!r}"
    assert lock["packages"]["node_modules/axe-core"]["version"] == version
