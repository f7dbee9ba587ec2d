"""WACZ packages: the WARC records of an archive (or of one site, or since a cursor) for replay.

WACZ is the zip format web archivists exchange (ReplayWeb.page and pywb open it, Browsertrix
writes it): the WARC files, a CDXJ index of them and ``pages/pages.jsonl``, the pages a reader
starts from. The ``wacz`` package (Webrecorder's, with ``cdxj-indexer``) writes the zip and the
index; this module chooses the records and the pages.

The chosen records are copied byte for byte (each is its own gzip member) into one WARC: the
response or revisit of every selected capture, the request record written right after it, and,
for a revisit, the response holding the original body, so a replay of the package alone finds
every body. The pages are the report pages (captures of kind ``report`` answered 200) with the
title the parser read. ``wacz`` is an optional dependency (``pip install nianbao[wacz]``).
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from archive.errors import ArchiveError
from archive.feeds import after_crawls, crawl_cursor, resolve_since
from archive.outfiles import replacing
from archive.verify import open_index_readonly
from archive.warc_read import read_record

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlite_utils import Database


class WaczUnavailableError(ArchiveError):
    """The optional ``wacz`` package is not installed."""


@dataclass(frozen=True, slots=True)
class WaczResult:
    """Records and report pages packaged, and the next cursor (the newest finished crawl)."""

    records: int
    pages: int
    cursor: str | None


def write_wacz(
    directory: str | Path,
    output: str | Path,
    *,
    site: str | None = None,
    since: str | None = None,
    title: str = "nianbao archive",
) -> WaczResult:
    """Package the captures of ``site`` (every site if None) fetched after ``since``."""
    try:
        from wacz.main import main as wacz_main  # noqa: PLC0415 (optional dependency)
    except ImportError as exc:
        msg = "WACZ export needs the wacz package: pip install 'nianbao[wacz]'"
        raise WaczUnavailableError(msg) from exc
    root = Path(directory)
    db = open_index_readonly(root)
    try:
        db.execute("BEGIN")
        after = resolve_since(db, since)
        cursor = crawl_cursor(db, after)
        records = _selected_records(db, site, after)
        if not records:
            msg = "nothing to package: no capture matches --site/--since"
            raise ArchiveError(msg)
        pages = list(_pages(db, site, after))
    finally:
        db.close()
    with tempfile.TemporaryDirectory(prefix="nianbao-wacz-") as tmp:
        warc_path = Path(tmp) / "nianbao.warc.gz"
        count = _copy_records(root / "warc", records, warc_path)
        pages_path = Path(tmp) / "pages.jsonl"
        header = {"format": "json-pages-1.0", "id": "pages", "title": title}
        pages_path.write_text(
            "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in [header, *pages]),
            encoding="utf-8",
        )
        log = io.StringIO()
        with replacing(output) as part:
            args = ["create", "-o", str(part), "-p", str(pages_path), "--copy-pages"]
            args += ["--title", title, str(warc_path)]
            with contextlib.redirect_stdout(
                log
            ):  # wacz prints progress; stdout is for data
                status = wacz_main(args)
            if status not in (0, None):
                msg = f"wacz create failed: {log.getvalue().strip()[-300:]}"
                raise ArchiveError(msg)
    return WaczResult(count, len(pages), cursor)


def _selected_records(
    db: Database, site: str | None, since: str | None
) -> list[tuple[str, int]]:
    """(file, offset) of every chosen capture and of the originals its revisits point to."""
    rows = db.execute(
        "SELECT warc_file, warc_offset, warc_record_type, document_id FROM captures"
        f" WHERE (:site IS NULL OR site_id = :site) AND {_since(since)}"
        " ORDER BY warc_file, warc_offset",
        {"site": site, "since": since},
    ).fetchall()
    chosen = {(name, offset) for name, offset, _, _ in rows}
    for _, _, rec_type, document_id in rows:
        if rec_type != "response":
            original = db.execute(
                "SELECT warc_file, warc_offset FROM captures WHERE document_id = ?"
                " AND warc_record_type = 'response' ORDER BY id LIMIT 1",
                [document_id],
            ).fetchone()
            if original is not None:
                chosen.add((original[0], original[1]))
    return sorted(chosen)


def _copy_records(warc_dir: Path, records: list[tuple[str, int]], out: Path) -> int:
    """Copy each record and the request record that follows it; return records written."""
    written = 0
    with out.open("wb") as sink:
        for name, offset in records:
            path = warc_dir / name
            record = read_record(path, offset)  # checks the member and its digest
            spans = [(offset, record.length)]
            after = offset + record.length
            if after < path.stat().st_size:
                following = read_record(path, after)
                if following.rec_type == "request":
                    spans.append((after, following.length))
            with path.open("rb") as source:
                for start, length in spans:
                    source.seek(start)
                    sink.write(source.read(length))
                    written += 1
    return written


def _pages(
    db: Database, site: str | None, since: str | None
) -> Iterator[dict[str, str]]:
    """The report pages among the chosen captures, oldest first, with the parsed title."""
    for url, fetched_at, title in db.execute(
        "SELECT c.url, c.fetched_at, (SELECT r.title FROM reports r"
        "  WHERE r.document_id = c.document_id ORDER BY r.id DESC LIMIT 1)"
        " FROM captures c WHERE c.kind = 'report' AND c.status = 200"
        " AND c.warc_record_type = 'response'"
        f" AND (:site IS NULL OR c.site_id = :site) AND {_since(since)}"
        " ORDER BY c.fetched_at, c.id",
        {"site": site, "since": since},
    ).fetchall():
        page = {"url": url, "ts": fetched_at}
        if title:
            page["title"] = title
        yield page


def _since(since: str | None) -> str:
    return "1" if since is None else after_crawls("fetched_at")
