"""``CaptureGroup``: captures wait for one common commit, and are reported stored only after it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from twisted.internet import task

from archive import (
    Archive,
    ArchiveError,
    ArchiveNotWritableError,
    Capture,
    StoredCapture,
)
from crawler.capturegroup import CaptureGroup

T0 = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)


def _capture(i: int) -> Capture:
    return Capture(
        url=f"http://d.test/{i}.html",
        status=200,
        body=f"body {i}".encode(),
        fetched_at=T0 + timedelta(seconds=i),
        kind="report",
        site_id="s",
        response_headers=(("Content-Type", "text/html"),),
    )


@pytest.fixture
def archive(tmp_path):
    with Archive.open(tmp_path / "a", software_version="t") as arch:
        yield arch


def _fired(deferred):
    results = []
    deferred.addCallback(results.append)
    return results


def _indexed(archive):
    return archive.db.execute("select count(*) from captures").fetchone()[0]


def test_captures_are_committed_together_when_the_group_is_full(archive):
    clock = task.Clock()
    group = CaptureGroup(archive, size=3, wait=10.0, clock=clock)
    first = _fired(group.add(_capture(1)))
    second = _fired(group.add(_capture(2)))
    assert first == second == []  # not reported stored before the commit
    assert _indexed(archive) == 0
    third = _fired(group.add(_capture(3)))
    assert _indexed(archive) == 3  # committed at once
    assert first == second == third == []  # reported in the next reactor turn
    clock.advance(0)
    assert all(isinstance(r[0], StoredCapture) for r in (first, second, third))
    assert len(group) == 0


def test_coroutines_learn_of_their_captures_in_the_order_the_captures_came(archive):
    # as the pipeline awaits the group: through asyncio futures, where a coroutine awaiting a
    # Deferred that already fired goes on at once and the others wait for the loop to wake
    # them; the capture that fills the group must not be reported first (stream parsing
    # parses an attachment only after the page before it)
    clock = task.Clock()
    group = CaptureGroup(archive, size=3, wait=10.0, clock=clock)
    loop = asyncio.new_event_loop()
    reported: list[int] = []

    async def store(i: int) -> None:
        await group.add(_capture(i)).asFuture(loop)
        reported.append(i)

    async def crawl() -> None:
        tasks = []
        for i in (1, 2, 3):
            tasks.append(loop.create_task(store(i)))
            await asyncio.sleep(0)  # each item reaches the group before the next
        clock.advance(0)
        await asyncio.gather(*tasks)

    try:
        loop.run_until_complete(crawl())
    finally:
        loop.close()
    assert reported == [1, 2, 3]


def test_a_group_that_does_not_fill_up_is_committed_after_the_wait(archive):
    clock = task.Clock()
    group = CaptureGroup(archive, size=32, wait=0.2, clock=clock)
    fired = _fired(group.add(_capture(1)))
    clock.advance(0.1)
    assert fired == []
    assert _indexed(archive) == 0
    clock.advance(0.1)
    assert isinstance(fired[0], StoredCapture)
    assert _indexed(archive) == 1


def test_flush_commits_what_waits_and_cancels_the_timer(archive):
    clock = task.Clock()
    group = CaptureGroup(archive, size=32, wait=0.2, clock=clock)
    fired = _fired(group.add(_capture(1)))
    group.flush()
    assert isinstance(fired[0], StoredCapture)
    assert clock.getDelayedCalls() == []


def test_a_failed_group_gives_every_capture_its_error(archive, monkeypatch):
    def full(captures):
        raise ArchiveNotWritableError("cannot write WARC file: No space left on device")

    monkeypatch.setattr(archive, "store_many", full)
    clock = task.Clock()
    group = CaptureGroup(archive, size=2, wait=1.0, clock=clock)
    first = _fired(group.add(_capture(1)))
    second = _fired(group.add(_capture(2)))
    clock.advance(0)
    assert isinstance(first[0], ArchiveError)
    assert isinstance(second[0], ArchiveError)


def test_one_bad_capture_fails_alone(archive):
    clock = task.Clock()
    group = CaptureGroup(archive, size=2, wait=1.0, clock=clock)
    naive = Capture(
        url="http://d.test/naive.html",
        status=200,
        body=b"x",
        fetched_at=datetime(2026, 1, 1),
        kind="report",
        site_id="s",
    )
    bad = _fired(group.add(naive))
    good = _fired(group.add(_capture(2)))
    clock.advance(0)
    assert isinstance(bad[0], ArchiveError)
    assert isinstance(good[0], StoredCapture)
    assert _indexed(archive) == 1


def test_the_group_size_is_capped_by_what_the_archive_takes_at_once(archive):
    from archive import MAX_GROUP

    group = CaptureGroup(archive, size=10_000, wait=1.0, clock=task.Clock())
    assert group.size == MAX_GROUP
