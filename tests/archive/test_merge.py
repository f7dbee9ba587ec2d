"""Merging archives: content-addressed, records copied once, idempotent, order-free, refusals."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from archive import Archive, verify
from archive.errors import MergeRefusedError
from archive.merge import merge
from archive.merge_rows import canonical_dump
from archive.textstore import TextReader
from archive.verify import open_index_readonly
from crawler.cli import cli

SHARED = b"<html><body>the same attachment on two hosts</body></html>"


def build(directory, make_capture, host, worker, *, parse=False):
    """One worker's archive: a page of its own, the shared payload, and a re-fetch (revisit)."""
    with Archive.open(directory, software_version="0.1.0-test") as arch:
        crawl = arch.start_crawl(sites=[host], worker=worker)
        own = arch.store(
            make_capture(
                url=f"http://{host}/a.html",
                body=f"<html><body>{host}</body></html>".encode(),
                crawl_id=crawl,
                site_id=host,
            )
        )
        arch.store(
            make_capture(
                url=f"http://{host}/f.html", body=SHARED, crawl_id=crawl, site_id=host
            )
        )
        arch.store(
            make_capture(
                url=f"http://{host}/f2.html", body=SHARED, crawl_id=crawl, site_id=host
            )
        )
        arch.record_event(
            crawl_id=crawl, site_id=host, url=f"http://{host}/x", kind="offsite"
        )
        if parse:
            arch.parse_document(own.sha256)
        arch.finish_crawl(crawl, status="finished", stats={})


@pytest.fixture
def shards(tmp_path, make_capture):
    a, b = tmp_path / "a", tmp_path / "b"
    build(a, make_capture, "a.test", "node-a shard 0/2", parse=True)
    build(b, make_capture, "b.test", "node-b shard 1/2")
    return a, b


def dump(directory):
    db = open_index_readonly(directory)
    try:
        return canonical_dump(db)
    finally:
        db.close()


def query(directory, sql):
    with closing(
        sqlite3.connect(f"file:{directory}/index.sqlite?mode=ro", uri=True)
    ) as db:
        return db.execute(sql).fetchall()


def record_ids(directory):
    """Every record's WARC-Record-ID, the (URI, date) of each response, each revisit's target."""
    ids, responses, refers = [], set(), []
    for path in sorted((directory / "warc").glob("*.warc.gz")):
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                headers = record.rec_headers
                ids.append(headers.get_header("WARC-Record-ID"))
                if record.rec_type == "response":
                    responses.add(
                        (
                            headers.get_header("WARC-Target-URI"),
                            headers.get_header("WARC-Date"),
                        )
                    )
                if record.rec_type == "revisit":
                    refers.append(
                        (
                            headers.get_header("WARC-Refers-To-Target-URI"),
                            headers.get_header("WARC-Refers-To-Date"),
                        )
                    )
    return ids, responses, refers


def test_documents_dedupe_by_sha256_and_captures_keep_crawl_worker_and_time(
    shards, tmp_path
):
    a, b = shards
    out = tmp_path / "out"
    result = merge([a, b], out, software_version="t")
    assert (result.crawls, result.captures, result.events) == (2, 6, 2)
    assert result.warc_files == 2
    shared = query(
        out,
        "SELECT capture_count, first_url FROM documents WHERE id IN"
        " (SELECT document_id FROM captures WHERE url LIKE '%/f.html')",
    )
    assert shared == [(4, "http://a.test/f.html")]  # a's sighting came first
    rows = query(
        out,
        "SELECT c.url, c.fetched_at, k.worker FROM captures c JOIN crawls k"
        " ON k.id = c.crawl_id ORDER BY c.url",
    )
    before = query(a, "SELECT url, fetched_at FROM captures") + query(
        b, "SELECT url, fetched_at FROM captures"
    )
    assert sorted((u, t) for u, t, _ in rows) == sorted(before)
    assert {w for u, _, w in rows if "a.test" in u} == {"node-a shard 0/2"}
    assert verify(out).ok, verify(out).problems


def test_warc_records_are_copied_once_with_their_ids_and_revisits_resolve(
    shards, tmp_path
):
    a, b = shards
    out = tmp_path / "out"
    merge([a, b], out, software_version="t")
    merge([b, a], out, software_version="t")
    ids, responses, refers = record_ids(out)
    inputs = record_ids(a)[0] + record_ids(b)[0]
    assert sorted(ids) == sorted(inputs)  # every record once, ids unchanged
    assert len(ids) == len(set(ids))
    assert len(refers) == 2  # each re-fetch is a revisit of a response present
    assert set(refers) <= responses


