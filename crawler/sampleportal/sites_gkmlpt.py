"""Assemble the JSON-API site (``demo-gkmlpt``), modelled on Guangdong's gkmlpt platform.

Category 2001 holds the annual reports; 2002 and 2003 hold ordinary notices, and 2002 always
spans more than one API page (20 articles) so paging is exercised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawler.sampleportal.builder import YEARS, fmt_for_year
from crawler.sampleportal.corpus import CORPUS
from crawler.sampleportal.model import Article, Attachment, Entry, SiteTruth

if TYPE_CHECKING:
    from crawler.sampleportal.builder import Builder
    from crawler.sampleportal.model import AttachmentKind

SITE = "demo-gkmlpt"
SID = "755031"
ENCODING = "utf-8"
REPORTS_CATEGORY = 2001
CATEGORIES = {2001: "政府信息公开年报", 2002: "通知公告", 2003: "工作动态"}
ORGANS = (
    "示范市南山区人民政府",
    "示范市南山区粤海街道办事处",
    "示范市南山区蛇口街道办事处",
    "示范市南山区教育局",
)
MIN_NOTICE_ROWS = 21
PER_PAGE = 20


def detail_path(category: int, post_id: int) -> str:
    return f"/gd/gkmlpt/content/{post_id // 100000 % 10}/{category}/post_{post_id}.html"


def add_gkmlpt(b: Builder, count: int) -> SiteTruth:
    """Add the gkmlpt site with ``count`` ordinary reports and one corpus text."""
    entries: dict[int, list[Entry]] = {cid: [] for cid in CATEGORIES}
    name = CATEGORIES[REPORTS_CATEGORY]
    for i in range(count + 2):
        corpus = CORPUS[4] if i == count else None
        # the last one exists only as an OFD attachment, its article body empty
        only = i == count + 1
        agency = corpus.agency if corpus else ORGANS[i % len(ORGANS)]
        year = corpus.year if corpus else YEARS[(i // len(ORGANS)) % len(YEARS)]
        post_id = b.new_id(7)
        day = b.report_date(year)
        path = detail_path(REPORTS_CATEGORY, post_id)
        key = f"{SITE}:{post_id}"
        attachments: tuple[Attachment, ...] = ()
        if corpus is None and (
            only or i % 3 == 0
        ):  # a corpus text has no numbers to lay out
            kind: AttachmentKind = "ofd" if only else "pdf"
            apath = f"/gd/attachment/0/{post_id % 100}/{post_id}/{b.new_id(6)}.{kind}"
            label = f"{agency}{year}年政府信息公开工作年度报告.{kind}"
            attachments = (Attachment(apath, label, kind, key),)
        fmt = fmt_for_year(year)
        expected = b.add_report(
            site_id=SITE,
            docid=post_id,
            title=corpus.title if corpus else b.report_title(agency, year),
            year=year,
            agency=agency,
            fmt=fmt,
            paths=[path],
            numbers=None if corpus else b.numbers(fmt),
            layout="corpus" if corpus else b.next_layout(),
            encoding=ENCODING,
            attachments=[a.path for a in attachments],
            attachment_only=only,
            corpus_file=corpus.file if corpus else None,
        )
        art = Article(
            SITE,
            post_id,
            expected.title,
            day,
            agency,
            name,
            (path,),
            "report",
            expected,
            attachments,
        )
        entries[REPORTS_CATEGORY].append(Entry(path, b.add_page(art)))
    notices = max(MIN_NOTICE_ROWS, count * 2)
    for i in range(notices):
        cid = 2002 if i % 3 else 2003
        if i == notices - 1:
            cid = 2003
        post_id = b.new_id(7)
        path = detail_path(cid, post_id)
        organ = ORGANS[i % len(ORGANS)]
        art = Article(
            SITE,
            post_id,
            b.article_title(organ),
            b.article_date(),
            organ,
            CATEGORIES[cid],
            (path,),
            "article",
        )
        entries[cid].append(Entry(path, b.add_page(art)))
    while len(entries[2002]) < MIN_NOTICE_ROWS:
        post_id = b.new_id(7)
        path = detail_path(2002, post_id)
        art = Article(
            SITE,
            post_id,
            b.article_title(ORGANS[0]),
            b.article_date(),
            ORGANS[0],
            CATEGORIES[2002],
            (path,),
            "article",
        )
        entries[2002].append(Entry(path, b.add_page(art)))
    for cid, rows in entries.items():
        b.add_column(
            site_id=SITE,
            key=f"gkmlpt:{cid}",
            name=CATEGORIES[cid],
            path=f"/gd/gkmlpt/api/all/{cid}",
            entries=rows,
        )
    return SiteTruth(SITE, "gkmlpt", "/gd/gkmlpt/index", "示范市南山区政府信息公开目录")
