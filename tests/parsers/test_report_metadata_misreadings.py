"""Metadata that a misleading print made wrong or lost: one group per class of render_metadata.

Every text is made up in the shape of its class (never copied from a report). Each test failed on
the parser before its fix: most gave a wrong year or organ, which is worse than none.
"""

from __future__ import annotations

import pytest

from parsers import Document, Source, extract, parse_report
from parsers.report.dates import fold_title_year, title_year

BODY = (
    "一、总体情况\n本机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
    "二、主动公开政府信息情况\n本年度主动公开政府信息若干条。\n"
    "六、其他需要报告的事项\n无。\n"
)


def _parse(text: str, **meta: str):
    return parse_report(Document(text=text, meta=meta))


def _html(head: str, body: str):
    html = f"<html><head>{head}</head><body>{body}</body></html>".encode()
    return parse_report(extract(Source(html, media_type="text/html")))


# ---------------------------------------------------------------- numeral years


@pytest.mark.parametrize(
    "printed",
    [
        "二o二三年",
        "二0二三年",
        "二O二三年度",
        "二０二三年",
        "2 0 2 3 年",
        "2O23年",
        "2o23年度",
        "2O2３年",
    ],
)
def test_a_misprinted_title_year_is_read_and_kept_out_of_the_organ(printed):
    report = _parse(f"长春市南关区人民政府{printed}政府信息公开工作年度报告\n{BODY}")
    assert (report.year, report.agency, report.region_code) == (
        2023,
        "长春市南关区人民政府",
        "220102",
    )
    assert report.metadata_sources["year"] == "title"


def test_folding_a_title_year_leaves_arabic_years_and_other_words_alone():
    assert fold_title_year("某县2020年度报告") == "某县2020年度报告"
    assert fold_title_year("第10 0 0 1号") == "第10 0 0 1号"
    assert title_year("某县二o一九年政府信息公开工作年度报告") == 2019


# ---------------------------------------------------------------- titles over several lines


@pytest.mark.parametrize(
    "lines",
    [
        "长春市南关区人民政府2023\n年政府信息公开工作年度报告",
        "长春市南关区人民政府\n（2023年度）\n政府信息公开工作年度报告",
    ],
)
def test_a_title_cut_at_its_year_is_joined_instead_of_giving_a_piece_as_organ(lines):
    report = _parse(f"- 1 -\n{lines}\n{BODY}")
    assert (report.year, report.agency, report.region_code) == (
        2023,
        "长春市南关区人民政府",
        "220102",
    )
    assert report.metadata_sources["title"] == "two_line_title"


def test_a_bracketed_year_alone_names_no_organ():
    report = _parse(f"（2023年度）政府信息公开工作年度报告\n{BODY}")
    assert (report.year, report.agency) == (2023, None)


# ---------------------------------------------------------------- other years named near the title


def test_last_year_in_the_title_words_is_not_part_of_the_organ():
    report = _parse(
        "长春市南关区人民政府上一年度政府信息公开工作年度报告\n"
        "本报告统计期限自2023年1月1日起至2023年12月31日止。\n" + BODY
    )
    assert (report.year, report.agency) == (2023, "长春市南关区人民政府")


@pytest.mark.parametrize(
    "above",
    [
        "上一篇：长春市南关区人民政府2022年政府信息公开工作年度报告",
        "相关阅读：\n长春市南关区人民政府2022年政府信息公开工作年度报告",
        "相关阅读\n长春市南关区人民政府2022年政府信息公开工作年度报告",
    ],
)
def test_a_link_to_last_years_report_above_the_title_is_not_the_title(above):
    report = _parse(
        f"{above}\n长春市南关区人民政府2023年政府信息公开工作年度报告\n{BODY}"
    )
    assert (report.year, report.agency) == (2023, "长春市南关区人民政府")


def test_last_years_report_listed_under_the_body_gives_way_to_the_page_heading():
    report = _html(
        '<meta name="ArticleTitle" content="政务公开">',
        "<h1>长春市南关区人民政府2023年政府信息公开工作年度报告</h1>"
        f'<div class="TRS_Editor"><p>{BODY}</p><p>往年报告</p>'
        "<p>长春市南关区人民政府2022年政府信息公开工作年度报告</p></div>",
    )
    assert (report.year, report.agency) == (2023, "长春市南关区人民政府")
    assert report.metadata_sources["title"] == "page_heading"


