"""Shared fixtures: the sample portal served over real HTTP on 127.0.0.1 for the whole session.

The portal runs in a child process (``python -m crawler.sampleportal --port 0``), exactly as the
demo and the benchmarks run it, so the tests exercise the same server; the ground truth is
rebuilt in-process from the same seed and size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from crawler.sampleportal import Portal, build_portal
from crawler.sampleportal.portalset import PortalSet, running_portal_set
from crawler.sampleportal.process import running_portal

if TYPE_CHECKING:
    from collections.abc import Iterator

#: The fixture portal: small enough to crawl in seconds, large enough for every special case.
PORTAL_SEED = 7
PORTAL_SIZE = 30


@dataclass(frozen=True, slots=True)
class RunningPortal:
    """A served portal: its base URL (``http://127.0.0.1:PORT/``) and its ground truth."""

    url: str
    seed: int
    size: int
    truth: Portal

    def at(self, path: str) -> str:
        """The absolute URL of a ground-truth path (paths start with ``/``)."""
        return self.url.rstrip("/") + path


@pytest.fixture(scope="session")
def portal() -> Iterator[RunningPortal]:
    with running_portal(seed=PORTAL_SEED, size=PORTAL_SIZE) as url:
        yield RunningPortal(
            url,
            PORTAL_SEED,
            PORTAL_SIZE,
            build_portal(seed=PORTAL_SEED, size=PORTAL_SIZE),
        )


#: The multi-host portal set: six hosts (127.0.0.2 …), three sites each, small portals.
PORTAL_SET_HOSTS = 6
PORTAL_SET_SIZE = 12


@pytest.fixture(scope="session")
def portal_set() -> Iterator[PortalSet]:
    """Six sample portals, one per loopback host, and the registry listing their 18 sites."""
    with running_portal_set(
        hosts=PORTAL_SET_HOSTS, size=PORTAL_SET_SIZE, seed=PORTAL_SEED
    ) as portals:
        yield portals
