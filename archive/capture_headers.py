"""A capture's request headers, read from the WARC request record written beside it.

The index does not keep them (schema 6): each capture's main record is followed, back to back in
the same file, by a ``request`` record whose ``WARC-Concurrent-To`` names it
(``archive.warc_records``), and that record's header block is the request as sent (warcio
percent-encodes a non-ASCII value, which requests rarely carry). Only
``nianbao export --table captures`` and the Python API's capture rows need them, so reading
two records per capture there costs less than carrying them in every archive's index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archive.errors import IntegrityError
from archive.warc_read import read_record

if TYPE_CHECKING:
    from pathlib import Path

Headers = list[tuple[str, str]]


def request_headers(
    warc_dir: Path, warc_file: str, offset: int, length: int
) -> Headers:
    """The headers sent for the capture whose main record is at ``offset`` (``length`` bytes).

    ``IntegrityError`` when the record after it is not that capture's request record (a WARC
    written otherwise, or damaged: ``nianbao verify`` says more).
    """
    path = warc_dir / warc_file
    main = read_record(path, offset)
    request = read_record(path, offset + length)
    main_id = main.warc_headers.get("WARC-Record-ID")
    if (
        request.rec_type != "request"
        or request.warc_headers.get("WARC-Concurrent-To") != main_id
    ):
        msg = "no request record follows this capture's record"
        raise IntegrityError(msg, warc_file=warc_file, offset=offset + length)
    return list(request.http_headers)
