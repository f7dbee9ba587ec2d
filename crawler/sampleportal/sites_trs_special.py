"""Plant the TRS site's special cases (docs/sample-portal.md, section D).

Nearly every failure mode lives on the TRS site, because TRS district sites are where they were
met: the same report listed in the district column and in a street's column, a corrected
republication, the ``file_appendix``-only report, soft-404s, broken links, a 500, an old-URL
redirect, links off the site, a robots-disallowed directory, a calendar trap, binary and
malformed pages, and an oversized attachment; then the politeness and safety cases of
``crawler.sampleportal.hostile``. Their paths go to ``Builder.special`` for the
server and the tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawler.sampleportal.hostile import plant_safety_cases
from crawler.sampleportal.model import Entry
from crawler.sampleportal.sites_trs_columns import DISTRICT, DISTRICT_DIR

if TYPE_CHECKING:
    from crawler.sampleportal.sites_trs_columns import TrsSite


def add_special_cases(site: TrsSite) -> None:
    """docs/sample-portal.md, section D: one of each, all reachable from the district column."""
    b, special = site.b, site.b.special
    (street0, agency0), (street1, agency1) = site.organs[1], site.organs[2]
    site.report(
        street0, agency0, 2021, extra_cols=("zfxxgknb",), layout="html"
    )  # two URLs, same bytes
    original = site.report("zfxxgknb", DISTRICT, 2022, layout="html")
    assert original.report is not None  # noqa: S101 (report() always sets it)
    site.report("zfxxgknb", DISTRICT, 2022, layout="html", corrects=original.report)
    site.report(street1, agency1, 2023, attach="docx", inline=True, layout="tabs")
    special["flaky_500"] = site.report("zfxxgknb", DISTRICT, 2023, layout="html").paths[
        0
    ]
    moved = site.report("zfxxgknb", DISTRICT, 2020, layout="html", listed=False)
    old_url = f"/trs/old/zfxxgknb/{moved.docid}.html"
    special["redirect_from"], special["redirect_to"] = old_url, moved.paths[0]
    site.columns["zfxxgknb"].entries.append(Entry(old_url, moved))
    big = site.report(
        "zfxxgknb", DISTRICT, 2021, attach="pdf", oversized=True, layout="html"
    )
    special["oversized"] = big.attachments[0].path
    site.corpus_report("zfxxgknb", 0)
    site.corpus_report(street0, 1)
    special["soft404"] = site.failure("soft404", 2021, site.organs[-1][1])
    special["broken"] = site.failure("broken", 2022, agency0)
    special["non_html"] = site.failure("non_html", 2020, agency1)
    special["malformed"] = site.failure("malformed", 2024, DISTRICT)
    private = f"/trs/private/zfxxgknb/t{b.new_id(7)}.html"
    special["robots_disallowed"] = site.failure("robots", 2021, "示范区保密局", private)
    offsite = f"/offsite/zfxxgknb/t{b.new_id(7)}.html"
    special["offsite"] = (site.failure("offsite", 2021, "示范市人民政府", offsite),)
    special["trap_prefix"] = f"{DISTRICT_DIR}rl"
    # attachment-only PDF and DOC reports, and two broken PDFs beside readable pages
    site.report(
        "zfxxgknb", "示范区审计局", 2024, attach="pdf", inline=True, layout="html"
    )
    site.report(street0, "示范区档案馆", 2022, attach="doc", inline=True, layout="html")
    for hostile in ("html_error", "truncated"):
        broken = site.report("zfxxgknb", DISTRICT, 2024, attach="pdf", hostile=hostile)
        special[f"{hostile}_attachment"] = broken.attachments[0].path
    # politeness and safety: 429 + Retry-After, a behaviour-only challenge, a gzip bomb, a
    # redirect loop, an offsite redirect, a streamed oversized file, a flood of links
    if b.hostile:
        plant_safety_cases(site, DISTRICT_DIR)
