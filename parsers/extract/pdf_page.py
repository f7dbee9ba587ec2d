"""One PDF page read by PDFium: its characters with their boxes, and its ruling lines.

Characters come from PDFium's text page (``FPDFText_*``), in content order, PDFium's own
generated spaces and line breaks left out (the layout is rebuilt from positions, as
``pdf_text`` explains). A character's box is pdfminer's, so the text and cell rules tuned on
pdfplumber keep working: left and right from PDFium's loose box, bottom at the font's
descent, top one font size (times the text matrix's vertical scale) above it; a rotated
character keeps PDFium's loose box. A glyph PDFium cannot map to Unicode (no ``ToUnicode``,
no known encoding) reads ``(cid:N)``, the way pdfminer writes it, so the scan test in
``pdf.py`` treats both paths alike. Ruling lines come from ``pdf_paths``. PDFium is called
through prototypes on plain addresses (``pdf_paths.plain``), three calls per character plus
three per text object: with pypdfium2's typed bindings the calls cost about half the page.
"""

from __future__ import annotations

import ctypes
import functools
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, cast

import pypdfium2  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from parsers.errors import CorruptDocumentError, EncryptedDocumentError
from parsers.extract.pdf_paths import address_of, page_rules, plain, unchecked
from parsers.extract.pdf_text import Char

if TYPE_CHECKING:
    from parsers.extract.ruling import Rule

logger = logging.getLogger(__name__)

# PDFium's text calls on plain addresses (``pdf_paths.plain``); the three made for each of
# ~1,000 characters a page (text page, index[, box]) without argument conversion
# (``pdf_paths.unchecked``). ``_text_object`` answers the object's address, to key a cache on.
_HANDLE: Final = ctypes.c_void_p
_INT: Final = ctypes.c_int
_text_object = unchecked(pdfium_c.FPDFText_GetTextObject, _HANDLE)
_loose_box = unchecked(pdfium_c.FPDFText_GetLooseCharBox, _INT)
_unmapped_glyph = unchecked(pdfium_c.FPDFText_HasUnicodeMapError, _INT)
_generated = plain(pdfium_c.FPDFText_IsGenerated, _INT, _HANDLE, _INT)
_origin = plain(pdfium_c.FPDFText_GetCharOrigin, _INT, _HANDLE, _INT, _HANDLE, _HANDLE)
_matrix_of = plain(pdfium_c.FPDFText_GetMatrix, _INT, _HANDLE, _INT, _HANDLE)
_font_size = plain(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, _HANDLE, _INT)


@dataclass(frozen=True, slots=True)
class PageContent:
    """What the extractor needs from a page; ``edges`` is empty when the page was too dense."""

    chars: list[Char]
    edges: list[Rule]
    height: float


def open_pdfium(
    body: bytes, *, failure: str = "pdfium cannot open it"
) -> pypdfium2.PdfDocument:
    """The PDF opened by PDFium (to read it, and to render scans for OCR).

    A user password is ``EncryptedDocumentError``; anything else PDFium refuses is
    ``CorruptDocumentError`` with the message ``"<failure>: <pdfium's reason>"``.
    """
    try:
        return pypdfium2.PdfDocument(body)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            msg = "the PDF needs a user password"
            logger.warning("pdf refused: %s", msg)
            raise EncryptedDocumentError(msg) from exc
        msg = f"{failure}: {exc}"
        logger.warning("pdf unreadable: %s", msg)
        raise CorruptDocumentError(msg) from exc


def read_page(page: pypdfium2.PdfPage) -> PageContent:
    """The page's characters, ruling edges (top-based points) and height."""
    left, bottom, right, top = (float(v) for v in page.get_mediabox())
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage.raw, top)
    finally:
        textpage.close()
    return PageContent(
        chars, page_rules(page.raw, top), abs(top - bottom) or abs(right - left)
    )


def _chars(textpage: object, top: float) -> list[Char]:
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    text = _all_text(textpage, count)
    page = address_of(textpage)
    page_pointer = ctypes.c_void_p(page)  # for the unchecked calls
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.byref(box)
    x, y = ctypes.c_double(), ctypes.c_double()
    x_at, y_at = ctypes.addressof(x), ctypes.addressof(y)
    matrix = pdfium_c.FS_MATRIX()
    matrix_at = ctypes.addressof(matrix)
    loose_box, origin, unmapped_glyph, text_object = (
        _loose_box,
        _origin,
        _unmapped_glyph,
        _text_object,
    )
    runs: dict[int | None, tuple[bool, float, float]] = {}
    descents: dict[tuple[float, float], float] = {}
    new_char = functools.partial(tuple.__new__, Char)  # no Python-level __new__
    out: list[Char] = []
    last_obj: int | None = None
    last_left = bottom = upper = 0.0
    for index in range(count):
        char = text[index] if text is not None else chr(_unicode(textpage, index))
        if char.isspace() and _generated(page, index) == 1:
            continue
        if unmapped_glyph(page_pointer, index) == 1:
            char = f"(cid:{ord(char)})"
        loose_box(page_pointer, index, box_ref)
        obj = text_object(page_pointer, index)
        run = runs.get(obj) if obj else None
        if run is None:  # the text object's matrix and size hold for all its characters
            _matrix_of(page, index, matrix_at)
            m = matrix
            run = (  # upright by pdfminer's test, height, x scale
                m.a * m.d > 0 and m.b * m.c <= 0,
                _font_size(page, index) * m.d,
                m.a,
            )
            runs[obj] = run
        upright, height, scale = run
        left = box.left  # the character's origin (PDFium's loose box starts there)
        if upright:
            if obj != last_obj or left <= last_left or not obj:
                # An upright object's characters share its baseline, unless it is written
                # vertically (x stands still): then each character's origin is read.
                origin(page, index, x_at, y_at)
                baseline = y.value
                # The loose box is single precision (~1e-4 pt off on a page): the baseline
                # is exact, and one descent per size keeps lines an exact distance apart
                # (the first character of a size sets it, and starts its object's run).
                descent = descents.setdefault((height, scale), baseline - box.bottom)
                bottom = top - baseline + descent
                upper = bottom - height
            last_obj, last_left = obj, left
            out.append(new_char((char, left, box.right, upper, bottom, True)))
        else:
            out.append(
                new_char(
                    (char, left, box.right, top - box.top, top - box.bottom, False)
                )
            )
    return out


def _unicode(textpage: object, index: int) -> int:
    return cast("int", pdfium_c.FPDFText_GetUnicode(textpage, index))


def _all_text(textpage: object, count: int) -> str | None:
    """All characters in one call; None when they are not one UTF-16 unit each."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(
        textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
    return text if len(text) == count and "\ufffd" not in text else None
