"""Classes ``meta:*`` of misleading prints: report metadata printed the ways that mislead.

Each case is a made-up report text or page (places and codes from the bundled GB/T 2260 table,
organs and numbers invented) and the truth: year, organ, region code and publication date. A
value the document does not settle is expected null (the truth ``None``): taking one would be
a guess. The classes (``meta:`` and the name; sub-variants cycle with the case index):

* ``header_fields``: crawler-dump header blocks with fields empty, reordered, full-width
  colons, a spaced separator, the title only in the body; a dump's line giving the
  publication date, labelled or not, before the title.
* ``numeral_years``: the title's year in Chinese numerals (〇, ○, 零, a full-width Ｏ, an OCR'd
  Latin o or digit 0 among them), full-width digits and spaces, letter-spaced digits, Arabic
  digits OCR'd as letters (2O23, 2o2l).
* ``title_lines``: the title over two or three lines of PDF text, cut inside the organ or
  between the year's digits and 年, or its year on the line under it; a markdown heading with
  spaces between its words; a title set letter-spaced; a title after an attachment's label
  (附件1：).
* ``organ_near_title``: a title naming no organ (the year first, 本机关) and the organ on the
  line under it, alone, with a date, or in brackets.
* ``page_publisher``: the page's metadata (a dump's 发布机构, the 信息公开 block's 发布机构,
  Author) naming the site's owner, while the report's own text (its signature, its 编制
  sentence) names the organ that wrote it.
* ``cited_years``: words naming another year (上一年度 in the title, last year's report in a
  navigation line or an attachment list above or below the body, last year's numbers cited in
  prose, a publication date in the next year).
* ``local_organs``: townships, streets, county departments, 管委会 and 开发区; the body naming
  the county or city government above them.
* ``reused_meta_title``: a page whose ArticleTitle is another article's (another organ's report
  of the year, the organ's report of last year) above a heading that names no organ or year,
  or no heading; a title naming the year it was published (（2025年发布）).
* ``office_signers``: the office of a department signing or publishing its report (××局办公室),
  and a byline or 发布机构 naming the government above a report that calls itself 本局.
* ``signature_forms``: a title naming no organ and the organ at the end, signed letter-spaced,
  dated 2024.1.5, 2024-01-05 or by the month alone; or compiled by the organ's office for
  disclosure (××县人民政府政务公开办公室, ××局政务公开领导小组办公室).
* ``unit_names``: a title naming a department short (××县水利局, ××县公路局) whose body names a
  unit under or beside it that only adds words before the kind (××县水利工程管理局): the
  department keeps its name; a true abbreviation (住建局, 发改局, 市场监管局) still takes the
  full name the body gives.
* ``plan_years``: a report without a year in its title or a statistics period whose part 五
  plans next year's report (将按时编制发布2025年度…年度报告) or cites last year's (完成2023年度…
  年度报告的发布): no year, unless the opening names the report itself (现将…年度报告公布如下).
* ``named_after_places``: organs named after a park, gate, bay or river that bears a city's
  short name (北海公园管理处, 中山门街道办事处, 杭州湾新区管委会): no code, the feature is often
  in another city; with the city that holds it first, that city's code; the city's own organs
  named by its short form (××海关, ××新区管理委员会) keep its code.
* ``shared_names``: county names several provinces share (朝阳区, 鼓楼区), with or without the
  city that settles them.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Final

from parsers import Document, Source, extract
from parsers.gazetteer import codes_for_name, full_region_name, parent_code, region_name
from tests.accuracy.truth import Case, Truth
from tests.parsers.metadata_cases import _body, _cn_small, _cn_year, _county, _html

if TYPE_CHECKING:
    from collections.abc import Callable

CHECKS: Final = ("year", "agency", "region", "published")
#: Departments of a county, named in full.
DEPARTMENTS: Final = (
    "教育局",
    "住房和城乡建设局",
    "发展和改革局",
    "卫生健康局",
    "财政局",
    "自然资源局",
)
#: Sub-county organs: the name after the county, and whether a 人民政府 suffix belongs to it.
LOCAL: Final = (
    "{t}镇人民政府",
    "{t}乡人民政府",
    "{t}街道办事处",
    "经济开发区管理委员会",
    "{t}工业园区管委会",
    "教育局",
)
TOWN_WORDS: Final = ("和平", "永安", "兴隆", "太平", "新民", "东升", "长乐", "红星")


def _year_cn(year: int, zero: str) -> str:
    return _cn_year(year).replace("〇", zero)


def _sign(organ: str, year: int, rng: random.Random) -> tuple[str, str]:
    """A signature (organ, then a date early next year) and the date it gives."""
    month, day = rng.randint(1, 3), rng.randint(1, 28)
    return f"{organ}\n{year + 1}年{month}月{day}日", f"{year + 1}-{month:02d}-{day:02d}"


def _expect(
    year: int | None, agency: str | None, code: str | None, published: str | None = None
) -> dict[str, object]:
    return {"year": year, "agency": agency, "code": code, "published": published}


def _header_fields(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict]:
    place, code = _county(rng)
    organ = f"{place}人民政府"
    day = rng.randint(10, 28)
    date = f"{year + 1}-01-{day}"
    title = f"{organ}{year}年度政府信息公开工作年度报告"
    kind = variant % 6
    if kind == 5:  # no block: the dump's line gives the date before the title
        label = ("发布日期：", "发布时间: ", "")[variant // 6 % 3]
        text = f"{label}{date} {title}\n{_body(year)}"
        return Document(text=text), _expect(year, organ, code, date)
    if kind == 0:  # fields reordered, full-width colons
        lines = [
            "栏目：年报",
            "发布机构：",
            f"发布时间：{date} 10:00",
            f"标题：{title}",
        ]
        sep, body = "=====正文=====", _body(year)
    elif kind == 1:  # 标题 empty: the title is the body's first line
        lines = ["标题: ", f"发布时间: {date}", "发布机构: ", "原文链接: "]
        sep, body = "==== 正文 ====", f"{title}\n{_body(year)}"
    elif kind == 2:  # the organ only in 发布机构, the title starts with the year
        lines = [
            f"标题: {year}年政府信息公开工作年度报告",
            f"发布机构: {organ}",
            f"发布时间: {date}",
        ]
        sep, body = "===== 正文 =====", _body(year)
    elif kind == 3:  # a Chinese date in 发布时间, 索引号 and 文号 lines
        lines = [
            f"索引号: 11{rng.randint(100000, 999999)}/{year + 1}-00012",
            f"标题: {title}",
            "文号: ",
            f"发布时间: {year + 1}年1月{day}日",
        ]
        sep, body = "=========正文=========", _body(year)
    else:  # everything empty but the title, the body signed
        lines = [f"标题: {title}", "发布时间: ", "发布机构: ", "栏目: "]
        signed, date = _sign(organ, year, rng)
        sep, body = "=====正文=====", _body(year, signature=signed)
    text = "\n".join([*lines, sep, body])
    return Document(text=text), _expect(year, organ, code, date)


def _numeral_years(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict]:
    place, code = _county(rng)
    organ = f"{place}人民政府"
    wide = str.maketrans("0123456789", "０１２３４５６７８９")
    printed = (
        _year_cn(year, "〇") + "年度",
        _year_cn(year, "○") + "年",
        _year_cn(year, "零") + "年",
        _year_cn(year, "Ｏ") + "年度",
        _year_cn(year, "o") + "年",  # an OCR'd Latin o for 〇
        _year_cn(year, "0") + "年",  # an OCR'd digit 0 for 〇
        str(year).translate(wide) + "\u3000年",
        " ".join(str(year)) + " 年",  # letter-spaced PDF text
        str(year).replace("0", "O") + "年",  # an OCR'd letter O for a digit
        str(year).replace("0", "o").replace("1", "l") + "年度",
    )[variant % 10]
    month, day = rng.randint(1, 3), rng.randint(1, 28)
    signed = (
        f"{organ}\n{_year_cn(year + 1, '〇')}年{_cn_small(month)}月{_cn_small(day)}日"
    )
    title = f"{organ}{printed}政府信息公开工作年度报告"
    document = Document(text=f"{title}\n{_body(year, signature=signed)}")
    return document, _expect(year, organ, code, f"{year + 1}-{month:02d}-{day:02d}")


def _title_lines(rng: random.Random, year: int, variant: int) -> tuple[Document, dict]:
    place, code = _county(rng)
    city, county = place[: len(region_name(parent_code(code)) or "")], region_name(code)
    organ = f"{place}人民政府"
    title = (
        f"{city}{county}\n人民政府\n{year}年政府信息公开工作年度报告",
        f"{organ}{year}\n年政府信息公开工作年度报告",
        f"{organ}{year}年\n政府信息公开工作年度报告",
        f"{organ}\n{year}年度政府信息公开工作\n年度报告",
        f"# {city} {county} 人民政府 {year} 年度 政府信息公开 工作年度报告",
        f"{organ}\n（{year}年度）\n政府信息公开工作年度报告",
        f"{organ}政府信息公开工作年度报告\n（{year}年度）",
        " ".join(organ) + "\n" + " ".join(f"{year}年政府信息公开工作年度报告"),
        f"附件{variant % 3 or ''}：{organ}{year}年政府信息公开工作年度报告",
    )[variant % 9]
    return Document(text=f"- 1 -\n{title}\n{_body(year)}"), _expect(year, organ, code)


def _organ_near_title(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict]:
    place, code = _county(rng)
    full = DEPARTMENTS[variant % len(DEPARTMENTS)]
    organ = f"{place}{full}"
    title = (
        f"{year}年政府信息公开工作年度报告",
        f"本机关{year}年度政府信息公开工作年度报告",
    )[variant % 2]
    month, day = rng.randint(1, 3), rng.randint(1, 28)
    date = f"{year + 1}-{month:02d}-{day:02d}"
    below, published = (
        (organ, None),
        (f"{organ}  {year + 1}年{month}月{day}日", date),
        (f"（{organ}  {year + 1}年{month}月）", None),
        (f"{organ}\n{year + 1}年{month}月{day}日", date),
    )[variant % 4]
    text = f"{title}\n{below}\n{_body(year, subject='本局')}"
    return Document(text=text), _expect(year, organ, code, published)


def _page_publisher(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict]:
    """The page's metadata names its site's owner; the report's text names its organ."""
    place, code = _county(rng)
    government = f"{place}人民政府"
    full = DEPARTMENTS[variant % len(DEPARTMENTS)]
    department = f"{place}{full}"
    kind = variant % 4
    title = f"{year}年政府信息公开工作年度报告"
    if kind in (0, 1):  # a department's report on the government's site
        owner, organ = f"{government}办公室", department
    else:  # the government's report published by its 政务公开 office
        owner, organ = f"{place}政务服务和数据管理局", government
    signed, date = _sign(organ, year, rng)
    if kind in (0, 2):
        header = f"标题: {title}\n发布机构: {owner}\n栏目: 年报\n=====正文=====\n"
        return Document(text=header + _body(year, signature=signed)), _expect(
            year, organ, code, date
        )
    body = f"本报告由{organ}编制。\n{_body(year)}"
    if kind == 1:
        document = _html(
            meta={"ArticleTitle": title, "Author": owner}, heading=title, body=body
        )
        return document, _expect(year, organ, code)
    # the 信息公开 block above the title names the publisher
    block = f"<table><tr><td>发布机构：</td><td>{owner}</td></tr></table>"
    paragraphs = "".join(f"<p>{line}</p>" for line in body.split("\n") if line)
    html = (
        f'<html><head><meta name="ArticleTitle" content="{title}"></head><body>{block}'
        f'<h1>{title}</h1><div class="TRS_Editor">{paragraphs}</div></body></html>'
    )
    document = extract(Source(html.encode("utf-8"), media_type="text/html"))
    return document, _expect(year, organ, code)


