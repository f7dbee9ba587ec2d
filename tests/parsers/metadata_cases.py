"""Generated documents for every metadata class of real-world.md, with the truth they carry.

``metadata_cases()`` returns ``(class_name, Document, expected)`` triples, ``expected`` being
``dict(year=…, agency=…, region_code=…)``; the accuracy suite imports it (``accuracy_cases()``
wraps the same cases in its own record). Every document is made up here from a seeded
generator, in the shape real reports have (never copied from one): places and codes come from
the bundled GB/T 2260 table, so the expected region code is known. HTML cases go through
``parsers.extract`` so the ``Document`` is what extraction really hands the parser.

Classes (real-world.md, "Reports: metadata"): header_block, markdown_heading, two_line_title,
spaced_dates, abbreviated_organ, organ_outside_title, misprinted_characters,
chinese_numeral_dates, meta_title_not_report; year_placed_apart (the year after the
report's name or in brackets, a publication date before the title on its line); and
year_boundaries (a report covering two years, which has no one year; a report published in
January whose prose names the coming year's plans; last year's report cited before the
sentence naming this one).
"""

from __future__ import annotations

import random
from html import escape
from typing import Any

from parsers import Document, Source, extract
from parsers.gazetteer import codes_for_name, parent_code, region_name
from parsers.gazetteer.table import load

SEED = 2260
VARIANTS_PER_CLASS = 6
CLASSES = (
    "header_block",
    "markdown_heading",
    "two_line_title",
    "spaced_dates",
    "abbreviated_organ",
    "organ_outside_title",
    "misprinted_characters",
    "chinese_numeral_dates",
    "meta_title_not_report",
    "year_placed_apart",
    "year_boundaries",
)
#: Departments as organs name them in full, and the abbreviation titles use.
DEPARTMENTS = (
    ("科学技术委员会", "科委"),
    ("发展和改革委员会", "发改委"),
    ("人力资源和社会保障局", "人社局"),
    ("住房和城乡建设局", "住建局"),
    ("卫生健康委员会", "卫健委"),
    ("市场监督管理局", "市场监管局"),
)
#: Places printed with a look-alike character (an OCR'd scan): printed, true, code.
MISPRINTS = (
    ("江苏省宿迁市沐阳县", "江苏省宿迁市沭阳县", "321322"),
    ("安徽省毫州市", "安徽省亳州市", "341600"),
    ("江苏省徐州市雎宁县", "江苏省徐州市睢宁县", "320324"),
    ("四川省沪州市", "四川省泸州市", "510500"),
)
CN_DIGITS = "〇一二三四五六七八九"


def _county(rng: random.Random) -> tuple[str, str]:
    """A county whose city is in the table: (city + county name, county code)."""
    names = load().names
    counties = sorted(
        c
        for c in names
        if not c.endswith("00") and (c[:4] + "00") in names and c[:4] + "00" != c
    )
    while True:
        code = rng.choice(counties)
        city = parent_code(code)
        if city and region_name(city) != region_name(code[:2] + "0000"):
            return f"{region_name(city)}{region_name(code)}", code


def _city(rng: random.Random) -> tuple[str, str]:
    names = load().names
    cities = sorted(
        c
        for c in names
        if c.endswith("00")
        and not c.endswith("0000")
        and codes_for_name(names[c])
        == (c,)  # unique, and no municipality's second code
    )
    code = rng.choice(cities)
    return names[code], code


def _cn_year(year: int) -> str:
    return "".join(CN_DIGITS[int(d)] for d in str(year))


def _cn_small(n: int) -> str:
    tens, units = divmod(n, 10)
    text = ("" if tens == 1 else CN_DIGITS[tens]) + "十" if tens else ""
    return text + (CN_DIGITS[units] if units else "")


