"""Parse throughput in CPU time: text and HTML reports per CPU-second, cold and warm.

Usage: ``python bench/parse_bench.py [--reports N] [--rounds R]``.

Reports are generated, every one distinct (its own numbers, organ and year, rendered by the
sample portal in each text layout and as an HTML page), and every round and mode gets reports
of its own that the process has never parsed, so a cache warmed by an earlier round cannot
flatter the figure. Each round times, interleaved in one process:

* ``text, cold``: ``parse_report`` over new text reports, every cache of the parser emptied at
  the start of the round (a fresh worker parsing reports it has never seen: the goal's figure);
* ``text, cleared per report``: the same with every cache emptied before each report (the worst
  case: no cell text ever seen before, not even ``0`` or the national labels);
* ``html``: ``parsers.extract`` + ``parse_report`` over new HTML pages, each a report inside a
  CMS page (head, navigation, TRS container, GB2312), as a crawl fetches it;
* ``mix``: text and HTML alternating, as an archive holds them.

CPU time (``time.process_time``) is reported, not wall time, so a busy machine slows the
figure less; the median of the rounds is printed. The parser's goal is >= 1,000 text reports
per CPU-second with a cold cache.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from html import escape
from typing import TYPE_CHECKING

from crawler.sampleportal.reporthtml import render_html
from crawler.sampleportal.reportnumbers import generate_numbers
from crawler.sampleportal.reporttext import TEXT_LAYOUTS, render_text
from parsers import Document, Source, extract, parse_report

if TYPE_CHECKING:
    from collections.abc import Callable

#: Memos of fixed tables, keyed by a format, a row id or a cell's path: built once by a
#: worker and kept (named, so that the bench also runs on a tree without one of them).
WORKER_TABLES: frozenset[str] = frozenset(
    {
        "parsers.report.assemble._active_slots",
        "parsers.report.assemble._path_parts",
        "parsers.report.assemble._table_slots",
        "parsers.report.rules.format_rules",
        "parsers.report.sections._row_keys",
    }
)

PLACES = (
    "长宁县",
    "临川市",
    "东湖区",
    "北岭县",
    "南江市",
    "西陵区",
    "青山镇",
    "白沙街道",
)
ORGANS = ("人民政府", "交通运输局", "生态环境局", "办事处", "科学技术局")


def generate(count: int, seed: int) -> tuple[list[str], list[bytes]]:
    """``count`` distinct text reports and ``count`` distinct HTML pages."""
    rng = random.Random(seed)
    texts: list[str] = []
    pages: list[bytes] = []
    for index in range(count):
        fmt = "2019" if index % 2 else "2021"
        year = rng.randint(2019, 2020) if fmt == "2019" else rng.randint(2021, 2025)
        agency = rng.choice(PLACES) + rng.choice(ORGANS)
        title = f"{agency}{year}年政府信息公开工作年度报告"
        numbers = generate_numbers(rng, fmt)
        layout = TEXT_LAYOUTS[index % len(TEXT_LAYOUTS)]
        texts.append(render_text(title, agency, year, numbers, layout))
        numbers = generate_numbers(rng, fmt)
        pages.append(portal_page(title, render_html(title, agency, year, numbers)))
    return texts, pages


def portal_page(title: str, body: str) -> bytes:
    """The report body inside a CMS page, as a crawl fetches it: head, nav, TRS container.

    Encoded in GB2312's superset, as the sample portal's TRS site serves it, so decoding is
    measured too.
    """
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"<title>{escape(title)}</title></head><body>"
        '<div class="header"><a href="/">首页</a> <a href="/zfxxgk/">政府信息公开</a></div>'
        f'<h1>{escape(title)}</h1><div class="TRS_Editor">{body}</div>'
        '<div class="footer">网站标识码 0000000000</div></body></html>'
    )
    return page.encode("gb18030")


def clear_caches() -> None:
    """Empty every memo of the report parser: the worst case, no cell text seen before.

    Every ``functools`` cache in the modules of ``parsers.report`` and of the gazetteer's place
    matching is found and emptied, so a memo added later is emptied too. The tables a worker
    builds once (the gazetteer's table, the formats' rules and slots) are kept: a worker
    pays for them once, not once per batch of reports.
    """
    for name, module in list(sys.modules.items()):
        if not name.startswith(("parsers.report", "parsers.gazetteer.places")):
            continue
        for attribute, value in vars(module).items():
            if (
                getattr(value, "__module__", None) == name
                and hasattr(value, "cache_clear")
                and f"{name}.{attribute}" not in WORKER_TABLES
            ):
                value.cache_clear()


def cpu_seconds(work: Callable[[], object]) -> float:
    """CPU seconds one call of ``work`` takes."""
    started = time.process_time()
    work()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300, help="reports of each kind")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    batches = iter(range(args.seed, args.seed + 10 * args.rounds * 4))

    def fresh() -> tuple[list[Document], list[Source]]:
        texts, pages = generate(args.reports, next(batches) * 7919)
        return (
            [Document(text=t) for t in texts],
            [Source(body=p, media_type="text/html") for p in pages],
        )

    def parse_texts_cold(documents: list[Document], _sources: list[Source]) -> None:
        clear_caches()
        for document in documents:
            parse_report(document)

    def parse_texts_cleared(documents: list[Document], _sources: list[Source]) -> None:
        for document in documents:
            clear_caches()
            parse_report(document)

    def parse_pages(_documents: list[Document], sources: list[Source]) -> None:
        for source in sources:
            parse_report(extract(source))

    def parse_mix(documents: list[Document], sources: list[Source]) -> None:
        for document, source in zip(documents, sources, strict=True):
            parse_report(document)
            parse_report(extract(source))

    runs: dict[str, tuple[Callable[[list[Document], list[Source]], None], int]] = {
        "text, cold": (parse_texts_cold, args.reports),
        "text, cleared per report": (parse_texts_cleared, args.reports),
        "html (extract + parse)": (parse_pages, args.reports),
        "mix (text + html)": (parse_mix, 2 * args.reports),
    }
    timings: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, (work, _count) in runs.items():
            documents, sources = fresh()
            timings[name].append(cpu_seconds(lambda: work(documents, sources)))  # noqa: B023
    print(
        f"{args.reports} distinct reports of each kind, {args.rounds} interleaved rounds, CPU time"
    )
    for name, (_work, count) in runs.items():
        median = statistics.median(timings[name])
        spread = f"{min(timings[name]):.3f}-{max(timings[name]):.3f}"
        print(
            f"{name:<24} {count / median:>8,.0f} reports/CPU-s  (median {median:.3f} s, range {spread})"
        )


if __name__ == "__main__":
    main()
