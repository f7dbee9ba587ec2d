"""An attachment's report takes what its file does not state from the page that links it."""

from __future__ import annotations

import hashlib
import json

from archive import Archive, reparse

PAGE_URL = "http://demo.test/zfxxgknb/t1.html"
FILE_URL = "http://demo.test/zfxxgknb/P020240120.txt"
PAGE = (
    '<html><head><meta name="ArticleTitle" content="汾阳市人民政府2023年政府信息公开工作年度报告">'
    '<meta name="PubDate" content="2024-01-20 10:00"></head><body>'
    "<table><tr><td>索 引 号：</td><td>11141182-2024-00012</td></tr></table>"
    '<h1>汾阳市人民政府2023年政府信息公开工作年度报告</h1><div class="TRS_Editor">'
    "<p>详见附件。</p></div></body></html>"
).encode()
#: the attachment: a table page without any title, year or organ (a PDF without title page)
SILENT_FILE = "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n".encode()
TEXT = (("Content-Type", "text/plain; charset=utf-8"),)


def _report(archive, sha256):
    row = archive.db.execute(
        "SELECT title, year, agency, published, region_code, region_source, index_no,"
        " (SELECT s.sources FROM metadata_source_sets s WHERE s.id = metadata_sources_id)"
        " FROM reports WHERE document_id = (SELECT id FROM documents WHERE sha256 = ?)"
        " ORDER BY id DESC",
        [sha256],
    ).fetchone()
    keys = (
        "title",
        "year",
        "agency",
        "published",
        "region_code",
        "region_source",
        "index_no",
        "sources",
    )
    return dict(zip(keys, row, strict=True))


def _store_linked_file(archive, make_capture, body, **extra):
    """The attachment at ``FILE_URL``, linked from the report page at ``PAGE_URL``."""
    capture = make_capture(
        url=FILE_URL,
        body=body,
        kind="attachment",
        referrer=PAGE_URL,
        response_headers=TEXT,
        **extra,
    )
    return archive.store(capture)


def test_a_silent_attachment_gets_title_year_organ_date_and_index_from_its_page(
    archive, make_capture
):
    page = archive.store(make_capture(url=PAGE_URL, body=PAGE))
    archive.parse_document(page.sha256)
    attachment = _store_linked_file(
        archive, make_capture, SILENT_FILE, anchor_text="附件：年度报告"
    )
    archive.parse_document(attachment.sha256)
    row = _report(archive, attachment.sha256)
    assert row["title"] == "汾阳市人民政府2023年政府信息公开工作年度报告"
    assert (row["year"], row["agency"], row["published"]) == (
        2023,
        "汾阳市人民政府",
        "2024-01-20",
    )
    assert (row["region_code"], row["region_source"]) == ("141182", "organ_name")
    assert row["index_no"] == "11141182-2024-00012"
    sources = json.loads(row["sources"])
    assert {
        sources[k] for k in ("title", "year", "agency", "published", "region_code")
    } == {"linking_page"}


def test_a_file_that_states_its_own_year_keeps_it(archive, make_capture):
    page = archive.store(make_capture(url=PAGE_URL, body=PAGE))
    archive.parse_document(page.sha256)
    own = "汾阳市人民政府2022年政府信息公开工作年度报告\n".encode() + SILENT_FILE
    attachment = _store_linked_file(archive, make_capture, own)
    archive.parse_document(attachment.sha256)
    row = _report(archive, attachment.sha256)
    assert row["year"] == 2022
    assert json.loads(row["sources"])["year"] == "title"
    assert row["published"] == "2024-01-20"  # the file gives no date: the page's


def test_a_document_nobody_links_gets_no_context(archive, make_capture):
    alone = archive.store(
        make_capture(url=FILE_URL, body=SILENT_FILE, response_headers=TEXT)
    )
    archive.parse_document(alone.sha256)
    row = _report(archive, alone.sha256)
    assert (row["year"], row["agency"], row["title"]) == (None, None, None)
    assert "linking_page" not in json.loads(row["sources"]).values()


def test_the_metadata_columns_are_added_to_an_older_index(archive_dir, make_capture):
    import sqlite3

    from archive import Archive
    from archive.schema import SCHEMA_VERSION

    with Archive.open(archive_dir, software_version="t") as arch:
        arch.parse_document(arch.store(make_capture(url=PAGE_URL, body=PAGE)).sha256)
    db = sqlite3.connect(archive_dir / "index.sqlite")
    columns = {r[1] for r in db.execute("PRAGMA table_info(reports)")}
    assert {
        "agency_printed",
        "region_code",
        "region_source",
        "index_no",
        "metadata_sources_id",
    } <= columns
    for (view,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'view'"
    ).fetchall():
        db.execute(
            f"DROP VIEW {view}"
        )  # views of a newer index name the columns; recreated on open
    for column in (
        "agency_printed",
        "region_code",
        "region_source",
        "index_no",
        "metadata_sources_id",
    ):
        db.execute(f"ALTER TABLE reports DROP COLUMN {column}")
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    with Archive.open(archive_dir, software_version="t") as arch:
        columns = set(arch.db.table("reports").columns_dict)
        version = arch.db.execute("PRAGMA user_version").fetchone()[0]
    assert {"agency_printed", "region_code", "metadata_sources_id"} <= columns
    assert version == SCHEMA_VERSION