# ---------------------------------------------------------------- the page's publisher


def test_the_signature_names_the_organ_when_the_dumps_publisher_is_the_sites_owner():
    report = _parse(
        "标题: 2023年政府信息公开工作年度报告\n发布机构: 农安县人民政府办公室\n"
        f"=====正文=====\n{BODY}\n农安县教育局\n2024年1月15日\n"
    )
    assert (report.agency, report.region_code) == ("农安县教育局", "220122")
    assert report.metadata_sources["agency"] == "signature"


def test_the_compiling_organ_names_the_organ_when_the_pages_publisher_is_another():
    report = _html(
        '<meta name="ArticleTitle" content="2023年政府信息公开工作年度报告">',
        "<table><tr><td>发布机构：</td><td>农安县政务服务和数据管理局</td></tr></table>"
        "<h1>2023年政府信息公开工作年度报告</h1>"
        f'<div class="TRS_Editor"><p>本报告由农安县人民政府办公室编制。</p><p>{BODY}</p></div>',
    )
    assert report.agency == "农安县人民政府"
    assert report.metadata_sources["agency"] == "compiled_by"


# ---------------------------------------------------------------- organs under a government


@pytest.mark.parametrize("itself", ["本局", "本单位", "我委"])
def test_the_government_above_a_department_opening_its_report_is_not_its_organ(itself):
    report = _parse(
        "2023年政府信息公开工作年度报告\n"
        f"长春市人民政府高度重视政务公开工作，{itself}认真落实各项部署。\n{BODY}"
    )
    assert (report.agency, report.region_code) == (None, None)


def test_a_first_sentence_naming_the_report_s_own_organ_still_names_it():
    report = _parse(
        "2023年政府信息公开工作年度报告\n"
        f"长春市教育局高度重视政务公开工作，本局认真落实各项部署。\n{BODY}"
    )
    assert (report.agency, report.region_code) == ("长春市教育局", "220100")
    assert report.metadata_sources["agency"] == "first_sentence"


# ---------------------------------------------------------------- a byline under the title


@pytest.mark.parametrize(
    ("below", "published"),
    [
        ("农安县教育局", None),
        ("农安县教育局  2024年1月15日", "2024-01-15"),
        ("（农安县教育局  2024年1月）", None),
        ("农安县教育局\n\n二〇二四年一月十五日", "2024-01-15"),
    ],
)
def test_the_organ_on_the_line_under_a_title_naming_none_is_the_organ(below, published):
    report = _parse(f"2023年政府信息公开工作年度报告\n{below}\n{BODY}")
    assert (report.year, report.agency, report.region_code) == (
        2023,
        "农安县教育局",
        "220122",
    )
    assert report.metadata_sources["agency"] == "below_title"
    assert report.published == published


@pytest.mark.parametrize(
    "below", ["一、总体情况", "各乡镇人民政府：", "（2023年1月1日至2023年12月31日）"]
)
def test_a_line_under_the_title_that_is_no_byline_names_no_organ(below):
    report = _parse(f"2023年政府信息公开工作年度报告\n{below}\n{BODY}")
    assert report.agency is None


# ---------------------------------------------------------------- a date before the title


@pytest.mark.parametrize(
    "line",
    [
        "发布日期：2024-01-20 农安县教育局2023年政府信息公开工作年度报告",
        "发布时间: 2024.01.20 农安县教育局2023年政府信息公开工作年度报告",
    ],
)
def test_a_dated_title_line_gives_the_title_its_organ_and_the_publication_date(line):
    report = _parse(f"{line}\n{BODY}")
    assert (report.year, report.agency, report.published) == (
        2023,
        "农安县教育局",
        "2024-01-20",
    )
    assert report.metadata_sources["title"] == "first_line"
    assert report.metadata_sources["published"] == "title"


# ---------------------------------------------------------------- a reused meta title


def test_a_meta_title_naming_another_organ_than_the_signature_is_not_the_title():
    report = _html(
        '<meta name="ArticleTitle" content="农安县人民政府2023年政府信息公开工作年度报告">',
        "<h1>2023年政府信息公开工作年度报告</h1>"
        f'<div class="TRS_Editor"><p>{BODY}</p><p>农安县教育局</p><p>2024年1月15日</p></div>',
    )
    assert (report.title, report.year, report.agency) == (
        "2023年政府信息公开工作年度报告",
        2023,
        "农安县教育局",
    )


