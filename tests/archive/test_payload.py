from __future__ import annotations

from datetime import timedelta

import pytest

from archive import IntegrityError, UnknownDocumentError

from .conftest import T0

URL = "http://demo.test/col/list_1.html"
GBK_HEADERS = (
    ("Content-Type", "text/html; charset=GBK"),
    ("ETag", '"v1"'),
    ("Last-Modified", "Sat, 21 Nov 2026 00:00:00 GMT"),
)


def test_payload_reads_the_stored_bytes_back(archive, make_capture):
    body = "<html>政府信息公开年报 列表</html>".encode("gbk")
    stored = archive.store(
        make_capture(url=URL, body=body, kind="list", response_headers=GBK_HEADERS)
    )
    assert archive.payload(stored.sha256) == body
    full = archive.stored_payload(stored.sha256)
    assert full.url == URL
    assert ("Content-Type", "text/html; charset=GBK") in full.response_headers


def test_payload_of_a_revisit_comes_from_the_first_response(archive, make_capture):
    body = b"<html>same</html>"
    first = archive.store(make_capture(url=URL, body=body, kind="list"))
    again = archive.store(make_capture(url=URL + "?again", body=body, kind="list"))
    assert again.sha256 == first.sha256
    assert archive.payload(again.sha256) == body


def test_payload_of_an_unknown_document_is_a_typed_error(archive):
    with pytest.raises(UnknownDocumentError):
        archive.payload("0" * 64)


def test_payload_with_damaged_bytes_is_an_integrity_error(
    archive, archive_dir, make_capture
):
    stored = archive.store(make_capture(url=URL, body=b"<html>x</html>", kind="list"))
    # point the index at another document's record: bytes that do not hash to the key
    other = archive.store(make_capture(url=URL, body=b"<html>y</html>", kind="list"))
    archive.db.execute(
        "UPDATE captures SET warc_offset = ? WHERE id = ?",
        [other.warc_offset, stored.capture_id],
    )
    with pytest.raises(IntegrityError, match="does not hash"):
        archive.payload(stored.sha256)


def test_304_is_stored_as_not_modified_without_a_body(archive, make_capture):
    body = b"<html>list v1</html>"
    first = archive.store(
        make_capture(url=URL, body=body, kind="list", response_headers=GBK_HEADERS)
    )
    # a crawler that substituted the archived body for its callbacks passes it along
    stored = archive.store(
        make_capture(
            url=URL,
            body=body,
            status=304,
            kind="list",
            fetched_at=T0 + timedelta(days=1),
            response_headers=(),
        )
    )
    row = archive.db.execute(
        "SELECT c.kind, c.size, d.sha256, c.warc_record_type, c.etag FROM captures c"
        " JOIN documents d ON d.id = c.document_id WHERE c.id = ?",
        [stored.capture_id],
    ).fetchone()
    assert row == ("not-modified", 0, first.sha256, "revisit", '"v1"')
    last = archive.last_capture(URL)
    assert last is not None
    assert (last.status, last.etag) == (304, '"v1"')


def test_first_capture_is_the_oldest_200(archive, make_capture):
    archive.store(make_capture(url=URL, body=b"a", kind="list", fetched_at=T0))
    archive.store(
        make_capture(url=URL, body=b"b", kind="list", fetched_at=T0 + timedelta(days=2))
    )
    first = archive.first_capture(URL)
    assert first is not None
    assert first.fetched_at == "2026-11-21T08:00:00.000000Z"
    assert archive.first_capture(URL + "?other") is None
