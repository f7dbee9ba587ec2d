"""Region codes from the sites registry, for reports whose organ's name did not give one.

The parser derives a report's region code from the organ's place names (``organ_name``). The
archive knows more: which site a report came from, and the caller knows that site's registry
entry (``crawler/sites.toml``: ``region_code``). ``apply_registry_regions`` uses it where the
parse left ``reports.region_code`` empty: a county name several divisions share is settled when
one candidate lies in the site's region, and an organ named without any place (东风街道办事处)
takes the site's code (``registry``); see ``parsers.gazetteer.region_in_site``. Rows that already
have a code are never touched. The caller passes the registry's codes (the archive does not
read the registry) and owns the transaction.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from archive.cellstore import known_cell_ids
from archive.problemstore import delete_problems, read_problems, write_problems
from archive.sourcesets import source_set_id, sources_json
from parsers.gazetteer import region_in_site

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sqlite_utils import Database

logger = logging.getLogger(__name__)


def apply_registry_regions(db: Database, site_regions: Mapping[str, str]) -> int:
    """Fill ``region_code`` of the reports of ``site_regions``' sites that lack one; returns how many."""
    filled = 0
    cells = None
    for site_id, site_region in site_regions.items():
        rows = db.execute(
            f"SELECT id, agency, {sources_json('metadata_sources_id')} FROM reports"
            " WHERE site_id = ? AND region_code IS NULL",
            [site_id],
        ).fetchall()
        for report_id, agency, sources in rows:
            found = region_in_site(agency, site_region)
            if found is None:
                continue
            code, how = found
            problems = read_problems(db, report_id)
            kept = [
                (p["where"], p["kind"], p["detail"])
                for p in problems
                if not (p["where"] == "region_code" and p["kind"] == "region_ambiguous")
            ]
            if len(kept) != len(problems):  # the list again, without the settled one
                cells = known_cell_ids(db) if cells is None else cells
                delete_problems(db, report_id)
                write_problems(db, report_id, kept, cells)
            metadata = json.loads(sources or "{}")
            metadata["region_code"] = how
            db.execute(
                "UPDATE reports SET region_code = ?, region_source = ?,"
                " metadata_sources_id = ? WHERE id = ?",
                [
                    code,
                    how,
                    source_set_id(db, json.dumps(metadata, ensure_ascii=False)),
                    report_id,
                ],
            )
            filled += 1
    if filled:
        logger.info("region codes from the sites registry: %d report(s)", filled)
    return filled
