"""How the index's tables name a document: by ``documents.id`` (index schema 8).

``captures``, ``texts``, ``reports`` and ``report_versions`` hold a document's integer id,
``document_id``; the code that knows a document by its sha256 (the extraction cache, the WARC
payload digest, a parse job) finds the id in SQL with ``DOCUMENT_ID``, through the unique
index on ``documents.sha256``.
"""

from __future__ import annotations

from typing import Final

#: SQL for the id of the document whose sha256 is the next ``?`` parameter.
DOCUMENT_ID: Final = "(SELECT id FROM documents WHERE sha256 = ?)"
