"""Names a package exports but imports only when first asked for (PEP 562)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_attributes"]


def lazy_attributes(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: each name of ``homes`` is imported from its
    module (``homes[name]``, a full module name) on first use and then kept in the package,
    so that later uses cost a plain attribute lookup. A name that is also a submodule's (a
    function ``workspace_overview`` in a module ``workspace_overview``) is then the
    function, not the module the import left there."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg)
        value = getattr(importlib.import_module(home), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
