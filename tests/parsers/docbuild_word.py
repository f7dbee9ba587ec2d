"""Test-only DOCX packages written by hand, in Word's own XML forms rather than python-docx's.

python-docx writes merges one way (``cell.merge``); Word, WPS and converters write others
(bare ``<w:vMerge/>``, legacy ``w:hMerge``, cells inside content controls, runs inside tracked
changes). A test that builds the ``w:body`` XML itself checks the extractor against those
forms; ``word_package`` wraps it into the smallest package python-docx opens.
"""

from __future__ import annotations

import io
import zipfile
from typing import Final

_NS: Final = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES: Final = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS: Final = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def word_package(body_xml: str) -> bytes:
    """A minimal DOCX whose ``w:body`` is ``body_xml`` (the ``w`` prefix is declared)."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<w:document {_NS}><w:body>{body_xml}</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _RELS),
            ("word/document.xml", document),
        ):
            archive.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), text)
    return out.getvalue()


def word_cell(text: str, props: str = "") -> str:
    """One ``w:tc`` with ``props`` in its ``w:tcPr`` and ``text`` in one run (or none)."""
    paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" if text else "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraph}</w:tc>"
