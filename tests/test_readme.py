"""The README is the front door: it must name the commands CI runs and document every setting and indicator."""
import argparse
import functools
import importlib
import re
import shlex
from pathlib import Path

import pytest

from data.config import SETTINGS
from geo.catalogue import markdown_section

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_LINES = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()

INSTALL = "pip install -r requirements.txt && npm ci"
RUN = "streamlit run streamlit_app.py"
TEST = "python -m pytest"


@pytest.mark.parametrize("command", [INSTALL, RUN, TEST])
def test_readme_shows_the_quick_start_and_test_commands(command):
    assert f"\n{command}\n" in README


@pytest.mark.parametrize("command", [INSTALL, TEST])
def test_ci_runs_exactly_the_readme_commands(command):
    assert command in CI_LINES


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_every_setting_is_documented(setting):
    assert f"`{setting}`" in README


def test_geo_indicator_section_matches_the_catalogue():
    assert markdown_section().strip() in README


def test_screenshots_exist():
    for name in ("kaart", "regio", "pilotregios", "monitoring"):
        assert f"docs/screenshots/{name}.png" in README
        assert (ROOT / "docs" / "screenshots" / f"{name}.png").is_file()


# --- Command lines: every `python -m data|geo|monitor …` in the README fits the argparse parser it names ---------------

_COMMAND = re.compile(r"python -m (?:data|geo|monitor)\b")
_PLACEHOLDER = re.compile(r"[A-Z][A-Z_,]*")  # SOORT, BESTAND, ID, N: a synopsis, not a runnable example


@functools.cache
def _root_parser(package: str) -> argparse.ArgumentParser:
    return importlib.import_module(f"{package}.__main__").build_parser()


def _code_block_commands() -> list[str]:
    """Command lines in fenced code blocks; an indented line continues the command above it; `# …` is a comment."""
    commands, inside, current = [], False, None
    for line in README.splitlines():
        if line.startswith("```"):
            inside, current = not inside, None
            continue
        if not inside:
            continue
        text = re.sub(r"\s+#.*$", "", line)
        if _COMMAND.match(text):
            current = [text.strip()]
            commands.append(current)
        elif current is not None and line[:1].isspace() and text.strip():
            current.append(text.strip())
        else:
            current = None
    return [" ".join(parts) for parts in commands]


def _inline_commands() -> list[str]:
    return re.findall(r"`(python -m (?:data|geo|monitor)(?: [^`]*)?)`", README)


# Inline mentions that only name a tool or subcommand (`python -m geo`, `python -m monitor dossier` in the benchmark
# table, `python -m data status` in prose) refer to the command; they are no example, so they are not held to its
# required options. Their subcommand must still exist.
README_COMMANDS = _code_block_commands() + [text for text in _inline_commands() if len(text.split()) > 4]
NAMED_COMMANDS = sorted(set(README_COMMANDS + _inline_commands()))


def _short(command: str) -> str:
    return command if len(command) <= 90 else command[:87] + "..."


def _outside_brackets(text: str) -> str:
    """The line without its optional parts ([...], nested too)."""
    depth, kept = 0, []
    for char in text:
        depth += char == "["
        kept.append(char if depth == 0 else " ")
        depth -= char == "]"
    return "".join(kept)


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:
    return next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)


def _resolve(command: str) -> tuple[argparse.ArgumentParser, list[str], list[str]]:
    """(the parser of the named (sub)command, its path, the tokens after the path, outside [...])."""
    tokens = command.split()
    package = tokens[2]
    parser, path = _root_parser(package), [package]
    rest = _outside_brackets(" ".join(tokens[3:])).split()
    while (sub := _subparsers(parser)) is not None and rest and rest[0] in sub.choices:
        path.append(rest[0])
        parser = sub.choices[rest.pop(0)]
    if sub is not None and sub.required:
        pytest.fail(f"`{command}` names no subcommand of python -m {' '.join(path)} ({', '.join(sub.choices)})")
    return parser, path, rest


@pytest.mark.parametrize("command", NAMED_COMMANDS, ids=_short)
def test_every_command_in_the_readme_exists(command):
    tokens = command.split()
    if len(tokens) > 3 and not tokens[3].startswith(("-", "[")):
        assert tokens[3] in _subparsers(_root_parser(tokens[2])).choices, command


@pytest.mark.parametrize("command", README_COMMANDS, ids=_short)
def test_readme_command_names_every_required_option(command):
    parser, path, rest = _resolve(command)
    for action in parser._actions:
        if action.option_strings and action.required:
            assert set(action.option_strings) & set(rest), (
                f"`{command}`: {'/'.join(action.option_strings)} is required by python -m {' '.join(path)} "
                "but missing (or shown as optional in [...])"
            )
    bare, values_follow = 0, False
    for token in rest:
        if values_follow:
            values_follow = False
        elif token.startswith("-"):
            action = parser._option_string_actions.get(token)
            values_follow = action is not None and action.nargs != 0
        else:
            bare += 1
    positionals = [a for a in parser._actions if not a.option_strings and a.nargs not in ("?", "*", argparse.SUPPRESS)]
    needed = sum(a.nargs if isinstance(a.nargs, int) else 1 for a in positionals)
    assert bare >= needed, (
        f"`{command}`: python -m {' '.join(path)} needs {needed} argument(s) "
        f"({' '.join(a.metavar or a.dest.upper() for a in positionals)}), the README line gives {bare}"
    )


