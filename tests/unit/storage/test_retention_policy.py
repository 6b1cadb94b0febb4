"""Does the retention policy keep history that reaches back, within a bound, and never drop
what it would keep later?"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from physioreflect.storage import DEFAULT_RETENTION, RetentionPolicy, Tier, revisions_to_keep

NOW = dt.datetime(2025, 3, 14, 15, 9, 26, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)

Revisions = list[tuple[int, dt.datetime]]


@st.composite
def histories(draw: st.DrawFn, *, before: dt.datetime = NOW) -> Revisions:
    """Revisions numbered 1, 2, 3 … saved over up to 40 days before ``before``: bursts of
    autosaves seconds apart, pauses of hours and days, now and then a clock set back."""
    count = draw(st.integers(min_value=0, max_value=160))
    gaps = draw(
        st.lists(
            st.one_of(
                st.integers(min_value=1, max_value=30),  # typing
                st.integers(min_value=30, max_value=4 * 3600),  # a pause
                st.integers(min_value=4 * 3600, max_value=6 * 86400),  # days away
                st.integers(min_value=-600, max_value=0),  # a clock set back
            ),
            min_size=count,
            max_size=count,
        )
    )
    saved = before - dt.timedelta(seconds=draw(st.integers(min_value=0, max_value=86400)))
    revisions = []
    for number in range(count, 0, -1):
        revisions.append((number, min(saved, before)))
        saved -= dt.timedelta(seconds=gaps[number - 1])
    return sorted(revisions)


policies = st.builds(
    RetentionPolicy,
    keep_last=st.integers(min_value=1, max_value=25),
    tiers=st.sampled_from([DEFAULT_RETENTION.tiers, (), DEFAULT_RETENTION.tiers[1:]]),
)


@given(histories(), policies)
def test_the_newest_revision_is_always_kept(revisions: Revisions, policy: RetentionPolicy) -> None:
    kept = revisions_to_keep(revisions, now=NOW, policy=policy)
    assert kept <= {number for number, _ in revisions}
    if revisions:
        assert max(number for number, _ in revisions) in kept


@given(histories(), policies)
def test_no_more_are_kept_than_the_policy_allows(
    revisions: Revisions, policy: RetentionPolicy
) -> None:
    kept = revisions_to_keep(revisions, now=NOW, policy=policy)
    assert len(kept) <= policy.max_kept
    if len(revisions) <= policy.keep_last:
        assert kept == {number for number, _ in revisions}, "a short history is kept whole"


@given(histories(), policies)
def test_the_newest_of_every_bucket_is_kept(revisions: Revisions, policy: RetentionPolicy) -> None:
    """For each tier, of the revisions inside its window, the newest of every minute (hour,
    day) is kept, and so are the newest ``keep_last``."""
    kept = revisions_to_keep(revisions, now=NOW, policy=policy)
    by_number = sorted(number for number, _ in revisions)
    assert set(by_number[-policy.keep_last :]) <= kept
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    for tier in policy.tiers:
        buckets: dict[int, tuple[dt.datetime, int]] = {}
        for number, saved in revisions:
            if NOW - saved < tier.within:
                bucket = (saved - epoch) // tier.every
                buckets[bucket] = max(buckets.get(bucket, (saved, number)), (saved, number))
        assert {number for _, number in buckets.values()} <= kept


@given(histories(), policies)
def test_pruning_twice_drops_nothing_more(revisions: Revisions, policy: RetentionPolicy) -> None:
    kept = revisions_to_keep(revisions, now=NOW, policy=policy)
    again = revisions_to_keep([r for r in revisions if r[0] in kept], now=NOW, policy=policy)
    assert again == kept


@settings(max_examples=150)
@given(
    histories(before=NOW - dt.timedelta(days=3)),
    st.lists(st.integers(min_value=1, max_value=7200), max_size=60),
    st.integers(min_value=0, max_value=40 * 86400),
    policies,
)
def test_pruning_after_every_save_keeps_what_pruning_once_keeps(
    earlier: Revisions, gaps: list[int], later: int, policy: RetentionPolicy
) -> None:
    """Is a revision dropped at one save never one that a later pruning would have kept?"""
    then = NOW - dt.timedelta(days=3)
    history = list(earlier)
    saved = then
    number = len(earlier)
    clock = then
    for gap in gaps:
        saved += dt.timedelta(seconds=gap)
        number += 1
        history.append((number, saved))
        clock = saved
        keep = revisions_to_keep(history, now=clock, policy=policy)
        history = [r for r in history if r[0] in keep]
    end = clock + dt.timedelta(seconds=later)
    everything = [*earlier, *_numbered(len(earlier), then, gaps)]
    assert revisions_to_keep(history, now=end, policy=policy) == revisions_to_keep(
        everything, now=end, policy=policy
    )


def _numbered(start: int, then: dt.datetime, gaps: list[int]) -> Revisions:
    revisions = []
    saved = then
    for offset, gap in enumerate(gaps, start=1):
        saved += dt.timedelta(seconds=gap)
        revisions.append((start + offset, saved))
    return revisions


def test_a_month_of_work_reaches_back_a_month() -> None:
    """An autosave every 30 seconds through 8 hours a day for 40 days keeps the last hour by
    the minute, the last day by the hour and the month by the day: about 130 files of
    38,000."""
    revisions: Revisions = []
    for day in range(40, -1, -1):
        start = NOW - dt.timedelta(days=day, hours=8)
        revisions += [(0, start + dt.timedelta(seconds=s)) for s in range(30, 8 * 3600 + 1, 30)]
    revisions = [(number, saved) for number, (_, saved) in enumerate(revisions, start=1)]
    kept = revisions_to_keep(revisions, now=NOW)
    times = sorted(saved for number, saved in revisions if number in kept)
    assert len(kept) <= DEFAULT_RETENTION.max_kept
    assert dt.timedelta(days=29) <= NOW - times[0] < dt.timedelta(days=30), "back a month"
    assert len([t for t in times if NOW - t < HOUR]) >= 60, "every minute of the last hour"
    hours = {t.replace(minute=0, second=0) for t in times if NOW - t < DAY}
    assert len(hours) == 9, "every clock hour worked today (07:09 to 15:09)"
    assert len({t.date() for t in times}) >= 30, "every day of the month"


def test_a_workbook_left_alone_keeps_its_last_revisions() -> None:
    """A workbook not touched for a year still has its newest revisions."""
    long_ago = NOW - dt.timedelta(days=365)
    revisions = [(n, long_ago + n * MINUTE) for n in range(1, 51)]
    assert revisions_to_keep(revisions, now=NOW) == set(range(31, 51))


def test_a_clock_set_back_never_costs_the_current_version() -> None:
    revisions = [(1, NOW - DAY), (2, NOW - DAY + MINUTE), (3, NOW - 2 * DAY)]
    policy = RetentionPolicy(keep_last=1, tiers=(Tier(within=HOUR, every=MINUTE),))
    assert 3 in revisions_to_keep(revisions, now=NOW, policy=policy)


@pytest.mark.parametrize(
    "tiers",
    [
        (Tier(within=DAY, every=HOUR), Tier(within=HOUR, every=MINUTE)),  # shrinking
        (Tier(within=HOUR, every=dt.timedelta(minutes=7)), Tier(within=DAY, every=HOUR)),
        (Tier(within=HOUR, every=dt.timedelta(seconds=0.5)),),
        (Tier(within=dt.timedelta(0), every=MINUTE),),
    ],
)
def test_a_policy_whose_buckets_do_not_nest_is_refused(tiers: tuple[Tier, ...]) -> None:
    with pytest.raises(ValueError, match="tier"):
        RetentionPolicy(tiers=tiers)


def test_keep_last_must_keep_something() -> None:
    with pytest.raises(ValueError, match="keep_last"):
        RetentionPolicy(keep_last=0)
