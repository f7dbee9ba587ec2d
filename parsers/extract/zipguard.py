"""Declared-size checks on a zip container (DOCX, XLSX, OFD) before any reader opens it.

Python's ``zipfile`` never inflates a member past its declared size (a lying member fails its
CRC instead), so checking the central directory's declared sizes is a real guard for every
reader built on it (python-docx, the OFD reader); for calamine's own Rust unzip the sandbox's
memory cap is the backstop (doc-extraction.md, "Hostile inputs" and "Guards" 3).
"""

from __future__ import annotations

import io
import logging
import zipfile
from typing import TYPE_CHECKING, Final

from lxml import etree

from parsers.errors import CorruptDocumentError, ResourceLimitError

if TYPE_CHECKING:
    from parsers.extract.limits import ExtractionLimits

logger = logging.getLogger(__name__)


def open_guarded_zip(body: bytes, *, limits: ExtractionLimits) -> zipfile.ZipFile:
    """The body as an open ``ZipFile`` whose declared sizes are within ``limits``.

    Raises ``CorruptDocumentError`` for a body that is not a readable zip, and
    ``ResourceLimitError`` for too many entries, too large a member or total, or a large member
    with a bomb-like compression ratio. Nothing is decompressed here.
    """
    check_body_size(body, limits=limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
    ) as exc:
        msg = f"not a readable zip container: {exc}"
        logger.warning("zip refused: %s", msg)
        raise CorruptDocumentError(msg) from exc
    try:
        check_zip_members(archive.infolist(), limits=limits)
    except ResourceLimitError:
        archive.close()
        raise
    return archive


def check_body_size(body: bytes, *, limits: ExtractionLimits) -> None:
    """Refuse a body over ``limits.max_bytes`` before any library sees it."""
    if len(body) > limits.max_bytes:
        msg = f"body of {len(body)} bytes exceeds the {limits.max_bytes}-byte extraction limit"
        logger.warning("extraction refused: %s", msg)
        raise ResourceLimitError(msg)


def check_zip_members(
    infos: list[zipfile.ZipInfo], *, limits: ExtractionLimits
) -> None:
    """Check entry count, each member's and the total declared size, and the ratio."""
    if len(infos) > limits.zip_max_entries:
        _refuse(f"zip has {len(infos)} entries, limit {limits.zip_max_entries}")
    total = 0
    for info in infos:
        size = info.file_size
        if size > limits.zip_max_member_bytes:
            _refuse(
                f"zip member {info.filename!r} declares {size} bytes, "
                f"limit {limits.zip_max_member_bytes}"
            )
        ratio = size / max(info.compress_size, 1)
        if size > limits.ratio_floor_bytes and ratio > limits.zip_max_ratio:
            _refuse(
                f"zip member {info.filename!r} expands {ratio:.0f}:1 to {size} bytes, "
                f"limit {limits.zip_max_ratio:.0f}:1"
            )
        total += size
    if total > limits.zip_max_total_bytes:
        _refuse(
            f"zip declares {total} bytes in total, limit {limits.zip_max_total_bytes}"
        )


def _refuse(msg: str) -> None:
    logger.warning("zip refused: %s", msg)
    raise ResourceLimitError(msg)


#: The parser for a container's XML members (OFD pages, an XLSX sheet's flags): no entity is
#: expanded and nothing is fetched, whatever the document declares, and no tree is let grow
#: past lxml's default bounds.
MEMBER_XML_PARSER: Final = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False
)
