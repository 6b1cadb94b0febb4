"""Does the scanner read wordfreq's frequencies as wordfreq itself does, without importing
wordfreq on the way?"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import wordfreq

from physioreflect.privacy._lexicon import _KEPT_ZIPF, _ZIPF_OFFSET, _frequent_buckets

SRC = Path(__file__).resolve().parents[3] / "src"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_are_the_buckets_wordfreqs_own(lang: str) -> None:
    kept = int((_ZIPF_OFFSET - _KEPT_ZIPF) * 100) + 1
    expected = [list(bucket) for bucket in wordfreq.get_frequency_list(lang)[:kept]]
    assert _frequent_buckets(lang) == expected


def test_does_a_scan_leave_wordfreq_unimported() -> None:
    code = (
        "import sys\n"
        "from physioreflect.privacy import scan_text\n"
        "assert scan_text('Jeg spurte Sigrid hva hun liker.', lang='nb')\n"
        "print('wordfreq' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={
            "PYTHONPATH": str(SRC),
            "PATH": "/usr/bin:/bin",
            "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
        },
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == "False"
