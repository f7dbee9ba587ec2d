"""Building WARC records for one capture: the response (or revisit) and its request.

Bodies are stored decoded (Scrapy removes the transfer/content coding, see
reference/crawl-archive-anchors.md §2 item 7), so the stored HTTP header block drops
``Content-Encoding``/``Transfer-Encoding``/``Content-Length``, keeps the originals as
``X-Nianbao-Original-*`` and states the real length: digests and replay then agree with the bytes.

Records are only built here, through the caller's warcio ``WARCWriter``; ``archive.warc_files``
writes them. Reads no settings.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from typing import TYPE_CHECKING, Any

from warcio.statusandheaders import StatusAndHeaders

from archive.schema import TIMESTAMP_FORMAT

if TYPE_CHECKING:
    from warcio.warcwriter import WARCWriter

    from archive.capture import Capture, Headers

#: Headers that describe the wire encoding, not the decoded body we store.
_WIRE_HEADERS = ("content-encoding", "transfer-encoding", "content-length")
#: Revisit profiles of WARC 1.1 §6.7.
PROFILE_IDENTICAL = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
PROFILE_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"


def sha1_digest(body: bytes) -> str:
    """The ``WARC-Payload-Digest`` value warcio computes: ``sha1:`` + base32 of the SHA-1."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")  # noqa: S324


def warc_date(moment: datetime) -> str:
    """ISO-8601 UTC, always with six fractional digits (WARC 1.1 allows them).

    A fixed width keeps the index's string timestamps sortable: ``…00Z`` would sort after
    ``…00.5Z``.
    """
    return moment.astimezone(UTC).strftime(TIMESTAMP_FORMAT)


def stored_response_headers(
    headers: Headers, body_length: int
) -> list[tuple[str, str]]:
    """The header block as stored: wire-encoding headers renamed, a true Content-Length added."""
    kept: list[tuple[str, str]] = []
    for name, value in headers:
        if name.lower() in _WIRE_HEADERS:
            kept.append((f"X-Nianbao-Original-{name}", value))
        else:
            kept.append((name, value))
    kept.append(("Content-Length", str(body_length)))
    return kept


def status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


def build_capture_records(
    writer: WARCWriter,
    capture: Capture,
    *,
    sha256: str,
    profile: str | None,
    refers_to_uri: str | None,
    refers_to_date: str | None,
    original: tuple[Headers, bytes] | None = None,
) -> tuple[Any, Any]:
    """The main record (``response``, or ``revisit`` when ``profile`` is set) and its request.

    Records are written under the URL that answered (``final_url``), the hops before it being
    records of their own (``kind`` ``redirect``). A revisit carries the HTTP header block only,
    plus the Refers-To pair pywb needs to resolve it (reference/crawl-archive-anchors.md §2 item
    13); the request is linked to the main record by ``WARC-Concurrent-To``.

    A server-not-modified revisit given the ``original`` response (its headers and payload) is
    written as Heritrix's deduplicated captures are, so replay serves the archived body: the
    original's status line and headers, its ``WARC-Payload-Digest``, and the 304 that was
    actually received kept as ``X-Nianbao-Received-Status`` (pywb replays any revisit whose
    header block says 3xx as an empty answer).
    """
    date = warc_date(capture.fetched_at)
    uri = capture.final_url or capture.url
    warc_headers = {"WARC-Date": date, "WARC-Nianbao-Sha256": sha256}
    if capture.ip_address:
        warc_headers["WARC-IP-Address"] = capture.ip_address
    status = status_line(capture.status)
    if profile is None:
        body = capture.body
        http = StatusAndHeaders(
            status,
            stored_response_headers(capture.response_headers, len(body)),
            "HTTP/1.1",
        )
        main = writer.create_warc_record(
            uri,
            "response",
            payload=BytesIO(body),
            length=len(body),
            http_headers=http,
            warc_headers_dict=warc_headers,
        )
    else:
        warc_headers["WARC-Profile"] = profile
        warc_headers["WARC-Refers-To-Target-URI"] = refers_to_uri or uri
        warc_headers["WARC-Refers-To-Date"] = refers_to_date or date
        http = StatusAndHeaders(status, list(capture.response_headers), "HTTP/1.1")
        if profile == PROFILE_IDENTICAL:
            warc_headers["WARC-Payload-Digest"] = sha1_digest(capture.body)
        elif (
            original is not None
        ):  # a 304 has no body: the original's digest and headers
            headers, body = original
            warc_headers["WARC-Payload-Digest"] = sha1_digest(body)
            replay = stored_response_headers(headers, len(body))
            replay.append(("X-Nianbao-Received-Status", status))
            http = StatusAndHeaders(status_line(200), replay, "HTTP/1.1")
        main = writer.create_warc_record(
            uri, "revisit", http_headers=http, warc_headers_dict=warc_headers
        )
    target = uri.split("://", 1)[-1]
    path = "/" + target.split("/", 1)[1] if "/" in target else "/"
    request = writer.create_warc_record(
        uri,
        "request",
        payload=BytesIO(capture.request_body),
        length=len(capture.request_body),
        http_headers=StatusAndHeaders(
            f"{capture.method} {path} HTTP/1.1",
            list(capture.request_headers),
            is_http_request=True,
        ),
        warc_headers_dict={
            "WARC-Date": date,
            "WARC-Concurrent-To": main.rec_headers.get_header("WARC-Record-ID"),
        },
    )
    return main, request
