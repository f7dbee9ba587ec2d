"""The article bodies shared by the three families: reports, ordinary articles, broken pages.

A report body is reportgen's HTML (tables with merged header cells), a reportgen text layout,
or a real corpus text; text is published as one ``<p>`` per line with tabs kept as ``&#9;``
(how CMS editors paste a converted Word document).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from crawler.sampleportal.corpus import read_corpus
from crawler.sampleportal.reportgen import render_html, render_text

if TYPE_CHECKING:
    from crawler.sampleportal.model import Article, ExpectedReport

#: The malformed page stops this far into its HTML (inside part 三's table) and never closes.
MALFORMED_CUT = 0.55


def report_text(report: ExpectedReport) -> str:
    """The report as plain text: its corpus file, or reportgen's text in the report's layout."""
    if report.corpus_file is not None:
        return read_corpus(report.corpus_file)
    assert report.numbers is not None  # noqa: S101 (synthetic reports always have numbers)
    layout = report.layout
    if layout == "html" or layout == "corpus":  # noqa: PLR1714 (== narrows the Literal for mypy)
        return render_text(
            report.title, report.agency, report.year, report.numbers, "tabs"
        )
    return render_text(report.title, report.agency, report.year, report.numbers, layout)


def report_body(report: ExpectedReport) -> str:
    """The HTML fragment inside the family's content container."""
    if report.layout == "html" and report.numbers is not None:
        return render_html(report.title, report.agency, report.year, report.numbers)
    return text_as_paragraphs(report_text(report))


def text_as_paragraphs(text: str) -> str:
    """One ``<p>`` per line; tabs become ``&#9;`` so the cell boundaries survive in the HTML."""
    return (
        "\n".join(
            f"<p>{escape(line).replace(chr(9), '&#9;')}</p>"
            for line in text.splitlines()
        )
        + "\n"
    )


def article_body(article: Article) -> str:
    """An ordinary notice: a few sentences that mention the organ and nothing report-like."""
    return (
        f"<p>{escape(article.agency)}根据工作安排，现将有关事项公告如下。</p>\n"
        f"<p>一、请各单位高度重视，认真组织实施，确保各项工作落到实处。</p>\n"
        f"<p>二、联系人：办公室，联系电话：0755-{article.docid % 10**8:08d}。</p>\n"
        f'<p style="text-align:right">{escape(article.agency)}</p>\n'
        f'<p style="text-align:right">{article.published:%Y年%m月%d日}</p>\n'
    )


def detail_content(article: Article) -> str:
    """The body of a detail page: the report, an article, or nothing (attachment-only report)."""
    if article.report is None:
        return article_body(article)
    if article.report.attachment_only:
        return ""
    return report_body(article.report)


def malformed_body(article: Article, numbers_html: str) -> str:
    """Unclosed tags and a table cut off mid-row: what a half-saved CMS page looks like."""
    cut = numbers_html[: int(len(numbers_html) * MALFORMED_CUT)]
    return f"<div><p><b>{escape(article.title)}<p>{cut}"
