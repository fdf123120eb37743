"""What the three command-line tools share: Dutch argparse texts and friendly error handling."""
from __future__ import annotations

import argparse
import sys
from typing import Callable


DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "expected one argument": "verwacht één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
}


def use_dutch() -> None:
    """argparse looks its texts up through its module-level `_` at call time; answer in Dutch."""
    argparse._ = lambda text: DUTCH.get(text, text)


EXIT_OK, EXIT_BAD_INPUT, EXIT_BROKEN = 0, 1, 2  # README "Grenzen en foutcodes"
EXIT_INTERRUPTED = 130


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's own flush at exit does not report the closed pipe either."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def run_friendly(parser: argparse.ArgumentParser, run: Callable[[argparse.Namespace], int], argv=None) -> int:
    """Parse and run; errors become Dutch lines on stderr, never a traceback. Nothing half-stored:
    every write happens in one transaction that an error rolls back, every file is renamed into place whole.

    Exit codes: 0 done, 1 bad input or a fault the user can fix (file, option, database busy/full/foreign,
    disk), 2 only for a broken installation or a bug, 130 interrupted.
    """
    from data.faults import NOTHING_CHANGED, explain

    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse: --help exits 0 (kept), a wrong option 2; a wrong option is bad input
        if stop.code in (0, None):
            raise
        return EXIT_BAD_INPUT
    try:
        return run(args)
    except BrokenPipeError:  # the reader stopped early (`... | head`): not an error, and nothing more to say
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        print(f"Afgebroken. {NOTHING_CHANGED}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except ImportError as error:
        missing = getattr(error, "name", None) or str(error)
        print(
            f"De installatie is onvolledig: onderdeel '{missing}' ontbreekt. Installeer opnieuw met "
            f"pip install -r requirements.txt. {NOTHING_CHANGED}",
            file=sys.stderr,
        )
        return EXIT_BROKEN
    except Exception as error:  # last resort: never show a traceback to the user
        message = explain(error)
        if message is not None:
            print(f"Fout: {message}", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(
            f"Onverwachte fout ({type(error).__name__}); dit wijst op een fout in de MGZ-monitor of een kapotte "
            f"installatie. {NOTHING_CHANGED}",
            file=sys.stderr,
        )
        return EXIT_BROKEN
