"""Re-export of the PDF/OFD layout builders, which moved to ``crawler.sampleportal.documents_layout``."""

from __future__ import annotations

from crawler.sampleportal.documents_layout import (
    FONT,
    build_pdf,
    layout_report,
    render_pdf,
)
from crawler.sampleportal.documents_ofd import build_ofd, render_ofd

__all__ = [
    "FONT",
    "build_ofd",
    "build_pdf",
    "layout_report",
    "render_ofd",
    "render_pdf",
]
