"""Source -> Document: one module per format, chosen by sniffing the bytes.

PLACEHOLDER: replaced by the extraction work (html.py, text.py, sniff.py, encoding.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parsers.model import Document, Source


def extract(source: Source) -> Document:
    """Turn fetched bytes into a ``Document``; raise an ``ExtractionError`` subclass if impossible."""
    raise NotImplementedError
