"""A row's numbering broken inside its brackets: ``（七`` beside the numbers, ``）总计`` below.

A narrow label column wraps ``（七）总计`` after its first two characters; text extraction then
gives the opening of the numbering on the numbers' line and the rest below. The broken
numbering was taken for noise and looked through, so the row before it (``（六）其他处理``)
took the total's numbers.
"""

from __future__ import annotations

from parsers.model import Document
from parsers.report import parse_report
from parsers.report.labels import normalize_label

APPLICATION_ROWS = """三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况
自然人 法人或其他组织 总计
商业企业 科研机构 社会公益组织 法律服务机构 其他
一、本年新收政府信息公开申请数量 30 4 0 0 0 0 34
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
三、本年度办理结果
（一）予以公开 10 1 0 0 0 0 11
（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0
（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0
2.其他法律行政法规禁止公开 0 0 0 0 0 0 0
3.危及“三安全一稳定” 0 0 0 0 0 0 0
4.保护第三方合法权益 0 0 0 0 0 0 0
5.属于三类内部事务信息 0 0 0 0 0 0 0
6.属于四类过程性信息 0 0 0 0 0 0 0
7.属于行政执法案卷 0 0 0 0 0 0 0
8.属于行政查询事项 0 0 0 0 0 0 0
（四）无法提供 1.本机关不掌握相关政府信息 5 0 0 0 0 0 5
2.没有现成信息需要另行制作 0 0 0 0 0 0 0
3.补正后申请内容仍不明确 0 0 0 0 0 0 0
（五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0
2.重复申请 0 0 0 0 0 0 0
3.要求提供公开出版物 0 0 0 0 0 0 0
4.无正当理由大量反复申请 0 0 0 0 0 0 0
5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0
（六） 15 3 0 0 0 0 18
其他处理
（七 30 4 0 0 0 0 34
）总计
四、结转下年度继续办理 0 0 0 0 0 0 0
"""


def test_a_numbering_open_at_its_bracket_is_the_rows_numbering():
    assert normalize_label("（七") == ("", True)
    assert normalize_label("(十二") == ("", True)
    assert normalize_label("(12") == ("(12", False)  # a number's note, not a numbering


def test_the_row_before_a_broken_numbering_keeps_its_own_numbers():
    text = f"示范县人民政府2019年政府信息公开工作年度报告\n{APPLICATION_ROWS}"
    report = parse_report(Document(text=text))
    assert report.applications["other_handling"]["natural_person"] == 15
    assert report.applications["other_handling"]["total"] == 18
    assert report.applications["total_handled"]["natural_person"] == 30
    assert report.applications["total_handled"]["total"] == 34