def test_merging_again_changes_nothing_and_order_does_not_matter(shards, tmp_path):
    a, b = shards
    first, second = tmp_path / "ab", tmp_path / "ba"
    merge([a, b], first, software_version="t")
    once = dump(first)
    again = merge([a, b], first, software_version="t")
    assert (again.warc_files, again.crawls, again.captures, again.documents) == (
        0,
        0,
        0,
        0,
    )
    assert (again.events, again.parsed) == (0, 0)
    assert dump(first) == once
    merge([b, a], second, software_version="t")
    assert dump(second) == once
    merge([a], second, software_version="t")  # a part again, alone
    assert dump(second) == once


def test_merged_archive_merges_into_another_without_duplicates(shards, tmp_path):
    a, b = shards
    ab, all_ = tmp_path / "ab", tmp_path / "all"
    merge([a, b], ab, software_version="t")
    merge([ab, a], all_, software_version="t")
    assert dump(all_) == dump(ab)


def test_documents_an_input_had_parsed_are_parsed_in_the_merged_archive(
    shards, tmp_path
):
    a, b = shards
    out = tmp_path / "out"
    result = merge([a, b], out, software_version="t")
    assert result.parsed == 1
    assert query(out, "SELECT count(DISTINCT document_id) FROM texts") == [(1,)]
    # the text the copied row names came along from the input's extraction store
    ((sha256, key),) = query(
        out,
        "SELECT d.sha256, t.extraction_key FROM texts t"
        " JOIN documents d ON d.id = t.document_id WHERE t.extractor IS NOT NULL",
    )
    assert _text(out, sha256, key)
    assert _text(out, sha256, key) == _text(a, sha256, key)


def _text(directory, sha256, key):
    reader = TextReader(directory)
    try:
        return reader.read(sha256, key)[0]
    finally:
        reader.close()


def test_an_input_open_in_a_writer_is_refused(shards, tmp_path):
    a, b = shards
    with (
        Archive.open(b, software_version="t"),
        pytest.raises(MergeRefusedError, match="open in a writer"),
    ):
        merge([a, b], tmp_path / "out", software_version="t")
    assert not (tmp_path / "out").exists()


