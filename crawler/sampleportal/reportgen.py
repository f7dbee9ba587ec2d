"""Synthetic annual reports: consistent numbers and the HTML and text bodies that carry them.

This is the public face of the report generator, used by the sample portal's pages and by the
parser's tests (which render a report, parse it back, and compare with the numbers). It imports
no Scrapy and carries its own official labels (``reportlabels.py``), never the parser's.

>>> import random
>>> numbers = generate_numbers(random.Random(1), "2021")
>>> "（七）总计" in render_html("标题", "示范区人民政府", 2021, numbers)
True
"""

from __future__ import annotations

from crawler.sampleportal.reporthtml import render_html
from crawler.sampleportal.reportnumbers import (
    FormatName,
    Number,
    ReportNumbers,
    correct_one_number,
    generate_numbers,
)
from crawler.sampleportal.reporttables import format_number
from crawler.sampleportal.reporttext import TEXT_LAYOUTS, TextLayout, render_text

__all__ = [
    "TEXT_LAYOUTS",
    "FormatName",
    "Number",
    "ReportNumbers",
    "TextLayout",
    "correct_one_number",
    "format_number",
    "generate_numbers",
    "render_html",
    "render_text",
]
