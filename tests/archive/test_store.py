from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive import Archive, ArchiveError, ArchiveNotWritableError
from archive.parsewriter import ParseWriter
from archive.warc import sha1_digest


def _records(archive_dir):
    out = []
    for path in sorted((archive_dir / "warc").glob("*.warc.gz")):
        with path.open("rb") as fh:
            it = ArchiveIterator(fh, check_digests=True)
            for rec in it:
                body = rec.content_stream().read()
                out.append(
                    (
                        path.name,
                        it.get_record_offset(),
                        rec,
                        body,
                        rec.digest_checker.passed,
                    )
                )
    return out


def test_store_round_trip_is_readable_by_warcio_with_matching_digests(
    archive, archive_dir, make_capture
):
    body = "<html>政府信息公开工作年度报告</html>".encode() * 500
    stored = archive.store(make_capture(body=body, ip_address="127.0.0.1"))
    assert stored.is_new_document
    assert stored.sha256 == hashlib.sha256(body).hexdigest()
    records = _records(archive_dir)
    types = [r[2].rec_type for r in records]
    assert types == ["warcinfo", "response", "request"]
    assert all(passed is not False for *_, passed in records)
    name, offset, response, payload, passed = records[1]
    assert passed is True
    assert payload == body
    assert (name, offset) == (stored.warc_file, stored.warc_offset)
    assert response.rec_headers.get_header("WARC-Payload-Digest") == sha1_digest(body)
    assert response.rec_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    assert response.rec_headers.get_header("WARC-Nianbao-Sha256") == stored.sha256
    request = records[2][2]
    assert request.rec_headers.get_header(
        "WARC-Concurrent-To"
    ) == response.rec_headers.get_header("WARC-Record-ID")
    assert request.http_headers.protocol == "GET"


def test_warcinfo_names_software_and_no_hostname(archive, archive_dir, make_capture):
    archive.store(make_capture())
    info = _records(archive_dir)[0]
    text = info[3].decode()
    assert "software: nianbao/0.1.0-test" in text
    assert "hostname" not in text.lower()


def test_wire_encoding_headers_are_renamed_and_length_is_true(
    archive, archive_dir, make_capture
):
    body = b"x" * 1234
    headers = (
        ("Content-Type", "text/html"),
        ("Content-Encoding", "gzip"),
        ("Content-Length", "99"),
        ("Transfer-Encoding", "chunked"),
    )
    archive.store(make_capture(body=body, response_headers=headers))
    response = _records(archive_dir)[1][2]
    http = response.http_headers
    assert http.get_header("Content-Encoding") is None
    assert http.get_header("Transfer-Encoding") is None
    assert http.get_header("Content-Length") == "1234"
    assert http.get_header("X-Nianbao-Original-Content-Encoding") == "gzip"
    assert http.get_header("X-Nianbao-Original-Content-Length") == "99"


def test_identical_payload_at_two_urls_gives_one_document_two_captures_and_a_revisit(
    archive, archive_dir, make_capture
):
    first = archive.store(make_capture(url="http://demo.test/a.html", body=b"same"))
    second = archive.store(make_capture(url="http://demo.test/b.html", body=b"same"))
    assert first.is_new_document
    assert not second.is_new_document
    assert first.sha256 == second.sha256
    assert archive.db.table("documents").count == 1
    [doc] = archive.db.table("documents").rows_where("sha256 = ?", [first.sha256])
    assert doc["capture_count"] == 2
    assert doc["first_url"] == "http://demo.test/a.html"
    assert archive.db.table("captures").count == 2
    revisit = next(r for r in _records(archive_dir) if r[1] == second.warc_offset)[2]
    assert revisit.rec_type == "revisit"
    assert revisit.rec_headers.get_header("WARC-Profile").endswith(
        "identical-payload-digest"
    )
    assert (
        revisit.rec_headers.get_header("WARC-Refers-To-Target-URI")
        == "http://demo.test/a.html"
    )
    assert revisit.rec_headers.get_header("WARC-Refers-To-Date") == doc["first_seen"]
    assert revisit.rec_headers.get_header("WARC-Payload-Digest") == sha1_digest(b"same")


def test_different_bytes_at_the_same_url_give_two_documents(archive, make_capture):
    a = archive.store(make_capture(body=b"version 1"))
    b = archive.store(make_capture(body=b"version 2 corrected"))
    assert a.is_new_document
    assert b.is_new_document
    assert a.sha256 != b.sha256
    assert archive.db.table("documents").count == 2


