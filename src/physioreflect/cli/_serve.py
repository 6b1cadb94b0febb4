"""``physioreflect serve``: Voila on the bundled notebook, for one person.

The server serves one workspace with no login, and a kernel runs any code its page sends.
On loopback only the person at this computer reaches it. On any other address it starts only
when a token is required: Jupyter's standard token authentication, the token given in
``PHYSIOREFLECT_TOKEN`` or ``--token`` and handed to Voila through its config, never on a
command line that other users of the machine could read. A class needs a multi-user
deployment (one server per student), not one shared ``serve``; the README says how.
"""

from __future__ import annotations

import ipaddress
import signal
import urllib.parse
import webbrowser
from pathlib import Path
from typing import Final

import click

from physioreflect._paths import bundled_folder
from physioreflect.cli._common import lang_of, prompts_option, workspace_option
from physioreflect.cli._workbooks import open_workspace
from physioreflect.content import describe_error, message
from physioreflect.errors import SubmissionsFolderUnusable
from physioreflect.fixtures import sample_workbooks
from physioreflect.serving import (
    TOKEN_ENV_VAR,
    ServerDidNotStart,
    voila_environment,
    voila_server,
)
from physioreflect.storage import SUBMISSIONS_ENV

__all__ = ["MIN_TOKEN_LENGTH", "is_loopback", "run_voila", "serve"]

REVIEWER_ENV: Final = "PHYSIOREFLECT_REVIEWER"
NOTEBOOKS: Final = {
    "reflection": "reflection.ipynb",
    "cohort": "cohort.ipynb",
    "review": "review.ipynb",
}
"""The dashboards ``serve`` opens: the student's workbook, or a supervisor's class overview."""
MIN_TOKEN_LENGTH: Final = 16
"""Shorter tokens can be guessed from the network; ``secrets.token_urlsafe()`` gives 43."""


def is_loopback(host: str) -> bool:
    """Whether only this computer reaches ``host``: ``localhost`` or a loopback address.
    Anything else (a name, ``0.0.0.0``, ``::``, a network address) may be reached by others."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@workspace_option
@prompts_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Any address but loopback needs --token.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8866, show_default=True)
@click.option(
    "--token",
    envvar=TOKEN_ENV_VAR,
    default=None,
    metavar="TOKEN",
    help=f"Require this token to open the page (at least {MIN_TOKEN_LENGTH} characters; "
    f"better given in ${TOKEN_ENV_VAR}, which other users cannot read).",
)
@click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
@click.option(
    "--dashboard",
    type=click.Choice(list(NOTEBOOKS)),
    default="reflection",
    show_default=True,
    help="What to open: the student's reflection workbook, the supervisor's overview of a "
    "class's submissions, or the review of one submission (?submission=FILE in the address).",
)
@click.option(
    "--submissions",
    type=click.Path(path_type=Path),
    envvar=SUBMISSIONS_ENV,
    default=None,
    help=f"The shared submissions folder (or ${SUBMISSIONS_ENV}): where the workbook's "
    "Submit leaves a frozen copy; with --dashboard cohort or review, the folder or .zip the "
    "class overview reads and the review opens from.",
)
@click.option(
    "--reviewer",
    envvar=REVIEWER_ENV,
    default="",
    metavar="NAME",
    help=f"The supervisor's name the review signs comments with (or ${REVIEWER_ENV}); "
    "it can also be typed on the page.",
)
@click.option(
    "--rubric",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="PHYSIOREFLECT_RUBRIC",
    default=None,
    help="A course's own rubric (YAML) for --dashboard review and cohort, instead of REFLECT "
    "(or $PHYSIOREFLECT_RUBRIC); checked before the server starts.",
)
@click.pass_context
def serve(
    ctx: click.Context,
    workspace_path: str | None,
    prompts: Path | None,
    host: str,
    port: int,
    token: str | None,
    no_browser: bool,
    dashboard: str,
    submissions: Path | None,
    reviewer: str,
    rubric: Path | None,
) -> int:
    """Open the workbook in the browser (Voila), on the workspace; or, with ``--dashboard
    cohort``, the overview of a class's submissions."""
    lang = lang_of(ctx)
    token = token or None
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise click.ClickException(message("cli.serve_token_short", lang, length=MIN_TOKEN_LENGTH))
    if token is None and not is_loopback(host):
        raise click.ClickException(message("cli.serve_needs_token", lang, host=host))
    # Said now, not when a student presses Submit: a zip is for the class overview to read.
    writable = submissions is None or not submissions.exists() or submissions.is_dir()
    if dashboard == "reflection" and not writable:
        refused = SubmissionsFolderUnusable(
            source=str(submissions), reason="submissions_not_a_folder"
        )
        raise click.ClickException(describe_error(refused, lang))
    if rubric is not None:
        # A mistake in the file is told now, line by line, not on a supervisor's page.
        from physioreflect.content import load_rubric  # noqa: PLC0415 - only with a rubric

        load_rubric(rubric)
    workspace = open_workspace(workspace_path, prompts)
    workspace.seed_examples(sample_workbooks())
    return run_voila(
        workspace=workspace.root,
        prompts=prompts,
        host=host,
        port=port,
        token=token,
        open_browser=not no_browser,
        lang=lang,
        dashboard=dashboard,
        submissions=submissions,
        reviewer=reviewer,
        rubric=rubric,
    )


def run_voila(
    *,
    workspace: Path,
    prompts: Path | None,
    host: str,
    port: int,
    open_browser: bool,
    lang: str,
    token: str | None = None,
    dashboard: str = "reflection",
    submissions: Path | None = None,
    reviewer: str = "",
    rubric: Path | None = None,
) -> int:
    notebook = bundled_folder("workbooks") / NOTEBOOKS[dashboard]
    env = voila_environment(
        workspace=workspace, lang=lang, prompts=prompts, token=token, rubric=rubric
    )
    env.pop(SUBMISSIONS_ENV, None)
    env["PHYSIOREFLECT_DASHBOARD"] = dashboard  # the page says what is starting
    if submissions is not None:
        env[SUBMISSIONS_ENV] = str(submissions.absolute())
    env.pop(REVIEWER_ENV, None)
    if reviewer.strip():
        env[REVIEWER_ENV] = reviewer.strip()
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
        url = server.url
        if token is not None:
            url += "?" + urllib.parse.urlencode({"token": token})
        click.echo(message("cli.serving", lang, url=url))
        if open_browser:
            webbrowser.open(url)
        return server.wait()
    except KeyboardInterrupt:
        server.stop()
        return 0
    finally:
        server.stop()
