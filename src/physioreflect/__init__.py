"""physioreflect: a reflection workbook for exercise in musculoskeletal pain.

Guides a physiotherapist through seeing the patient from the inside and themself from the
outside, mapping barriers and drafting a plan that fits the person.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("physioreflect")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
