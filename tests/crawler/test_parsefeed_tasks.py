"""How the ``stream`` feed shares documents out to the pool, and what a broken pool does.

Documents go one per task while the workers keep up; a backlog is shared out in tasks of up to
``CHUNK_MAX`` (each written in one transaction by ``archive.ParseWriter.parse_many``). A worker
that dies breaks the process's pool for good: the feed goes on in a new one, and stops (what it
holds left for the next crawl) only once ``MAX_POOL_RESTARTS`` are used up. A fake executor
stands in for the pool; results are handed to ``_arrived`` directly (no reactor).
"""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import pytest

from archive import ParseOutcome
from crawler import parsefeed
from crawler.parsefeed import CHUNK_MAX, MAX_POOL_RESTARTS, TASKS_PER_WORKER, ParseFeed
from tests.crawler.feedfakes import Stats, make_feed


class _Executor:
    """Records each task's documents; ``broken`` makes ``submit`` raise as a broken pool's."""

    def __init__(self, broken: bool = False) -> None:
        self.tasks: list[tuple[list[str], Future[Any]]] = []
        self.broken = broken
        self.shut = False

    def submit(
        self, _fn: Any, _run: Any, _directory: Any, sha256s: list[str], _opts: Any
    ):
        if self.broken:
            raise BrokenProcessPool("a worker died")
        future: Future[Any] = Future()
        self.tasks.append((list(sha256s), future))
        return future

    def shutdown(self, **_kwargs: Any) -> None:
        self.shut = True


@pytest.fixture
def pools(monkeypatch):
    """The executors the feed is given, in order (the first one unbroken unless told)."""
    made: list[_Executor] = []
    broken_next: list[bool] = []

    def new_executor(_workers: int) -> _Executor:
        made.append(_Executor(broken_next.pop(0) if broken_next else False))
        return made[-1]

    monkeypatch.setattr(parsefeed, "_new_executor", new_executor)
    monkeypatch.setattr(parsefeed, "_POOL", {})
    # results reach _arrived at once, in this thread
    monkeypatch.setattr(
        ParseFeed,
        "_from_pool",
        lambda self, pages, count, future: self._arrived(future, pages, count),
    )
    return made, broken_next


def _feed(workers: int = 2) -> tuple[ParseFeed, Stats]:
    return make_feed(workers=workers)


def _done(future: Future[Any], sha256s: list[str]) -> None:
    parsed = [(ParseOutcome(s, 1, "ok", None), False) for s in sha256s]
    future.set_result((parsed, []))


def test_one_document_per_task_while_the_workers_keep_up_then_the_backlog_shared_out(
    pools,
):
    made, _ = pools
    feed, stats = _feed(workers=2)
    slots = 2 * TASKS_PER_WORKER
    for n in range(slots):
        feed.submit(f"d{n}")
    pool = made[0]
    assert [docs for docs, _f in pool.tasks] == [[f"d{n}"] for n in range(slots)]

    # every slot taken: the next 40 wait, then go out in tasks as large as the backlog needs
    for n in range(slots, slots + 40):
        feed.submit(f"d{n}")
    assert len(pool.tasks) == slots
    docs, future = pool.tasks[0]
    _done(future, docs)
    sizes = [len(docs) for docs, _f in pool.tasks[slots:]]
    assert sizes == [CHUNK_MAX]  # one slot free, 40 waiting: as many as a task takes
    assert stats.values["nianbao/parse/ok"] == 1

    # the rest drains; every document goes out once, in order
    while any(not f.done() for _d, f in pool.tasks):
        docs, future = next((d, f) for d, f in pool.tasks if not f.done())
        _done(future, docs)
    sent = [s for docs, _f in pool.tasks for s in docs]
    assert sent == [f"d{n}" for n in range(slots + 40)]
    assert stats.values["nianbao/parse/ok"] == slots + 40


def test_a_dead_worker_fails_its_task_and_the_feed_goes_on_in_a_new_pool(pools):
    made, _ = pools
    feed, stats = _feed(workers=1)
    feed.submit("a")
    first = made[0]
    first.broken = True  # a worker died: the pool refuses everything from now on
    first.tasks[0][1].set_exception(BrokenProcessPool("terminated abruptly"))
    assert stats.values["nianbao/parse/pass-failed"] == 1
    feed.submit("b")
    assert first.shut
    assert len(made) == 2
    assert [docs for docs, _f in made[1].tasks] == [["b"]]
    docs, future = made[1].tasks[0]
    _done(future, docs)
    assert stats.values["nianbao/parse/ok"] == 1
    assert not feed._stopped


def test_a_pool_that_keeps_breaking_stops_the_feed_instead_of_hanging_it(pools):
    made, broken_next = pools
    broken_next.extend([True] * (MAX_POOL_RESTARTS + 1))
    feed, stats = _feed(workers=1)
    feed.submit("a")
    feed.submit("b")
    assert len(made) == 1 + MAX_POOL_RESTARTS
    assert feed._stopped
    assert not feed._queued  # left for the next crawl of the site
    assert stats.values["nianbao/parse/pass-failed"] == 1
