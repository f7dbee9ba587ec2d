"""HTML extraction on saved pages imitating TRS, Hanweb and generic portals (portals.md §1.1-1.2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.extract import extract
from parsers.model import Source

PAGES = Path(__file__).parent / "pages"
BLANK = "\xa0"  # an &nbsp; cell: blank, kept in place (never "" or dropped)
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def load(name: str, **claims: str) -> Source:
    return Source(
        body=(PAGES / name).read_bytes(), url=f"http://x.gov.cn/{name}", **claims
    )


@pytest.fixture(scope="module")
def trs():
    return extract(load("trs_detail_gbk.html", media_type="text/html"))


@pytest.fixture(scope="module")
def hanweb():
    return extract(load("hanweb_detail.html"))


@pytest.fixture(scope="module")
def generic():
    return extract(load("generic_detail.html"))


# ---------------------------------------------------------------- TRS, GBK, meta gb2312


def test_trs_page_is_decoded_from_its_gb2312_meta_as_gb18030(trs):
    assert trs.encoding == "gb18030"
    assert trs.meta["encoding_source"] == "meta"
    assert trs.media_type == "text/html"
    assert trs.extractor == "html/1"


def test_trs_meta_comes_from_the_national_tags_not_maketime(trs):
    assert trs.meta["title"] == "鄂尔多斯市镕喆区2021年政府信息公开工作年度报告"
    assert trs.meta["published"] == "2022-01-21 09:30"
    assert trs.meta["source"] == "镕喆区人民政府办公室"
    assert trs.meta["column"] == "政府信息公开年报"
    assert trs.meta["site"] == "鄂尔多斯市人民政府"
    assert "2026-09-16" not in " ".join(trs.meta.values())


def test_trs_xxgk_block_gives_index_number_and_publisher(trs):
    assert trs.meta["index_no"] == "011510000/2022-00047"
    assert trs.meta["publisher"] == "镕喆区人民政府办公室"


def test_trs_body_is_the_trs_editor_without_style_script_nav_or_footer(trs):
    assert trs.meta["container"] == "trs"
    lines = trs.text.split("\n")
    assert (
        lines[0]
        == "本报告由镕喆区人民政府办公室根据《中华人民共和国政府信息公开条例》编制。"
    )
    assert lines[1] == "一、总体情况"
    assert lines[-1] == "特此报告。"
    for outside in ("margin-top", "file_appendix", "首页", "蒙ICP备", "索引号", "JSON"):
        assert outside not in trs.text


def test_trs_table_rows_are_tab_separated_lines_with_blank_nbsp_cells(trs):
    lines = trs.text.split("\n")
    assert "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t0\t2\t18" in lines
    assert "二、上年结转政府信息公开申请数量\t1" + "\t\xa0" * 5 + "\t1" in lines
    assert "商业 企业\t科研 机构\t社会公益 组织\t法律服务 机构\t其他" in lines


def test_trs_application_table_grid_resolves_merged_header_cells(trs):
    assert len(trs.tables) == 1
    table = trs.tables[0]
    assert (len(table.rows), table.width) == (10, 10)
    assert table.rows[0][:3] == (NOTE, NOTE, NOTE)
    assert table.rows[2][0] == NOTE
    assert (2, 2) in table.covered
    assert table.rows[0][3:] == ("申请人情况",) * 7
    assert table.rows[1][3:] == ("自然人",) + ("法人或其他组织",) * 5 + ("总计",)
    assert table.rows[2][3:] == (
        "自然人",
        "商业\n企业",
        "科研\n机构",
        "社会公益\n组织",
        "法律服务\n机构",
        "其他",
        "总计",
    )
    assert (2, 3) in table.covered
    assert (2, 9) in table.covered
    assert (2, 4) not in table.covered


def test_trs_application_table_grid_keeps_numbers_and_blank_cells_in_place(trs):
    table = trs.tables[0]
    assert table.rows[3][3:] == ("12", "3", "0", "1", "0", "2", "18")
    assert table.rows[4][3:] == ("1", BLANK, BLANK, BLANK, BLANK, BLANK, "1")
    assert table.rows[7][:3] == (
        "三、本年度办理结果",
        "（三）不予公开",
        "1．属于国家秘密",
    )
    assert table.rows[8][:3] == (
        "三、本年度办理结果",
        "（三）不予公开",
        "2．其他法律行政法规禁止公开",
    )
    assert {(8, 0), (8, 1)} <= table.covered
    assert (8, 2) not in table.covered
    assert table.rows[9][3:] == ("2", "0", "0", "0", "0", "1", "3")


def test_trs_page_served_as_utf8_is_still_read_correctly():
    doc = extract(load("trs_detail_gbk.html", charset="utf-8"))
    assert doc.meta["title"] == "鄂尔多斯市镕喆区2021年政府信息公开工作年度报告"
    assert "堃实推进政务公开" in doc.text


# ---------------------------------------------------------------- Hanweb


def test_hanweb_body_is_zoom_with_lines_split_at_br(hanweb):
    assert hanweb.meta["container"] == "hanweb"
    assert hanweb.text.split("\n") == [
        "一、总体情况",
        "2022年，新添镇认真贯彻落实《政府信息公开条例》。",
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议\t行政诉讼",
        "结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t复议后起诉",
        "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2),
        "\t".join(["1"] + ["0"] * 3 + ["1"] + ["0"] * 10),
        "五、存在的主要问题及改进情况",
        "一是公开内容不够全面。",
        "二是解读形式单一。",
    ]


def test_hanweb_meta_ignores_maketime_and_reads_the_info_block(hanweb):
    assert hanweb.meta["published"] == "2023-01-30 16:05"
    assert hanweb.meta["title"] == "临洮县新添镇2022年政府信息公开工作年度报告"
    assert hanweb.meta["index_no"] == "620702074/2023-00047"
    assert hanweb.meta["publisher"] == "新添镇人民政府"


def test_hanweb_review_table_is_four_by_fifteen(hanweb):
    (table,) = hanweb.tables
    assert (len(table.rows), table.width) == (4, 15)
    assert table.rows[0] == ("行政复议",) * 5 + ("行政诉讼",) * 10
    assert table.rows[1][5:] == ("未经复议直接起诉",) * 5 + ("复议后起诉",) * 5
    assert table.rows[2][:5] == (
        "结果\n维持",
        "结果\n纠正",
        "其他\n结果",
        "尚未\n审结",
        "总计",
    )
    assert all((2, c) in table.covered for c in range(5))
    assert table.rows[3] == ("1", "0", "0", "0", "1") + ("0",) * 10


def test_hanweb_markers_are_used_when_there_is_no_zoom():
    body = (
        (PAGES / "hanweb_detail.html").read_bytes().replace(b'id="zoom"', b'id="art"')
    )
    doc = extract(Source(body=body))
    assert doc.meta["container"] == "hanweb-markers"
    assert doc.text.split("\n")[0] == "一、总体情况"
    assert "版权所有" not in doc.text
    assert len(doc.tables) == 1


# ---------------------------------------------------------------- generic and fallback


def test_generic_page_uses_article_content_and_title_fallback(generic):
    assert generic.meta["container"] == "generic"
    assert generic.meta["title"] == "白银区人民路街道2023年政府信息公开工作年度报告"
    assert generic.meta["published"] == "2024-01-05"
    assert generic.text.split("\n") == [
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t0\t0\t0",
        "行政规范性文件\t2\t1\t5",
        "行政许可\t\xa0",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]


def test_generic_table_with_thead_resolves_its_colspans(generic):
    (table,) = generic.tables
    assert (len(table.rows), table.width) == (5, 4)
    assert table.rows[0] == ("第二十条第（一）项",) * 4
    assert table.rows[4] == ("行政许可", BLANK, BLANK, BLANK)
    assert {(4, 2), (4, 3)} <= table.covered


def test_fallback_picks_the_block_with_most_text_not_the_link_lists():
    links = "".join(
        f"<li><a href='/{i}'>栏目链接{i}号很长的导航文字</a></li>" for i in range(40)
    )
    body = (
        f"<html><head><title>年报</title></head><body><nav><p>{'导航' * 200}</p></nav>"
        f"<div id='side'><ul>{links}</ul></div>"
        "<div id='main'><p>一、总体情况</p><p>本机关2021年认真落实条例要求。</p></div>"
        "<footer><p>版权所有</p></footer></body></html>"
    ).encode()
    doc = extract(Source(body=body))
    assert doc.meta["container"] == "fallback"
    assert doc.text == "一、总体情况\n本机关2021年认真落实条例要求。"


def test_empty_trs_editor_does_not_hide_the_real_body():
    body = (
        "<html><body><div class='TRS_Editor'> </div>"
        "<div class='content'><p>二、主动公开政府信息情况</p></div></body></html>"
    ).encode()
    doc = extract(Source(body=body))
    assert doc.meta["container"] == "generic"
    assert doc.text == "二、主动公开政府信息情况"


# ---------------------------------------------------------------- tables and meta details


def test_nested_table_text_goes_in_its_cell_and_the_inner_table_is_emitted_too():
    body = (
        "<div class='TRS_Editor'><table><tr><td>外</td><td>"
        "<table><tr><td>甲</td><td>1</td></tr><tr><td>乙</td><td>2</td></tr></table>"
        "</td></tr></table></div>"
    ).encode()
    doc = extract(Source(body=body))
    outer, inner = doc.tables
    assert outer.rows == (("外", "甲 1\n乙 2"),)
    assert inner.rows == (("甲", "1"), ("乙", "2"))
    assert doc.text == "外\t甲 1 乙 2"


def test_single_column_layout_table_renders_its_content_as_blocks():
    body = (
        "<div id='zoom'><table><tr><td><p>一、总体情况</p><p>正文。</p>"
        "<table><tr><td>规章</td><td>0</td></tr></table></td></tr></table></div>"
    ).encode()
    doc = extract(Source(body=body))
    assert doc.text.split("\n") == ["一、总体情况", "正文。", "规章\t0"]
    assert doc.tables[1].rows == (("规章", "0"),)


def test_xxgk_labels_with_spaces_and_value_in_the_same_run():
    body = (
        "<html><body><ul class='xxgk'><li>索 引 号：000014349/2024-00012</li>"
        "<li>发布机构：  某某局</li><li>公开日期：2024-01-31</li></ul>"
        "<div class='TRS_Editor'><p>正文</p></div></body></html>"
    ).encode()
    meta = extract(Source(body=body)).meta
    assert meta["index_no"] == "000014349/2024-00012"
    assert meta["publisher"] == "某某局"
    assert meta["published"] == "2024-01-31"


def test_placeholder_values_in_the_xxgk_block_are_no_value():
    body = "<table><tr><td>索引号：</td><td>—  —</td></tr></table><p>正文</p>".encode()
    assert "index_no" not in extract(Source(body=body)).meta


def test_title_falls_back_to_the_first_h1_without_title_or_meta():
    body = "<html><body><h1> 某县2020年政府信息公开工作年度报告 </h1><p>正文</p></body></html>"
    doc = extract(Source(body=body.encode()))
    assert doc.meta["title"] == "某县2020年政府信息公开工作年度报告"


@pytest.mark.parametrize(
    ("container", "rule"),
    [
        ('<div class="view TRS_UEDITOR trs_paper_default trs_web">', "trs"),
        ('<div id="TRS_AUTOADD_1642728600000">', "trs"),
        ('<div class="trs_editor_view">', "trs"),
        ('<div class="article-content">', "generic"),
        ('<div id="UCAP-CONTENT">', "generic"),
        ('<div class="pages_content">', "generic"),
        ('<div id="con_con">', "generic"),
        ('<div class="article_content">', "generic"),
        ("<article>", "generic"),
        ("<main>", "generic"),
    ],
)
def test_each_known_container_is_found_before_the_sidebar(container, rule):
    tag = container[1 : container.index(" ") if " " in container else -1]
    body = (
        "<html><body><div class='side'><p>"
        + "栏目导航很长的一段文字" * 20
        + "</p></div>"
        f"{container}<p>一、总体情况</p></{tag}></body></html>"
    ).encode()
    doc = extract(Source(body=body))
    assert doc.meta["container"] == rule
    assert doc.text == "一、总体情况"


def test_utf16_page_with_bom_is_sniffed_and_decoded():
    body = "<html><body><div id='zoom'><p>镕喆区年报</p></div></body></html>".encode(
        "utf-16"
    )
    doc = extract(Source(body=body, charset="gbk"))
    assert doc.text == "镕喆区年报"
    assert doc.meta["encoding_source"] == "bom"


def test_attachment_only_trs_page_gives_empty_text_not_the_metadata_block():
    body = (
        "<html><body><h1>某街道2023年政府信息公开工作年度报告</h1>"
        "<table class='xxgk-meta'><tr><td>索引号：</td><td>11440300MB2C846/2024-3427846</td>"
        "</tr></table><div class='TRS_Editor'></div>"
        "<script>var file_appendix='<a href=\"./P0.docx\">附件</a>';</script></body></html>"
    ).encode()
    doc = extract(Source(body=body))
    assert doc.meta["container"] == "empty"
    assert doc.text == ""
    assert doc.tables == ()
    assert doc.meta["index_no"] == "11440300MB2C846/2024-3427846"


def test_empty_td_is_an_empty_cell_and_nbsp_td_a_blank_one():
    body = "<table><tr><td>规章</td><td></td><td>&nbsp;</td><td> <p>&nbsp;</p> </td></tr></table>"
    doc = extract(Source(body=body.encode()))
    assert doc.tables[0].rows == (("规章", "", BLANK, BLANK),)
    assert doc.text == "规章\t\t\xa0\t\xa0"


def test_text_layout_pasted_as_paragraphs_keeps_its_tabs():
    # CMS editors paste a converted Word table as one <p> per row, tabs as &#9; (sample portal).
    body = (
        "<div class='TRS_Editor'>\n\t<p>一、本年新收&#9;12&#9;3</p>\n"
        "\t<p>&#9;</p>\n\t<p>&#9;&nbsp;</p>\n\t<p>&#9;0</p>\n</div>"
    )
    doc = extract(Source(body=body.encode()))
    assert doc.text.split("\n") == ["一、本年新收\t12\t3", "\t", "\t\xa0", "\t0"]
