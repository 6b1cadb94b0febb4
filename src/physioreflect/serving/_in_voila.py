"""What runs inside the Voila server process (loaded by ``jupyter/config/voila.py``).

Kernels released
    Voila's page asks for its kernel's shutdown when it goes (``beforeunload``): a
    ``sendBeacon`` POST to ``voila/api/shutdown/<kernel>`` carrying the ``_xsrf`` cookie's
    value. Voila's page handler never sets that cookie, so the request came without a token
    and the XSRF check refused it (403), leaving every closed or reloaded tab's kernel
    running until the idle cull. :func:`give_page_xsrf_cookie` sets the cookie when the page
    is requested, the way any Jupyter page gets it; the check stays on.

Nothing typed lost
    The page asks for the shutdown at once, while its kernel may still hold the last words
    typed in its autosave delay (the page's own "save now" message rides the same
    websocket that Voila closes in that instant, so it cannot be counted on).
    :class:`ReleasingKernelManager` therefore shuts a kernel down only once it has been quiet
    (idle, no message) for longer than that delay, or after :data:`LONGEST_WAIT_SECONDS` at
    most: every edit the kernel received is saved first, and the next page's kernel, which
    waits for the workbook's pending mark, opens it with every word.

The page's texts
    The template says that the workbook is starting, and tells a user whose page could not
    start or whose connection dropped what is going on, in bokmål or English, from the UI
    catalog (:func:`page_resources`).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any, Final

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

from physioreflect.content import message

__all__ = [
    "LONGEST_WAIT_SECONDS",
    "QUIET_SECONDS",
    "ReleasingKernelManager",
    "configure",
    "give_page_xsrf_cookie",
    "page_resources",
]

QUIET_SECONDS: Final = 2.0
"""Longer than the autosave delay (0.8 s after the last edit; a test keeps it so), with room
for a kernel slowed by a busy machine."""
LONGEST_WAIT_SECONDS: Final = 6.0
"""A kernel that never goes quiet is shut down anyway, well within 10 s of its page going."""
_POLL_SECONDS: Final = 0.1

PAGE_KEYS: Final = (
    "start.waiting",
    "start.waiting_detail",
    "start.slow",
    "start.failed",
    "start.failed_detail",
    "start.retry",
    "connection.lost",
    "connection.back",
    "connection.reload",
    "connection.reload_button",
    "connection.unsaved",
    "connection.kept",
    "connection.close",
)


def give_page_xsrf_cookie(handler: Any, **_context: object) -> None:
    """Voila's ``prelaunch_hook``: runs before the page's first byte is sent. Reading
    tornado's ``xsrf_token`` sets the ``_xsrf`` cookie that the page's shutdown request
    carries back."""
    handler.xsrf_token  # noqa: B018 - read for its effect: tornado sets the cookie


class ReleasingKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager, which waits for a kernel to go quiet before shutting it down
    for its page or for the idle cull. Stopping the server shuts every kernel down at once
    (``shutdown_all`` does not come through here)."""

    # The async manager's coroutine, typed in jupyter_client as the blocking wrapper's.
    async def shutdown_kernel(  # type: ignore[override]
        self, kernel_id: str, now: bool = False, restart: bool = False
    ) -> None:
        if not now and not restart:
            await self._until_quiet(kernel_id)
        await super().shutdown_kernel(kernel_id, now=now, restart=restart)  # type: ignore[no-untyped-call]

    async def _until_quiet(self, kernel_id: str) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + LONGEST_WAIT_SECONDS
        while loop.time() < deadline:
            kernel = self._kernels.get(kernel_id)
            if kernel is None:
                return  # gone already: let Jupyter answer as it does
            last = getattr(kernel, "last_activity", None)
            quiet_for = (datetime.now(UTC) - last).total_seconds() if last else QUIET_SECONDS
            if getattr(kernel, "execution_state", "idle") == "idle" and quiet_for >= QUIET_SECONDS:
                return
            await asyncio.sleep(_POLL_SECONDS)
        self.log.info("Kernel %s did not go quiet; shutting it down anyway", kernel_id)


DASHBOARD_ENV: Final = "PHYSIOREFLECT_DASHBOARD"
"""Which dashboard the server shows (``serve --dashboard``): its page says what is starting."""
_OWN_TEXTS: Final = {
    "cohort": ("start.waiting", "start.slow", "start.failed"),
    "review": ("start.waiting", "start.slow", "start.failed"),
}
"""Texts a dashboard words its own way (``<key>.<dashboard>`` in the catalog): the class
overview is not "the workbook"."""


def page_resources(default_lang: str, dashboard: str = "reflection") -> dict[str, object]:
    """What the template reads as ``resources.physioreflect``: the texts about starting and
    about the connection in both languages, and the language of a page whose address names none."""
    own = _OWN_TEXTS.get(dashboard, ())

    def text(key: str, lang: str) -> str:
        return message(f"{key}.{dashboard}" if key in own else key, lang)

    return {
        "default_lang": "en" if default_lang == "en" else "nb",
        "texts": {lang: {key: text(key, lang) for key in PAGE_KEYS} for lang in ("nb", "en")},
    }


def configure(
    config: Any, *, default_lang: str, token: str | None = None, dashboard: str = "reflection"
) -> None:
    """Apply our settings to Voila's traitlets ``config`` (``c`` in ``voila.py``): with a
    ``token``, every page and request must give it (Jupyter's token authentication)."""
    if token:
        config.Voila.token = token
    config.VoilaConfiguration.prelaunch_hook = give_page_xsrf_cookie
    config.VoilaConfiguration.multi_kernel_manager_class = ReleasingKernelManager
    config.VoilaConfiguration.resources = {"physioreflect": page_resources(default_lang, dashboard)}
