"""Every command-line entry point explains itself in Dutch and exits cleanly."""
import subprocess
import sys

import pytest


@pytest.mark.parametrize("package", ["data", "geo", "monitor"])
def test_help_exits_zero(package):
    result = subprocess.run([sys.executable, "-m", package, "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"python -m {package}" in result.stdout
    assert "Traceback" not in result.stderr