def test_a_meta_title_naming_another_year_than_the_statistics_period_is_not_the_title():
    report = _html(
        '<meta name="ArticleTitle" content="农安县教育局2022年政府信息公开工作年度报告">',
        "<h1>政府信息公开工作年度报告</h1>"
        '<div class="TRS_Editor"><p>本报告统计期限自2023年1月1日起至2023年12月31日止。</p>'
        f"<p>{BODY}</p></div>",
    )
    assert report.year == 2023
    assert report.metadata_sources["year"] == "statistics_period"


def test_a_meta_title_agreeing_with_the_body_still_names_the_organ():
    report = _html(
        '<meta name="ArticleTitle" content="农安县教育局2023年政府信息公开工作年度报告">',
        "<h1>2023年政府信息公开工作年度报告</h1>"
        f'<div class="TRS_Editor"><p>{BODY}</p><p>农安县教育局</p><p>2024年1月15日</p></div>',
    )
    assert (report.agency, report.metadata_sources["title"]) == (
        "农安县教育局",
        "meta_title",
    )


def test_the_year_a_title_says_it_was_published_is_not_the_report_year():
    report = _parse(
        "农安县教育局政府信息公开工作年度报告（2024年发布）\n"
        "本报告统计期限自2023年1月1日起至2023年12月31日止。\n" + BODY
    )
    assert report.year == 2023


# ---------------------------------------------------------------- offices and governments


@pytest.mark.parametrize(
    "text",
    [
        f"2023年政府信息公开工作年度报告\n{BODY}农安县教育局办公室\n2024年1月15日\n",
        (
            "标题: 2023年政府信息公开工作年度报告\n发布机构: 农安县教育局办公室\n"
            f"=====正文=====\n{BODY}"
        ),
    ],
)
def test_a_departments_office_signing_or_publishing_stands_for_the_department(text):
    report = _parse(text)
    assert (report.agency, report.region_code) == ("农安县教育局", "220122")


@pytest.mark.parametrize(
    "text",
    [
        "2023年政府信息公开工作年度报告\n长春市人民政府办公厅\n本局认真落实《条例》。\n"
        + BODY,
        (
            "标题: 2023年政府信息公开工作年度报告\n发布机构: 农安县人民政府\n"
            f"=====正文=====\n本局认真落实《条例》。\n{BODY}"
        ),
    ],
)
def test_a_government_the_report_calling_itself_a_bureau_contradicts_is_no_organ(text):
    report = _parse(text)
    assert (report.agency, report.region_code) == (None, None)


# ---------------------------------------------------------------- titles set apart


def test_a_year_on_the_line_under_the_title_is_the_title_year():
    report = _parse(
        f"长春市南关区人民政府政府信息公开工作年度报告\n（2023年度）\n{BODY}"
    )
    assert (report.year, report.agency) == (2023, "长春市南关区人民政府")
    assert report.title == "长春市南关区人民政府政府信息公开工作年度报告（2023年度）"


def test_a_letter_spaced_title_is_read():
    report = _parse(
        "长 春 市 南 关 区 人 民 政 府\n2 0 2 3 年 政 府 信 息 公 开 工 作 年 度 报 告\n"
        + BODY
    )
    assert (report.year, report.agency, report.region_code) == (
        2023,
        "长春市南关区人民政府",
        "220102",
    )


def test_a_row_of_spaced_digits_is_no_letter_spaced_title():
    report = _parse(f"1 2 3 4\n年政府信息公开工作年度报告\n{BODY}")
    assert report.agency is None


# ---------------------------------------------------------------- places named after a city


@pytest.mark.parametrize(
    "organ", ["北海公园管理处", "中山门街道办事处", "杭州湾新区管理委员会", "中山大学"]
)
def test_an_organ_named_after_a_feature_bearing_a_citys_name_gets_no_code(organ):
    report = _parse(f"{organ}2023年政府信息公开工作年度报告\n{BODY}")
    assert (report.agency, report.region_code) == (organ, None)


