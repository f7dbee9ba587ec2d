"""A set of sample portals, one per loopback host, and the registry that points at them.

Crawling across many hosts is what sharding and a shared frontier are for, and one portal on
127.0.0.1 has one host. A portal set starts N sample portals (``python -m crawler.sampleportal``,
each its own child process, each seeded differently: seed, seed + 1, …), each bound to its own
address of 127.0.0.0/8 (127.0.0.2, 127.0.0.3, …: on Linux the whole block answers on ``lo``
without aliases), and writes a registry TOML of local entries whose ``base_url`` is that
portal's address. ``nianbao crawl --all --registry FILE`` crawls the set like any registry.

Each portal serves its TRS, Hanweb and gkmlpt sites (three entries on one host, so a shard
keeps them together); the platform site is left out because it links a sister host
(``localhost``) that is 127.0.0.1, not its own address. Pages and attachments are rendered on
request (an LRU cache per portal); the model a portal routes by is built at start, about
12 kB per report, in that portal's own process. ``python -m crawler.sampleportal.portalset``
prints the registry path as its first line and serves until SIGTERM/SIGINT.

Reads no settings.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import json
import signal
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crawler.sampleportal.process import START_TIMEOUT, read_url, started_portal
from crawler.sites import load_sites

if TYPE_CHECKING:
    import subprocess
    from collections.abc import Iterator

#: The first address of a set: 127.0.0.1 stays the single portal's (tests, demo).
FIRST_HOST = ipaddress.IPv4Address("127.0.0.2")
#: Bundled local entries a set repeats on every host (the platform's sister host is 127.0.0.1).
SET_SITES = ("demo-trs", "demo-hanweb", "demo-gkmlpt")
#: Seconds to wait per 1000 reports a set builds, beside START_TIMEOUT (2 cores build ~3k/s).
BUILD_SECONDS_PER_1000 = 1.0


class PortalSetError(ValueError):
    """A portal set that cannot be made (no hosts, too many, a size below 1)."""


@dataclass(frozen=True, slots=True)
class PortalHost:
    """One portal of a set: its address, its base URL and the seed it was built from."""

    host: str
    url: str
    seed: int
    site_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PortalSet:
    """A running set: its portals and the registry file that lists their sites."""

    hosts: tuple[PortalHost, ...]
    registry: Path
    size: int

    @property
    def site_ids(self) -> tuple[str, ...]:
        """Every site of the set, host by host, in registry order."""
        return tuple(i for host in self.hosts for i in host.site_ids)


def set_hosts(count: int) -> list[str]:
    """``count`` loopback addresses from 127.0.0.2 on (skipping .0 and .255 of each /24).

    >>> set_hosts(2)
    ['127.0.0.2', '127.0.0.3']
    """
    if count < 1:
        raise PortalSetError(f"a portal set needs at least one host, got {count}")
    hosts: list[str] = []
    address = FIRST_HOST
    while len(hosts) < count:
        if not address.is_loopback:
            raise PortalSetError(f"{count} hosts do not fit in 127.0.0.0/8")
        if address.packed[-1] not in (0, 255):
            hosts.append(str(address))
        address += 1
    return hosts


def set_site_id(index: int, site_id: str) -> str:
    """The id of a bundled site on the set's ``index``-th host (``h001-trs``, ``h002-hanweb``)."""
    return f"h{index:03d}-{site_id.removeprefix('demo-')}"


def registry_toml(hosts: tuple[PortalHost, ...]) -> str:
    """The registry of a set: the bundled local entries, repeated per host with its base URL."""
    bundled = load_sites()
    lines = [
        "# A generated portal set (crawler.sampleportal.portalset): loopback only.\n"
    ]
    for index, portal in enumerate(hosts, start=1):
        for site_id in SET_SITES:
            site = bundled[site_id]
            entry = {
                "id": set_site_id(index, site_id),
                "name": f"{site.name} @ {portal.host}",
                "region_code": site.region_code,
                "level": site.level,
                "start_urls": list(site.start_urls),
                "crawl_interval": "7d",
                "cms": site.cms,
                "local": True,
                "base_url": portal.url,
            }
            lines.append("[[site]]")
            # JSON strings and lists are valid TOML values for these fields
            lines.extend(
                f"{key} = {json.dumps(value, ensure_ascii=False)}"
                for key, value in entry.items()
                if value is not None
            )
            lines.append("")
    return "\n".join(lines)


@contextlib.contextmanager
def running_portal_set(
    *,
    hosts: int,
    size: int,
    seed: int = 7,
    registry: Path | None = None,
    port: int = 0,
) -> Iterator[PortalSet]:
    """Start ``hosts`` portals of ``size`` reports each; yield the set once all answer.

    Children start together and build in parallel; each is terminated when the block ends,
    whatever happened inside it. ``registry`` is where the TOML goes (default: a temporary
    file, removed at the end). ``port`` 0 gives each portal a free port of its own; another
    value binds every portal to that port (each on its own address), so a set started again
    serves the same URLs: a test crawls fresh servers (the flaky page fails once per process)
    at the same addresses.
    """
    if size < 1:
        raise PortalSetError(f"portal size must be at least 1, got {size}")
    addresses = set_hosts(hosts)
    timeout = START_TIMEOUT + BUILD_SECONDS_PER_1000 * hosts * size / 1000
    with contextlib.ExitStack() as stack:
        children = [
            stack.enter_context(
                started_portal(seed=seed + i, size=size, host=host, port=port)
            )
            for i, host in enumerate(addresses)
        ]
        # first on the way out: stop them all at once, then each is waited for in turn
        stack.callback(_terminate_all, children)
        portals = tuple(
            PortalHost(
                host,
                read_url(child, timeout, host),
                seed + i,
                tuple(set_site_id(i + 1, s) for s in SET_SITES),
            )
            for i, (host, child) in enumerate(zip(addresses, children, strict=True))
        )
        if registry is None:
            folder = stack.enter_context(
                tempfile.TemporaryDirectory(prefix="portalset-")
            )
            registry = Path(folder) / "sites.toml"
        registry.write_text(registry_toml(portals), encoding="utf-8")
        yield PortalSet(portals, registry, size)


def _terminate_all(children: list[subprocess.Popen[str]]) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()


def main(argv: list[str] | None = None) -> int:
    """Serve a set until SIGTERM/SIGINT; the first stdout line is the registry's path."""
    parser = argparse.ArgumentParser(
        prog="python -m crawler.sampleportal.portalset", description=__doc__
    )
    parser.add_argument("--hosts", type=int, default=6, help="number of portals")
    parser.add_argument("--size", type=int, default=30, help="reports per portal")
    parser.add_argument("--seed", type=int, default=7, help="seed of the first portal")
    parser.add_argument("--registry", type=Path, help="where to write the registry")
    parser.add_argument(
        "--port",
        type=int,
        default=0,
        help="one port for every host (0: each picks one)",
    )
    args = parser.parse_args(argv)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        with running_portal_set(
            hosts=args.hosts,
            size=args.size,
            seed=args.seed,
            registry=args.registry,
            port=args.port,
        ) as portals:
            print(portals.registry, flush=True)
            for portal in portals.hosts:
                print(portal.url, ",".join(portal.site_ids), file=sys.stderr)
            with contextlib.suppress(KeyboardInterrupt):
                stop.wait()
    except (PortalSetError, RuntimeError, OSError) as error:
        print(f"Error: portal set not started: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
