"""Payload deduplication: whether a capture becomes a ``response`` or a ``revisit`` record.

A payload already in ``documents`` is written as a ``revisit`` (identical-payload-digest) and a
304 as a ``revisit`` (server-not-modified) of the URL's previous 200 capture; either way the
record points at the document's first ``response``, the one that holds the bytes, by the URL and
date that record was written under. The same
decision then drives the index rows: a new ``documents`` row, or one more capture of a known
document. ``Archive.store`` plans before it writes the WARC records and commits after.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, Literal

from archive import warc
from archive.capture_headers import is_kept_in_record
from archive.documentids import DOCUMENT_ID
from archive.errors import ArchiveError
from archive.schema import capture_row, inserted_id

if TYPE_CHECKING:
    from sqlite_utils import Database

    from archive.capture import Capture

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CapturePlan:
    """How one capture is written: which record type, and what it points at."""

    sha256: str
    record_type: Literal["response", "revisit"]
    profile: str | None
    refers_to_uri: str | None
    refers_to_date: str | None
    etag: str | None
    last_modified: str | None
    is_new_document: bool


def plan_capture(db: Database, capture: Capture) -> CapturePlan:
    """Decide the record type of ``capture`` and the earlier record a revisit refers to.

    A 304 with no earlier 200 capture of its URL is logged and planned as a plain response.
    """
    etag, last_modified = capture.header("ETag"), capture.header("Last-Modified")
    if capture.kind == "not-modified" or capture.status == HTTPStatus.NOT_MODIFIED:
        # Refer to the record that holds the payload (the document's first response), not
        # to the URL's last capture, which may itself be a revisit pywb cannot chain, nor to
        # a soft-404 served in between: the request's validators came from the last good one.
        previous = db.execute(
            "SELECT d.sha256, c.etag, c.last_modified"
            " FROM captures c JOIN documents d ON d.id = c.document_id"
            " WHERE c.url = ? AND c.status = 200 AND c.kind NOT IN ('soft-404', 'error')"
            " ORDER BY c.fetched_at DESC, c.id DESC LIMIT 1",
            [capture.url],
        ).fetchone()
        if previous is not None:
            holder = payload_record(db, previous[0])
            return CapturePlan(
                sha256=previous[0],
                record_type="revisit",
                profile=warc.PROFILE_NOT_MODIFIED,
                refers_to_uri=holder[0] if holder else None,
                refers_to_date=holder[1] if holder else None,
                etag=etag or previous[1],
                last_modified=last_modified or previous[2],
                is_new_document=False,
            )
        logger.warning(
            "304 for %s with no earlier capture; stored as a response", capture.url
        )
    sha256 = hashlib.sha256(capture.body).hexdigest()
    first = payload_record(db, sha256)
    if first is None:
        return CapturePlan(
            sha256, "response", None, None, None, etag, last_modified, True
        )
    return CapturePlan(
        sha256,
        "revisit",
        warc.PROFILE_IDENTICAL,
        first[0],
        first[1],
        etag,
        last_modified,
        is_new_document=False,
    )


def payload_record(db: Database, sha256: str) -> tuple[str, str] | None:
    """WARC-Target-URI and WARC-Date of the ``response`` record holding document ``sha256``.

    That record is written under the URL that answered (the final URL after redirects), so a
    revisit's Refers-To pair names what replay tools (pywb) look up, not the first URL asked.
    """
    row = db.execute(
        "SELECT coalesce(final_url, url), fetched_at FROM captures"
        f" WHERE document_id = {DOCUMENT_ID}"
        " AND warc_record_type = 'response' ORDER BY id LIMIT 1",
        [sha256],
    ).fetchone()
    return (str(row[0]), str(row[1])) if row is not None else None


def commit_capture_rows(
    db: Database,
    capture: Capture,
    plan: CapturePlan,
    span: warc.RecordSpan,
    *,
    software_version: str,
) -> int:
    """Insert the ``captures`` row and insert/update the ``documents`` row, atomically."""
    row = {
        **capture_row(capture, software_version=software_version),
        "warc_file": span.warc_file,
        "warc_offset": span.offset,
        "warc_length": span.length,
        "warc_record_type": plan.record_type,
        # a 304 that does not repeat its validators keeps the previous capture's
        "etag": plan.etag,
        "last_modified": plan.last_modified,
    }
    if plan.profile != warc.PROFILE_NOT_MODIFIED and is_kept_in_record(
        capture.response_headers
    ):
        row["response_headers"] = None  # read from the record (archive.capture_headers)
    fetched_at = row["fetched_at"]
    with db.atomic():
        if plan.is_new_document:
            document_id = inserted_id(
                db.table("documents")
                .insert(
                    {
                        "sha256": plan.sha256,
                        "size": len(capture.body),
                        "media_type": row["media_type"],
                        "first_seen": fetched_at,
                        "last_seen": fetched_at,
                        "capture_count": 1,
                        "first_url": capture.url,
                    }
                )
                .last_pk
            )
        else:
            found = db.execute(
                "UPDATE documents SET capture_count = capture_count + 1,"
                " last_seen = max(last_seen, ?) WHERE sha256 = ? RETURNING id",
                [fetched_at, plan.sha256],
            ).fetchall()
            if not found:
                msg = f"document {plan.sha256} is not in the index"
                raise ArchiveError(msg)
            document_id = int(found[0][0])
        row["document_id"] = document_id
        return inserted_id(db.table("captures").insert(row).last_pk)
