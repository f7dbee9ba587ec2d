from __future__ import annotations

import csv
import io
import json

import pytest

import parsers
from archive import Archive, ArchiveError, export, stats
from tests.archive.test_parse import HTML, fake_extract, fake_parse_report

#: The header block every capture of ``filled`` received (make_capture's default).
RECEIVED = ["Content-Type", "text/html; charset=utf-8"]


@pytest.fixture
def filled(archive_dir, make_capture, monkeypatch):
    monkeypatch.setattr(parsers, "extract", fake_extract)
    monkeypatch.setattr(parsers, "parse_report", fake_parse_report)
    with Archive.open(archive_dir, software_version="t") as arch:
        crawl = arch.start_crawl(sites=["demo-trs", "demo-hanweb"])
        report = arch.store(
            make_capture(url="http://d.test/r.html", body=HTML, crawl_id=crawl)
        )
        arch.store(make_capture(url="http://d.test/r2.html", body=HTML, crawl_id=crawl))
        arch.store(
            make_capture(
                url="http://d.test/l.html", body=b"l", kind="list", crawl_id=crawl
            )
        )
        arch.store(
            make_capture(
                url="http://h.test/x.html",
                body=b"x",
                kind="page",
                site_id="demo-hanweb",
                crawl_id=crawl,
            )
        )
        arch.parse_document(report.sha256)
        arch.record_event(
            crawl_id=crawl, site_id="demo-trs", url="http://o.test/", kind="offsite"
        )
        arch.record_event(
            crawl_id=crawl, site_id="demo-trs", url="http://o.test/2", kind="offsite"
        )
        arch.record_event(
            crawl_id=crawl, site_id="demo-trs", url="http://d.test/t", kind="trap"
        )
        arch.finish_crawl(crawl, status="finished", stats={"pages": 4})
        rows = {
            t: list(arch.db.table(t).rows) for t in ("captures", "documents", "events")
        }
        # the index names a document by its id; exports give its sha256, as before
        sha256s = {d.pop("id"): d["sha256"] for d in rows["documents"]}
        for capture in rows["captures"]:
            capture["sha256"] = sha256s[capture.pop("document_id")]
    return archive_dir, report, crawl, rows


@pytest.mark.parametrize("table", ["captures", "documents", "events"])
def test_jsonl_export_round_trips_the_table(filled, table):
    archive_dir, _, _, rows = filled
    out = io.StringIO()
    assert export(archive_dir, table=table, fmt="jsonl", out=out) == len(rows[table])
    exported = [json.loads(line) for line in out.getvalue().splitlines()]
    for item in exported:
        if table == "captures":
            # not in the index: read from each capture's WARC records
            assert item.pop("request_headers") == [["User-Agent", "nianbao-test"]]
            assert item.pop("response_headers") == [RECEIVED]
    key = "sha256" if table == "documents" else "id"
    if table == "captures":
        for row in rows[table]:
            row.pop("response_headers")
            # NULL in the index when there was no redirect: exported as the url
            row["final_url"] = row["final_url"] or row["url"]
    assert sorted(exported, key=lambda r: r[key]) == sorted(
        rows[table], key=lambda r: r[key]
    )


@pytest.mark.parametrize("table", ["captures", "documents", "events"])
def test_csv_export_round_trips_the_table_as_text(filled, table):
    archive_dir, _, _, rows = filled
    out = io.StringIO()
    count = export(archive_dir, table=table, fmt="csv", out=out)
    read = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert count == len(read) == len(rows[table])
    key = "sha256" if table == "documents" else "id"
    by_key = {
        str(r[key]): {k: v for k, v in r.items() if k != "response_headers"}
        for r in rows[table]
    }
    for r in by_key.values():
        if table == "captures":  # NULL in the index when there was no redirect
            r["final_url"] = r["final_url"] or r["url"]
    for item in read:
        original = by_key[item[key]]
        if table == "captures":
            sent = json.loads(item.pop("request_headers"))
            assert sent == [["User-Agent", "nianbao-test"]]
            assert json.loads(item.pop("response_headers")) == [RECEIVED]
        assert item == {k: "" if v is None else str(v) for k, v in original.items()}


