"""The shared frontier's queue in Redis: one queue per host, each host leased by one worker.

``HostLeaseQueue`` is a scrapy-redis queue class (``scrapy_redis.queue.Base``: requests are
serialized with ``request.to_dict`` and pickled, as scrapy-redis does) that keeps politeness
exact across workers. scrapy-redis's own queues hand any request to any worker, so two workers
could fetch one host at once; here every host has its own sorted set, and a worker pops from a
host only while its process holds that host's *lease* (a Redis key with an expiry, set with
``SET NX PX``). A lease belongs to a worker process, not to one site: the sites of one host (a
portal's TRS, Hanweb and gkmlpt columns) are crawled by one worker at a time, as the crawlers of
one process share it. The holder renews its leases while it works (each pop, and ``renew`` on
a timer); a worker that dies stops renewing, its leases expire, and the next worker to take a
host puts the requests the dead one had in flight back in the host's queues. A request is in flight from its
pop until Scrapy has finished with it: the popped ``Request`` object carries a
``weakref.finalize`` that acknowledges it when the last reference goes (after its callback's
output was scheduled and its items stored; a redirect or a retry is a new request, pushed
before the old one is let go), so nothing a worker popped is lost if it is killed mid-page.

Keys, under the queue key ``K`` (one frontier per site, ``crawler.frontier``): ``K:hosts`` (set
of hosts with requests queued or in flight), ``K:q:HOST`` (sorted set of tokens: higher Scrapy
priority first, then first in first out), ``K:inflight:HOST`` (tokens popped and not yet
acknowledged), ``K:req`` / ``K:score`` (token → request, token → score), ``K:seq``; and one
lease per host for all sites, ``nianbao:frontier:lease:HOST`` (the holder's worker id). All changes that touch several keys are Lua scripts, so
each is atomic in Redis (``crawler.frontier_scripts``). Reads the settings ``NIANBAO_FRONTIER_LEASE`` (seconds) and
``NIANBAO_FRONTIER_MAX_HOSTS`` (hosts one worker leases at once, 0: no limit; the rest are
left to other workers).
"""

from __future__ import annotations

import logging
import os
import random
import socket
import time
import uuid
import weakref
from collections import deque
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy_redis.queue import Base

from crawler import frontier_scripts as scripts
from crawler.frontier import KEY_PREFIX

if TYPE_CHECKING:
    from scrapy import Request, Spider

logger = logging.getLogger(__name__)

#: Seconds between two attempts to take a new host when the held ones have nothing queued.
ACQUIRE_INTERVAL = 0.5
_PRIORITY_SPAN = 1_000_000_000  # a score is -priority * span + sequence number
LEASE_PREFIX = f"{KEY_PREFIX}:lease"


def new_worker_id() -> str:
    """A lease owner id unique to this process: host name, pid, random suffix."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


#: The lease owner: this process (its crawlers share the hosts it leases).
WORKER = new_worker_id()
#: The queues of this process using each leased host; the lease goes when the last lets go.
_USERS: dict[str, set[int]] = {}


def host_of(request: Request) -> str:
    """The politeness unit: the URL's host name (as Scrapy's downloader slots use it)."""
    return (urlsplit(request.url).hostname or "").lower()


def lease_key(host: str) -> str:
    """The Redis key of a host's lease, shared by every site of the host."""
    return f"{LEASE_PREFIX}:{host}"


