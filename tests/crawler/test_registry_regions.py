"""Region codes the sites registry settles: after a crawl's parse pass and in ``reparse``.

南山区 names two districts (黑龙江 鹤岗 230404, 广东 深圳 440305), so the organ's name alone gives
no code; the site's registry entry (demo-trs: 440305) settles it.
"""

from __future__ import annotations

import json

import sqlite_utils
from click.testing import CliRunner

from archive.regions import apply_registry_regions
from crawler.cli import cli
from tests.crawler.test_pipeline import item, open_pipeline

PAGE = (
    "<html><body><div class='TRS_Editor'><p>南山区人民政府2021年政府信息公开工作年度报告</p>"
    "<p>本报告由南山区人民政府编制。</p></div></body></html>"
)


def _region(archive_dir):
    db = sqlite_utils.Database(archive_dir / "index.sqlite")
    return [
        (row["agency"], row["region_code"])
        for row in db["reports"].rows_where(select="agency, region_code")
    ]


def test_the_crawl_gives_its_reports_the_region_its_registry_entry_settles(tmp_path):
    crawler, pipeline = open_pipeline(tmp_path / "a")
    pipeline.process_item(item(body=PAGE.encode("utf-8"), kind="report"))
    pipeline.spider_closed(crawler.spider, "finished")
    assert _region(tmp_path / "a") == [("南山区人民政府", "440305")]


def test_a_region_the_registry_settles_is_recorded_in_the_metadata_sources(tmp_path):
    crawler, pipeline = open_pipeline(tmp_path / "a")
    pipeline.process_item(item(body=PAGE.encode("utf-8"), kind="report"))
    pipeline.spider_closed(crawler.spider, "finished")
    db = sqlite_utils.Database(tmp_path / "a" / "index.sqlite")
    db.execute("UPDATE reports SET region_code = NULL, region_source = NULL")
    with db.atomic():
        assert apply_registry_regions(db, {"demo-trs": "440305"}) == 1
    # the sources' JSON is stored once per distinct text, the report names it by id
    ((code, how, sources),) = db.execute(
        "SELECT r.region_code, r.region_source, s.sources FROM reports r"
        " JOIN metadata_source_sets s ON s.id = r.metadata_sources_id"
    ).fetchall()
    assert (code, how) == ("440305", json.loads(sources)["region_code"])


def test_reparse_fills_the_region_from_the_registry(tmp_path):
    crawler, pipeline = open_pipeline(tmp_path / "a")
    pipeline.process_item(item(body=PAGE.encode("utf-8"), kind="report"))
    pipeline.spider_closed(crawler.spider, "finished")
    db = sqlite_utils.Database(tmp_path / "a" / "index.sqlite")
    db.execute("UPDATE reports SET region_code = NULL, region_source = NULL")
    db.conn.commit()
    result = CliRunner().invoke(
        cli, ["reparse", "--all", "--archive", str(tmp_path / "a")]
    )
    assert result.exit_code == 0, result.output
    assert _region(tmp_path / "a") == [("南山区人民政府", "440305")]
