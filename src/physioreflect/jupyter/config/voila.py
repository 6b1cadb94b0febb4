"""Voila's settings that only Python can give (read with voila.json from this folder):
kernels released when their page goes, the page's XSRF cookie, the page's own texts.
See physioreflect.serving._in_voila."""

import os

from physioreflect.serving._in_voila import configure

configure(get_config(), default_lang=os.environ.get("PHYSIOREFLECT_LANG", "nb"))  # type: ignore[name-defined]  # noqa: F821
