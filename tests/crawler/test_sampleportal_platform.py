"""The sample portal's 政府信息公开 platform site: shape and ground truth, per seed."""

from __future__ import annotations

import pytest

from crawler.sampleportal.platform import render
from crawler.sampleportal.sites_platform import (
    HOME,
    MAIN_COLUMN,
    PLATFORM,
    STYLES,
    UNRELATED,
    build_platform,
)


@pytest.mark.parametrize("seed", [1, 7, 42])
def test_every_link_style_and_a_report_per_column(seed):
    platform = build_platform(seed=seed)
    assert {s.style for s in platform.subsites} == set(STYLES)
    columns = platform.report_columns()
    assert len(set(columns)) == len(columns) == len(platform.subsites) + 1
    for column in columns:
        reports = [r for r in platform.reports if r.paths[0].startswith(column)]
        assert reports, column
    assert {
        r.year for r in platform.reports if r.paths[0].startswith(MAIN_COLUMN)
    } == set(range(2019, 2025))


def test_same_seed_same_site_other_seed_other_site():
    one, again, other = (
        build_platform(seed=7),
        build_platform(seed=7),
        build_platform(seed=8),
    )
    assert one == again
    assert [r.paths for r in one.reports] != [r.paths for r in other.reports]


def test_pages_render_and_the_sister_host_serves_only_its_columns():
    platform = build_platform(seed=7)
    main = "127.0.0.1:8000"
    for path in (
        HOME,
        PLATFORM,
        MAIN_COLUMN,
        MAIN_COLUMN + "index_1.html",
        UNRELATED[0],
    ):
        assert render(platform, path, 8000, main).status == 200, path
    assert render(platform, MAIN_COLUMN + "index_2.html", 8000, main).status == 404
    sister = next(s for s in platform.subsites if s.style == "sister")
    page = render(platform, sister.page, 8000, main).body.decode("utf-8")
    assert f'href="http://localhost:8000{sister.column}"' in page
    assert render(platform, sister.column, 8000, "localhost:8000").status == 200
    assert render(platform, MAIN_COLUMN, 8000, "localhost:8000").status == 404
    parent = next(s for s in platform.subsites if s.style == "parent-dir")
    page = render(platform, parent.page, 8000, main).body.decode("utf-8")
    assert '<a href="../xxgkgd/">年度报告</a>' in page
