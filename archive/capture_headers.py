"""A capture's HTTP headers read back from its WARC records, so the index need not repeat them.

Sent: the index does not keep them (schema 6): each capture's main record is followed, back to
back in the same file, by a ``request`` record whose ``WARC-Concurrent-To`` names it
(``archive.warc_records``), and that record's header block is the request as sent (warcio
percent-encodes a non-ASCII value, which requests rarely carry).

Received: a ``response`` record holds the block as received with the wire-encoding headers
renamed ``X-Nianbao-Original-<Name>`` and a true ``Content-Length`` appended; an
identical-payload ``revisit`` holds it as received. ``received_headers`` undoes the renaming.
The index keeps ``captures.response_headers`` only where that does not give the block back
exactly (``is_kept_in_record``): a non-ASCII value (warcio percent-encodes it), a 304 (its own
block is in no record), a name that already carries the prefix.

Only ``nianbao export --table captures`` and payload reads need them, so reading records there
costs less than carrying them in every archive's index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archive.errors import IntegrityError
from archive.warc_read import read_record

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

Headers = list[tuple[str, str]]

#: How ``archive.warc_records.stored_response_headers`` renames the wire-encoding headers.
_ORIGINAL = "X-Nianbao-Original-"


def received_headers(stored: Sequence[tuple[str, str]]) -> Headers:
    """The block as received, from a ``response`` record's stored block (the renaming undone).

    >>> received_headers([("X-Nianbao-Original-Content-Encoding", "gzip"), ("A", "1"),
    ...                   ("Content-Length", "5")])
    [('Content-Encoding', 'gzip'), ('A', '1')]
    """
    headers = list(stored)
    if headers and headers[-1][0].lower() == "content-length":
        headers.pop()  # the true length, appended when stored
    return [
        (name.removeprefix(_ORIGINAL), value)
        if name.startswith(_ORIGINAL)
        else (name, value)
        for name, value in headers
    ]


def is_kept_in_record(received: Sequence[tuple[str, str]]) -> bool:
    """Whether the response record gives ``received`` back exactly (``received_headers``).

    Only ASCII survives warcio unchanged, and a name that already starts with the renaming
    prefix, or a value with line breaks or outer white space, would read back otherwise.
    """
    for name, value in received:
        if not (name.isascii() and value.isascii()) or name.startswith(_ORIGINAL):
            return False
        if "\r" in value or "\n" in value or value != value.strip():
            return False  # folded or padded values are normalised by the HTTP parser
    return True


def record_headers(
    warc_dir: Path, warc_file: str, offset: int, length: int
) -> tuple[Headers, Headers]:
    """Headers sent and received of the capture whose main record is at ``offset``.

    The received block is given as received for a ``response`` record and as stored for a
    revisit (which the index only leaves to the record when it holds the block verbatim).
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
    received = (
        received_headers(main.http_headers)
        if main.rec_type == "response"
        else list(main.http_headers)
    )
    return list(request.http_headers), received