@pytest.mark.parametrize(
    ("organ", "code"),
    [("宁波市杭州湾新区管理委员会", "330200"), ("长春海关", "220100")],
)
def test_the_city_before_such_a_feature_or_its_own_organ_keeps_its_code(organ, code):
    report = _parse(f"{organ}2023年政府信息公开工作年度报告\n{BODY}")
    assert report.region_code == code


# ---------------------------------------------------------------- signatures and compilers


@pytest.mark.parametrize(
    ("signed", "published"),
    [
        ("农 安 县 教 育 局\n2024年1月5日", "2024-01-05"),
        ("农安县教育局\n2024.1.5", "2024-01-05"),
        ("农安县教育局  2024-01-05", "2024-01-05"),
        ("农安县教育局\n2024年1月", None),
    ],
)
def test_a_signature_spaced_or_dated_otherwise_names_the_organ(signed, published):
    report = _parse(f"2023年政府信息公开工作年度报告\n{BODY}\n{signed}\n")
    assert (report.agency, report.published) == ("农安县教育局", published)
    assert report.metadata_sources["agency"] == "signature"


@pytest.mark.parametrize(
    ("office", "organ"),
    [
        ("农安县人民政府政务公开办公室", "农安县人民政府"),
        ("农安县人民政府信息公开办公室", "农安县人民政府"),
        ("农安县教育局政务公开领导小组办公室", "农安县教育局"),
    ],
)
def test_an_office_for_disclosure_compiles_for_its_organ(office, organ):
    report = _parse(f"2023年政府信息公开工作年度报告\n本报告由{office}编制。\n{BODY}")
    assert report.agency == organ


def test_a_sentence_ending_in_a_month_is_no_signature():
    report = _parse(
        f"2023年政府信息公开工作年度报告\n{BODY}统计期限为2023年1月至2023年12月"
    )
    assert report.agency is None


# ---------------------------------------------------------------- units named like the organ


@pytest.mark.parametrize(
    ("printed", "named"), [("水利局", "水利工程管理局"), ("公路局", "公路管理局")]
)
def test_a_unit_the_body_names_is_not_the_full_name_of_the_titles_department(
    printed, named
):
    report = _parse(
        f"2023年农安县{printed}政府信息公开工作年度报告\n"
        f"2023年，农安县{named}等单位按要求公开信息。\n{BODY}"
    )
    assert report.agency == f"农安县{printed}"


def test_a_true_abbreviation_still_takes_the_full_name_the_body_gives():
    report = _parse(
        "2023年农安县住建局政府信息公开工作年度报告\n"
        f"2023年，农安县住房和城乡建设局认真落实。\n{BODY}"
    )
    assert (report.agency, report.agency_printed) == (
        "农安县住房和城乡建设局",
        "农安县住建局",
    )


# ---------------------------------------------------------------- reports named in part 五


@pytest.mark.parametrize(
    "sentence",
    [
        "下一步，本局将按时编制发布2024年度政府信息公开工作年度报告。",
        "本局按要求完成2022年度政府信息公开工作年度报告的发布。",
    ],
)
def test_a_report_part_five_plans_or_cites_gives_no_year(sentence):
    text = (
        "农安县教育局政府信息公开工作年度报告\n一、总体情况\n本局认真落实《条例》。\n"
        f"二、主动公开政府信息情况\n若干。\n五、存在的主要问题及改进情况\n{sentence}\n"
    )
    report = _parse(text)
    assert report.year is None


def test_the_opening_naming_the_report_still_gives_its_year():
    text = (
        "农安县教育局政府信息公开工作年度报告\n"
        "现将农安县教育局2023年度政府信息公开工作年度报告公布如下。\n"
        "一、总体情况\n若干。\n二、主动公开政府信息情况\n若干。\n"
        "五、存在的主要问题及改进情况\n将按时编制发布2024年度政府信息公开工作年度报告。\n"
    )
    assert _parse(text).year == 2023


# ---------------------------------------------------------------- an attachment's label


@pytest.mark.parametrize("label", ["附件1：", "附件：", "附件2:"])
def test_a_title_after_an_attachments_label_is_the_title_and_names_the_organ(label):
    report = _parse(f"{label}农安县教育局2023年政府信息公开工作年度报告\n{BODY}")
    assert (report.year, report.agency, report.region_code) == (
        2023,
        "农安县教育局",
        "220122",
    )
    assert report.metadata_sources["title"] == "first_line"
