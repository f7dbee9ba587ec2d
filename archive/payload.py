"""Reading a stored document's bytes back from its WARC ``response`` record.

The index never holds a body (docs/data-model.md), so every reader of bytes (parsing, and the
crawler following a list page that answered 304) comes here: the document's
first ``response`` capture names the file and offset of the record that holds the payload.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from archive.capture_headers import received_headers
from archive.documentids import DOCUMENT_ID
from archive.errors import IntegrityError, UnknownDocumentError
from archive.warc import read_record

if TYPE_CHECKING:
    from pathlib import Path

    from sqlite_utils import Database

Headers = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class StoredPayload:
    """A document's bytes with the URL, site and response headers of its first capture."""

    sha256: str
    url: str
    site_id: str | None
    response_headers: Headers
    body: bytes


def read_payload(db: Database, warc_dir: Path, sha256: str) -> StoredPayload:
    """The payload of document ``sha256``, read from the record of its first response capture.

    Raises ``UnknownDocumentError`` when no response capture holds it and ``IntegrityError``
    when the record is missing, damaged or not a response, or its bytes do not hash to
    ``sha256`` (so a caller never works on silently wrong bytes).
    """
    row = db.execute(
        "SELECT url, site_id, warc_file, warc_offset, response_headers FROM captures"
        f" WHERE document_id = {DOCUMENT_ID}"
        " AND warc_record_type = 'response' ORDER BY id LIMIT 1",
        [sha256],
    ).fetchone()
    if row is None:
        msg = f"no stored payload for document {sha256}"
        raise UnknownDocumentError(msg)
    url, site_id, warc_file, offset, headers_json = row
    record = read_record(warc_dir / warc_file, offset)
    if record.rec_type != "response":
        msg = f"expected a response record for {sha256}, found {record.rec_type}"
        raise IntegrityError(msg, warc_file=warc_file, offset=offset)
    if hashlib.sha256(record.payload).hexdigest() != sha256:
        msg = f"payload of {url} does not hash to {sha256}"
        raise IntegrityError(msg, warc_file=warc_file, offset=offset)
    if headers_json is None:  # the record holds them (archive.capture_headers)
        headers = tuple(received_headers(record.http_headers))
    else:
        headers = tuple((str(k), str(v)) for k, v in json.loads(headers_json))
    return StoredPayload(sha256, url, site_id, headers, record.payload)
