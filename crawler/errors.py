"""Errors of the crawler package that the command line reports as one ``Error:`` line.

Kept free of Scrapy imports so ``crawler.cli.errors`` can name them without loading Scrapy.
"""

from __future__ import annotations


class InvalidSettingError(ValueError):
    """A nianbao setting holds a value it cannot use; raised before anything is fetched."""


#: Close reason and crawl status of a crawl a full disk stopped (``crawler.diskfull``).
DISK_FULL = "disk-full"
#: Close reasons of a crawl whose archive could not be opened (``crawler.pipelines``): not
#: writable (a read-only directory, no room), or refused (an index from a newer version, a
#: WARC tail the index does not explain). The stat ``ARCHIVE_ERROR_STAT`` holds why.
ARCHIVE_NOT_WRITABLE = "archive_not_writable"
ARCHIVE_ERROR = "archive_error"
ARCHIVE_ERROR_STAT = "nianbao/archive/error"


class DiskFullError(OSError):
    """A crawl stopped because the archive's disk is full; rerunning resumes once space is freed."""
