"""Bytes -> str for text and HTML bodies: the decode policy and how each decision was made.

Chinese portals lie about encodings in every direction: GBK pages declared gb2312 (with GBK-only
characters such as 镕 喆 堃), GBK pages served as ``charset=utf-8`` or ``ISO-8859-1``, UTF-8
pages served as ``gbk``, pages with no declaration at all (portals.md §3.1; doc-extraction.md
"HTML tables and encodings", where this policy decoded 8 of 8 realistic cases; w3lib alone 5).

Policy, first step that decodes the whole body STRICTLY wins:

1. a byte-order mark;
2. valid UTF-8 with non-ASCII bytes (GBK text is practically never valid UTF-8, while a wrong
   ``gbk`` header on a UTF-8 page is common, and gb18030 is permissive enough to "decode" it);
3. the HTTP charset, unless it is latin-1/ascii/cp1252 (the servers' default, not a claim);
4. ``<meta charset>`` / ``http-equiv`` / ``<?xml encoding?>`` in the head (same exclusion);
5. charset-normalizer's best guess among UTF-8, GB18030 and Big5 only: left free, it "finds"
   Cyrillic or Western code pages in binary junk, and a Chinese report in cp1125 is mojibake;
6. leniently: the first candidate above whose decode replaces at most 2 ‰ of the characters
   (a page with one broken byte is still a report; the count is recorded, never hidden).

gb2312/gbk and their aliases are read as gb18030, a superset. Declared encodings that are not
ASCII-compatible (UTF-16/32, EBCDIC, bytes codecs) are ignored: a declaration we could read as
ASCII cannot be true of them.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass
from typing import Final, Literal

import charset_normalizer

from parsers.errors import DecodeError
from parsers.extract.sniff import HEAD_BYTES, bom_encoding

logger = logging.getLogger(__name__)

#: How the encoding was decided; stored as ``Document.meta["encoding_source"]``.
EncodingSource = Literal["bom", "utf8", "http", "meta", "detected", "lenient"]

#: Labels that mean "some GB encoding"; gb18030 decodes all of them (and GBK-only characters).
_GB_FAMILY: Final = frozenset(
    {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn"}
)
#: Defaults servers and frameworks send when they know nothing (requests, Scrapy, Tomcat).
_UNINFORMATIVE: Final = frozenset({"latin_1", "iso8859-1", "ascii", "cp1252"})
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""",
    re.IGNORECASE,
)
#: Lenient decoding accepts at most this share of replaced characters (and at least two).
_LENIENT_SHARE: Final = 0.002
_LENIENT_FLOOR: Final = 2
#: The only encodings detection may return (charset-normalizer names).
_DETECTABLE: Final = ["utf_8", "gb18030", "big5"]


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded body, the codec used, how it was chosen, and how many bytes were replaced."""

    text: str
    encoding: str
    source: EncodingSource
    replaced: int = 0


def canonical_encoding(label: str | None) -> str | None:
    """The Python codec name for a declared label, or None if unknown or unusable.

    >>> canonical_encoding("GB2312"), canonical_encoding("utf8"), canonical_encoding("utf-16")
    ('gb18030', 'utf-8', None)
    """
    if not label:
        return None
    cleaned = label.strip().strip("\"'").lower()
    if cleaned in _GB_FAMILY:
        return "gb18030"
    try:
        name = codecs.lookup(cleaned).name
    except LookupError:
        return None
    if name in _GB_FAMILY:
        return "gb18030"
    if not _is_ascii_compatible(name):
        return None
    return name


def _is_ascii_compatible(name: str) -> bool:
    probe = b'<meta charset="x">'
    try:
        return probe.decode(name) == probe.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


def declared_meta_encoding(body: bytes) -> str | None:
    """The raw label declared by ``<meta>`` or an XML declaration in the head, if any."""
    match = _META_CHARSET.search(body[:HEAD_BYTES])
    if match is None:
        return None
    raw = match.group(1) or match.group(2)
    return raw.decode("ascii")


def decode_body(body: bytes, *, http_charset: str | None, use_meta: bool) -> Decoded:
    """Decode ``body`` by the policy in the module docstring; DecodeError if nothing fits.

    ``use_meta`` is False for plain text, where a ``<meta>`` string would be content.
    """
    bom = bom_encoding(body)
    if bom is not None:
        encoding, size = bom
        text = _strict(body[size:], encoding)
        if text is not None:
            return Decoded(text, encoding, "bom")
    if not body.isascii():
        text = _strict(body, "utf-8")
        if text is not None:
            return Decoded(text, "utf-8", "utf8")
    candidates: list[tuple[str, EncodingSource]] = []
    http = canonical_encoding(http_charset)
    if http is not None and http not in _UNINFORMATIVE:
        candidates.append((http, "http"))
    if use_meta:
        meta = canonical_encoding(declared_meta_encoding(body))
        if meta is not None and meta not in _UNINFORMATIVE:
            candidates.append((meta, "meta"))
    for encoding, source in candidates:
        text = _strict(body, encoding)
        if text is not None:
            return Decoded(text, encoding, source)
    if body.isascii():
        return Decoded(body.decode("ascii"), "ascii", "detected")
    guess = _detect(body)
    if guess is not None:
        text = _strict(body, guess)
        if text is not None:
            return Decoded(text, guess, "detected")
        candidates.append((guess, "detected"))
    return _lenient(body, [encoding for encoding, _ in candidates])


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding, errors="strict")
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(body: bytes) -> str | None:
    """charset-normalizer's best guess, mapped like a declaration (gbk -> gb18030)."""
    best = charset_normalizer.from_bytes(body, cp_isolation=_DETECTABLE).best()
    if best is None:
        return None
    return canonical_encoding(str(best.encoding))


def _lenient(body: bytes, candidates: list[str]) -> Decoded:
    """The first candidate that decodes with few replacements, else DecodeError."""
    tried: list[str] = []
    for encoding in dict.fromkeys(candidates):
        tried.append(encoding)
        text = body.decode(encoding, errors="replace")
        replaced = text.count("\ufffd")
        if replaced <= max(_LENIENT_FLOOR, int(len(text) * _LENIENT_SHARE)):
            logger.warning(
                "decoded leniently as %s: %d replacement characters", encoding, replaced
            )
            return Decoded(text, encoding, "lenient", replaced)
    msg = f"no encoding decodes the body (tried: {', '.join(tried) or 'none'})"
    logger.warning("decode failed: %s", msg)
    raise DecodeError(msg)
