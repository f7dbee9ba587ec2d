"""Texts, files and cursors out of a small hand-made archive: rows, since, cat and its errors.

Two report pages are stored and parsed in one crawl, a third in a second crawl; a feed pulled
with the first crawl's id, or with the cursor the first pull returned, holds exactly the third.
``cat`` writes the stored bytes; a flipped byte in the WARC, an unknown digest and a bad cursor
each end in one ``Error:`` line and exit status 1.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json

import jsonschema
import pytest
from click.testing import CliRunner

from archive import (
    Archive,
    IntegrityError,
    InvalidCursorError,
    ReadOnlyArchive,
    UnknownDocumentError,
    export_feed,
    reparse,
    row_schema,
    write_files,
    write_wacz,
)
from crawler.cli import cli
from crawler.sampleportal.reportgen import generate_numbers, render_html


def _page(agency: str, seed: int) -> bytes:
    import random

    numbers = generate_numbers(random.Random(seed), "2021")  # noqa: S311 (test data)
    title = f"{agency}2021年政府信息公开工作年度报告"
    body = render_html(title, agency, 2021, numbers)
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body>{body}</body></html>"
    ).encode()


PAGES = {
    "http://demo.test/nb/a.html": _page("示范区人民政府", 1),
    "http://demo.test/nb/b.html": _page("示范区教育局", 2),
    "http://demo.test/nb/c.html": _page("示范区财政局", 3),
}


def _crawl(archive_dir, make_capture, urls) -> int:
    with Archive.open(archive_dir, software_version="0.1.0-test") as arch:
        crawl_id = arch.start_crawl(sites=["demo-trs"])
        stored = [
            arch.store(make_capture(url=u, body=PAGES[u], crawl_id=crawl_id))
            for u in urls
        ]
        arch.parse_documents([s.sha256 for s in stored], workers=1)
        arch.finish_crawl(crawl_id, status="finished", stats={})
    return crawl_id


@pytest.fixture
def two_crawls(archive_dir, make_capture):
    first = _crawl(archive_dir, make_capture, list(PAGES)[:2])
    out = io.StringIO()
    pulled = export_feed(archive_dir, table="texts", fmt="jsonl", out=out)
    second = _crawl(archive_dir, make_capture, list(PAGES)[2:])
    return first, second, pulled, out.getvalue()


def _texts(archive_dir, since):
    out = io.StringIO()
    result = export_feed(archive_dir, table="texts", fmt="jsonl", out=out, since=since)
    return [json.loads(line) for line in out.getvalue().splitlines()], result.cursor


def test_texts_rows_match_their_schema_and_carry_provenance(archive_dir, two_crawls):
    rows, _ = _texts(archive_dir, None)
    validator = jsonschema.Draft202012Validator(row_schema("text"))
    for row in rows:
        validator.validate(row)
    assert {r["document_sha256"] for r in rows} == {
        hashlib.sha256(b).hexdigest() for b in PAGES.values()
    }
    by_url = {r["first_capture"]["url"]: r for r in rows}
    row = by_url["http://demo.test/nb/a.html"]
    assert "示范区人民政府" in row["text"]
    assert row["tables"]
    assert all(isinstance(c, str) for c in row["tables"][0][0])
    assert row["report_key"] == "demo-trs:2021:示范区人民政府"
    assert row["first_capture"]["warc_record_type"] == "response"


def test_since_the_first_crawl_or_its_cursor_gives_exactly_the_new_report(
    archive_dir, two_crawls
):
    first, second, pulled, text = two_crawls
    assert pulled.rows == len(text.splitlines()) == 2
    c_sha = hashlib.sha256(PAGES["http://demo.test/nb/c.html"]).hexdigest()
    for since in (str(first), pulled.cursor):
        rows, cursor = _texts(archive_dir, since)
        assert [r["document_sha256"] for r in rows] == [c_sha]
        # pulled again with the new cursor: nothing; the same cursor twice: the same row
        assert _texts(archive_dir, cursor)[0] == []
        assert _texts(archive_dir, since)[0] == rows
    assert _texts(archive_dir, str(second))[0] == []


def test_reports_and_values_since_hold_only_the_changed_report(archive_dir, two_crawls):
    first = two_crawls[0]
    for table in ("reports", "values", "wide"):
        out = io.StringIO()
        export_feed(archive_dir, table=table, fmt="jsonl", out=out, since=str(first))
        keys = {json.loads(line)["report_key"] for line in out.getvalue().splitlines()}
        assert keys == {"demo-trs:2021:示范区财政局"}, table


def test_files_since_and_their_manifest(archive_dir, two_crawls, tmp_path):
    first = two_crawls[0]
    everything = write_files(archive_dir, tmp_path / "all")
    assert (everything.files, everything.written) == (3, 3)
    again = write_files(archive_dir, tmp_path / "all")
    assert (again.files, again.written) == (
        3,
        0,
    )  # same names, same bytes: not rewritten
    new = write_files(archive_dir, tmp_path / "new", since=str(first))
    manifest = [
        json.loads(line)
        for line in (tmp_path / "new" / "manifest.jsonl")
        .read_text("utf-8")
        .splitlines()
    ]
    assert new.files == len(manifest) == 1
    validator = jsonschema.Draft202012Validator(row_schema("manifest"))
    validator.validate(manifest[0])
    body = (tmp_path / "new" / manifest[0]["file"]).read_bytes()
    assert body == PAGES["http://demo.test/nb/c.html"]
    assert manifest[0]["file"].endswith(".html")


def test_cat_writes_the_stored_bytes(archive_dir, two_crawls, tmp_path):
    sha = hashlib.sha256(PAGES["http://demo.test/nb/b.html"]).hexdigest()
    target = tmp_path / "b.html"
    result = CliRunner().invoke(
        cli, ["cat", sha, "-o", str(target), "--archive", str(archive_dir)]
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == PAGES["http://demo.test/nb/b.html"]
    with ReadOnlyArchive.open(archive_dir) as reader:
        assert reader.read_bytes(sha) == PAGES["http://demo.test/nb/b.html"]
        with pytest.raises(UnknownDocumentError):
            reader.read_bytes("0" * 64)


def test_cat_refuses_bytes_that_do_not_match_their_digest(archive_dir, two_crawls):
    sha = hashlib.sha256(PAGES["http://demo.test/nb/a.html"]).hexdigest()
    with ReadOnlyArchive.open(archive_dir) as reader:
        [(name, offset, length)] = [
            tuple(r.values())
            for r in reader.query(
                "SELECT warc_file, warc_offset, warc_length FROM captures"
                " WHERE document_id = (SELECT id FROM documents WHERE sha256 = ?)",
                [sha],
            )
        ]
    path = archive_dir / "warc" / name
    data = bytearray(path.read_bytes())
    member = gzip.decompress(bytes(data[offset : offset + length]))
    damaged = member.replace("示范区人民政府".encode(), "示范区人民政甫".encode(), 1)
    assert damaged != member
    # a well-formed gzip member with other bytes: only the digest check can catch it
    data[offset : offset + length] = gzip.compress(damaged)
    path.write_bytes(bytes(data[: offset + len(gzip.compress(damaged))]))
    result = CliRunner().invoke(cli, ["cat", sha, "--archive", str(archive_dir)])
    assert result.exit_code == 1
    assert result.output.count("Error:") == 1
    with ReadOnlyArchive.open(archive_dir) as reader, pytest.raises(IntegrityError):
        reader.read_bytes(sha)


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("99", "no crawl with this id"),
        ("yesterday", "neither a crawl id nor an ISO-8601 time"),
    ],
)
def test_a_bad_cursor_is_one_error_line(archive_dir, two_crawls, since, message):
    result = CliRunner().invoke(
        cli,
        ["export", "--table", "texts", "--since", since, "--archive", str(archive_dir)],
    )
    assert result.exit_code == 1
    assert message in result.output
    assert result.output.count("Error:") == 1
    with pytest.raises(InvalidCursorError):
        export_feed(
            archive_dir, table="texts", fmt="jsonl", out=io.StringIO(), since=since
        )


def test_an_unfinished_crawl_is_no_cursor(archive_dir, two_crawls):
    with Archive.open(archive_dir, software_version="0.1.0-test") as arch:
        running = arch.start_crawl(sites=["demo-trs"])
    with pytest.raises(InvalidCursorError, match="has not finished"):
        export_feed(
            archive_dir,
            table="texts",
            fmt="jsonl",
            out=io.StringIO(),
            since=str(running),
        )


def test_a_time_cursor_without_zone_is_utc(archive_dir, two_crawls):
    rows, _ = _texts(archive_dir, "2000-01-01T00:00:00")
    assert len(rows) == 3
    assert _texts(archive_dir, "2999-01-01T00:00:00+08:00")[0] == []


def test_cursor_file_round_trip(archive_dir, two_crawls, tmp_path):
    cursor_file = tmp_path / "texts.cursor"
    args = ["export", "--table", "texts", "--cursor-file", str(cursor_file)]
    args += ["--archive", str(archive_dir)]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert (
        len([line for line in first.stdout.splitlines() if line.startswith("{")]) == 3
    )
    assert cursor_file.read_text().strip().endswith("Z")
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0
    assert not [line for line in second.stdout.splitlines() if line.startswith("{")]


def test_reparse_of_everything_delivers_texts_again_and_rewrites_no_file(
    archive_dir, two_crawls, tmp_path
):
    _, cursor = _texts(archive_dir, None)
    files = write_files(archive_dir, tmp_path / "files")
    reparse(archive_dir, only_outdated=True)  # nothing outdated: nothing written
    assert _texts(archive_dir, cursor)[0] == []
    assert write_files(archive_dir, tmp_path / "files", since=files.cursor).files == 0
    reparse(
        archive_dir, only_outdated=False
    )  # every document re-parsed: three new texts
    rows, _ = _texts(archive_dir, cursor)
    assert len(rows) == 3
    assert all(r["parsed_at"] > cursor for r in rows)
    # the same parser version replaced its extractions: the files are listed again (never
    # lost), and the bytes already there are not written again
    again = write_files(archive_dir, tmp_path / "files", since=files.cursor)
    assert (again.files, again.written) == (3, 0)


def test_the_api_streams_texts_and_reads_inside_the_snapshot(archive_dir, two_crawls):
    with ReadOnlyArchive.open(archive_dir) as reader:
        streamed = []
        for text in reader.texts():
            streamed.append(text.document_sha256)
            # reading bytes and a feed while the stream is open uses the same snapshot
            assert hashlib.sha256(
                reader.read_bytes(text.document_sha256)
            ).hexdigest() == (text.document_sha256)
            assert len(reader.texts_feed()[0]) == 3
        assert len(streamed) == 3
        newest = [r for r in reader.reports() if r.agency == "示范区财政局"]
        assert [(r.version, r.newest, r.year) for r in newest] == [(1, True, 2021)]
        assert len(list(reader.documents(reports_only=True))) == 3


def test_wacz_since_the_first_crawl_packages_only_the_new_page(
    archive_dir, two_crawls, tmp_path
):
    import subprocess
    import sys
    import zipfile
    from pathlib import Path

    first = two_crawls[0]
    package = tmp_path / "new.wacz"
    result = write_wacz(archive_dir, package, since=str(first))
    assert (result.records, result.pages) == (2, 1)  # the response and its request
    with zipfile.ZipFile(package) as zipped:
        pages = zipped.read("pages/pages.jsonl").decode().splitlines()
    assert json.loads(pages[1])["url"] == "http://demo.test/nb/c.html"
    assert json.loads(pages[1])["title"].startswith("示范区财政局")
    checked = subprocess.run(
        [Path(sys.executable).parent / "wacz", "validate", "-f", str(package)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Validation succeeded" in checked.stdout, checked.stdout + checked.stderr


def test_the_api_refuses_an_index_without_tables_and_a_missing_archive(tmp_path):
    import sqlite3

    from archive import ArchiveError

    with pytest.raises(ArchiveError, match=r"no index\.sqlite"):
        ReadOnlyArchive.open(tmp_path / "missing")
    (tmp_path / "new").mkdir()
    sqlite3.connect(
        tmp_path / "new" / "index.sqlite"
    ).close()  # as a writer just created it
    with pytest.raises(ArchiveError, match="no archive tables yet"):
        ReadOnlyArchive.open(tmp_path / "new")


@pytest.mark.parametrize(
    ("table", "column"), [("documents", "sha256"), ("captures", "sha256")]
)
def test_documents_and_captures_since_a_crawl_are_those_of_later_crawls(
    archive_dir, two_crawls, table, column
):
    first, second = two_crawls[0], two_crawls[1]
    out = io.StringIO()
    result = export_feed(
        archive_dir, table=table, fmt="jsonl", out=out, since=str(first)
    )
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r[column] for r in rows] == [
        hashlib.sha256(PAGES["http://demo.test/nb/c.html"]).hexdigest()
    ]
    with ReadOnlyArchive.open(archive_dir) as reader:
        [finished] = reader.query("SELECT finished FROM crawls WHERE id = ?", [second])
    assert result.cursor == finished["finished"]  # the newest finished crawl
    again = export_feed(
        archive_dir, table=table, fmt="jsonl", out=io.StringIO(), since=result.cursor
    )
    assert again.rows == 0


def test_an_export_that_fails_half_way_leaves_the_earlier_file_as_it_was(
    archive_dir, two_crawls, tmp_path, monkeypatch
):
    from archive import ArchiveError

    target = tmp_path / "texts.jsonl"
    target.write_text("the earlier pull\n", encoding="utf-8")

    def failing_half_way(directory, *, out, **kwargs):
        out.write('{"a row": 1}\n')
        raise ArchiveError("the disk went away")

    pull = [
        "export",
        "--table",
        "texts",
        "-o",
        str(target),
        "--archive",
        str(archive_dir),
    ]
    monkeypatch.setattr("crawler.cli.feeds.export_feed", failing_half_way)
    result = CliRunner().invoke(cli, pull)
    assert result.exit_code == 1
    assert result.output.count("Error:") == 1
    assert target.read_text(encoding="utf-8") == "the earlier pull\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["texts.jsonl"]
    monkeypatch.undo()
    result = CliRunner().invoke(cli, pull)
    assert result.exit_code == 0, result.output
    assert len(target.read_text(encoding="utf-8").splitlines()) == 3


def test_a_wacz_that_fails_half_way_leaves_the_earlier_package_as_it_was(
    archive_dir, two_crawls, tmp_path, monkeypatch
):
    import wacz.main

    from archive import ArchiveError

    package = tmp_path / "site.wacz"
    package.write_bytes(b"the earlier package")

    def failing_half_way(args):
        output = args[args.index("-o") + 1]
        with open(output, "wb") as cut_short:  # noqa: PTH123 (wacz's own way of writing)
            cut_short.write(b"PK\x03\x04 cut short")
        return 1

    monkeypatch.setattr(wacz.main, "main", failing_half_way)
    with pytest.raises(ArchiveError, match="wacz create failed"):
        write_wacz(archive_dir, package)
    assert package.read_bytes() == b"the earlier package"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["site.wacz"]
