"""The privacy guard: finds names, national ID numbers, phone numbers, e-mail addresses,
dates of birth and addresses in workbooks and text, and replaces them with placeholders.

Pure Python: used by the dashboard, the command line and export alike.

- :func:`scan_workbook` is the one scan for a workbook, however it arrived: typed, uploaded
  or submitted. Its findings are what "replace all" replaces (:func:`redact_workbook`, or
  :func:`redact_everywhere` to clean the workspace's history and copies as well).
- :func:`indirect_identifiers` finds details that identify only together (an exact age, a
  rare occupation …); low confidence, never replaced by "replace all";
  :func:`indirect_warning` says when a workbook combines two or more kinds.

The name lists and word frequencies load on the first scan, not on import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from physioreflect._lazy import lazy_attributes
from physioreflect.privacy._finding import (
    DIRECT_KINDS,
    ID_KINDS,
    INDIRECT_KINDS,
    Confidence,
    FieldPath,
    Finding,
    Kind,
    placeholder,
)
from physioreflect.privacy._idnumbers import national_id_kind
from physioreflect.privacy._redact import redact, redact_workbook
from physioreflect.privacy._scan import prose_fields, scan_text, scan_workbook

if TYPE_CHECKING:
    from physioreflect.privacy._everywhere import (
        RedactionReport,
        redact_everywhere,
        replacing_everywhere,
    )
    from physioreflect.privacy._indirect import (
        IndirectWarning,
        indirect_identifiers,
        indirect_in_text,
        indirect_warning,
    )

# Imported on first use: a scan needs neither (the command line's `privacy` is the quicker).
_LATER = {
    "RedactionReport": "physioreflect.privacy._everywhere",
    "redact_everywhere": "physioreflect.privacy._everywhere",
    "replacing_everywhere": "physioreflect.privacy._everywhere",
    "IndirectWarning": "physioreflect.privacy._indirect",
    "indirect_identifiers": "physioreflect.privacy._indirect",
    "indirect_in_text": "physioreflect.privacy._indirect",
    "indirect_warning": "physioreflect.privacy._indirect",
}


__getattr__ = lazy_attributes(__name__, _LATER)

__all__ = [
    "DIRECT_KINDS",
    "ID_KINDS",
    "INDIRECT_KINDS",
    "Confidence",
    "FieldPath",
    "Finding",
    "IndirectWarning",
    "Kind",
    "RedactionReport",
    "indirect_identifiers",
    "indirect_in_text",
    "indirect_warning",
    "national_id_kind",
    "placeholder",
    "prose_fields",
    "redact",
    "redact_everywhere",
    "redact_workbook",
    "replacing_everywhere",
    "scan_text",
    "scan_workbook",
]
