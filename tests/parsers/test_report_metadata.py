"""Report metadata as real reports print it: one test group per class of real-world.md.

Every text here is made up in the shape of the class it tests (never copied from a report).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import (
    Document,
    PageContext,
    Source,
    apply_page_context,
    extract,
    parse_report,
)
from parsers.gazetteer import is_region_code
from parsers.report.dates import chinese_small_number, read_date, read_year
from parsers.report.fullname import is_abbreviation
from parsers.report.title import read_header_block
from tests.parsers.metadata_cases import CLASSES, metadata_cases

BODY = (
    "一、总体情况\n2023年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
    "二、主动公开政府信息情况\n本年度主动公开政府信息若干条。\n"
    "六、其他需要报告的事项\n无。\n"
)
#: the seven Pingtan dumps and their MANIFEST, kept with the accuracy suite
PINGTAN = Path(__file__).resolve().parents[1] / "accuracy" / "pingtan"


def _parse(text: str, **meta: str):
    return parse_report(Document(text=text, meta=meta))


def _html(head: str, body: str):
    html = f"<html><head>{head}</head><body>{body}</body></html>".encode()
    return parse_report(extract(Source(html, media_type="text/html")))


# ---------------------------------------------------------------- header blocks


DUMP = (
    "标题: 东风区2020年度政府信息公开工作年度报告\n发布时间: 2021-01-23 08:51\n文号: \n"
    "发布机构: \n栏目: 政府信息公开年报\n原文链接: https://example.invalid/t1.htm\n"
    "==================== 正文 ====================\n"
    "当前位置： 首页 政务公开 东风区2020年度政府信息公开工作年度报告 一、总体情况 …\n"
)


def test_a_dump_header_block_gives_the_title_without_its_label_and_the_date():
    report = _parse(DUMP)
    assert report.title == "东风区2020年度政府信息公开工作年度报告"
    assert (report.year, report.agency, report.published) == (
        2020,
        "东风区",
        "2021-01-23",
    )
    assert report.metadata_sources["title"] == "header_block"
    assert report.metadata_sources["published"] == "header_block"


def test_an_empty_publisher_line_is_dropped_and_a_filled_one_names_the_organ():
    fields, start = read_header_block(DUMP)
    assert "publisher" not in fields
    assert DUMP[start:].startswith("当前位置")
    dump = DUMP.replace("标题: 东风区2020年度", "标题: 2020年度").replace(
        "发布机构: \n", "发布机构: 长春市南关区人民政府\n"
    )
    report = _parse(dump)
    assert (report.agency, report.region_code) == ("长春市南关区人民政府", "220102")
    assert report.metadata_sources["agency"] == "header_block"


def test_label_lines_without_the_body_separator_are_no_header_block():
    text = "来源：某某网\n标题: 这不是头部\n" + BODY
    assert read_header_block(text) == ({}, 0)


# ---------------------------------------------------------------- titles


def test_a_markdown_heading_is_the_title_without_its_marks():
    report = _parse(
        "# 长春市南关区人民政府 2025 年 政府信息公开工作年度报告\n\n" + BODY
    )
    assert report.title == "长春市南关区人民政府 2025 年 政府信息公开工作年度报告"
    assert (report.year, report.agency, report.region_code) == (
        2025,
        "长春市南关区人民政府",
        "220102",
    )
    assert report.metadata_sources["title"] == "heading"


@pytest.mark.parametrize(
    "lines",
    [
        "汾阳市人民政府\n2023 年政府信息公开工作年度报告",
        "汾阳市人民政府\n\n2023年政府信息公开\n工作年度报告",
    ],
)
def test_a_title_over_two_or_three_lines_is_joined_up_to_its_organ(lines):
    report = _parse(f"- 1 -\n{lines}\n{BODY}")
    assert (report.year, report.agency, report.region_code) == (
        2023,
        "汾阳市人民政府",
        "141182",
    )
    assert report.metadata_sources["title"] == "two_line_title"


def test_a_label_above_a_title_without_organ_is_not_joined():
    report = _parse("附件1\n2023年政府信息公开工作年度报告\n" + BODY)
    assert report.title == "2023年政府信息公开工作年度报告"
    assert report.agency is None


def test_a_sentence_mentioning_the_report_is_not_its_title():
    report = _parse("现将本机关2023年政府信息公开工作年度报告公布如下。\n" + BODY)
    assert report.title is None


def test_a_reused_article_title_never_overrides_the_visible_heading():
    report = _html(
        '<meta name="ArticleTitle" content="汾阳市人民政府2022年政府信息公开工作年度报告">',
        "<h1>汾阳市人民政府2023年政府信息公开工作年度报告</h1>"
        f'<div class="TRS_Editor"><p>{BODY}</p></div>',
    )
    assert (report.title, report.year) == (
        "汾阳市人民政府2023年政府信息公开工作年度报告",
        2023,
    )
    assert report.metadata_sources["title"] == "page_heading"


def test_a_meta_title_that_is_no_report_title_gives_way_to_the_heading():
    report = _html(
        '<meta name="ArticleTitle" content="政务公开">',
        '<div class="title">长春市南关区人民政府2021年政府信息公开工作年度报告</div>'
        f'<div class="TRS_Editor"><p>{BODY}</p></div>',
    )
    assert (report.year, report.agency) == (2021, "长春市南关区人民政府")


def test_the_meta_title_is_used_when_the_visible_one_names_no_organ_for_the_same_year():
    report = _parse(
        "2023年政府信息公开工作年度报告\n" + BODY,
        title="汾阳市人民政府2023年政府信息公开工作年度报告",
    )
    assert (report.agency, report.metadata_sources["title"]) == (
        "汾阳市人民政府",
        "meta_title",
    )


# ---------------------------------------------------------------- dates


def test_numbers_in_chinese_and_spaced_dates_are_read():
    assert [
        chinese_small_number(t) for t in ("十", "十二", "二十", "三十一", "廿")
    ] == [10, 12, 20, 31, None]
    assert read_year("二○一二") == 2012
    assert read_year("二〇二三") == 2023
    assert read_year("２０２４") == 2024
    assert read_year("一二三四") is None  # out of range
    assert read_date("二○一二年二月二十日") == "2012-02-20"
    assert read_date("统计周期为 2024 年 1 月 1 日至 12 月 31 日") == "2024-01-01"
    assert read_date("2024年13月1日") is None


@pytest.mark.parametrize(
    ("text", "year", "source"),
    [
        ("东风区 2024 年 政府信息公开工作年度报告\n", 2024, "title"),
        (
            "东风区政府信息公开工作年度报告\n统计周期为 2024 年 1 月 1 日至 12 月 31 日。\n",
            2024,
            "statistics_period",
        ),
        (
            "东风区政府信息公开工作年度报告\n本报告统计时限为二〇二三年一月一日至十二月三十一日。\n",
            2023,
            "statistics_period",
        ),
        ("东风区二○二三年政府信息公开工作年度报告\n", 2023, "title"),
        ("东风区二零二三年度政府信息公开工作年度报告\n", 2023, "title"),
    ],
)
def test_spaced_and_chinese_numeral_years(text, year, source):
    report = _parse(text + BODY.replace("2023年，", ""))
    assert report.year == year
    assert report.metadata_sources["year"] == source


def test_a_chinese_numeral_signature_date_is_the_publication_date():
    text = (
        "东风区2011年政府信息公开工作年度报告\n"
        + BODY
        + "\n东风区人民政府办公室\n二○一二年二月二十日\n"
    )
    report = _parse(text)
    assert report.published == "2012-02-20"
    assert report.metadata_sources["published"] == "signature"


# ---------------------------------------------------------------- organs


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ("compiled_by", "本报告由北京市科学技术委员会编制。\n" + BODY),
        ("signature", BODY + "\n北京市科学技术委员会\n2025年1月20日\n"),
        ("body", BODY.replace("本机关", "北京市科学技术委员会")),
    ],
)
def test_an_abbreviated_organ_is_expanded_from_the_full_form_the_document_gives(
    where, text
):
    report = _parse("2024 年北京市科委政府信息公开工作年度报告\n" + text)
    assert report.agency == "北京市科学技术委员会", where
    assert report.agency_printed == "北京市科委"
    assert report.region_code == "110000"


def test_an_abbreviation_from_the_page_author():
    report = _html(
        '<meta name="Author" content="南江市发展和改革委员会">',
        f'<h1>2024年南江市发改委政府信息公开工作年度报告</h1><div class="TRS_Editor"><p>{BODY}</p></div>',
    )
    assert (report.agency, report.agency_printed) == (
        "南江市发展和改革委员会",
        "南江市发改委",
    )


def test_abbreviations_need_the_same_place_and_the_same_kind_of_organ():
    assert is_abbreviation("北京市人社局", "北京市人力资源和社会保障局")
    assert not is_abbreviation("北京市科委", "上海市科学技术委员会")
    assert not is_abbreviation(
        "北京市人民政府", "北京市人民政府办公室"
    )  # a prefix is no abbreviation
    assert not is_abbreviation("北京市科委", "北京市科学技术协会")
    assert is_abbreviation("东风区政府", "东风区人民政府")
    assert not is_abbreviation("平潭县人民政府", "平潭县各乡镇人民政府")


@pytest.mark.parametrize(
    ("title", "extra", "meta", "source"),
    [
        (
            "2023年政府信息公开工作年度报告\n",
            "\n长春市南关区人民政府\n2024年1月15日\n",
            {},
            "signature",
        ),
        (
            "本机关2023年政府信息公开工作年度报告\n",
            "本报告由长春市南关区人民政府办公室编制。\n",
            {},
            "compiled_by",
        ),
        (
            "2023年政府信息公开工作年度报告\n",
            "",
            {"author": "长春市南关区人民政府"},
            "meta_author",
        ),
        (
            "2023年政府信息公开工作年度报告\n",
            "",
            {"publisher": "长春市南关区人民政府"},
            "meta_publisher",
        ),
        (
            "2023年政府信息公开工作年度报告\n",
            "",
            {"source": "长春市南关区人民政府"},
            "meta_source",
        ),
    ],
)
def test_an_organ_outside_the_title_is_found_where_the_page_puts_it(
    title, extra, meta, source
):
    text = title + (extra + BODY if "编制" in extra else BODY + extra)
    report = _parse(text, **meta)
    assert (report.agency, report.region_code) == ("长春市南关区人民政府", "220102")
    assert report.metadata_sources["agency"] == source
    assert not any(p.kind == "agency_not_found" for p in report.problems)


def test_the_first_sentence_names_the_organ_when_it_starts_with_a_place():
    text = "2023年政府信息公开工作年度报告\n" + BODY.replace(
        "本机关", "赣州市会昌县人民政府"
    )
    report = _parse(text)
    assert (report.agency, report.region_code) == ("赣州市会昌县人民政府", "360733")
    assert report.metadata_sources["agency"] == "first_sentence"


def test_the_title_organ_wins_over_the_page_source_of_another_organ():
    # a dump whose page says 来源：平潭县人民政府 while the report is the zone's own
    dump = DUMP.replace("发布机构: \n", "来源: 示范县人民政府\n")
    assert _parse(dump).agency == "东风区"


def test_a_look_alike_character_is_corrected_with_the_printed_form_kept():
    report = _parse("江苏省宿迁市沐阳县人民政府2023年政府信息公开工作年度报告\n" + BODY)
    assert report.agency == "江苏省宿迁市沭阳县人民政府"
    assert report.agency_printed == "江苏省宿迁市沐阳县人民政府"
    assert report.region_code == "321322"


# ---------------------------------------------------------------- region codes


def test_an_ambiguous_county_gives_no_region_code_and_a_problem_naming_the_candidates():
    report = _parse("新华区人民政府2023年政府信息公开工作年度报告\n" + BODY)
    assert report.region_code is None
    assert report.region_source is None
    (problem,) = [p for p in report.problems if p.where == "region_code"]
    assert problem.kind == "region_ambiguous"
    assert "130105" in problem.detail


def test_a_region_code_says_how_it_was_obtained():
    report = _parse("长春市南关区人民政府2023年政府信息公开工作年度报告\n" + BODY)
    assert (report.region_code, report.region_source) == ("220102", "organ_name")
    assert report.metadata_sources["region_code"] == "organ_name"


def test_an_organ_without_place_names_gets_no_code_and_no_problem():
    report = _parse("东风街道办事处2023年政府信息公开工作年度报告\n" + BODY)
    assert report.region_code is None
    assert not [p for p in report.problems if p.where == "region_code"]


# ---------------------------------------------------------------- attachments


def test_the_linking_page_fills_only_what_the_attachment_left_empty():
    silent = _parse(
        "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n"
    )  # a PDF without title page
    page = PageContext(
        title="长春市南关区人民政府2023年政府信息公开工作年度报告",
        year=2023,
        agency="长春市南关区人民政府",
        published="2024-01-20 10:00",
        region_code="220102",
        region_source="organ_name",
        anchor_text="附件：年度报告.pdf",
    )
    filled = apply_page_context(silent, page)
    assert (
        filled.title,
        filled.year,
        filled.agency,
        filled.published,
        filled.region_code,
    ) == (
        page.title,
        2023,
        "长春市南关区人民政府",
        "2024-01-20",
        "220102",
    )
    assert {
        filled.metadata_sources[k]
        for k in ("title", "year", "agency", "published", "region_code")
    } == {"linking_page"}
    assert not {p.kind for p in filled.problems} & {
        "year_not_found",
        "agency_not_found",
    }


def test_what_the_attachment_states_is_never_overridden_by_its_page():
    own = _parse("汾阳市人民政府2022年政府信息公开工作年度报告\n" + BODY)
    filled = apply_page_context(
        own, PageContext(title="另一个2023年年度报告", year=2023, agency="某某局")
    )
    assert (filled.year, filled.agency, filled.title) == (
        own.year,
        own.agency,
        own.title,
    )
    assert "linking_page" not in filled.metadata_sources.values()


def test_an_anchor_text_naming_a_report_gives_the_year_when_the_page_has_none():
    silent = _parse("一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n")
    filled = apply_page_context(
        silent, PageContext(anchor_text="2019年政府信息公开工作年度报告")
    )
    assert (filled.year, filled.metadata_sources["year"]) == (2019, "linking_page")


# ---------------------------------------------------------------- generated classes, real dumps


@pytest.mark.parametrize("cls", CLASSES)
def test_every_generated_metadata_class_reads_year_organ_and_region(cls):
    cases = [(d, e) for name, d, e in metadata_cases() if name == cls]
    assert len(cases) >= 3
    for document, expected in cases:
        report = parse_report(document)
        got = {
            "year": report.year,
            "agency": report.agency,
            "region_code": report.region_code,
        }
        assert got == expected, document.text[:120]


def _manifest() -> list[tuple[str, str, int]]:
    rows = re.findall(
        r"^\| (pt-[\w-]+\.txt) \| (\S+) (\d{4}) \|",
        (PINGTAN / "MANIFEST.md").read_text("utf-8"),
        re.MULTILINE,
    )
    return [(name, agency, int(year)) for name, agency, year in rows]


def test_the_pingtan_dumps_give_the_agency_and_year_their_manifest_states():
    rows = _manifest()
    assert len(rows) == 7
    for name, agency, year in rows:
        body = (PINGTAN / name).read_bytes()
        report = parse_report(extract(Source(body, media_type="text/plain")))
        assert (report.agency, report.year) == (agency, year), name
        # 平潭综合实验区 governs exactly the territory of 平潭县 (350128)
        assert report.region_code == "350128", name
        assert report.metadata_sources["title"] == "header_block", name


GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("case", sorted(p.name for p in GOLDEN.glob("*") if p.is_dir()))
def test_the_golden_reports_give_their_printed_organ_and_region_code(case):
    import json

    expected = json.loads((GOLDEN / case / "expected.json").read_text("utf-8"))
    body = (GOLDEN / case / "source.txt").read_bytes()
    report = parse_report(extract(Source(body, media_type="text/plain")))
    assert (report.agency, report.agency_printed, report.region_code) == (
        expected["agency"],
        expected["agency_printed"],
        expected["region_code"],
    )


@pytest.mark.parametrize(
    ("title_organ", "sentence", "agency"),
    [
        # the parent organ before the name and 办事处 after it, from the 编制 sentence
        (
            "东风街道",
            "本报告由东风区人民政府东风街道办事处根据《条例》编制。",
            "东风区人民政府东风街道办事处",
        ),
        # a word the title left out inside the name
        (
            "南江市环境局",
            "本报告由南江市生态环境局根据《条例》要求编制。",
            "南江市生态环境局",
        ),
        # another organ word after the title's name names another organ: kept as printed
        ("示范综合实验区", "本报告由示范综合实验区管委会编制。", "示范综合实验区"),
    ],
)
def test_a_source_naming_the_organ_outright_completes_the_titles_name(
    title_organ, sentence, agency
):
    report = _parse(f"{title_organ}2023年政府信息公开工作年度报告\n{sentence}\n{BODY}")
    assert report.agency == agency


# ---------------------------------------------------------------- any input


_PIECES = st.sampled_from(
    [
        "标题: ",
        "发布机构: ",
        "==== 正文 ====",
        "\n",
        " ",
        "# ",
        "年",
        "二○",
        "〇",
        "十",
        "月",
        "日",
        "2023",
        "２０２４",
        "市",
        "县",
        "新华区",
        "沐阳县",
        "人民政府",
        "办公室",
        "本报告由",
        "编制",
        "统计周期为",
        "年度报告",
        "科委",
        "。",
        "（",
        "）",
        "\ufffd",
        "\x00",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(_PIECES | st.text(max_size=5), max_size=60).map("".join),
    meta=st.dictionaries(
        st.sampled_from(
            ["title", "heading", "author", "source", "publisher", "published"]
        ),
        st.lists(_PIECES, max_size=12).map("".join),
    ),
)
def test_metadata_of_any_text_is_well_formed(text, meta):
    report = parse_report(Document(text=text, meta=meta))
    assert report.region_code is None or is_region_code(report.region_code)
    assert (report.region_code is None) == (report.region_source is None)
    assert report.year is None or 1990 <= report.year <= 2100
    assert report.published is None or re.fullmatch(
        r"\d{4}-\d{2}-\d{2}", report.published
    )
    assert set(report.metadata_sources) <= {
        "title",
        "year",
        "agency",
        "published",
        "region_code",
    }
    if report.agency_printed is not None:
        assert report.agency_printed != report.agency


def test_html_extraction_keeps_author_source_and_the_visible_heading_apart_from_the_title():
    html = (
        '<html><head><meta name="ArticleTitle" content="政务公开"><meta name="Author" '
        'content="长春市南关区人民政府办公室"></head><body><div class="article-title">'
        "长春市南关区人民政府2023年政府信息公开工作年度报告</div>"
        "<div>来源：长春市南关区人民政府 发布日期：2024-01-20</div>"
        '<div class="TRS_Editor"><p>正文</p></div></body></html>'
    ).encode()
    meta = extract(Source(html, media_type="text/html")).meta
    assert meta["title"] == "政务公开"
    assert meta["heading"] == "长春市南关区人民政府2023年政府信息公开工作年度报告"
    assert meta["author"] == "长春市南关区人民政府办公室"
    assert meta["source"] == "长春市南关区人民政府"


def test_a_site_name_above_a_title_without_organ_is_not_joined():
    report = _parse("汾阳市人民政府网站\n2023年政府信息公开工作年度报告\n" + BODY)
    assert report.title == "2023年政府信息公开工作年度报告"
    assert report.agency is None


def test_an_organ_split_over_two_lines_above_the_title_is_joined():
    report = _parse("长春市南关区\n人民政府\n2023年政府信息公开工作年度报告\n" + BODY)
    assert (report.agency, report.region_code) == ("长春市南关区人民政府", "220102")


@pytest.mark.parametrize(
    "title",
    [
        "汾阳市人民政府二○二三年度政府信息公开工作年度报告",
        "二○二三年汾阳市人民政府信息公开工作年度报告",
        "汾阳市人民政府二Ｏ二三年政府信息公开工作年度报告",
    ],
)
def test_a_title_with_a_chinese_numeral_year_names_its_organ(title):
    report = _parse(title + "\n" + BODY)
    assert (report.year, report.agency, report.metadata_sources["agency"]) == (
        2023,
        "汾阳市人民政府",
        "title",
    )
