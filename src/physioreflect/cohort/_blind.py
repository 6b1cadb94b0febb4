"""Blind codes: the same short code for a workbook every time, and no way back to the name.

A code is a keyed hash (HMAC-SHA256) of the workbook's id. Without the key, someone holding
the class's workbook ids cannot compute which code is whose; with the same key, a
resubmission of the same workbook gets the same code, so a supervisor can follow it across
rounds. The key is random and kept in the supervisor's own configuration folder.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path
from typing import Final

from physioreflect.errors import WorkbookNotSaved
from physioreflect.storage import atomic_write

__all__ = [
    "BLIND_KEY_BYTES",
    "blind_code",
    "default_key_path",
    "load_or_create_key",
    "scrub_name",
    "scrub_name_in_prose",
]

BLIND_KEY_BYTES: Final = 32
# Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand survives.
_ALPHABET: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_LENGTH: Final = 8
"""40 bits: two of 10,000 submissions share a code with a chance of about 1 in 20,000."""


def blind_code(key: bytes, value: str, *, prefix: str = "S") -> str:
    """``S-7KQ2M4XD``: the code of ``value`` (a workbook id, or a file's place in the
    download for a file that holds no workbook)."""
    digest = hmac.new(key, value.encode("utf-8"), hashlib.sha256).digest()
    number = int.from_bytes(digest[:5], "big")
    letters = []
    for _ in range(_CODE_LENGTH):
        number, index = divmod(number, 32)
        letters.append(_ALPHABET[index])
    return f"{prefix}-{''.join(reversed(letters))}"


def default_key_path() -> Path:
    import platformdirs  # noqa: PLC0415 - only a blind table needs it

    return platformdirs.user_config_path("physioreflect", appauthor=False) / "blind-key"


def load_or_create_key(path: Path) -> bytes:
    """The key in ``path``, made (random, readable by its owner only) the first time."""
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        key = b""
    except OSError as error:
        raise WorkbookNotSaved(
            source=str(path), reason="other", detail=error.strerror or str(error)
        ) from None
    if len(key) >= BLIND_KEY_BYTES:
        return key
    key = secrets.token_bytes(BLIND_KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WorkbookNotSaved(
            source=str(path), reason="other", detail=error.strerror or str(error)
        ) from None
    atomic_write(path, key, source=str(path))
    os.chmod(path, 0o600)
    return key


_WORD: Final = re.compile(r"\w{2,}")


def scrub_name(text: str, name: str, replacement: str) -> str:
    """``text`` without any word of ``name`` in it (any case): a title such as "Kari's case"
    names its author, which a blind table must not."""
    found = _WORD.findall(name)
    # The word as written and case-folded: "ß" folds to "ss", which IGNORECASE alone misses.
    words = sorted({*found, *(w.casefold() for w in found)}, key=len, reverse=True)
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    return pattern.sub(replacement, text)


def scrub_name_in_prose(text: str, name: str, replacement: str) -> str:
    """``text`` with every whole word of ``name`` (any case, with a possessive ``s``, ``'s``
    or ``’s``) replaced: the student's name signed or mentioned in their own answers. Whole
    words only, unlike :func:`scrub_name`: for "Ann", "Ann", "ann's" and "Anns" go,
    "planning" and "Annette" stay."""
    found = _WORD.findall(name)
    words = sorted({*found, *(w.casefold() for w in found)}, key=len, reverse=True)
    if not words or not text:
        return text
    word = "(?:" + "|".join(re.escape(w) for w in words) + ")"
    # "Kari Nordmann" is one name, replaced once.
    pattern = re.compile(rf"(?<!\w){word}(?:[ \t]+{word})*(?:['’]?s)?(?!\w)", re.IGNORECASE)
    return pattern.sub(replacement, text)
