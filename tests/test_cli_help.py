"""Every command-line entry point explains itself in Dutch and exits cleanly."""
import subprocess
import sys

import pytest


@pytest.mark.parametrize("package", ["data", "geo", "monitor"])
def test_help_exits_zero(package):
    result = subprocess.run([sys.executable, "-m", package, "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"gebruik: python -m {package}")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("package", ["data", "geo", "monitor"])
def test_wrong_command_is_refused_in_dutch(package):
    result = subprocess.run([sys.executable, "-m", package, "onbekend"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1  # bad input; 2 is kept for a broken installation (README "Grenzen en foutcodes")
    assert "ongeldige keuze: 'onbekend'" in result.stderr
    assert "Traceback" not in result.stderr
