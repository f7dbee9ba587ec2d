"""Resource bounds for binary-attachment extraction, and (temporarily) two new error types.

Every attachment extractor (pdf, docx, doc, sheet, ofd) and the sandbox take one
``ExtractionLimits`` so the bounds live in one place. Defaults come from the measurements in
doc-extraction.md ("Guards the project must implement" 2-4): real reports are 5-30 pages and
under 1 MB uncompressed per zip member; the DOCX bomb there was 671:1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

MIB: Final = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ExtractionLimits:
    """Bounds on one extraction; a document beyond any of them raises ``ResourceLimitError``.

    ``max_ratio`` applies only to members larger than ``ratio_floor_bytes``: a tiny XML part
    compresses 300:1 legitimately, a 10 MiB one at that ratio is a bomb (doc-extraction.md 3).
    """

    max_bytes: int = 100 * MIB
    max_pages: int = 300
    zip_max_entries: int = 10_000
    zip_max_total_bytes: int = 200 * MIB
    zip_max_member_bytes: int = 100 * MIB
    zip_max_ratio: float = 200.0
    ratio_floor_bytes: int = 10 * MIB
    timeout_s: float = 60.0
    memory_bytes: int = 2048 * MIB
    #: documents one sandbox worker extracts before it is replaced (its heap only grows)
    worker_documents: int = 200


#: The defaults, for callers that have no configuration of their own.
DEFAULT_LIMITS: Final = ExtractionLimits()
