"""Start the dashboard with warm caches: ``python -m dashboard [streamlit options]``.

The same as ``streamlit run streamlit_app.py [options]``, except that the caches every page uses (register,
indicators, signals, map layers) start filling in a background thread while the server starts, so the first page
a user opens finds them ready or nearly so. ``streamlit run`` runs no app code before the first visitor; there the
warmer starts with the first page view (streamlit_app.py).
"""
from __future__ import annotations

import sys
import threading
from pathlib import Path

ENTRY = Path(__file__).resolve().parents[1] / "streamlit_app.py"


def main(argv: list[str] | None = None) -> int:
    from streamlit.web import cli

    from dashboard.cache import warm_in_background

    threading.Thread(target=warm_in_background, name="mgz-cache-warmer-start", daemon=True).start()
    sys.argv = ["streamlit", "run", str(ENTRY), *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