def _body(year: int, *, subject: str = "本机关", signature: str = "") -> str:
    """Six parts of prose in the national outline, naming no organ unless told to."""
    parts = [
        "一、总体情况",
        f"{year}年，{subject}认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。",
        "二、主动公开政府信息情况",
        "本年度通过门户网站主动公开政府信息若干条。",
        "三、收到和处理政府信息公开申请情况",
        "本年度收到的申请均已按期答复。",
        "四、政府信息公开行政复议、行政诉讼情况",
        "本年度未发生行政复议、行政诉讼。",
        "五、存在的主要问题及改进情况",
        "公开内容的规范性仍需加强。",
        "六、其他需要报告的事项",
        "无。",
    ]
    return "\n".join(parts) + (f"\n\n{signature}" if signature else "") + "\n"


def _date(year: int, rng: random.Random) -> str:
    return f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"


def _html(*, meta: dict[str, str], heading: str, body: str) -> Document:
    tags = "".join(
        f'<meta name="{escape(k)}" content="{escape(v)}">' for k, v in meta.items()
    )
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in body.split("\n") if line)
    html = (
        f"<html><head>{tags}<title>{escape(meta.get('ArticleTitle', heading))}</title></head>"
        f'<body><div class="nav">当前位置：首页 &gt; 政务公开 &gt; 年报</div>'
        f"<h1>{escape(heading)}</h1>"
        f'<div class="TRS_Editor">{paragraphs}</div></body></html>'
    )
    return extract(Source(html.encode("utf-8"), media_type="text/html"))


def _expect(year: int | None, agency: str, code: str | None) -> dict[str, Any]:
    return {"year": year, "agency": agency, "region_code": code}


def _header_block(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict[str, Any]]:
    place, code = _county(rng)
    organ = f"{place}人民政府"
    suffix = "年度" if variant % 2 else "年"
    title = f"{organ}{year}{suffix}政府信息公开工作年度报告"
    publisher = organ if variant % 3 == 0 else ""
    if publisher:
        title = f"{year}年政府信息公开工作年度报告"  # the organ only in 发布机构
    header = (
        f"标题: {title}\n发布时间: {year + 1}-01-{rng.randint(10, 28)} 09:30\n文号: \n"
        f"发布机构: {publisher}\n栏目: 政府信息公开年报\n"
        f"原文链接: https://www.example.invalid/zwgk/{year}/t{rng.randint(1000, 9999)}.htm\n"
        "==================== 正文 ====================\n"
    )
    body = f"当前位置： 首页 政务公开 {title} " + _body(year).replace("\n", " ")
    return Document(text=header + body), _expect(year, organ, code)


def _markdown_heading(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict[str, Any]]:
    place, code = _county(rng)
    organ = f"{place}人民政府"
    marks = ("#", "##", "# **")[variant % 3]
    close = "**" if "**" in marks else ""
    heading = f"{marks} {organ} {year} 年 政府信息公开工作年度报告{close}"
    body = "\n\n".join(
        f"## {line}" if "、" in line[:3] else line for line in _body(year).split("\n")
    )
    return Document(text=f"{heading}\n\n{body}"), _expect(year, organ, code)


def _two_line_title(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict[str, Any]]:
    place, code = _county(rng)
    organ = f"{place}人民政府"
    if variant % 2:
        title = f"{organ}\n{year} 年政府信息公开工作年度报告"
    else:
        title = f"{organ}\n{year}年政府信息公开\n工作年度报告"
    return Document(text=f"- 1 -\n{title}\n{_body(year)}"), _expect(year, organ, code)


def _spaced_dates(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict[str, Any]]:
    place, code = _county(rng)
    organ = f"{place}人民政府"
    if variant % 2:
        title = (
            f"{organ}政府信息公开工作年度报告"  # the year only in the statistics period
        )
        period = f"本报告统计周期为 {year} 年 1 月 1 日至 12 月 31 日。"
    else:
        title = f"{organ} {year} 年度政府信息公开工作年度报告"
        period = f"本报告所列数据的统计期限自 {year} 年 1 月 1 日起至 {year} 年 12 月 31 日止。"
    return Document(text=f"{title}\n{period}\n{_body(year)}"), _expect(
        year, organ, code
    )


