"""Errors of the crawler package that the command line reports as one ``Error:`` line.

Kept free of Scrapy imports so ``crawler.cli.errors`` can name them without loading Scrapy.
"""

from __future__ import annotations


class InvalidSettingError(ValueError):
    """A nianbao setting holds a value it cannot use; raised before anything is fetched."""


#: Close reason and crawl status of a crawl a full disk stopped (``crawler.diskfull``).
DISK_FULL = "disk-full"


class DiskFullError(OSError):
    """A crawl stopped because the archive's disk is full; rerunning resumes once space is freed."""
