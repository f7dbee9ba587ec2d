"""Logical reports and their versions: which documents are the same report, and which is newest.

A report that comes back with different bytes is a new *version* of the same
*logical report*, not a new report. The logical report's key is ``site_id:year:agency`` when the
parser read the year and the issuing agency, else ``url:`` plus the canonical URL of the
document's first capture (w3lib's ``canonicalize_url``, so query order and fragments do not
split one report in two). Every document with a ``reports`` row is a version of the key of its
newest ``reports`` row (a newer parser may read the agency differently and move a document).

Owns the ``report_versions`` table (written here, inside the caller's transaction, each time a
document is parsed) and the upgrade of a schema-1 index (``backfill_versions``). Documents are
taken in ``archive.renditions.version_order`` (crawl by crawl, then by publication date) and
numbered by content: documents that read no cell differently share a number (renditions: a
page and its attachment), a document that changes a cell starts the next number, and the
highest number is the newest. Each version has one *best rendition* (``is_best``), the one
exports and views read, chosen by ``archive.renditions.BEST_RENDITION_RULE``. Reading the
history is ``archive.history``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from w3lib.url import canonicalize_url

import parsers
from archive.documentids import DOCUMENT_ID
from archive.renditions import (
    linking_documents,
    referring_report_key,
    rendition_rank,
    unidentified_attachments,
    unread_document_url,
    version_order,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from archive.cellstore import CellKey

logger = logging.getLogger(__name__)

#: Prefix of keys made from a URL, so they never collide with ``site:year:agency`` keys.
URL_KEY_PREFIX = "url:"
#: A real organ name has a place or a function and at least 3 characters (国务院, 商务部);
#: names that say "a government" or "this office" without saying which (政府, 本机关, 我局 …)
#: are the parser's ``GENERIC_AGENCIES``, one list for both packages.
_MIN_AGENCY_CHARS = 3


def canonical_url(url: str) -> str:
    """The URL a report is known by when the parse gave no agency or year.

    >>> canonical_url("http://A.gov.cn/nb/t1.html?b=2&a=1#top")
    'http://a.gov.cn/nb/t1.html?a=1&b=2'
    """
    return canonicalize_url(url.strip())


def report_key(
    *, site_id: str | None, agency: str | None, year: int | None, url: str
) -> str:
    """The logical report a parsed document belongs to.

    The agency is compared after collapsing white space (the same organ's name is sometimes
    typeset with full-width spaces); an agency or year that was not read falls back to the URL.

    >>> report_key(site_id="demo-trs", agency=" 示范区　人民政府", year=2021, url="http://x/1")
    'demo-trs:2021:示范区人民政府'
    >>> report_key(site_id="demo-trs", agency=None, year=2021, url="http://x/1")
    'url:http://x/1'
    """
    name = "".join((agency or "").split())
    if is_specific_agency(name) and year is not None:
        return f"{site_id or ''}:{year}:{name}"
    return URL_KEY_PREFIX + canonical_url(url)


def is_specific_agency(name: str) -> bool:
    """True for a name that can tell one organ from another; False for ``政府``, ``本机关`` ….

    A misread agency must not merge unrelated reports: on the sample portal (seed 7, size 2000)
    the parser read ``政府`` for ~90 reports a year of different 街道办事处, which a key on
    that name would have filed as versions of one report. Such names fall back to the URL.

    >>> is_specific_agency("示范区人民政府"), is_specific_agency("人民政府")
    (True, False)
    """
    return len(name) >= _MIN_AGENCY_CHARS and name not in parsers.GENERIC_AGENCIES


def record_version(db: Database, sha256: str) -> str | None:
    """File document ``sha256`` under the key of its newest report row; reorder the versions.

    Call inside the transaction that wrote the ``reports`` row. Returns the key, or None when
    the document was never parsed. A document that states no organ or year (its key would be
    ``url:``), or that no parse could read at all, and that a report page links is filed under
    the page's key: the page lends it its identity (DESIGN.md), and the reader of an export
    sees that the attachment exists, and why it was not read. One that no parse could read and
    no report page links is a logical report of its own under ``url:`` + its first URL, an
    unreadable one. The document's previous key, if a reparse changed it, is reordered too, so
    both keep consecutive numbers.
    """
    row = db.execute(
        "SELECT site_id, agency, year, source_url, report_key FROM reports"
        f" WHERE document_id = {DOCUMENT_ID} ORDER BY id DESC LIMIT 1",
        [sha256],
    ).fetchone()
    old_keys = {
        r[0]
        for r in db.execute(
            f"SELECT report_key FROM report_versions WHERE document_id = {DOCUMENT_ID}",
            [sha256],
        ).fetchall()
    }
    db.execute(
        f"DELETE FROM report_versions WHERE document_id = {DOCUMENT_ID}",
        [sha256],
    )
    key: str | None = None
    moved: set[str] = set()
    if row is not None:
        site_id, agency, year, url, stored_key = row
        key = stored_key or report_key(
            site_id=site_id, agency=agency, year=year, url=url or ""
        )
    if key is None or key.startswith(URL_KEY_PREFIX):
        # the page that links a file lends it the identity the file does not state
        key = referring_report_key(db, sha256) or key
    if key is None:
        # no parse could read it and no report page links it: a report of its own, known by
        # its URL, so an unreadable report (a scan, a corrupt PDF) is counted, not dropped
        key = _failed_document_key(db, sha256)
    if key is not None:
        _file(db, key, sha256)
    if key is not None and not key.startswith(URL_KEY_PREFIX):
        # attachments of this page that stated no organ or year are renditions of its report
        for orphan in unidentified_attachments(db, sha256):
            moved.update(
                r[0]
                for r in db.execute(
                    f"SELECT report_key FROM report_versions WHERE document_id = {DOCUMENT_ID}",
                    [orphan],
                ).fetchall()
            )
            db.execute(
                f"DELETE FROM report_versions WHERE document_id = {DOCUMENT_ID}",
                [orphan],
            )
            _file(db, key, orphan)
    for each in sorted(old_keys | moved | ({key} if key else set())):
        _renumber(db, each)
    return key


def _failed_document_key(db: Database, sha256: str) -> str | None:
    url = unread_document_url(db, sha256)
    return None if url is None else URL_KEY_PREFIX + canonical_url(url)


def _file(db: Database, key: str, sha256: str) -> None:
    """Insert the ``report_versions`` row of ``sha256`` under ``key`` (numbered by _renumber).

    ``version``, ``is_newest`` and ``is_best`` start at 0; ``first_seen`` is the document's.
    """
    db.execute(
        "INSERT INTO report_versions (report_key, document_id, first_seen, version,"
        " is_newest, report_id, is_best) SELECT ?, d.id, d.first_seen, 0, 0,"
        " (SELECT max(r.id) FROM reports r WHERE r.document_id = d.id), 0"
        " FROM documents d WHERE d.sha256 = ?",
        [key, sha256],
    )


def _renumber(db: Database, key: str) -> None:
    """Number the versions of ``key`` by content, oldest first; flag the newest version.

    Documents are taken in ``renditions.version_order``: crawl by crawl, and within one crawl
    (whose order of discovery is arbitrary) by the publication date the report states, or its
    linking page states, then by ``first_seen``. A document joins the current version when
    none of the cells both read differ: a report page and its PDF attachment, or an empty page
    around an attachment, are two renditions of one version, not two versions (counting them
    as versions made every first crawl report "new versions"). A document that reads any cell
    differently starts the next version. A document that read no cell and that a page of the
    key links joins that page's version. All documents of the highest number are newest.
    Cells are read back only when the stored digests cannot settle it (``_Version``).
    """
    shas = version_order(db, key)
    numbers: list[int] = []
    current = _Version(db)
    best: dict[int, tuple[tuple[int, ...], str]] = {}  # version -> (rank, sha256)
    for position, sha in enumerate(shas):
        parse = _newest_parse(db, sha)
        linked_from = (
            [shas.index(p) for p in linking_documents(db, sha) if p in shas]
            if not parse.read
            else []
        )
        if linked_from and min(linked_from) < position:
            # a file that read nothing belongs to the version of the page that links it,
            # even when another version's page was first seen in between
            numbers.append(numbers[min(linked_from)])
        elif not numbers or current.differs(parse):
            numbers.append(len(set(numbers)) + 1)
            current = _Version(db)
            current.join(parse)
        else:
            numbers.append(numbers[-1])
            current.join(parse)
        # shas are in version order, so the position breaks the last ties
        rank = rendition_rank(parse.status, cells_read=parse.read, position=position)
        if numbers[-1] not in best or rank < best[numbers[-1]][0]:
            best[numbers[-1]] = (rank, sha)
    newest = max(numbers, default=0)
    for sha, number in zip(shas, numbers, strict=True):
        db.execute(
            "UPDATE report_versions SET version = ?, is_newest = ?, is_best = ?"
            f" WHERE report_key = ? AND document_id = {DOCUMENT_ID}",
            [number, int(number == newest), int(best[number][1] == sha), key, sha],
        )


@dataclass(slots=True)
class _Parse:
    """A document's newest parse as numbering needs it; ``cells`` only once read back."""

    sha256: str
    status: str | None  # None: no report row (no parse could read the document)
    read: int  # cells read with a value
    digest: str | None  # None: written before digests were stored; compare cells
    cells: dict[CellKey, str] | None = None