def _abbreviated_organ(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict[str, Any]]:
    city, code = _city(rng)
    full, short = DEPARTMENTS[variant % len(DEPARTMENTS)]
    organ, printed = city + full, city + short
    title = f"{year} 年{printed}政府信息公开工作年度报告"
    where = variant % 3
    if where == 0:  # the 本报告由…编制 sentence
        text = f"{title}\n本报告由{organ}编制。\n{_body(year)}"
        return Document(text=text), _expect(year, organ, code)
    if where == 1:  # the signature
        signed = organ + "\n" + _date(year, rng)
        text = f"{title}\n{_body(year, signature=signed)}"
        return Document(text=text), _expect(year, organ, code)
    document = _html(
        meta={"ArticleTitle": title, "Author": organ}, heading=title, body=_body(year)
    )
    return document, _expect(year, organ, code)


def _organ_outside_title(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict[str, Any]]:
    place, code = _county(rng)
    organ = f"{place}人民政府"
    title = (
        f"{year}年政府信息公开工作年度报告",
        f"本机关{year}年政府信息公开工作年度报告",
    )[variant % 2]
    where = variant % 5
    if where == 0:  # the signature at the end
        body = _body(year, signature=f"{organ}\n{_date(year, rng)}")
        return Document(text=f"{title}\n{body}"), _expect(year, organ, code)
    if where == 1:  # the first sentence
        return Document(text=f"{title}\n{_body(year, subject=organ)}"), _expect(
            year, organ, code
        )
    if where == 2:  # <meta name="Author">
        document = _html(
            meta={"ArticleTitle": title, "Author": organ},
            heading=title,
            body=_body(year),
        )
        return document, _expect(year, organ, code)
    if where == 3:  # the page's 来源
        document = _html(
            meta={"ArticleTitle": title, "ContentSource": organ},
            heading=title,
            body=_body(year),
        )
        return document, _expect(year, organ, code)
    office = f"{organ}办公室"  # 本报告由…办公室编制: the government is the organ
    return Document(text=f"{title}\n本报告由{office}编制。\n{_body(year)}"), _expect(
        year, organ, code
    )


def _misprinted(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict[str, Any]]:
    printed, true, code = MISPRINTS[variant % len(MISPRINTS)]
    title = f"{printed}人民政府{year}年政府信息公开工作年度报告"
    return Document(text=f"{title}\n{_body(year)}"), _expect(
        year, f"{true}人民政府", code
    )


def _chinese_numerals(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict[str, Any]]:
    place, code = _county(rng)
    organ = f"{place}人民政府"
    circle = _cn_year(year).replace("〇", "○") if variant % 2 else _cn_year(year)
    month, day = rng.randint(1, 3), rng.randint(1, 28)
    signed = f"{organ}\n{_cn_year(year + 1)}年{_cn_small(month)}月{_cn_small(day)}日"
    title = f"{organ}{circle}年度政府信息公开工作年度报告"
    return Document(text=f"{title}\n{_body(year, signature=signed)}"), _expect(
        year, organ, code
    )


def _meta_title_not_report(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict[str, Any]]:
    place, code = _county(rng)
    organ = f"{place}人民政府"
    reused = ("政务公开", f"{organ}{year - 1}年政府信息公开工作年度报告", "通知公告")[
        variant % 3
    ]
    heading = f"{organ}{year}年政府信息公开工作年度报告"
    document = _html(meta={"ArticleTitle": reused}, heading=heading, body=_body(year))
    return document, _expect(year, organ, code)


def _year_placed_apart(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict[str, Any]]:
    """The year after the report's name or in brackets, or a date before the title."""
    place, code = _county(rng)
    organ = f"{place}人民政府"
    title = (
        f"{organ}（{year}年）政府信息公开工作年度报告",
        f"{organ}政府信息公开工作{year}年度报告",
        f"{organ}政府信息公开工作年度报告（{year}年度）",
        f"{_date(year, rng)} {organ}{year}年政府信息公开工作年度报告",
        f"{organ}政府信息公开工作年度报告（{year}年）",
        f"{organ}（{year}年度）政府信息公开工作年度报告",
    )[variant % 6]
    return Document(text=f"{title}\n{_body(year)}"), _expect(year, organ, code)


