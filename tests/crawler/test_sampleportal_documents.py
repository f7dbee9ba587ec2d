"""The sample portal's attachments: real documents of their format, same bytes on every build.

The end-to-end crawl (test_attachments_e2e.py) checks they parse; these check the files
themselves without a server: the sniffed type matches the attachment's kind, a rebuilt portal
serves identical bytes (ETags and payload digests depend on it), and the broken variants are
what they claim to be.
"""

from __future__ import annotations

import pytest

from crawler.sampleportal import build_portal
from crawler.sampleportal.files import (
    _BUILT,
    HTML_ERROR_PAGE,
    OVERSIZED_BYTES,
    attachment_bytes,
)
from parsers.extract.sniff import sniff_body

SEED, SIZE = 7, 30
#: sniff.SniffedType for each AttachmentKind (WPS is a Word 97 binary).
SNIFFED = {
    "pdf": "pdf",
    "docx": "docx",
    "doc": "doc",
    "wps": "doc",
    "xlsx": "xlsx",
    "ofd": "ofd",
}


@pytest.fixture(scope="module")
def portal():
    return build_portal(seed=SEED, size=SIZE)


def _body(portal, attachment) -> bytes:
    report = portal.report_by_key(attachment.report_key)
    return attachment_bytes(attachment, report)


def test_every_readable_attachment_sniffs_as_its_kind(portal):
    seen = set()
    for attachment in portal.files.values():
        if attachment.oversized or attachment.hostile:
            continue
        assert sniff_body(_body(portal, attachment)) == SNIFFED[attachment.kind], (
            attachment.path
        )
        seen.add(attachment.kind)
    assert seen == set(SNIFFED)


def test_a_rebuilt_portal_serves_byte_identical_attachments(portal):
    first = {path: _body(portal, a) for path, a in portal.files.items()}
    _BUILT.clear()
    again = build_portal(seed=SEED, size=SIZE)
    assert {path: _body(again, a) for path, a in again.files.items()} == first


def test_broken_variants_are_an_error_page_and_half_a_pdf(portal):
    special = portal.special
    page = portal.files[special.html_error_attachment]
    assert _body(portal, page) == HTML_ERROR_PAGE
    assert sniff_body(HTML_ERROR_PAGE) == "html"
    cut = portal.files[special.truncated_attachment]
    body = _body(portal, cut)
    assert body.startswith(b"%PDF-")
    assert b"%%EOF" not in body
    assert len(_body(portal, portal.files[special.oversized])) >= OVERSIZED_BYTES
