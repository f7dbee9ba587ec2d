"""Typed errors of the archive package.

The CLI catches ``ArchiveError`` and prints one ``Error: …`` line; the crawler turns a
``ArchiveNotWritableError`` into ``CloseSpider``.
"""

from __future__ import annotations


class ArchiveError(Exception):
    """Base of every error the archive raises on purpose."""


class ArchiveNotWritableError(ArchiveError):
    """The archive directory cannot be created or written."""


class IntegrityError(ArchiveError):
    """A WARC record does not match its index row or its digest.

    The message names the WARC file and offset so an operator can find the record.
    """

    def __init__(
        self, message: str, *, warc_file: str | None = None, offset: int | None = None
    ):
        where = f" ({warc_file} @ {offset})" if warc_file is not None else ""
        super().__init__(message + where)
        self.warc_file = warc_file
        self.offset = offset


class UnknownDocumentError(ArchiveError):
    """No document with that sha256 is in the archive."""


class UnknownReportError(ArchiveError):
    """No logical report with that key, or captured at that URL, is in the archive."""


class InvalidIntervalError(ArchiveError, ValueError):
    """A crawl interval that is not a positive duration like ``7d``, ``12h`` or ``30m``."""


class MergeRefusedError(ArchiveError):
    """``nianbao merge`` will not merge these archives; the message says which and why.

    One is open in a writer, is no archive, has another index schema than this nianbao, has
    a damaged WARC file, or is the output itself.
    """
