"""Write a file whole or not at all: into a temporary file beside it, renamed into place only when complete.

A full disk, a missing folder or an interrupted program then leaves either the old file or no file, never a
half-written or empty one. Every file the product writes (exports, --output of the command-line tools,
dossiers) goes through `write_bytes` or `replacing`. Failures become a UserError with a Dutch sentence.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_bytes(folder / "a.csv", b"x;y\\r\\n")
>>> (folder / "a.csv").read_bytes(), sorted(p.name for p in folder.iterdir())
(b'x;y\\r\\n', ['a.csv'])
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from data.errors import UserError
from data.faults import explain_os


def require_folder(path: Path | str) -> Path:
    """`path` (expanded), after checking that its folder exists: the one message for a missing --output folder,
    which a command line can give before doing any work ("De map … bestaat niet; er is niets geschreven.")."""
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        raise UserError(f"De map {path.parent} bestaat niet; er is niets geschreven.")
    return path


def _target(path: Path | str) -> Path:
    path = Path(path).expanduser()
    if path.is_dir():
        raise UserError(f"{path} is een map; geef een bestandsnaam op.")
    return require_folder(path)


@contextmanager
def replacing(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces `path` in one rename.

    Whatever the body raises, the temporary file is removed and `path` is left as it was.
    """
    path = _target(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
    except OSError as error:
        raise UserError(f"{explain_os(error, path.parent)} Er is niets geschreven.") from None
    temporary = Path(temporary)
    try:
        yield temporary
        with open(temporary, "rb+") as written:  # on disk before the rename, so a crash cannot leave it empty
            os.fsync(written.fileno())
        _keep_mode(path, temporary)
        os.replace(temporary, path)
    except OSError as error:
        message = f"{explain_os(error, path)} Er is niets half geschreven; {path.name} is niet veranderd."
        raise UserError(message) from None
    finally:
        temporary.unlink(missing_ok=True)


def _keep_mode(path: Path, temporary: Path) -> None:
    """The new file gets the old file's permissions, or rw-r--r-- (mkstemp makes it private to the owner)."""
    try:
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
    except OSError:
        pass


def write_bytes(path: Path | str, data: bytes) -> None:
    """Write `data` to `path` atomically (see the module docstring)."""
    with replacing(path) as temporary:
        with open(temporary, "wb") as handle:
            handle.write(data)


def write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    write_bytes(path, text.encode(encoding))
