"""WARC records as replay tools read them: final URLs, and 304 revisits that replay the body.

pywb serves a revisit whose HTTP header block says 3xx as an empty answer, and finds the
original by ``WARC-Refers-To-Target-URI``/``-Date`` and the payload digest; these tests read the
records back with warcio and check what pywb would use.
"""

from __future__ import annotations

from warcio.archiveiterator import ArchiveIterator

from archive.warc import sha1_digest


def _record_at(archive_dir, stored):
    path = archive_dir / "warc" / stored.warc_file
    with path.open("rb") as handle:
        handle.seek(stored.warc_offset)
        record = next(iter(ArchiveIterator(handle)))
        return record, record.content_stream().read()


def test_body_reached_through_a_redirect_is_written_under_its_final_url(
    archive, archive_dir, make_capture
):
    old, final = "http://demo.test/old/1.html", "http://demo.test/zfxxgknb/1.html"
    stored = archive.store(make_capture(url=old, final_url=final))
    record, _ = _record_at(archive_dir, stored)
    assert record.rec_headers.get_header("WARC-Target-URI") == final
    # the index still knows both: the URL asked for and the one that answered
    rows = list(archive.db.query("select url, final_url from captures"))
    assert rows == [{"url": old, "final_url": final}]


def test_a_304_revisit_carries_the_original_status_headers_and_digest(
    archive, archive_dir, make_capture
):
    url = "http://demo.test/zfxxgknb/2.html"
    body = b"<html>report two</html>"
    archive.store(
        make_capture(
            url=url,
            body=body,
            response_headers=(
                ("Content-Type", "text/html; charset=utf-8"),
                ("ETag", '"v1"'),
            ),
        )
    )
    again = archive.store(
        make_capture(url=url, body=b"", status=304, kind="not-modified")
    )
    record, payload = _record_at(archive_dir, again)
    assert record.rec_type == "revisit"
    assert record.http_headers.get_statuscode() == "200"
    assert record.http_headers.get_header("Content-Type") == "text/html; charset=utf-8"
    assert record.http_headers.get_header("Content-Length") == str(len(body))
    assert (
        record.http_headers.get_header("X-Nianbao-Received-Status")
        == "304 Not Modified"
    )
    assert record.rec_headers.get_header("WARC-Payload-Digest") == sha1_digest(body)
    assert record.rec_headers.get_header("WARC-Refers-To-Target-URI") == url
    assert payload == b""  # the bytes stay in the original record only


def test_a_304_after_a_redirected_200_refers_to_the_final_url(
    archive, archive_dir, make_capture
):
    old, final = "http://demo.test/old/3.html", "http://demo.test/zfxxgknb/3.html"
    archive.store(make_capture(url=old, final_url=final, body=b"three"))
    again = archive.store(
        make_capture(
            url=old, final_url=final, body=b"", status=304, kind="not-modified"
        )
    )
    record, _ = _record_at(archive_dir, again)
    assert record.rec_headers.get_header("WARC-Target-URI") == final
    assert record.rec_headers.get_header("WARC-Refers-To-Target-URI") == final


def test_exchange_kinds_are_archived_but_never_parsed_as_reports(archive, make_capture):
    hop = archive.store(
        make_capture(
            url="http://demo.test/old/4.html",
            body=b"",
            status=301,
            kind="redirect",
            response_headers=(("Location", "http://demo.test/zfxxgknb/4.html"),),
        )
    )
    robots = archive.store(
        make_capture(
            url="http://demo.test/robots.txt", body=b"User-agent: *\n", kind="robots"
        )
    )
    kinds = {r["kind"] for r in archive.db.query("select kind from captures")}
    assert kinds == {"redirect", "robots"}
    assert hop.capture_id != robots.capture_id
    assert not list(archive.db.query("select * from texts"))
