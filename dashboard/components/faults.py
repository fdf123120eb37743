"""Every failure on a page as one Dutch sentence (data.faults), never a traceback with server paths."""
from __future__ import annotations

from data.faults import NOTHING_CHANGED, explain


def fault_text(error: BaseException) -> str:
    """The Dutch sentence for a known fault (bad file, busy/full/foreign database, disk), else a short notice
    that names only the kind of error, so nothing about the server leaks into the page."""
    message = explain(error)
    if message is not None:
        return message
    if isinstance(error, RecursionError):
        return f"Het bestand is te diep genest om te lezen. {NOTHING_CHANGED}"
    return (
        f"Er ging iets onverwachts mis ({type(error).__name__}); dit wijst op een fout in de MGZ-monitor of een "
        f"kapotte installatie. {NOTHING_CHANGED}"
    )
