"""The portal model: deterministic, scaled by size, and holding every special case at size 30."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from crawler.sampleportal import build_portal
from crawler.sampleportal.corpus import CORPUS
from crawler.sampleportal.reportgen import TEXT_LAYOUTS


@pytest.fixture(scope="module")
def truth():
    return build_portal(seed=7, size=30)


def test_same_seed_and_size_give_the_same_portal_and_another_seed_differs(truth):
    assert build_portal(seed=7, size=30) == truth
    other = build_portal(seed=8, size=30)
    assert [r.paths for r in other.reports] != [r.paths for r in truth.reports]


def test_size_is_the_approximate_number_of_reports_with_about_two_articles_each():
    portal = build_portal(seed=1, size=300)
    assert 270 <= len(portal.reports) <= 330
    assert 1.5 <= len(portal.articles) / len(portal.reports) <= 4


def test_a_benchmark_sized_portal_builds_in_a_few_seconds():
    started = time.perf_counter()
    portal = build_portal(seed=3, size=2000)
    assert time.perf_counter() - started < 5
    assert len(portal.reports) >= 2000


def test_size_below_one_is_rejected():
    with pytest.raises(ValueError, match="at least 1"):
        build_portal(seed=1, size=0)


def test_three_sites_with_reports_for_every_year_and_both_formats(truth):
    assert {(s.site_id, s.family) for s in truth.sites} == {
        ("demo-trs", "trs"),
        ("demo-hanweb", "hanweb"),
        ("demo-gkmlpt", "gkmlpt"),
    }
    assert {r.year for r in truth.reports} == set(range(2019, 2025))
    for report in truth.reports:
        if report.year <= 2020:
            assert report.format == "2019"
    late_2019 = [r for r in truth.reports if r.year == 2022 and r.format == "2019"]
    assert len(late_2019) == 1
    assert {r.site_id for r in truth.reports} == {
        "demo-trs",
        "demo-hanweb",
        "demo-gkmlpt",
    }
    assert len({r.agency for r in truth.reports if r.site_id == "demo-trs"}) >= 4


def test_each_corpus_text_is_published_exactly_once(truth):
    published = Counter(r.corpus_file for r in truth.reports if r.corpus_file)
    assert published == Counter(c.file for c in CORPUS)
    assert all(r.numbers is None for r in truth.reports if r.corpus_file)
    assert all(r.numbers is not None for r in truth.reports if not r.corpus_file)


def test_one_report_has_two_urls_with_the_same_docid_tail(truth):
    doubles = [r for r in truth.reports if len(r.paths) == 2]
    assert len(doubles) == 1
    first, second = doubles[0].paths
    assert first != second
    assert first.rsplit("/", 2)[-2:] == second.rsplit("/", 2)[-2:]


def test_corrected_republication_has_same_title_new_docid_one_changed_number(truth):
    corrected = [r for r in truth.reports if r.corrected_version_of]
    assert len(corrected) == 1
    original = truth.report_by_key(corrected[0].corrected_version_of)
    assert original.title == corrected[0].title
    assert original.paths != corrected[0].paths
    before, after = original.numbers.all_values(), corrected[0].numbers.all_values()
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 1


def test_attachment_only_reports_cover_every_format_once_across_the_sites(truth):
    only = [r for r in truth.reports if r.attachment_only]
    assert all(len(r.attachment_paths) == 1 for r in only)
    kinds = sorted(truth.files[r.attachment_paths[0]].kind for r in only)
    assert kinds == ["doc", "docx", "ofd", "pdf", "wps", "xlsx"]
    assert {r.site_id for r in only} == {"demo-trs", "demo-hanweb", "demo-gkmlpt"}
    assert all(r.numbers is not None for r in only)


def test_special_paths_are_distinct_and_reachable_from_a_list(truth):
    special = truth.special
    singles = [
        special.soft404,
        special.broken,
        special.flaky_500,
        special.redirect_from,
        special.robots_disallowed,
        special.non_html,
        special.malformed,
    ]
    assert len(set(singles)) == len(singles)
    linked = {e.href for c in truth.columns.values() for e in c.entries}
    for path in [special.redirect_from, special.robots_disallowed, *special.offsite]:
        assert path in linked
    for path in (special.soft404, special.broken, special.non_html, special.malformed):
        assert "./" + path.removeprefix("/trs/zfxxgk/zfxxgknb/") in linked
    report_paths = {p for r in truth.reports for p in r.paths}
    assert special.flaky_500 in report_paths
    assert special.redirect_to in report_paths
    assert special.broken not in truth.pages
    assert special.robots_disallowed.startswith("/trs/private/")
    assert all(p.startswith("/offsite/") for p in special.offsite)
    assert special.oversized in {p for r in truth.reports for p in r.attachment_paths}


def test_every_report_path_and_attachment_is_served_by_the_model(truth):
    for report in truth.reports:
        for path in report.paths:
            assert truth.pages[path].report == report
        for path in report.attachment_paths:
            assert truth.files[path].report_key == report.key
    assert all(truth.pages[p].role == "article" for p in truth.articles)


def test_the_test_sized_portal_publishes_every_body_layout(truth):
    layouts = {r.layout for r in truth.reports}
    assert layouts == {"html", "corpus", *TEXT_LAYOUTS}