def _year_boundaries(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict[str, Any]]:
    """A report covering two years (no one year is its year), or one published in January.

    The first three name a span of two years in the title or the statistics period: the
    expected year is None (taking either would be a guess). Two are one year's report
    published early the next year, whose prose names the next year's plans more often than
    the report's own year; the last has no year in its title and cites last year's report
    before the sentence naming its own.
    """
    place, code = _county(rng)
    organ = f"{place}人民政府"
    if variant % 6 < 3:  # the first three variants
        title, period = (
            (f"{organ}{year - 1}—{year}年政府信息公开工作年度报告", ""),
            (f"{organ}{year - 1}年至{year}年政府信息公开工作年度报告", ""),
            (
                f"{organ}政府信息公开工作年度报告",
                f"本报告统计期限自{year - 1}年1月1日起至{year}年12月31日止。\n",
            ),
        )[variant % 3]
        document = Document(text=f"{title}\n{period}{_body(year)}")
        return document, _expect(None, organ, code)
    plans = f"{year + 1}年，本机关将继续推进政务公开。{year + 1}年重点工作另行部署。"
    if variant % 6 == 5:  # the last variant
        # no year in the title; part 五 cites last year's report before the body names its own
        cited = (
            f"针对{year - 1}年度政府信息公开工作年度报告中指出的问题，本机关逐项整改。"
            f"现公布{organ}{year}年度政府信息公开工作年度报告。"
        )
        text = f"{organ}政府信息公开工作年度报告\n{cited}\n{_body(year)}"
        return Document(text=text), _expect(year, organ, code)
    title = (
        f"{_date(year, rng)} {organ}{year}年政府信息公开工作年度报告",
        f"{organ}{year}年度政府信息公开工作年度报告\n发布日期：{_date(year, rng)}",
    )[variant % 2]
    text = f"{title}\n{_body(year)}{plans}\n"
    return Document(text=text), _expect(year, organ, code)


_BUILDERS = {
    "header_block": _header_block,
    "markdown_heading": _markdown_heading,
    "two_line_title": _two_line_title,
    "spaced_dates": _spaced_dates,
    "abbreviated_organ": _abbreviated_organ,
    "organ_outside_title": _organ_outside_title,
    "misprinted_characters": _misprinted,
    "chinese_numeral_dates": _chinese_numerals,
    "meta_title_not_report": _meta_title_not_report,
    "year_placed_apart": _year_placed_apart,
    "year_boundaries": _year_boundaries,
}


def metadata_cases(
    seed: int = SEED, variants: int = VARIANTS_PER_CLASS
) -> list[tuple[str, Document, dict[str, Any]]]:
    """``variants`` documents of every class, reproducible from ``seed``."""
    rng = random.Random(seed)  # noqa: S311 - a seeded fixture
    cases = []
    for name in CLASSES:
        for variant in range(variants):
            year = rng.randint(2012, 2025)
            document, expected = _BUILDERS[name](rng, year, variant)
            cases.append((name, document, expected))
    return cases


def accuracy_cases() -> list[Any]:
    """The same cases as the accuracy suite's records (year, organ, region code; no cells)."""
    from tests.accuracy.truth import Case, Truth

    return [
        Case(
            cls=f"meta:{name}",
            name=f"meta-{name}-{index}",
            truth=Truth(
                fmt="",
                year=expected["year"],
                agency=expected["agency"],
                agency_short=expected["agency"],
                values={},
                region_code=expected["region_code"],
            ),
            document=document,
            checks=("year", "agency", "region"),
        )
        for index, (name, document, expected) in enumerate(metadata_cases())
    ]