def _cited_years(rng: random.Random, year: int, variant: int) -> tuple[Document, dict]:
    place, code = _county(rng)
    organ = f"{place}人民政府"
    last = f"{organ}{year - 1}年政府信息公开工作年度报告"
    this = f"{organ}{year}年政府信息公开工作年度报告"
    period = f"本报告统计期限自{year}年1月1日起至{year}年12月31日止。"
    kind = variant % 6
    if kind == 0:  # 上一年度 in the title; the statistics period gives the year
        text = f"{organ}上一年度政府信息公开工作年度报告\n{period}\n{_body(year)}"
        return Document(text=text), _expect(year, organ, code)
    if kind == 1:  # a navigation line naming last year's report above the title
        text = f"上一篇：{last}\n{this}\n{_body(year)}"
        return Document(text=text), _expect(year, organ, code)
    if kind == 2:  # a page whose body lists last year's report as an attachment
        body = _body(year) + f"附件：\n{last}"
        document = _html(meta={"ArticleTitle": "政务公开"}, heading=this, body=body)
        return document, _expect(year, organ, code)
    if kind == 3:  # the page lists related reports before its own title line
        heading = ("相关阅读：", "相关阅读", "上一篇:")[variant // 6 % 3]
        body = f"{heading}\n{last}\n{this}\n{_body(year)}"
        return Document(text=body), _expect(year, organ, code)
    # no year in the title; prose cites last year's numbers, the report is signed next year
    cites = (
        f"{year}年，本机关主动公开政府信息{rng.randint(100, 900)}条，较{year - 1}年增加"
        f"{rng.randint(1, 90)}条；{year - 1}年收到申请{rng.randint(1, 9)}件。"
        f"{year - 1}年度报告指出的问题已整改。"
    )
    signed, date = _sign(organ, year, rng)
    if kind == 4:  # the statistics period settles the year
        text = f"{organ}政府信息公开工作年度报告\n{period}\n{cites}\n{_body(year, signature=signed)}"
        return Document(text=text), _expect(year, organ, code, date)
    text = f"{organ}政府信息公开工作年度报告\n{cites}\n{_body(year, signature=signed)}"
    return Document(text=text), _expect(None, organ, code, date)


def _local_organs(rng: random.Random, year: int, variant: int) -> tuple[Document, dict]:
    place, code = _county(rng)
    county = region_name(code) or ""
    town = rng.choice(TOWN_WORDS)
    local = LOCAL[variant % len(LOCAL)].format(t=town)
    organ = f"{place}{local}"
    kind = variant // len(LOCAL) % 3
    superior = f"{place}人民政府" if variant % 2 else f"{place[: -len(county)]}人民政府"
    if (
        kind == 0
    ):  # the title names the organ with its county only; the body its superior
        title = f"{county}{local}{year}年政府信息公开工作年度报告"
        opening = f"{year}年，在{superior}的正确领导下，我单位认真落实《条例》。"
        # a county name several provinces share gives no code without its city
        settled = code if codes_for_name(county) == (code,) else None
        return Document(text=f"{title}\n{opening}\n{_body(year)}"), _expect(
            year, f"{county}{local}", settled
        )
    if kind == 1:  # the title has no organ; the first sentence names the superior
        title = f"{year}年政府信息公开工作年度报告"
        opening = f"{superior}高度重视政务公开工作，本单位按照部署推进各项工作。"
        return Document(text=f"{title}\n{opening}\n{_body(year)}"), _expect(
            year, None, None
        )
    signed, date = _sign(organ, year, rng)  # the signature names the organ in full
    title = f"{year}年政府信息公开工作年度报告"
    opening = f"{superior}高度重视政务公开工作。"
    text = f"{title}\n{opening}\n{_body(year, signature=signed)}"
    return Document(text=text), _expect(year, organ, code, date)


def _shared_names(rng: random.Random, year: int, variant: int) -> tuple[Document, dict]:
    from parsers.gazetteer.table import load

    shared = sorted(
        n
        for n, codes in load().by_full_name.items()
        if len(codes) > 1 and len(n) > 2 and all(c[4:] != "00" for c in codes)
    )
    name = shared[(variant * 7 + rng.randint(0, 3)) % len(shared)]
    codes = codes_for_name(name)
    chosen = codes[rng.randint(0, len(codes) - 1)]
    city = region_name(parent_code(chosen) or "") or ""
    full = full_region_name(chosen) or ""
    kind = variant % 3
    if kind == 0:  # the county alone: no code can be chosen
        organ, code = f"{name}人民政府", None
    elif kind == 1:  # its city before it
        organ, code = f"{city}{name}人民政府", chosen
    else:  # province, city and county
        organ, code = f"{full}人民政府", chosen
    text = f"{organ}{year}年政府信息公开工作年度报告\n{_body(year)}"
    return Document(text=text), _expect(year, organ, code)


def _page(title: str, heading: str, body: str, block: str = "") -> Document:
    """A report page: its ArticleTitle, an optional 信息公开 block, a heading and the body."""
    paragraphs = "".join(f"<p>{line}</p>" for line in body.split("\n") if line)
    html = (
        f'<html><head><meta name="ArticleTitle" content="{title}"></head><body>{block}'
        f'<h1>{heading}</h1><div class="TRS_Editor">{paragraphs}</div></body></html>'
    )
    return extract(Source(html.encode("utf-8"), media_type="text/html"))


def _reused_meta_title(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict]:
    """The page's ArticleTitle names another report; the body names its own organ or year."""
    place, code = _county(rng)
    government = f"{place}人民政府"
    department = f"{place}{DEPARTMENTS[variant % len(DEPARTMENTS)]}"
    period = f"本报告统计期限自{year}年1月1日起至{year}年12月31日止。"
    kind = variant % 4
    if kind == 0:  # another organ's report of the year; the body is signed
        signed, date = _sign(department, year, rng)
        document = _page(
            f"{government}{year}年政府信息公开工作年度报告",
            f"{year}年政府信息公开工作年度报告",
            _body(year, subject="本局", signature=signed),
        )
        return document, _expect(year, department, code, date)
    if (
        kind == 1
    ):  # the organ's report of last year; the statistics period names the year
        signed, date = _sign(department, year, rng)
        document = _page(
            f"{department}{year - 1}年政府信息公开工作年度报告",
            "政府信息公开工作年度报告",
            f"{period}\n{_body(year, subject='本局', signature=signed)}",
        )
        return document, _expect(year, department, code, date)
    if kind == 2:  # no heading; the 编制 sentence names the organ
        document = _page(
            f"{government}{year}年政府信息公开工作年度报告",
            "政务公开",
            f"本报告由{department}编制。{period}\n{_body(year, subject='本局')}",
        )
        return document, _expect(year, department, code)
    # the title names the year it was published
    title = f"{department}政府信息公开工作年度报告（{year + 1}年发布）"
    return Document(text=f"{title}\n{period}\n{_body(year)}"), _expect(
        year, department, code
    )


def _office_signers(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict]:
    place, code = _county(rng)
    government = f"{place}人民政府"
    department = f"{place}{DEPARTMENTS[variant % len(DEPARTMENTS)]}"
    title = f"{year}年政府信息公开工作年度报告"
    kind = variant % 4
    if kind == 0:  # the department's office signs
        signed, date = _sign(f"{department}办公室", year, rng)
        text = f"{title}\n{_body(year, subject='本局', signature=signed)}"
        return Document(text=text), _expect(year, department, code, date)
    if kind == 1:  # the department's office publishes
        header = f"标题: {title}\n发布机构: {department}办公室\n=====正文=====\n"
        return Document(text=header + _body(year, subject="本局")), _expect(
            year, department, code
        )
    if kind == 2:  # the government's office on the line under the title
        text = f"{title}\n{government}办公室\n{_body(year, subject='本局')}"
        return Document(text=text), _expect(year, None, None)
    # the dump's 发布机构 is the government; the report calls itself 本局
    header = f"标题: {title}\n发布机构: {government}\n=====正文=====\n"
    return Document(text=header + _body(year, subject="本局")), _expect(
        year, None, None
    )


def _named_after_places(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict]:
    from parsers.gazetteer.table import level, load

    gaz = load()
    shorts = sorted(
        (name, codes[0])
        for name, codes in gaz.by_short_name.items()
        if len(codes) == 1 and level(codes[0]) == 2 and len(name) >= 2
    )
    short, city_code = rng.choice(shorts)
    _, other_code = rng.choice([c for c in shorts if c[1] != city_code])
    other = gaz.names[other_code]
    organ, code = (
        (f"{short}公园管理处", None),
        (f"{short}门街道办事处", None),
        (f"{short}湾新区管理委员会", None),
        (f"{other}{short}公园管理处", other_code),
        (f"{short}海关", city_code),
        (f"{short}新区管理委员会", city_code),
    )[variant % 6]
    text = f"{organ}{year}年政府信息公开工作年度报告\n{_body(year)}"
    return Document(text=text), _expect(year, organ, code)


def _signature_forms(
    rng: random.Random, year: int, variant: int
) -> tuple[Document, dict]:
    place, code = _county(rng)
    department = f"{place}{DEPARTMENTS[variant % len(DEPARTMENTS)]}"
    government = f"{place}人民政府"
    title = f"{year}年政府信息公开工作年度报告"
    month, day = rng.randint(1, 3), rng.randint(1, 28)
    iso = f"{year + 1}-{month:02d}-{day:02d}"
    kind = variant % 6
    if kind == 3:  # compiled by the government's office for disclosure
        text = f"{title}\n本报告由{government}政务公开办公室编制。\n{_body(year)}"
        return Document(text=text), _expect(year, government, code)
    if kind == 4:  # compiled by a department's leading group office
        office = f"{department}政务公开领导小组办公室"
        text = f"{title}\n本报告由{office}编制。\n{_body(year, subject='本局')}"
        return Document(text=text), _expect(year, department, code)
    signed, published = (
        (f"{' '.join(department)}\n{year + 1}年{month}月{day}日", iso),
        (f"{department}\n{year + 1}.{month}.{day}", iso),
        (f"{department}\n{year + 1}年{month}月", None),
        None,
        None,
        (f"{department}  {iso}", iso),
    )[kind] or ("", None)
    text = f"{title}\n{_body(year, subject='本局', signature=signed)}"
    return Document(text=text), _expect(year, department, code, published)


#: (printed department, another organ the body names, expected organ's words after the place)
UNITS: Final = (
    ("水利局", "水利工程管理局", "水利局"),
    ("公路局", "公路管理局", "公路局"),
    ("农机局", "农机安全监理局", "农机局"),
    ("住建局", "住房和城乡建设局", "住房和城乡建设局"),
    ("发改局", "发展和改革局", "发展和改革局"),
    ("市场监管局", "市场监督管理局", "市场监督管理局"),
)


def _unit_names(rng: random.Random, year: int, variant: int) -> tuple[Document, dict]:
    place, code = _county(rng)
    printed, named, organ = UNITS[variant % len(UNITS)]
    title = f"{year}年{place}{printed}政府信息公开工作年度报告"
    opening = f"{year}年，{place}{named}等单位按照要求公开政府信息，本局统筹推进。"
    text = f"{title}\n{opening}\n{_body(year, subject='本局')}"
    return Document(text=text), _expect(year, f"{place}{organ}", code)


def _plan_years(rng: random.Random, year: int, variant: int) -> tuple[Document, dict]:
    place, code = _county(rng)
    organ = f"{place}人民政府"
    report = "政府信息公开工作年度报告"
    plan = (
        f"下一步，本机关将按时编制发布{year + 1}年度{report}。",
        f"本机关按要求完成{year - 1}年度{report}的发布，{year}年继续推进。",
    )[variant % 2]
    body = _body(year).replace("公开内容的规范性仍需加强。", plan)
    kind = variant % 4
    opening = (
        "",
        "",
        f"现将{organ}{year}年度{report}公布如下。\n",
        f"本报告为{organ}{year}年度{report}。\n",
    )[kind]
    text = f"{organ}{report}\n{opening}{body}"
    return Document(text=text), _expect(year if opening else None, organ, code)


_BUILDERS: Final[
    dict[str, Callable[[random.Random, int, int], tuple[Document, dict]]]
] = {
    "header_fields": _header_fields,
    "numeral_years": _numeral_years,
    "title_lines": _title_lines,
    "organ_near_title": _organ_near_title,
    "page_publisher": _page_publisher,
    "cited_years": _cited_years,
    "local_organs": _local_organs,
    "reused_meta_title": _reused_meta_title,
    "office_signers": _office_signers,
    "signature_forms": _signature_forms,
    "unit_names": _unit_names,
    "plan_years": _plan_years,
    "named_after_places": _named_after_places,
    "shared_names": _shared_names,
}


def cases(seed: int, n: int) -> list[Case]:
    """``n`` documents of every class, reproducible from ``seed``."""
    out = []
    for name, build in _BUILDERS.items():
        # one generator per class: a class's documents do not change when another is added
        rng = random.Random(f"{seed}:{name}")
        for variant in range(n):
            year = rng.randint(2015, 2025)
            document, want = build(rng, year, variant)
            out.append(
                Case(
                    cls=f"meta:{name}",
                    name=f"meta-{name}-{variant}-{year}",
                    truth=Truth(
                        fmt="",
                        year=want["year"],  # type: ignore[arg-type]
                        agency=want["agency"],  # type: ignore[arg-type]
                        agency_short=want["agency"],  # type: ignore[arg-type]
                        values={},
                        region_code=want["code"],  # type: ignore[arg-type]
                        published=want["published"],  # type: ignore[arg-type]
                    ),
                    document=document,
                    checks=CHECKS,
                )
            )
    return out