def _newest_parse(db: Database, sha256: str) -> _Parse:
    row = db.execute(
        "SELECT status, cells_read, cells_digest FROM reports"
        f" WHERE document_id = {DOCUMENT_ID} ORDER BY id DESC LIMIT 1",
        [sha256],
    ).fetchone()
    if row is None:
        return _Parse(sha256, None, 0, None, {})
    status, read, digest = row
    if read is None or digest is None:
        cells = _read_cells(db, sha256)
        return _Parse(sha256, status, len(cells), None, cells)
    return _Parse(sha256, status, int(read), str(digest))


class _Version:
    """The documents of the version being numbered, and the union of the cells they read.

    Every member agrees with the union (it joined only when it did not differ from it), so a
    document whose digest equals a member's reads a subset of the union with the same values:
    it cannot differ, and no cell needs reading. Otherwise the members' and the document's
    cells are read back and compared cell by cell.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._members: list[_Parse] = []
        self._digests: set[str] = set()
        self._union: dict[CellKey, str] | None = None

    def join(self, parse: _Parse) -> None:
        self._members.append(parse)
        if parse.digest is not None:
            self._digests.add(parse.digest)
        if self._union is not None:
            self._union.update(self._cells(parse))

    def differs(self, parse: _Parse) -> bool:
        """True when ``parse`` reads a cell that the version reads differently."""
        if not parse.read or parse.digest in self._digests:
            return False
        if self._union is None:
            self._union = {}
            for member in self._members:
                self._union.update(self._cells(member))
        union = self._union
        return any(union.get(c, v) != v for c, v in self._cells(parse).items())

    def _cells(self, parse: _Parse) -> dict[CellKey, str]:
        if parse.cells is None:
            parse.cells = _read_cells(self._db, parse.sha256)
        return parse.cells


def ensure_rendition_columns(db: Database) -> int:
    """Add ``report_versions.report_id`` and ``is_best`` to an index written without them.

    Idempotent: returns 0 when both exist. Otherwise adds them, fills ``report_id`` (each
    document's newest ``reports`` row), files the unreadable attachments of report pages
    (``record_version``) and renumbers every key, which picks the best renditions; returns
    the number of keys done. Call inside the schema transaction.
    """
    columns = db.table("report_versions").columns_dict
    if "report_id" in columns and "is_best" in columns:
        return 0
    if "report_id" not in columns:
        db.table("report_versions").add_column("report_id", int)
    if "is_best" not in columns:
        db.table("report_versions").add_column("is_best", int, not_null_default=0)
    db.execute(
        "UPDATE report_versions SET report_id = (SELECT max(r.id) FROM reports r"
        " WHERE r.document_id = report_versions.document_id)"
    )
    for (orphan,) in db.execute(
        "SELECT d.sha256 FROM documents d WHERE d.id IN (SELECT document_id FROM texts)"
        " AND d.id NOT IN (SELECT document_id FROM reports"
        f" WHERE report_key NOT LIKE '{URL_KEY_PREFIX}%') ORDER BY 1"
    ).fetchall():
        key = referring_report_key(db, orphan) or _failed_document_key(db, orphan)
        if key is not None:
            db.execute(
                f"DELETE FROM report_versions WHERE document_id = {DOCUMENT_ID}",
                [orphan],
            )
            _file(db, key, orphan)
    keys = [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT report_key FROM report_versions ORDER BY 1"
        ).fetchall()
    ]
    for key in keys:
        _renumber(db, key)
    return len(keys)


def _read_cells(db: Database, sha256: str) -> dict[CellKey, str]:
    """The cells the document's newest parse read (None values left out)."""
    return {
        (section, row, column): value
        for section, row, column, value in db.execute(
            "SELECT section, row_id, column_id, value FROM report_values"
            " WHERE value IS NOT NULL AND report_id ="
            f" (SELECT max(id) FROM reports WHERE document_id = {DOCUMENT_ID})",
            [sha256],
        ).fetchall()
    }


def backfill_versions(db: Database) -> int:
    """Schema 1 → 2: fill ``reports.report_key`` and ``report_versions`` from existing rows.

    Run once by ``schema.ensure_schema`` inside its transaction, when it adds the column to an
    index written before versions existed. Returns the number of documents filed.
    """
    rows = db.execute(
        "SELECT id, site_id, agency, year, source_url FROM reports"
    ).fetchall()
    for report_id, site_id, agency, year, url in rows:
        key = report_key(site_id=site_id, agency=agency, year=year, url=url or "")
        db.execute("UPDATE reports SET report_key = ? WHERE id = ?", [key, report_id])
    documents = [
        r[0]
        for r in db.execute(
            "SELECT d.sha256 FROM documents d"
            " WHERE d.id IN (SELECT document_id FROM reports) ORDER BY d.sha256"
        ).fetchall()
    ]
    for sha256 in documents:
        record_version(db, sha256)
    if documents:
        logger.warning(
            "index upgraded to report versions: %d document(s) filed under %d report key(s)",
            len(documents),
            _scalar(db, "SELECT count(DISTINCT report_key) FROM report_versions"),
        )
    return len(documents)


def _scalar(db: Database, sql: str) -> int:
    return int(db.execute(sql).fetchone()[0])
