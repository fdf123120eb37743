"""Start the dashboard with warm caches: ``python -m dashboard [streamlit options]``.

The same as ``streamlit run streamlit_app.py [options]``, except that the caches are warm: before the server starts,
the page modules are imported and what the first page (Kaart) needs is computed (register, indicators, signals,
map outlines; a few seconds on the national demo); the rest (other levels, waves, ...) fills in a background thread
once the server runs, so the first page a user opens finds its data ready. ``streamlit run`` runs no app code before
the first visitor; there the warmer starts with the first page view (streamlit_app.py).

``MGZ_LOG=debug`` prints how long each warm-up step and each Kaart page run took (logger ``mgz``).
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

ENTRY = Path(__file__).resolve().parents[1] / "streamlit_app.py"


def _log_setup() -> None:
    level = os.environ.get("MGZ_LOG", "").strip().upper()
    if level in ("DEBUG", "INFO", "WARNING", "ERROR"):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
        logger = logging.getLogger("mgz")
        logger.addHandler(handler)
        logger.setLevel(level)


def main(argv: list[str] | None = None) -> int:
    from streamlit.web import cli

    from dashboard.cache import warm_for_start

    _log_setup()
    print("Gegevens voor de kaart voorbereiden…", flush=True)
    warm_for_start()
    sys.argv = ["streamlit", "run", str(ENTRY), *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
