"""Documents out as files: one document's exact bytes (``cat``), or every report document.

The bytes come from the WARC ``response`` record of the document's first capture and are
hashed again before they are written (``archive.payload.read_payload``), so a downstream program
never receives bytes that differ from the digest it was promised: a damaged record is an
``IntegrityError``, an unknown digest an ``UnknownDocumentError``.

``write_files`` writes the report documents (pages and attachments, every version) as
``<sha256><extension>`` with a ``manifest.jsonl`` of the files written this run, each with its
report key and the provenance of its first and latest capture (``archive.feeds``). A file already
present with the right name is not written again, so re-running into the same directory is cheap.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive.feeds import capture_provenance, newest_stamp, resolve_since
from archive.outfiles import replacing
from archive.payload import read_payload
from archive.verify import open_index_readonly

if TYPE_CHECKING:
    from sqlite_utils import Database

#: File name extensions by the media type extraction sniffed (documents.media_type).
EXTENSIONS = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/ofd": ".ofd",
    "application/vnd.ms-works": ".wps",
}
MANIFEST = "manifest.jsonl"
#: Columns of manifest rows, in order.
MANIFEST_COLUMNS = (
    "document_sha256",
    "file",
    "size",
    "media_type",
    "report_keys",
    "first_extracted_at",
    "first_capture",
    "latest_capture",
)


@dataclass(frozen=True, slots=True)
class FilesResult:
    """Files listed in the manifest, how many were written (not already there), next cursor."""

    files: int
    written: int
    cursor: str | None


def document_bytes(directory: str | Path, sha256: str) -> bytes:
    """The exact bytes of document ``sha256``, checked against the digest."""
    root = Path(directory)
    db = open_index_readonly(root)
    try:
        return read_payload(db, root / "warc", sha256.strip().lower()).body
    finally:
        db.close()


def write_files(
    directory: str | Path, out_dir: str | Path, *, since: str | None = None
) -> FilesResult:
    """Write the report documents first extracted after ``since`` into ``out_dir``."""
    root, target = Path(directory), Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    db = open_index_readonly(root)
    try:
        db.execute("BEGIN")  # the manifest and the next cursor from one snapshot
        after = resolve_since(db, since)
        cursor = newest_stamp(db, "texts", "created_at", after)
        rows = list(_report_documents(db, after))
        written = 0
        with (
            replacing(target / MANIFEST) as part,
            part.open("w", encoding="utf-8") as manifest,
        ):
            for row in rows:
                name = row["document_sha256"] + EXTENSIONS.get(
                    row["media_type"] or "", ""
                )
                row["file"] = name
                if not _already_there(target / name, row["document_sha256"]):
                    body = read_payload(db, root / "warc", row["document_sha256"]).body
                    _write_atomically(target / name, body)
                    written += 1
                item = {column: row[column] for column in MANIFEST_COLUMNS}
                manifest.write(json.dumps(item, ensure_ascii=False) + "\n")
        return FilesResult(len(rows), written, cursor)
    finally:
        db.close()


def _report_documents(db: Database, since: str | None) -> list[dict[str, Any]]:
    sql = """
SELECT d.id, d.sha256, d.size, d.media_type, json_group_array(DISTINCT v.report_key),
       (SELECT min(t.created_at) FROM texts t WHERE t.document_id = d.id) AS extracted
FROM documents d JOIN report_versions v ON v.document_id = d.id
GROUP BY d.id
HAVING ? IS NULL OR extracted > ?
ORDER BY extracted, d.sha256"""
    out: list[dict[str, Any]] = []
    for document_id, sha256, size, media_type, keys, extracted in db.execute(
        sql, [since, since]
    ).fetchall():
        first, latest = capture_provenance(db, document_id)
        out.append(
            {
                "document_sha256": sha256,
                "size": size,
                "media_type": media_type,
                "report_keys": sorted(k for k in json.loads(keys) if k),
                "first_extracted_at": extracted,
                "first_capture": first,
                "latest_capture": latest,
            }
        )
    return out


def _already_there(path: Path, sha256: str) -> bool:
    if not path.is_file():
        return False
    return hashlib.sha256(path.read_bytes()).hexdigest() == sha256


def _write_atomically(path: Path, body: bytes) -> None:
    with replacing(path) as part:
        part.write_bytes(body)
