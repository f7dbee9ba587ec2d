"""A generated archive for ``bench/reparse_bench.py``: the sample portal's reports, stored directly.

Each logical report is an HTML report page (``reportgen.render_html``, as the portal serves it);
every ``pdf_every``-th page also links its report as a ruled PDF attachment
(``documents_layout.build_pdf``, the portal's builder), stored with the page as its referrer so
the attachment's report takes the page's context as at crawl time. Numbers, organ and year
differ per report (seeded), so every payload is a distinct document. Captures go through
``Archive.store`` (WARC record, then index rows), the crawl's own write path, without a crawl:
building 3,000 documents this way takes about a minute instead of a crawl's many.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from archive import Archive, Capture
from crawler.sampleportal.documents_layout import build_pdf
from crawler.sampleportal.reportgen import generate_numbers, render_html

if TYPE_CHECKING:
    from pathlib import Path

T0 = datetime(2026, 11, 1, tzinfo=UTC)
PLACES = "东西南北中上下前后左右青红白"
SITE = "bench-reparse"


def _agency(n: int) -> str:
    a, b = divmod(n, len(PLACES))
    return f"{PLACES[a % len(PLACES)]}{PLACES[b]}{n}号区人民政府"


def _page(title: str, agency: str, year: int, body: str) -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><div class='content'>{body}</div></body></html>"
    ).encode()


def build_archive(directory: Path, *, documents: int, pdf_every: int, seed: int) -> int:
    """Store about ``documents`` documents under ``directory``; returns how many were stored."""
    rng = random.Random(seed)
    stored = 0
    n = 0
    with Archive.open(directory, software_version="bench") as archive:
        while stored < documents:
            year = 2019 + n % 6
            fmt = "2021" if year >= 2021 else "2019"
            agency = _agency(n)
            numbers = generate_numbers(rng, fmt)
            title = f"{agency}{year}年政府信息公开工作年度报告"
            url = f"http://portal.test/zfxxgknb/{year}/t{n}.html"
            body = _page(title, agency, year, render_html(title, agency, year, numbers))
            archive.store(_capture(url, body, "report", "text/html; charset=utf-8", n))
            stored += 1
            if pdf_every and n % pdf_every == 0 and stored < documents:
                pdf = build_pdf(numbers, year, agency=agency)
                archive.store(
                    _capture(
                        f"http://portal.test/files/{year}/r{n}.pdf",
                        pdf,
                        "attachment",
                        "application/pdf",
                        n,
                        referrer=url,
                    )
                )
                stored += 1
            n += 1
    return stored


def _capture(
    url: str,
    body: bytes,
    kind: str,
    content_type: str,
    n: int,
    *,
    referrer: str | None = None,
) -> Capture:
    return Capture(
        url=url,
        status=200,
        fetched_at=T0 + timedelta(seconds=n),
        body=body,
        kind=kind,  # type: ignore[arg-type]
        site_id=SITE,
        response_headers=(("Content-Type", content_type),),
        request_headers=(("User-Agent", "nianbao-bench"),),
        referrer=referrer,
        anchor_text="年度报告" if referrer else None,
    )
