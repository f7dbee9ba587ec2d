"""Finding the page that linked a document uses indexes, never a scan of every capture.

Every parse asks which pages linked the document (its page context, its versions): a scan of
``captures`` per document made a re-parse quadratic in the archive's size.
"""

from __future__ import annotations

from archive.pagecontext import _LINKING_PAGE


def test_the_linking_page_lookup_searches_captures_by_index(archive):
    plan = [
        row[3]
        for row in archive.db.execute(
            "EXPLAIN QUERY PLAN " + _LINKING_PAGE, ["0" * 64]
        ).fetchall()
    ]
    assert not [step for step in plan if step.startswith("SCAN")], plan
    assert any("idx_captures_redirected" in step for step in plan), plan


def test_a_page_reached_by_redirect_still_lends_its_context(archive, make_capture):
    page = make_capture(
        url="http://demo.test/old/t1.html",
        final_url="http://demo.test/new/t1.html",
        body="<html><body><p>示范区人民政府2022年政府信息公开工作年度报告</p></body></html>".encode(),
    )
    archive.store(page)
    stored = archive.store(
        make_capture(
            url="http://demo.test/files/r.pdf",
            body=b"%PDF-1.4 attachment",
            kind="attachment",
            referrer="http://demo.test/new/t1.html",
            response_headers=(("Content-Type", "application/pdf"),),
        )
    )
    row = archive.db.execute(_LINKING_PAGE, [stored.sha256]).fetchone()
    assert row is not None
