"""Running the ``physioreflect`` command in the test's process, as a user would type it."""

from __future__ import annotations

import pytest

from physioreflect.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The exit code, standard output and standard error of ``physioreflect ARGS``; no
    traceback ever reaches the user."""
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    out, err = capsys.readouterr()
    code = exited.value.code
    assert isinstance(code, int)
    assert "Traceback" not in out + err
    return code, out, err
