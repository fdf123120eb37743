"""WCAG 2.1 AA in a real browser: axe-core on every page of the demo, and the Kaart without a mouse.

axe-core comes from npm (pinned in package.json, installed by `npm ci`); its axe.min.js is put into the page
and into every frame of it (the map's iframe too) with Playwright's add_script_tag, so nothing is fetched. It
runs the rules tagged wcag2a, wcag2aa and wcag21aa with every expander open, once per tab, and any violation
fails the test with the rule, the element and axe's explanation. Results axe marks 'incomplete' (needs a
person to judge, e.g. text on a chart's SVG) are not failures; README "Toegankelijkheid" lists them.
"""
from __future__ import annotations

import re

import pytest

from tests.dashboard.e2e.conftest import ROOT, map_frame, wait_for_app_idle

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]
RUN_AXE_JS = """
async (tags) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({target: n.target.join(' >>> '), html: n.html.slice(0, 200),
                                  summary: n.failureSummary}))}));
}
"""


def app_pages() -> list[str]:
    """URL paths of every page in the navigation of streamlit_app.py ('' for the default page, else the file name)."""
    text = (ROOT / "streamlit_app.py").read_text(encoding="utf-8")
    return [
        "" if "default=True" in options else name
        for name, options in re.findall(r'st\.Page\(\s*"dashboard/pages/(\w+)\.py"([^)]*)\)', text)
    ]


PAGES = app_pages()
FOLIUM_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MAX_TAB_PRESSES = 80


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations of the page as it is now, inside its frames included."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS.relative_to(ROOT)} is missing: run `npm ci` (axe-core is pinned in package.json)")
    for frame in page.frames:
        if not frame.evaluate("() => typeof window.axe !== 'undefined'"):
            frame.add_script_tag(path=str(AXE_JS))
    return page.evaluate(RUN_AXE_JS, AXE_TAGS)


def describe(found: dict[str, list[dict]]) -> str:
    lines = []
    for state, violations in found.items():
        for v in violations:
            lines.append(f"[{state}] {v['id']} ({v['impact']}): {v['help']}")
            for node in v["nodes"][:5]:
                lines.append(f"    {node['target']}\n      {node['html']}\n      {node['summary']}")
    return "\n".join(lines)


def wait_for_maps(page) -> None:
    """Wait until every map iframe of the page has drawn its Leaflet map (its content is checked too)."""
    for handle in page.query_selector_all(FOLIUM_FRAME):
        frame = handle.content_frame()
        frame.wait_for_selector(".leaflet-container")
        frame.wait_for_function("() => !!window.map")


def open_expanders(page) -> None:
    """Open every visible, closed expander, so the tables inside them are checked too."""
    opened = False
    for expander in page.locator('[data-testid="stExpander"]').all():
        details = expander.locator("details")
        if expander.is_visible() and details.get_attribute("open") is None:
            details.locator("summary").click()
            expander.locator('[data-testid="stExpanderDetails"]').wait_for(state="visible")
            if "Kaart als tabel" in details.locator("summary").inner_text():
                # Kaart draws its table once the expander is opened (a rerun): wait for the table itself.
                expander.locator('[data-testid="stDataFrame"]').wait_for()
            opened = True
    if opened:
        wait_for_app_idle(page)


def press_tab_until(page, is_focused_js: str, what: str) -> None:
    """Press Tab until `is_focused_js` (about document.activeElement) holds; fail after MAX_TAB_PRESSES."""
    for _ in range(MAX_TAB_PRESSES):
        page.keyboard.press("Tab")
        if page.evaluate(is_focused_js):
            return
    pytest.fail(f"{what} not reached with {MAX_TAB_PRESSES} presses of Tab")


def open_page(visit, path: str):
    page = visit.page
    page.goto(f"{visit.url}/{path}")
    page.locator('[data-testid="stMain"] h1').first.wait_for()
    wait_for_app_idle(page)
    wait_for_maps(page)
    return page


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_no_wcag_21_aa_violations(visit, path):
    page = open_page(visit, path)
    found: dict[str, list[dict]] = {}
    open_expanders(page)
    found["begin"] = axe_violations(page)
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    for index in range(tabs.count()):
        tab = tabs.nth(index)
        if tab.get_attribute("aria-selected") == "true":
            continue  # the first tab of each tab bar was checked with the page
        name = tab.inner_text()
        tab.click()
        page.wait_for_function("(el) => el.getAttribute('aria-selected') === 'true'", arg=tab.element_handle())
        open_expanders(page)
        found[f"tab {name}"] = axe_violations(page)
    found = {state: violations for state, violations in found.items() if violations}
    assert not found, "axe-core found WCAG 2.1 AA violations:\n" + describe(found)
    assert visit.blocked == [], f"the page tried to reach outside servers: {visit.blocked}"


def test_a_region_profile_is_reached_with_the_keyboard_alone(visit):
    page = visit.page
    page.goto(visit.url + "/")
    map_frame(page)
    wait_for_app_idle(page)
    # Tab through the page (navigation, controls, the map) until the region box has the focus.
    press_tab_until(
        page, "() => document.activeElement?.getAttribute('aria-label') === 'Regio kiezen'", "'Regio kiezen'"
    )
    page.keyboard.type("Friesland")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Friesland (zorgkantoorregio)").wait_for()
    wait_for_app_idle(page)
    # The profile under the map (with the region chosen) passes axe as well.
    open_expanders(page)
    violations = axe_violations(page)
    assert not violations, describe({"profiel": violations})
    # On to the full profile with the keyboard too.
    press_tab_until(
        page,
        "() => document.activeElement?.tagName === 'BUTTON' && "
        "document.activeElement.innerText.includes('Volledig regioprofiel openen')",
        "the button 'Volledig regioprofiel openen'",
    )
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Friesland (ZK08)").wait_for()
    assert visit.blocked == []
