"""Starting Voila on the bundled notebooks, bound to loopback, with safe settings."""

from __future__ import annotations

import signal
import webbrowser
from pathlib import Path
from typing import Final

import click

from physioreflect._paths import bundled_folder
from physioreflect.content import message
from physioreflect.serving import ServerDidNotStart, voila_environment, voila_server

__all__ = ["run_voila"]

NOTEBOOK: Final = "reflection.ipynb"


def run_voila(
    *,
    workspace: Path,
    prompts: Path | None,
    host: str,
    port: int,
    open_browser: bool,
    lang: str,
) -> int:
    notebook = bundled_folder("workbooks") / NOTEBOOK
    env = voila_environment(workspace=workspace, lang=lang, prompts=prompts)
    server = voila_server(notebook, env=env, host=host, port=port)

    def stop(_signal: int, _frame: object) -> None:
        # Without this, a terminated `serve` would leave Voila and its kernels running.
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    try:
        try:
            server.start()
        except ServerDidNotStart as failure:
            raise click.ClickException(
                message("cli.serve_failed", lang, detail=failure.detail)
            ) from None
        click.echo(message("cli.serving", lang, url=server.url))
        if open_browser:
            webbrowser.open(server.url)
        return server.wait()
    except KeyboardInterrupt:
        server.stop()
        return 0
    finally:
        server.stop()