@pytest.mark.parametrize("command", README_COMMANDS, ids=_short)
def test_readme_command_names_only_existing_options(command):
    parser, path, _ = _resolve(command)
    tokens = command.replace("[", " ").replace("]", " ").split()
    unknown = [t for t in tokens[3:] if t.startswith("-") and t not in parser._option_string_actions]
    assert not unknown, f"`{command}`: python -m {' '.join(path)} has no option {', '.join(unknown)}"


@pytest.mark.parametrize("command", [c for c in README_COMMANDS if "{" in c], ids=_short)
def test_readme_choice_lists_match_the_parser_and_start_with_the_default(command):
    parser, path, _ = _resolve(command)
    for option, listed in re.findall(r"(--[\w-]+) \{([^}]*)\}", command):
        action = parser._option_string_actions[option]
        listed = listed.split(",")
        assert sorted(listed) == sorted(action.choices), f"`{command}`: {option} takes {list(action.choices)}"
        if option == "--format" and action.default is not None:  # README: "schrijft standaard json"
            assert listed[0] == action.default, f"`{command}`: the default {action.default} should come first"


@pytest.mark.parametrize(
    "command",
    [c for c in README_COMMANDS if not re.search(r"[\[\]{}|…]|\.\.\.", c) and not any(_PLACEHOLDER.fullmatch(t) for t in c.split())],
    ids=_short,
)
def test_readme_examples_parse(command, capsys):
    """A complete example (no [...], {...}, ... or placeholders) is accepted as it stands."""
    tokens = shlex.split(command)
    try:
        _root_parser(tokens[2]).parse_args(tokens[3:])
    except SystemExit:
        pytest.fail(f"`{command}` is refused: {capsys.readouterr().err.strip()}")


# --- Getting started: the environment comes before the app starts -------------------------------------------------------

QUICK_START = README.split("\n## Snel starten\n", 1)[-1].split("\n## ", 1)[0]


def _first(*needles: str) -> int:
    found = [QUICK_START.find(n) for n in needles if n in QUICK_START]
    assert found, f"none of {needles} in 'Snel starten'"
    return min(found)


@pytest.mark.parametrize(
    ("step", "needles"),
    [
        ("make the virtual environment", ("-m venv",)),
        ("activate it", (". .venv/bin/activate", "source .venv/bin/activate")),
        ("set MGZ_REFERENCE_DIR for offline use", ("MGZ_REFERENCE_DIR=",)),
    ],
)
def test_quick_start_prepares_before_starting_the_app(step, needles):
    assert "\n## Snel starten\n" in README
    start = _first("python -m dashboard", "streamlit run")
    assert _first(*needles) < start, f"'Snel starten' starts the app before it says to {step}"


def test_quick_start_installs_inside_the_activated_environment():
    assert _first(". .venv/bin/activate", "source .venv/bin/activate") < _first("pip install")


# --- Known limitations: Streamlit's English upload drop zone ------------------------------------------------------------

LIMITATIONS = README.split("\n## Bekende beperkingen\n", 1)[-1].split("\n## ", 1)[0]
_DROP_ZONE = re.search(r"sleepzone\s+van\s+het\s+uploadveld[^(]*\(([^)]*)\)", LIMITATIONS)


def test_known_limitations_name_the_english_upload_drop_zone():
    assert "\n## Bekende beperkingen\n" in README
    assert _DROP_ZONE, "'Bekende beperkingen' does not name the drop zone of the file uploader (sleepzone van het uploadveld)"
    assert "Drag and drop" in _DROP_ZONE.group(1)


def _streamlit_uploader_texts() -> set[str]:
    import streamlit

    static = Path(streamlit.__file__).parent / "static"
    bundles = sorted(static.rglob("FileUploader*.js")) or [
        p for p in static.rglob("*.js") if "stFileUploaderDropzone" in p.read_text(encoding="utf-8", errors="ignore")
    ]
    assert bundles, "Streamlit's file uploader bundle not found"
    return {text for p in bundles for text in re.findall(r"`([^`]*)`", p.read_text(encoding="utf-8", errors="ignore"))}


def test_quoted_drop_zone_texts_are_what_the_installed_streamlit_shows():
    """The README quotes Streamlit's English texts; they change between Streamlit versions ('…' stands for a value)."""
    quoted = [" ".join(q.split()) for q in re.findall(r'"([^"]+)"', _DROP_ZONE.group(1))] if _DROP_ZONE else []
    assert quoted
    shown = _streamlit_uploader_texts()
    missing = [q for q in quoted if not any(re.fullmatch(re.escape(q).replace("…", ".+"), s) for s in shown)]
    assert not missing, f"Streamlit's uploader does not show {missing}"
