"""Re-export of the Word 97 builders, which moved to ``crawler.sampleportal.documents_ole``."""

from __future__ import annotations

from crawler.sampleportal.documents_ole import build_doc, compound_file, word_document

__all__ = ["build_doc", "compound_file", "word_document"]
