"""Host-sharded crawling: which of N workers crawls which site (``nianbao crawl --shard I/N``).

Politeness is per host, so the unit a shard owns is a host, not a site: every site goes to
the shard its host hashes to, and two sites on one host (a portal set serves three per
address) always land together, so no host is ever fetched by two workers at once. The hash
is sha256 of the host key (lower case, ``www.`` dropped, as the registry's duplicate check
judges hosts), never Python's ``hash()``, which is salted per process: every machine of a
deployment, and every run, must agree on the split without talking to each other.

Shards are numbered from 0 (``0/2`` and ``1/2``), the way Kubernetes numbers the pods of an
Indexed Job (``JOB_COMPLETION_INDEX``). Reads no settings.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterable

    from crawler.sites import Site

__all__ = [
    "Shard",
    "ShardError",
    "parse_shard",
    "select_shard",
    "shard_of",
    "site_host",
]

_SHARD = re.compile(r"^(\d{1,6})/(\d{1,6})$")


class ShardError(ValueError):
    """A ``--shard`` value that is not ``I/N`` with 0 ≤ I < N."""


@dataclass(frozen=True, slots=True)
class Shard:
    """Shard ``index`` of ``count`` (0-based)."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def owns(self, site: Site) -> bool:
        """True when this shard crawls ``site`` (its host hashes here)."""
        return shard_of(site_host(site), self.count) == self.index


def parse_shard(text: str) -> Shard:
    """``"1/4"`` as ``Shard(1, 4)``; ``ShardError`` for anything else.

    >>> parse_shard("0/2")
    Shard(index=0, count=2)
    """
    match = _SHARD.match(text.strip())
    if match is None:
        msg = f"expected I/N such as 0/2 (shard I of N, counted from 0), got {text!r}"
        raise ShardError(msg)
    index, count = int(match[1]), int(match[2])
    if count < 1 or index >= count:
        msg = f"shard {index}/{count}: need 0 <= I < N and N >= 1"
        raise ShardError(msg)
    return Shard(index, count)


def site_host(site: Site) -> str:
    """The host a site is sharded by: its first start URL's host, else its first domain.

    A local entry's paths resolve against its own ``base_url``; a local entry without one
    is served at whatever ``--base-url`` says, so it is sharded as ``localhost``.
    """
    base = site.base_url or ""
    for url in (*site.start_urls, base):
        host = urlsplit(url).hostname
        if host:
            return host.lower().removeprefix("www.")
    if site.allowed_domains:
        return site.allowed_domains[0].lower().removeprefix("www.")
    return "localhost"


def shard_of(host: str, count: int) -> int:
    """The shard (0 … count - 1) of ``host``: the first 8 bytes of its sha256, modulo count.

    >>> shard_of("www.example.gov.cn", 1)
    0
    """
    digest = hashlib.sha256(host.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count


def select_shard(sites: Iterable[Site], shard: Shard | None) -> list[Site]:
    """The sites ``shard`` owns, in their order (all of them when ``shard`` is None)."""
    return [site for site in sites if shard is None or shard.owns(site)]