def _parse_text(archive, make_capture, url, text, site="demo-trs"):
    stored = archive.store(
        make_capture(url=url, body=text.encode(), site_id=site, response_headers=TEXT)
    )
    archive.parse_document(stored.sha256)
    return stored.sha256


def _problem_kinds(archive, sha256):
    return [
        kind
        for (kind,) in archive.db.execute(
            "SELECT p.kind FROM report_problems p JOIN reports r ON r.id = p.report_id"
            " WHERE r.document_id = (SELECT id FROM documents WHERE sha256 = ?) ORDER BY p.seq",
            [sha256],
        ).fetchall()
    ]


def test_the_registry_settles_a_shared_county_name_and_fills_organs_without_places(
    archive, make_capture
):
    from archive.regions import apply_registry_regions

    shared = _parse_text(
        archive,
        make_capture,
        "http://demo.test/a.txt",
        "新华区人民政府2023年政府信息公开工作年度报告\n",
    )
    placeless = _parse_text(
        archive,
        make_capture,
        "http://demo.test/b.txt",
        "东风街道办事处2023年政府信息公开工作年度报告\n",
    )
    known = _parse_text(
        archive,
        make_capture,
        "http://demo.test/c.txt",
        "汾阳市人民政府2023年政府信息公开工作年度报告\n",
    )
    other_site = _parse_text(
        archive,
        make_capture,
        "http://other.test/d.txt",
        "新华区人民政府2022年政府信息公开工作年度报告\n",
        site="elsewhere",
    )
    assert _report(archive, shared)["region_code"] is None
    assert "region_ambiguous" in _problem_kinds(archive, shared)
    with archive.db.atomic():
        assert apply_registry_regions(archive.db, {"demo-trs": "130100"}) == 2
    row = _report(archive, shared)
    assert (row["region_code"], row["region_source"]) == ("130105", "organ_name")
    assert "region_ambiguous" not in _problem_kinds(archive, shared)
    row = _report(archive, placeless)
    assert (row["region_code"], row["region_source"]) == ("130100", "registry")
    assert json.loads(row["sources"])["region_code"] == "registry"
    assert _report(archive, known)["region_code"] == "141182"  # its own code is kept
    assert (
        _report(archive, other_site)["region_code"] is None
    )  # another site, not asked


def test_a_shared_county_name_outside_the_sites_region_stays_without_code(
    archive, make_capture
):
    from archive.regions import apply_registry_regions

    sha = _parse_text(
        archive,
        make_capture,
        "http://demo.test/a.txt",
        "新华区人民政府2023年政府信息公开工作年度报告\n",
    )
    with archive.db.atomic():
        assert apply_registry_regions(archive.db, {"demo-trs": "220102"}) == 0
    assert _report(archive, sha)["region_code"] is None


def test_reparse_writes_pages_before_the_attachments_they_link(
    archive_dir, make_capture
):
    # An attachment takes its page's newest report: were it re-parsed first (documents in
    # hash order), it would take the page's previous parse, here an outdated organ.
    with Archive.open(archive_dir, software_version="t") as archive:
        page = archive.store(make_capture(url=PAGE_URL, body=PAGE))
        padding = 0
        while True:  # an attachment whose hash sorts before its page's
            body = SILENT_FILE + b"\n" * padding
            if hashlib.sha256(body).hexdigest() < page.sha256:
                break
            padding += 1
        attachment = _store_linked_file(archive, make_capture, body)
        archive.parse_document(page.sha256)
        archive.parse_document(attachment.sha256)
        with archive.db.conn:
            archive.db.execute(
                "UPDATE reports SET agency = '旧机关' WHERE document_id = (SELECT id FROM documents WHERE sha256 = ?)",
                [page.sha256],
            )
    reparse(archive_dir, only_outdated=False, workers=1)
    with Archive.open(archive_dir, software_version="t") as archive:
        assert _report(archive, page.sha256)["agency"] == "汾阳市人民政府"
        assert _report(archive, attachment.sha256)["agency"] == "汾阳市人民政府"
