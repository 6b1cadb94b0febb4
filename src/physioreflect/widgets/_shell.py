"""What the supervisor's dashboards share: texts in the page's language, one message line,
and callbacks whose errors become that message instead of a traceback."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as widgets

from physioreflect.content import describe_error, message
from physioreflect.errors import PhysioreflectError
from physioreflect.widgets._form import message_html

__all__ = ["Shell"]

log = logging.getLogger("physioreflect.widgets")
F = TypeVar("F", bound=Callable[..., Any])


class Shell:
    """A dashboard's language (``lang``), its message line (``banner``) and :meth:`guard`;
    ``what`` names the dashboard in the server's log."""

    lang: str
    banner: widgets.HTML
    what = "a dashboard"

    def guard(self, handler: F) -> F:
        @functools.wraps(handler)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return handler(*args, **kwargs)
            except PhysioreflectError as error:
                self.say(describe_error(error, self.lang), "error")
            except Exception:
                log.exception("unexpected error in %s", self.what)
                self.say(message("error.unexpected", self.lang), "error")
            return None

        return guarded  # type: ignore[return-value]

    def t(self, key: str, **params: Any) -> str:
        return message(key, self.lang, **params)

    def say(self, text: str, kind: str) -> None:
        self.banner.value = message_html(text, kind)
