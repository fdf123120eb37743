"""What the three command-line tools share: Dutch argparse texts and friendly error handling."""
from __future__ import annotations

import argparse
import sys
from typing import Callable

from data.errors import UserError

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


def run_friendly(parser: argparse.ArgumentParser, run: Callable[[argparse.Namespace], int], argv=None) -> int:
    """Parse and run; errors become one Dutch line on stderr, never a traceback. Nothing half-stored:
    every write happens in one transaction that an error rolls back."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except UserError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Afgebroken; er is niets half opgeslagen.", file=sys.stderr)
        return 130
    except Exception as error:  # last resort: never show a traceback to the user
        print(f"Onverwachte fout ({type(error).__name__}): {error}. Er is niets half opgeslagen.", file=sys.stderr)
        return 2
