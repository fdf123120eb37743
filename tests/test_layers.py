"""The layers point one way (data -> geo -> monitor -> dashboard) and only the UI imports streamlit."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ORDER = ["data", "geo", "monitor", "dashboard"]


def imported_top_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", ORDER)
def test_package_imports_only_lower_layers(package):
    higher = set(ORDER[ORDER.index(package) + 1 :])
    for path in (ROOT / package).rglob("*.py"):
        wrong = imported_top_modules(path) & higher
        assert not wrong, f"{path.relative_to(ROOT)} imports higher layer(s) {sorted(wrong)}"


@pytest.mark.parametrize("package", ["data", "geo", "monitor"])
def test_streamlit_stays_in_the_ui(package):
    for path in (ROOT / package).rglob("*.py"):
        assert "streamlit" not in imported_top_modules(path), f"{path.relative_to(ROOT)} imports streamlit"
