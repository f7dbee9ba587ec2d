"""The parse results a merge copies: texts, reports and their cells, then the versions re-filed.

Re-deriving them in the merged archive would not be lossless: an extraction depends on the
machine that made it (LibreOffice present and answering, OCR asked for), and a report's
region code on the registry its crawl had. So the rows are copied as they were made, by unit
of (document sha256, parser version): the ``texts`` rows and the ``reports`` rows of that
document and version, and each report's problems and cells. A unit already in the output is
skipped; a unit several inputs hold (a payload two workers parsed) is copied from one of them,
the one whose rows were written first (then the first input by path), whatever order the
inputs come in. Cells go through ``report_values`` (a table, or a view whose trigger files them
under the output's own cell ids), problems through ``report_problems``, so the copy does not
depend on how the index stores them. Finally ``archive.versions.record_version`` files every copied document's report version and
rendition, as a parse does.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from archive.cellstore import known_cell_ids
from archive.merge_rows import WITH_SHA256, OutputDocuments, rows
from archive.problemstore import read_problems, write_problems
from archive.schema import inserted_id
from archive.sourcesets import source_set_id, sources_json
from archive.versions import record_version

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlite_utils import Database

Unit = tuple[str, str]
#: The column a copied row carries its document's sha256 in (its ``document_id`` is local).
_SHA = "document_sha256"
#: The column a copied report carries its metadata sources' JSON text in.
_SOURCES = "metadata_sources"


def _named(db: Database, table: str) -> list[dict[str, Any]]:
    """The rows of ``table`` with the sha256 of each one's document (``_SHA``).

    A report's ``metadata_sources_id`` is local too: it comes with the JSON text it names
    (``_SOURCES``), which the copy gets the output's id of.
    """
    if not db.table(table).exists():
        return []
    sql = WITH_SHA256.format(sha=_SHA, table=table)
    if table == "reports":
        sql = sql.replace(
            " FROM reports t",
            f", {sources_json('t.metadata_sources_id')} AS {_SOURCES} FROM reports t",
        )
    return list(db.query(sql))


def _copied_report(out: Database, row: dict[str, Any]) -> dict[str, Any]:
    """A report row of an input as the output stores it: its document's and sources' ids."""
    copy = OutputDocuments(out).renamed(row, _SHA)
    copy["metadata_sources_id"] = source_set_id(out, copy.pop(_SOURCES))
    return {k: v for k, v in copy.items() if k != "id"}


def _units(db: Database) -> dict[Unit, str]:
    """Each (document, parser version) with parse rows in ``db``, with when they were written."""
    if not db.table("texts").exists():
        return {}
    return {
        (str(sha), str(version)): str(created or "")
        for sha, version, created in db.execute(
            "SELECT d.sha256, t.extractor_version, min(t.created_at) FROM texts t"
            " JOIN documents d ON d.id = t.document_id"
            " GROUP BY t.document_id, t.extractor_version"
        )
    }


def merge_parse_rows(out: Database, inputs: Sequence[Database]) -> set[str]:
    """Copy the parse rows the output lacks from ``inputs`` (sorted by path); their documents."""
    have = set(_units(out))
    chosen: dict[Unit, tuple[str, int]] = {}
    for index, db in enumerate(inputs):
        for unit, created in _units(db).items():
            if unit not in have and (created, index) < chosen.get(unit, ("~", 0)):
                chosen[unit] = (created, index)
    wanted: dict[int, set[Unit]] = defaultdict(set)
    for unit, (_, index) in chosen.items():
        wanted[index].add(unit)
    for index, db in enumerate(inputs):
        if wanted[index]:
            _copy_units(out, db, wanted[index])
    documents = {sha for sha, _ in chosen}
    for sha256 in sorted(documents):
        record_version(out, sha256)
    return documents


def _copy_units(out: Database, db: Database, units: set[Unit]) -> None:
    """The texts, reports and cells of ``units`` from ``db`` into ``out``, in a stable order."""
    documents = OutputDocuments(out)
    texts = [
        row
        for row in _named(db, "texts")
        if (row[_SHA], row["extractor_version"]) in units
    ]
    texts.sort(key=lambda r: (r[_SHA], r["extractor_version"], r["id"]))
    out.table("texts").insert_all(
        (
            {k: v for k, v in documents.renamed(row, _SHA).items() if k != "id"}
            for row in texts
        ),
        alter=True,
    )
    reports = [
        row
        for row in _named(db, "reports")
        if (row[_SHA], row["parser_version"]) in units
    ]
    reports.sort(key=lambda r: (r[_SHA], r["parser_version"], r["id"]))
    new_ids = {
        int(row["id"]): inserted_id(
            out.table("reports").insert(_copied_report(out, row), alter=True).last_pk
        )
        for row in reports
    }
    # a problem's cell by its key (ids are local), as report_values maps the cells
    cells = known_cell_ids(out)
    for old_id, new_id in new_ids.items():
        entries = [
            (p["where"], p["kind"], p["detail"]) for p in read_problems(db, old_id)
        ]
        write_problems(out, new_id, entries, cells)
    for row in rows(db, "report_values"):
        report_id = new_ids.get(int(row["report_id"] or 0))
        if report_id is None:
            continue
        cell = {
            k: v for k, v in row.items() if k != "cell_id"
        }  # the input's own numbering
        cell["report_id"] = report_id
        names = ", ".join(f"[{name}]" for name in cell)
        marks = ", ".join("?" for _ in cell)
        out.execute(
            f"INSERT INTO report_values ({names}) VALUES ({marks})",
            list(cell.values()),
        )