def test_not_modified_becomes_server_not_modified_revisit_of_previous_capture(
    archive, archive_dir, make_capture
):
    url = "http://demo.test/list/index.html"
    first = archive.store(
        make_capture(
            url=url, body=b"list", kind="list", response_headers=(("ETag", '"v1"'),)
        )
    )
    again = archive.store(
        make_capture(url=url, body=b"", status=304, kind="not-modified")
    )
    assert again.sha256 == first.sha256
    assert not again.is_new_document
    rec = next(r for r in _records(archive_dir) if r[1] == again.warc_offset)[2]
    assert rec.rec_type == "revisit"
    assert rec.rec_headers.get_header("WARC-Profile").endswith("server-not-modified")
    assert rec.rec_headers.get_header("WARC-Refers-To-Target-URI") == url
    last = archive.last_capture(url)
    assert last is not None
    assert last.status == 304
    assert last.etag == '"v1"'  # carried over: the 304 did not repeat it
    assert last.sha256 == first.sha256


def test_not_modified_never_refers_to_a_soft_404_served_in_between(
    archive, make_capture
):
    # The conditional request carried the good capture's validators (last_capture skips
    # soft-404s), so the 304 confirms that body, not the "file not found" page seen since.
    url = "http://demo.test/zfxxgknb/t1.html"
    good = archive.store(
        make_capture(
            url=url, body=b"<html>report</html>", response_headers=(("ETag", '"v1"'),)
        )
    )
    archive.store(
        make_capture(url=url, body=b"<html>not found</html>", kind="soft-404")
    )
    again = archive.store(
        make_capture(url=url, body=b"", status=304, kind="not-modified")
    )
    assert again.sha256 == good.sha256


def test_not_modified_after_a_revisit_refers_to_the_record_holding_the_payload(
    archive, archive_dir, make_capture
):
    archive.store(make_capture(url="http://demo.test/a.html", body=b"same"))
    archive.store(make_capture(url="http://demo.test/b.html", body=b"same"))
    again = archive.store(
        make_capture(
            url="http://demo.test/b.html", body=b"", status=304, kind="not-modified"
        )
    )
    rec = next(r for r in _records(archive_dir) if r[1] == again.warc_offset)[2]
    assert (
        rec.rec_headers.get_header("WARC-Refers-To-Target-URI")
        == "http://demo.test/a.html"
    )
    [doc] = archive.db.table("documents").rows_where("sha256 = ?", [again.sha256])
    assert doc["capture_count"] == 3


def test_last_capture_of_unknown_url_is_none(archive):
    assert archive.last_capture("http://demo.test/never") is None


def test_capture_row_keeps_provenance(archive, make_capture):
    crawl = archive.start_crawl(sites=["demo-trs"], settings_digest="abc")
    stored = archive.store(
        make_capture(
            crawl_id=crawl,
            final_url="http://demo.test/final.html",
            referrer="http://demo.test/list.html",
            anchor_text="2021年政府信息公开工作年度报告",
            response_headers=(
                ("Content-Type", "text/html; charset=GBK"),
                ("Last-Modified", "x"),
            ),
        )
    )
    row = archive.db.table("captures").get(stored.capture_id)
    assert row["crawl_id"] == crawl
    assert row["final_url"] == "http://demo.test/final.html"
    assert row["anchor_text"] == "2021年政府信息公开工作年度报告"
    assert row["media_type"] == "text/html"
    assert row["last_modified"] == "x"
    assert row["software_version"] == "0.1.0-test"
    assert row["fetched_at"] == "2026-11-21T08:00:00.000000Z"
    # ASCII headers are read back from the response record, not kept in the index
    assert row["response_headers"] is None
    assert archive.stored_payload(stored.sha256).response_headers[:2] == (
        ("Content-Type", "text/html; charset=GBK"),
        ("Last-Modified", "x"),
    )


def test_headers_the_record_cannot_give_back_stay_in_the_index(archive, make_capture):
    received = (
        ("Content-Type", "application/pdf"),
        ("Content-Disposition", 'attachment; filename="年报.pdf"'),
        ("Content-Encoding", "gzip"),
    )
    stored = archive.store(make_capture(response_headers=received))
    row = archive.db.table("captures").get(stored.capture_id)
    assert json.loads(row["response_headers"]) == [list(h) for h in received]
    assert archive.stored_payload(stored.sha256).response_headers == received


def test_wire_encoding_headers_come_back_as_received(archive, make_capture):
    received = (
        ("Content-Encoding", "gzip"),
        ("Transfer-Encoding", "chunked"),
        ("Content-Length", "40"),
        ("Set-Cookie", "a=1"),
        ("Set-Cookie", "b=2"),
    )
    stored = archive.store(make_capture(response_headers=received))
    assert (
        archive.db.table("captures").get(stored.capture_id)["response_headers"] is None
    )
    assert archive.stored_payload(stored.sha256).response_headers == received


