"""Build the portal model from (seed, size): one seeded random stream, no I/O but the corpus.

``build_portal`` decides everything up front (which organs publish which reports, under which
URLs, with which numbers) and returns the ground truth with it; pages are rendered later, on
request. The families are assembled by ``sites_trs``, ``sites_hanweb`` and ``sites_gkmlpt``
through the ``Builder`` of ``builder`` (imports run one way: build -> sites_* -> builder).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawler.sampleportal import sites_gkmlpt, sites_hanweb, sites_trs
from crawler.sampleportal.builder import Builder

if TYPE_CHECKING:
    from crawler.sampleportal.model import Portal

#: Reports that every portal has whatever its size (the special cases and the corpus texts).
#: Kept at the count before the 7 attachment-only and broken-attachment reports were added: a
#: portal of size N has N + 7 reports, and the test-sized portal keeps enough synthetic reports
#: to publish every body layout.
FIXED_REPORTS = 13


def split_synthetic(size: int) -> tuple[int, int, int]:
    """How many ordinary synthetic reports each family gets (TRS 40 %, Hanweb 35 %, gkmlpt 25 %)."""
    synthetic = max(size - FIXED_REPORTS, 9)
    trs = max(3, round(synthetic * 0.4))
    hanweb = max(3, round(synthetic * 0.35))
    return trs, hanweb, max(3, synthetic - trs - hanweb)


def build_portal(*, seed: int, size: int, hostile: bool = False) -> Portal:
    """The whole portal for (seed, size): same arguments, same portal, byte for byte.

    ``hostile`` adds the politeness and safety cases (``hostile.py``: a 429, a challenge, a
    gzip bomb, redirect loops, a flood of links …) to the TRS district column. They are off by
    default: a re-crawl of them is never "unchanged", which the incremental tests and the
    benchmarks of ordinary crawls rely on.
    """
    if size < 1:
        raise ValueError(f"portal size must be at least 1, got {size}")
    builder = Builder(seed, size, hostile=hostile)
    trs, hanweb, gkmlpt = split_synthetic(size)
    sites = (
        sites_trs.add_trs(builder, trs),
        sites_hanweb.add_hanweb(builder, hanweb),
        sites_gkmlpt.add_gkmlpt(builder, gkmlpt),
    )
    return builder.finish(sites)