def test_a_directory_that_is_no_archive_is_refused(shards, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(MergeRefusedError, match="not a nianbao archive"):
        merge([shards[0], tmp_path / "empty"], tmp_path / "out", software_version="t")


def test_the_output_cannot_be_an_input(shards):
    with pytest.raises(MergeRefusedError, match="both an input and the output"):
        merge(list(shards), shards[0], software_version="t")


def test_an_input_of_another_index_schema_is_refused(shards, tmp_path):
    a, b = shards
    with closing(sqlite3.connect(b / "index.sqlite")) as db:
        db.execute("PRAGMA user_version = 1")
    with pytest.raises(MergeRefusedError, match="index schema 1"):
        merge([a, b], tmp_path / "out", software_version="t")


def test_parse_rows_are_copied_as_made_not_made_again(shards, tmp_path):
    """A text whose extraction depended on its machine stays the one the input holds."""
    a, b = shards
    with closing(sqlite3.connect(a / "index.sqlite")) as db:
        db.execute('UPDATE texts SET meta = \'{"made": "elsewhere"}\'')
        db.commit()
    out = tmp_path / "out"
    merge([a, b], out, software_version="t")
    assert query(out, "SELECT meta FROM texts") == [('{"made": "elsewhere"}',)]


def test_a_damaged_input_is_refused_before_anything_is_copied(shards, tmp_path):
    a, b = shards
    warc = next((b / "warc").glob("*.warc.gz"))
    data = bytearray(warc.read_bytes())
    data[len(data) // 2] ^= 0xFF
    warc.write_bytes(bytes(data))
    with pytest.raises(MergeRefusedError, match="damaged WARC"):
        merge([a, b], tmp_path / "out", software_version="t")


def test_cli_merge_prints_the_summary_and_a_refusal_as_one_error_line(shards, tmp_path):
    a, b = shards
    ok = CliRunner().invoke(
        cli, ["merge", str(a), str(b), "--into", str(tmp_path / "m")]
    )
    assert ok.exit_code == 0, ok.output
    assert ok.output.startswith("merged: 2 WARC files, 2 crawls, 6 captures")
    (tmp_path / "nothing").mkdir()
    bad = CliRunner().invoke(
        cli, ["merge", str(tmp_path / "nothing"), "--into", str(tmp_path / "m")]
    )
    assert bad.exit_code == 1
    assert [line for line in bad.output.splitlines() if line] == [bad.output.strip()]
    assert bad.output.startswith("Error: ")


def test_a_merge_cut_short_after_copying_is_finished_by_running_it_again(
    shards, tmp_path, monkeypatch
):
    a, b = shards
    out, whole = tmp_path / "out", tmp_path / "whole"
    merge([a, b], whole, software_version="t")

    def crash(*_args, **_kwargs):
        raise OSError("killed between the WARC copy and the index commit")

    monkeypatch.setattr("archive.merge_rows.merge_crawls", crash)
    with pytest.raises(OSError, match="killed"):
        merge([a, b], out, software_version="t")
    monkeypatch.undo()
    assert len(list((out / "warc").glob("*.warc.gz.part"))) == 2  # staged, unnamed
    assert not list((out / "warc").glob("*.warc.gz"))  # nothing a writer would "repair"
    assert query(out, "SELECT count(*) FROM captures") == [(0,)]
    merge([a, b], out, software_version="t")  # the writer's open-time repair runs first
    assert dump(out) == dump(whole)
    assert verify(out).ok, verify(out).problems


def test_a_merge_cut_short_after_its_index_commit_is_finished_by_running_it_again(
    shards, tmp_path, monkeypatch
):
    a, b = shards
    out, whole = tmp_path / "out", tmp_path / "whole"
    merge([a, b], whole, software_version="t")

    def crash(*_args, **_kwargs):
        raise OSError("killed before the copies got their names")

    monkeypatch.setattr("archive.merge.publish", crash)
    with pytest.raises(OSError, match="killed"):
        merge([a, b], out, software_version="t")
    monkeypatch.undo()
    assert not verify(out).ok  # rows point at files not there yet
    again = merge([a, b], out, software_version="t")
    assert again.warc_files == 2
    assert again.captures == 0
    assert dump(out) == dump(whole)
    assert verify(out).ok, verify(out).problems


def test_an_index_without_the_worker_column_gets_it_on_open(tmp_path, make_capture):
    old = tmp_path / "old"
    build(old, make_capture, "o.test", "w")
    with closing(sqlite3.connect(old / "index.sqlite")) as db:
        db.execute("ALTER TABLE crawls DROP COLUMN worker")
        db.commit()
    with Archive.open(old, software_version="t") as arch:
        crawl = arch.start_crawl(sites=["o.test"], worker="node shard 0/1")
        arch.finish_crawl(crawl, status="finished", stats={})
    assert query(old, "SELECT worker FROM crawls ORDER BY id") == [
        (None,),
        ("node shard 0/1",),
    ]


def test_merging_a_shard_again_after_its_next_crawl_adds_only_that_crawl(
    shards, tmp_path, make_capture
):
    a, b = shards
    hourly, fresh = tmp_path / "hourly", tmp_path / "fresh"
    merge([a, b], hourly, software_version="t")
    build(
        a, make_capture, "a.test", "node-a shard 0/2"
    )  # the next round: a new WARC file
    again = merge([a, b], hourly, software_version="t")
    assert (again.warc_files, again.crawls, again.captures) == (1, 1, 3)
    merge([b, a], fresh, software_version="t")
    assert dump(hourly) == dump(fresh)
    assert verify(hourly).ok, verify(hourly).problems


#: A report with its document and metadata sources as content: what a merge must keep.
_REPORTS = (
    "SELECT d.sha256, s.sources, r.status, r.parser_version FROM reports r"
    " JOIN documents d ON d.id = r.document_id"
    " LEFT JOIN metadata_source_sets s ON s.id = r.metadata_sources_id"
)


def test_copied_reports_name_their_document_and_sources_by_the_output_s_ids(
    shards, tmp_path
):
    """Document ids and metadata source ids are local: the copies are mapped by content."""
    a, b = shards
    with Archive.open(b, software_version="0.1.0-test") as arch:
        # ids b gives differ from a's: a source set a lacks, then b's page parsed
        arch.db.execute(
            'INSERT INTO metadata_source_sets (sources) VALUES (\'{"title": "x"}\')'
        )
        (sha256,) = arch.db.execute(
            "SELECT d.sha256 FROM captures c JOIN documents d ON d.id = c.document_id"
            " WHERE c.url = 'http://b.test/a.html'"
        ).fetchone()
        arch.parse_document(sha256)
    assert query(a, "SELECT id FROM metadata_source_sets") != query(
        b, "SELECT id FROM metadata_source_sets"
    )
    out = tmp_path / "out"
    merge([b, a], out, software_version="t")
    assert sorted(query(out, _REPORTS)) == sorted(
        query(a, _REPORTS) + query(b, _REPORTS)
    )
    assert query(out, "SELECT count(*) FROM reports") == [(2,)]