def test_warc_rotates_when_the_file_exceeds_max_bytes(archive_dir, make_capture):
    with Archive.open(archive_dir, software_version="t", warc_max_bytes=2_000) as arch:
        names = {
            arch.store(
                make_capture(url=f"http://d.test/{i}", body=os.urandom(3_000))
            ).warc_file
            for i in range(3)
        }
    assert len(names) == 3
    files = sorted(p.name for p in (archive_dir / "warc").glob("*.warc.gz"))
    assert [n[-13:] for n in files] == [
        "00001.warc.gz",
        "00002.warc.gz",
        "00003.warc.gz",
    ]
    for name in files:  # every file opens with its own warcinfo
        with (archive_dir / "warc" / name).open("rb") as fh:
            assert next(iter(ArchiveIterator(fh))).rec_type == "warcinfo"


def test_reopening_appends_to_the_newest_file(archive_dir, make_capture):
    with Archive.open(archive_dir, software_version="t") as arch:
        a = arch.store(make_capture(body=b"one"))
    with Archive.open(archive_dir, software_version="t") as arch:
        b = arch.store(make_capture(body=b"two"))
    assert a.warc_file == b.warc_file
    assert b.warc_offset > a.warc_offset


def test_second_writer_gets_a_clear_error(archive, archive_dir):
    with pytest.raises(ArchiveError, match="another writer"):
        Archive.open(archive_dir, software_version="t")


def test_unwritable_directory_raises_archive_not_writable(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(ArchiveNotWritableError, match="cannot create or write"):
        Archive.open(blocker / "arch", software_version="t")


def test_naive_fetched_at_is_refused(archive, make_capture):
    with pytest.raises(ArchiveError, match="timezone-aware"):
        archive.store(make_capture(fetched_at=datetime(2026, 1, 1)))
    assert archive.db.table("captures").count == 0


def test_crawl_rows_record_start_and_finish(archive):
    crawl = archive.start_crawl(sites=["a", "b"], settings_digest="d1")
    archive.finish_crawl(crawl, status="finished", stats={"pages": 3})
    row = archive.db.table("crawls").get(crawl)
    assert json.loads(row["sites"]) == ["a", "b"]
    assert row["status"] == "finished"
    assert json.loads(row["stats"]) == {"pages": 3}
    assert row["finished"] >= row["started"]
    with pytest.raises(ArchiveError, match="no crawl"):
        archive.finish_crawl(crawl + 99, status="finished", stats={})


def test_record_event_is_stored(archive):
    archive.record_event(
        crawl_id=None,
        site_id="s",
        url="http://x.test/",
        kind="offsite",
        referrer="http://s/",
    )
    (row,) = archive.db.table("events").rows
    assert (row["kind"], row["url"], row["referrer"]) == (
        "offsite",
        "http://x.test/",
        "http://s/",
    )


def test_index_is_in_wal_mode(archive):
    assert archive.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_soft_404_capture_is_not_the_last_good_copy_of_its_url(
    archive_dir, make_capture
):
    # Conditional requests and revisits key on the last good capture: a 200 error page stored
    # as kind soft-404 must not make the real report look archived.
    with Archive.open(archive_dir, software_version="t") as arch:
        arch.store(
            make_capture(
                url="http://d.test/r.html", body=b"page not found", kind="soft-404"
            )
        )
        assert arch.last_capture("http://d.test/r.html") is None
        assert arch.first_capture("http://d.test/r.html") is None
        arch.store(
            make_capture(url="http://d.test/r.html", body=b"the report", kind="report")
        )
        row = arch.last_capture("http://d.test/r.html")
        assert row is not None
        assert row.sha256 == hashlib.sha256(b"the report").hexdigest()


def test_the_index_writers_keep_statement_journals_in_memory(tmp_path):
    """Both writers of the index (the archive's, a parse worker's) keep SQLite's temporary
    files in memory: statement journals of a report's writes spill past 64 KiB, and written to
    files they were three quarters of a parse worker's writes."""
    memory = 2  # PRAGMA temp_store: 0 default (files here), 1 file, 2 memory
    with Archive.open(tmp_path) as archive:
        assert archive.db.execute("PRAGMA temp_store").fetchone()[0] == memory
        worker = ParseWriter(tmp_path)._connect()
        assert worker.execute("PRAGMA temp_store").fetchone()[0] == memory
        worker.conn.close()


def test_the_index_is_packed_with_its_temporary_copy_in_a_file(tmp_path):
    """``VACUUM`` builds its copy of the index as a temporary database: with the writer's
    in-memory temporaries it would hold the whole index in memory, so closing sets files back
    first."""
    archive = Archive.open(tmp_path)
    statements: list[str] = []
    archive.db.conn.set_trace_callback(statements.append)
    archive.close()
    assert "VACUUM" in statements
    assert statements.index("PRAGMA temp_store=DEFAULT") < statements.index("VACUUM")
