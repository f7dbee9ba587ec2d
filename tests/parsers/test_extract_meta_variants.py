"""The 信息公开 metadata block in the label variants real pages print."""

from __future__ import annotations

import pytest

from crawler.sampleportal import build_portal
from crawler.sampleportal.trs import render
from parsers import Source, extract


def meta_of(cells: str) -> dict[str, str]:
    body = f"<html><body><table>{cells}</table><div id='zoom'><p>正文</p></div></body></html>"
    return extract(Source(body=body.encode())).meta


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("信息索引号", "index_no"),
        ("索\u3000引\u3000号", "index_no"),
        ("索 引 号", "index_no"),
        ("文件编号", "doc_number"),
        ("发文字号", "doc_number"),
        ("文\u3000\u3000号", "doc_number"),
    ],
)
def test_each_label_variant_is_read(label, key):
    meta = meta_of(f"<tr><td>{label}：</td><td>X-2024-7</td></tr>")
    assert meta[key] == "X-2024-7"


@pytest.mark.parametrize("label", ["生成日期", "公开日期", "发布日期"])
def test_each_date_label_gives_the_publication_date(label):
    assert meta_of(f"<tr><td>{label}：</td><td>2024-01-31</td></tr>")["published"] == (
        "2024-01-31"
    )


def test_values_inside_template_comments_are_the_text_between_them():
    meta = meta_of(
        "<tr><td>索引号：</td><td><!--<$[索引号]>begin-->000014349/2024-00012"
        "<!--<$[索引号]>end--></td><td>文号：</td><td><!--<$[文号]>begin-->"
        "某政发〔2024〕3号<!--<$[文号]>end--></td></tr>"
    )
    assert meta["index_no"] == "000014349/2024-00012"
    assert meta["doc_number"] == "某政发〔2024〕3号"


def test_a_placeholder_is_no_value():
    meta = meta_of(
        "<tr><td>发文字号：</td><td>—  —</td><td>索引号：</td><td>A/1</td></tr>"
    )
    assert "doc_number" not in meta
    assert meta["index_no"] == "A/1"


def test_every_metadata_table_variant_of_the_sample_portal_reads_the_same_facts():
    portal = build_portal(seed=7, size=30)
    trs = [r for r in portal.reports if r.site_id == "demo-trs" and r.layout == "html"]
    variants = set()
    for report in trs:
        page = portal.pages[report.paths[0]]
        variants.add(page.docid % 4)
        body = render(portal, report.paths[0], {}, 8000).body
        meta = extract(Source(body=body, charset="gbk")).meta
        assert meta["index_no"].endswith(f"/{page.published:%Y}-{page.docid}")
        assert meta["publisher"] == page.agency
    assert variants == {0, 1, 2, 3}
