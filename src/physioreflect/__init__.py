"""physioreflect: a reflection workbook for exercise in musculoskeletal pain.

Guides a physiotherapist through seeing the patient from the inside and themself from the
outside, mapping barriers and drafting a plan that fits the person.
"""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    # Read from the installed metadata on first use: importlib.metadata takes longer to
    # import than the command line takes to answer --help, and every kernel imports us.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("physioreflect")
        except PackageNotFoundError:  # pragma: no cover - a source tree without install
            return "0.0.0"
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
