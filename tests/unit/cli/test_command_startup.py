"""Does the command line start quickly, and does ``serve`` stay with one person?

How fast is measured in bench/cli.py; here: that ``--help`` lists every command as the
command itself says, that ``--help`` and ``validate`` leave alone what they do not need, and
that ``serve`` refuses an address others can reach unless a token is required."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from traitlets.config import Config

from physioreflect.cli import cli, main
from physioreflect.cli._main import COMMANDS
from physioreflect.cli._serve import MIN_TOKEN_LENGTH, is_loopback
from physioreflect.content import message
from physioreflect.fixtures import sample_paths
from physioreflect.serving import TOKEN_ENV_VAR, voila_environment
from physioreflect.serving._in_voila import configure

SRC = Path(__file__).resolve().parents[3] / "src"


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code`` (which may exit)."""
    script = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: sys.__stdout__.write('\\n' + json.dumps(sorted(sys.modules))))\n"
        + code
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={
            "PYTHONPATH": str(SRC),
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
        },
        timeout=120,
        check=False,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_does_the_command_list_say_what_each_command_says_of_itself() -> None:
    context = click.Context(cli)
    assert cli.list_commands(context) == sorted(COMMANDS)
    for name, entry in COMMANDS.items():
        command = cli.get_command(context, name)
        assert command is not None
        assert command.name == name
        own = command.get_short_help_str(limit=1000)
        listed = click.Command(name, help=entry.summary).get_short_help_str(limit=1000)
        assert listed == own, name


def test_does_help_list_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    listing = capsys.readouterr().out.split("Commands:")[1]
    for name in COMMANDS:
        assert f"  {name} " in listing


def test_does_help_import_nothing_of_the_domain() -> None:
    loaded = _modules_after("from physioreflect.cli import main\nmain(['--help'])\n")
    assert "physioreflect.cli._main" in loaded
    heavy = {"pydantic", "yaml", "physioreflect.model", "physioreflect.content"}
    assert not (heavy | {"importlib.metadata"}) & loaded


def test_does_validate_import_only_the_model_and_the_ui_texts() -> None:
    path = sample_paths()[0]
    code = f"from physioreflect.cli import main\nmain(['validate', {str(path)!r}])\n"
    loaded = _modules_after(code)
    assert {"physioreflect.model", "physioreflect.content._ui"} <= loaded
    assert (
        not {
            "physioreflect.content._library",
            "physioreflect.content._schema",
            "physioreflect.privacy",
            "physioreflect.storage",
            "physioreflect.export",
            "typst",
        }
        & loaded
    )


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),  # noqa: S104 - the address under test
        ("::", False),
        ("192.168.1.20", False),
        ("10.0.0.5", False),
        ("my-laptop.local", False),
        ("", False),
    ],
)
def test_which_addresses_only_this_computer_reaches(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def _serve(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "en", "serve", "--no-browser", "--workspace", str(tmp_path / "ws"), *args])
    code = exit_.value.code
    assert isinstance(code, int)
    return code, capsys.readouterr().err


def test_does_serve_refuse_a_network_address_without_a_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TOKEN_ENV_VAR, raising=False)
    code, err = _serve(tmp_path, capsys, "--host", "0.0.0.0")  # noqa: S104
    assert code == 1
    assert err.strip() == message("cli.serve_needs_token", "en", host="0.0.0.0")  # noqa: S104
    assert not (tmp_path / "ws").exists(), "nothing is started or written when refused"


def test_does_serve_refuse_a_short_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_ENV_VAR, "x" * (MIN_TOKEN_LENGTH - 1))
    code, err = _serve(tmp_path, capsys, "--host", "192.168.1.20")
    assert code == 1
    assert err.strip() == message("cli.serve_token_short", "en", length=MIN_TOKEN_LENGTH)


def test_does_the_token_reach_voila_and_no_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV_VAR, "left over from the shell")
    plain = voila_environment(workspace=Path("/ws"), lang="en")
    assert TOKEN_ENV_VAR not in plain, "a token is only passed on when serve requires one"
    token = "k" * MIN_TOKEN_LENGTH
    env = voila_environment(workspace=Path("/ws"), lang="en", token=token)
    assert env[TOKEN_ENV_VAR] == token
    config = Config()
    configure(config, default_lang="en", token=token)
    assert config.Voila.token == token
    open_config = Config()
    configure(open_config, default_lang="en", token=None)
    assert "token" not in open_config.Voila


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_does_serve_refuse_a_bad_rubric_before_it_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(
        "id: course\ntitle: {nb: Skjema, en: Rubric}\ncriteria:\n"
        "  - id: a\n    label: {nb: A}\nlevels:\n"
        "  - level: 1\n    label: {nb: Lav, en: Low}\n"
        "  - level: 3\n    label: {nb: Høy, en: High}\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", lang, "serve", "--no-browser", "--workspace", str(tmp_path / "ws"),
              "--dashboard", "review", "--rubric", str(rubric)])  # fmt: skip
    err = capsys.readouterr().err
    assert exit_.value.code == 1
    english, bokmal = (
        "line 5, Criteria › no. 1 › Label › English: Missing.",
        ("linje 5, Kriterier › nr. 1 › Navn › engelsk: Mangler."),
    )
    assert (english if lang == "en" else bokmal) in err
    assert ("line 9" if lang == "en" else "linje 9") in err
    assert not (tmp_path / "ws").exists(), "nothing is started or written when refused"


def test_does_the_course_rubric_reach_the_dashboards(monkeypatch: pytest.MonkeyPatch) -> None:
    from physioreflect.widgets._shared import RUBRIC_ENV  # noqa: PLC0415

    monkeypatch.setenv(RUBRIC_ENV, "left over from the shell")
    assert RUBRIC_ENV not in voila_environment(workspace=Path("/ws"), lang="en")
    env = voila_environment(workspace=Path("/ws"), lang="en", rubric=Path("/c/rubric.yaml"))
    assert env[RUBRIC_ENV] == "/c/rubric.yaml"
