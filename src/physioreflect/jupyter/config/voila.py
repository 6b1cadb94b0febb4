"""Voila's settings that only Python can give (read with voila.json from this folder):
kernels released when their page goes, the page's XSRF cookie, the page's own texts, and
the token a page must give when ``physioreflect serve`` requires one. The token is taken out
of the environment here, so that no kernel inherits it. See physioreflect.serving._in_voila."""

import os

from physioreflect.serving import TOKEN_ENV_VAR
from physioreflect.serving._in_voila import configure

configure(
    get_config(),  # type: ignore[name-defined]  # noqa: F821
    default_lang=os.environ.get("PHYSIOREFLECT_LANG", "nb"),
    token=os.environ.pop(TOKEN_ENV_VAR, None),
    dashboard=os.environ.get("PHYSIOREFLECT_DASHBOARD", "reflection"),
)