class HostLeaseQueue(Base):  # type: ignore[misc]  # scrapy-redis ships no type hints
    """Per-host request queues in Redis, popped only by the worker holding the host's lease."""

    def __init__(
        self, server: Any, spider: Spider, key: str, serializer: Any = None
    ) -> None:
        super().__init__(server, spider, key, serializer)
        settings = spider.crawler.settings
        self.lease_ms = max(1, int(settings.getfloat("NIANBAO_FRONTIER_LEASE") * 1000))
        self.max_hosts = settings.getint("NIANBAO_FRONTIER_MAX_HOSTS")
        self.worker = WORKER
        self.held: dict[
            str, None
        ] = {}  # hosts this queue pops from, in round-robin order
        self.tokens: dict[
            str, set[str]
        ] = {}  # this worker's requests in flight, per host
        self.counts: dict[str, int] = {}  # pushed, popped, requeued, leases, lease-lost
        self._done: deque[tuple[str, str]] = deque()
        self._next_acquire = 0.0
        self._push = server.register_script(scripts.PUSH)
        self._pop = server.register_script(scripts.POP)
        self._acquire = server.register_script(scripts.ACQUIRE)
        self._ack = server.register_script(scripts.ACK)
        self._renew = server.register_script(scripts.RENEW)
        self._return = server.register_script(scripts.RETURN)
        self._idle = server.register_script(scripts.IDLE)
        self._drop = server.register_script(scripts.DROP)

    # ---------------------------------------------------------------- keys
    def _k(self, part: str, host: str | None = None) -> str:
        return f"{self.key}:{part}" if host is None else f"{self.key}:{part}:{host}"

    def _count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    # ---------------------------------------------------------------- scrapy-redis queue API
    def __len__(self) -> int:
        """Requests queued or in flight on every host of this frontier (all workers)."""
        hosts = self.server.smembers(self._k("hosts"))
        pipe = self.server.pipeline(transaction=False)
        for raw in hosts:
            host = raw.decode() if isinstance(raw, bytes) else raw
            pipe.zcard(self._k("q", host))
            pipe.scard(self._k("inflight", host))
        return int(sum(pipe.execute()))

    def push(self, request: Request) -> None:
        self.push_unseen(request, seen_key=self._k("seen"), fingerprint="")

    def push_unseen(self, request: Request, *, seen_key: str, fingerprint: str) -> bool:
        """Queue ``request`` unless ``fingerprint`` is in ``seen_key`` (added there, atomically).

        scrapy-redis marks a request seen and then pushes it, two round trips; a worker killed
        between them lost the URL for good. An empty ``fingerprint`` queues it unfiltered.
        """
        host = host_of(request)
        keys = [
            seen_key, self._k("seq"), self._k("req"), self._k("score"),
            self._k("q", host), self._k("hosts"),
        ]  # fmt: skip
        args = [
            fingerprint, self._encode_request(request),
            -request.priority * _PRIORITY_SPAN, host,
        ]  # fmt: skip
        if not int(self._push(keys=keys, args=args)):
            return False
        self._count("pushed")
        return True

    def pop(self, timeout: int = 0) -> Request | None:
        """The next request of a held host; take a free host when the held ones are empty."""
        self.flush_done()
        request = self._pop_held()
        if request is None and self._take_host():
            request = self._pop_held()
        return request

    def clear(self) -> None:
        """Delete every key of this site's frontier (all hosts, all workers)."""
        keys = list(self.server.scan_iter(match=f"{self.key}:*"))
        if keys:
            self.server.delete(*keys)

    # ---------------------------------------------------------------- leases
    def _pop_held(self) -> Request | None:
        for host in list(self.held):
            keys = [
                lease_key(host), self._k("q", host),
                self._k("inflight", host), self._k("req"),
            ]  # fmt: skip
            got = self._pop(keys=keys, args=[self.worker, self.lease_ms])
            if got is None:
                self._lost(host)
                continue
            if not got:
                continue
            token, data = got
            token = token.decode() if isinstance(token, bytes) else token
            # round robin: the host just served goes to the back
            del self.held[host]
            self.held[host] = None
            self.tokens.setdefault(host, set()).add(token)
            self._count("popped")
            request: Request = self._decode_request(
                data.encode("latin-1") if isinstance(data, str) else data
            )
            weakref.finalize(request, self._done.append, (host, token))
            return request
        return None

    def _take_host(self) -> bool:
        """Lease one host that has work and no live holder (at most every ACQUIRE_INTERVAL)."""
        now = time.monotonic()
        if now < self._next_acquire:
            return False
        self._next_acquire = now + ACQUIRE_INTERVAL
        self.release_idle()
        candidates = [
            h.decode() if isinstance(h, bytes) else h
            for h in self.server.smembers(self._k("hosts"))
        ]
        random.shuffle(candidates)  # workers starting together spread over the hosts
        for host in candidates:
            if host in self.held or (
                self.max_hosts and host not in _USERS and len(_USERS) >= self.max_hosts
            ):
                continue
            keys = [
                lease_key(host), self._k("q", host), self._k("inflight", host),
                self._k("score"), self._k("hosts"),
            ]  # fmt: skip
            own = sorted(self.tokens.get(host, ()))
            result = int(
                self._acquire(keys=keys, args=[self.worker, self.lease_ms, host, *own])
            )
            if result > 0:
                self.held[host] = None
                _USERS.setdefault(host, set()).add(id(self))
                self._count("leases")
                if result > 1:
                    self._count("requeued", result - 1)
                    logger.warning(
                        "frontier: took %s over; %d requests a lost worker held are queued again",
                        host,
                        result - 1,
                    )
                return True
        return False

    def _let_go(self, host: str) -> None:
        del self.held[host]
        users = _USERS.get(host, set())
        users.discard(id(self))
        if not users:
            _USERS.pop(host, None)
            self._drop(keys=[lease_key(host)], args=[self.worker])

    def _lost(self, host: str) -> None:
        del self.held[host]
        _USERS.get(host, set()).discard(id(self))
        self._count("lease-lost")
        logger.warning(
            "frontier: lease on %s expired; another worker may take it", host
        )

    def renew(self) -> None:
        """Extend every held lease (called on a timer); a lease found lost is dropped."""
        self.flush_done()
        for host in list(self.held):
            if not self._renew(
                keys=[lease_key(host)], args=[self.worker, self.lease_ms]
            ):
                self._lost(host)

    def release_idle(self) -> None:
        """Let go of held hosts where this site has nothing queued and nothing in flight."""
        self.flush_done()
        for host in list(self.held):
            if self.tokens.get(host):
                continue
            keys = [self._k("q", host), self._k("inflight", host), self._k("hosts")]
            if self._idle(keys=keys, args=[host]):
                self._let_go(host)

    def return_all(self) -> None:
        """Hand every held host back, this site's requests in flight queued again (a stop)."""
        self.flush_done()
        for host in list(self.held):
            keys = [
                lease_key(host), self._k("q", host),
                self._k("inflight", host), self._k("score"),
            ]  # fmt: skip
            self._return(keys=keys, args=[self.worker])
            self._let_go(host)

    def flush_done(self) -> None:
        """Acknowledge the requests Scrapy has let go of since the last call."""
        while self._done:
            host, token = self._done.popleft()
            keys = [
                self._k("inflight", host), self._k("q", host), self._k("req"),
                self._k("score"), self._k("hosts"),
            ]  # fmt: skip
            self._ack(keys=keys, args=[token, host])
            self.tokens[host].discard(token)

    def in_flight(self) -> int:
        """Requests this worker popped and Scrapy still holds."""
        return sum(map(len, self.tokens.values())) - len(self._done)
