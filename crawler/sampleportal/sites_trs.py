"""Assemble the TRS WCM site (``demo-trs``): district column, street sub-columns, 部门年报.

This module decides the site's shape: which street and department columns exist for a given
report count, who publishes each ordinary report, and how many filler articles each column
needs so that every list paginates. How a row is built lives in ``sites_trs_columns``; the
failure modes (docs/sample-portal.md, section D) are planted by ``sites_trs_special``.
"""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING

from crawler.sampleportal.builder import LOOK_ALIKES, YEARS
from crawler.sampleportal.model import SiteTruth
from crawler.sampleportal.sites_trs_columns import (
    DISTRICT,
    DISTRICT_DIR,
    ENCODING,
    SITE,
    TrsColumn,
    TrsSite,
    detail_path,
    rel,
)
from crawler.sampleportal.sites_trs_special import add_special_cases

if TYPE_CHECKING:
    from crawler.sampleportal.builder import Builder

__all__ = [
    "DEPARTMENTS",
    "DEPT_DIR",
    "DISTRICT",
    "DISTRICT_DIR",
    "ENCODING",
    "MIN_DEPT_ROWS",
    "MIN_DISTRICT_ROWS",
    "MIN_STREET_ROWS",
    "PDF_SHARE",
    "SITE",
    "STREETS",
    "add_trs",
    "detail_path",
    "rel",
]

DEPT_DIR = "/trs/zfxxgk/bmnb/"
STREETS = (
    "东城街道办事处",
    "西城街道办事处",
    "南湖街道办事处",
    "北苑街道办事处",
    "城关镇人民政府",
    "新华乡人民政府",
)
DEPARTMENTS = (
    "教育局",
    "民政局",
    "财政局",
    "卫生健康局",
    "交通运输局",
    "市场监督管理局",
)
#: Column sizes that guarantee pagination at every portal size (15 rows per page).
MIN_DISTRICT_ROWS = 31
MIN_DEPT_ROWS = 16
MIN_STREET_ROWS = 3
#: A quarter of the ordinary reports link a PDF copy.
PDF_SHARE = 0.25


def _cycled(names: tuple[str, ...], index: int) -> str:
    base = names[index % len(names)]
    return base if index < len(names) else f"第{index // len(names) + 1}{base}"


def add_trs(b: Builder, count: int) -> SiteTruth:
    """Add the TRS site with ``count`` ordinary reports plus every special case."""
    site = TrsSite(b)
    organs_needed = ceil(count / len(YEARS)) + 1
    n_streets = max(2, organs_needed * 2 // 3)
    n_depts = max(2, organs_needed - n_streets)
    site.columns["zfxxgknb"] = TrsColumn(
        "zfxxgknb", "政府信息公开年报", DISTRICT_DIR, DISTRICT
    )
    site.organs.append(("zfxxgknb", DISTRICT))
    for i in range(n_streets):
        key, organ = f"jd{i + 1:02d}", f"示范区{_cycled(STREETS, i)}"
        site.columns[key] = TrsColumn(key, organ, f"{DISTRICT_DIR}xzjd/{key}/", organ)
        site.organs.append((key, organ))
    site.columns["bmnb"] = TrsColumn("bmnb", "部门年报", DEPT_DIR, "示范区财政局")
    site.organs += [
        ("bmnb", f"示范区{_cycled(DEPARTMENTS, i)}") for i in range(n_depts)
    ]

    for i in range(count):
        col, agency = site.organs[i % len(site.organs)]
        year = YEARS[(i // len(site.organs)) % len(YEARS)]
        site.report(
            col, agency, year, attach="pdf" if b.rng.random() < PDF_SHARE else None
        )
    add_special_cases(site)
    for shape in LOOK_ALIKES:  # the hard negatives
        site.article("zfxxgknb", shape.format(org="示范区", year=b.rng.choice(YEARS)))
    minimum = {"zfxxgknb": MIN_DISTRICT_ROWS, "bmnb": MIN_DEPT_ROWS}
    for key, column in site.columns.items():
        target = max(minimum.get(key, MIN_STREET_ROWS), len(column.entries) * 3)
        while len(column.entries) < target:
            site.article(key)
    children = tuple(f"trs:{key}" for key in site.columns if key != "zfxxgknb")
    for key, column in site.columns.items():
        b.add_column(
            site_id=SITE,
            key=f"trs:{key}",
            name=column.name,
            path=column.directory + ("index.shtml" if key == "bmnb" else "index.html"),
            entries=column.entries,
            children=children if key == "zfxxgknb" else (),
        )
    return SiteTruth(SITE, "trs", DISTRICT_DIR + "index.html", "示范区人民政府门户网站")
