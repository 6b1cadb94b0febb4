"""Where bundled folders are: inside the installed package, or at the top of a checkout."""

from __future__ import annotations

from pathlib import Path

__all__ = ["bundled_folder"]

_PACKAGE = Path(__file__).resolve().parent


def bundled_folder(name: str) -> Path:
    """``sample_data`` or ``workbooks``: the wheel puts them in the package; a checkout
    (editable install) keeps them beside ``src/``."""
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    msg = f"bundled folder {name!r} is missing from this installation"
    raise FileNotFoundError(msg)
