"""Which revisions of a workbook its history keeps: enough to reach back a month, without
keeping every autosave.

Autosave writes a revision within a second of typing, and every few seconds while someone
types on, so an hour's work can be a thousand revisions and "the last 20" reach back only
minutes. The default policy keeps

- the newest 20 revisions, whatever their age (what was typed just now, keystroke by
  keystroke);
- of the last hour, the newest revision of every minute;
- of the last day, the newest of every hour;
- of the last 30 days, the newest of every day;

and nothing older than that beyond the newest 20. That is at most 20 + 61 + 25 + 31 files
per workbook, however much is typed.

Buckets are whole minutes, hours and days of UTC, each inside the next, so the revision kept
for an hour is also the one kept for its last minute with a revision, and the one kept for a
day also the one kept for its last hour. Hence a revision dropped now would never be kept
later: pruning after every save keeps exactly what pruning once at the end would keep.

Pure: no files, no clock; :class:`physioreflect.storage.Workspace` applies it after a save.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

__all__ = ["DEFAULT_RETENTION", "RetentionPolicy", "Tier", "revisions_to_keep"]

_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Tier:
    """Of the revisions younger than ``within``, keep the newest of every ``every``."""

    within: dt.timedelta
    every: dt.timedelta


@dataclass(frozen=True)
class RetentionPolicy:
    keep_last: int = 20
    """The newest this many revisions are kept whatever their age."""
    tiers: tuple[Tier, ...] = (
        Tier(within=dt.timedelta(hours=1), every=dt.timedelta(minutes=1)),
        Tier(within=dt.timedelta(days=1), every=dt.timedelta(hours=1)),
        Tier(within=dt.timedelta(days=30), every=dt.timedelta(days=1)),
    )

    def __post_init__(self) -> None:
        if self.keep_last < 1:
            msg = f"keep_last must be at least 1, not {self.keep_last}"
            raise ValueError(msg)
        previous: Tier | None = None
        for tier in self.tiers:
            seconds = tier.every.total_seconds()
            if tier.within <= dt.timedelta(0) or seconds < 1 or seconds != int(seconds):
                msg = f"a tier needs a positive window and whole seconds per bucket: {tier}"
                raise ValueError(msg)
            # Each bucket inside the next: what makes pruning as you go safe (see above).
            if previous is not None and (
                tier.within < previous.within
                or int(seconds) % int(previous.every.total_seconds()) != 0
            ):
                msg = f"tiers must grow, each bucket a whole number of the previous: {tier}"
                raise ValueError(msg)
            previous = tier

    @property
    def max_kept(self) -> int:
        """The most revisions this policy ever keeps (a window spans at most one bucket more
        than it holds, partly at each end)."""
        return self.keep_last + sum(math.ceil(tier.within / tier.every) + 1 for tier in self.tiers)


DEFAULT_RETENTION: Final = RetentionPolicy()


def _bucket(saved: dt.datetime, every: dt.timedelta) -> int:
    return int((saved - _EPOCH).total_seconds() // every.total_seconds())


def revisions_to_keep(
    revisions: Iterable[tuple[int, dt.datetime]],
    *,
    now: dt.datetime,
    policy: RetentionPolicy = DEFAULT_RETENTION,
) -> frozenset[int]:
    """The revision numbers to keep of ``revisions`` (number, time saved, aware), at ``now``.

    "Newest" is the latest time saved, then the highest number. The highest number (the
    workbook as it is now) is always kept, whatever its time says: a clock set back must
    never cost the current version its copy. A time in the future counts as now."""
    known = sorted(set(revisions), key=lambda item: item[0])
    if len(known) <= policy.keep_last:
        return frozenset(number for number, _ in known)
    kept = {number for number, _ in known[-policy.keep_last :]}
    for tier in policy.tiers:
        newest: dict[int, tuple[dt.datetime, int]] = {}
        for number, stamp in known:
            saved = min(stamp, now)
            if now - saved >= tier.within:
                continue
            bucket = _bucket(saved, tier.every)
            if bucket not in newest or (saved, number) > newest[bucket]:
                newest[bucket] = (saved, number)
        kept.update(number for _, number in newest.values())
    return frozenset(kept)