def test_values_export_is_one_row_per_cell_with_labels_and_provenance(filled):
    archive_dir, report, crawl, _ = filled
    out = io.StringIO()
    assert export(archive_dir, table="values", fmt="jsonl", out=out) == 3
    cells = [json.loads(line) for line in out.getvalue().splitlines()]
    assert list(cells[0])[:3] == ["report_key", "site_id", "region_code"]
    for cell in cells:
        assert cell["document_sha256"] == report.sha256
        assert (
            cell["capture_url"] == "http://d.test/r.html"
        )  # the first capture, not the revisit
        assert cell["crawl_id"] == crawl
        assert cell["fetched_at"].endswith("Z")
        assert cell["parser_version"] == parsers.PARSER_VERSION
        assert cell["warc_offset"] == report.warc_offset
        assert (cell["version"], cell["newest"]) == (1, True)
    money = next(c for c in cells if c["column_id"] == "amount")
    assert (money["value"], money["value_number"]) == ("12.50", 12.5)
    assert (money["row_label"], money["column_label"]) == (
        "行政事业性收费",
        "本年收费金额",
    )
    assert cells[0]["report_key"] == "demo-trs:2021:示例街道办事处"


def test_values_export_gives_each_cell_once_after_a_reparse_with_a_new_parser(
    filled, monkeypatch
):
    archive_dir, report, _, _ = filled
    monkeypatch.setattr(parsers, "PARSER_VERSION", "9.9.9")
    with Archive.open(archive_dir, software_version="t") as arch:
        arch.parse_document(report.sha256)
        assert arch.db.execute("select count(*) from reports").fetchone()[0] == 2
    out = io.StringIO()
    assert export(archive_dir, table="values", fmt="jsonl", out=out) == 3
    versions = {
        json.loads(line)["parser_version"] for line in out.getvalue().splitlines()
    }
    assert versions == {"9.9.9"}


@pytest.mark.parametrize("command", ["export", "stats", "verify"])
def test_an_index_that_is_no_database_is_an_archive_error(tmp_path, command):
    import archive as archive_pkg

    (tmp_path / "index.sqlite").write_bytes(b"this is not a database" * 100)
    call = {
        "export": lambda: export(
            tmp_path, table="captures", fmt="jsonl", out=io.StringIO()
        ),
        "stats": lambda: stats(tmp_path),
        "verify": lambda: archive_pkg.verify(tmp_path),
    }[command]
    with pytest.raises(ArchiveError, match="cannot read the index"):
        call()


def test_export_rejects_an_unknown_table(filled):
    with pytest.raises(ArchiveError, match="unknown export table"):
        export(filled[0], table="secrets", fmt="csv", out=io.StringIO())


def test_stats_counts_per_site_and_totals(filled):
    archive_dir, _, crawl, _ = filled
    result = stats(archive_dir)
    trs = result["sites"]["demo-trs"]
    assert trs["last_crawl"]["id"] == crawl
    assert trs["last_crawl"]["status"] == "finished"
    assert trs["captures"] == 3
    assert trs["documents"] == 2  # r.html and r2.html share a payload
    assert trs["reports"] == {"partial": 1}
    assert trs["events"] == {"offsite": 2, "trap": 1}
    hanweb = result["sites"]["demo-hanweb"]
    assert (hanweb["captures"], hanweb["reports"], hanweb["events"]) == (1, {}, {})
    totals = result["totals"]
    assert totals["captures"] == 4
    assert totals["revisits"] == 1
    assert totals["duplicate_captures"] == 1
    assert (totals["report_captures"], totals["attachment_captures"]) == (2, 0)
    assert totals["reports_by_status"] == {"partial": 1}
    assert totals["events_by_kind"] == {"offsite": 2, "trap": 1}
    assert totals["documents"] == 3
    assert totals["reports"] == 1
    assert totals["events"] == 3
    assert totals["warc_files"] == 1
    assert totals["warc_bytes"] == sum(  # the WARC files, not the group-commit marker
        p.stat().st_size for p in (archive_dir / "warc").glob("*.warc.gz")
    )


def test_stats_reads_without_taking_the_writer_lock(filled):
    archive_dir = filled[0]
    with Archive.open(archive_dir, software_version="t"):
        assert stats(archive_dir)["totals"]["captures"] == 4
