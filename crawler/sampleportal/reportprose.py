"""The prose around the tables: preface and the text of parts 一, 五 and 六.

Real reports wrap the tables in a page or two of boilerplate; the parser must find the tables
inside it and read the year and agency from it. Sentences follow the corpus reports (e.g.
``corpus/2021-changchun-nanguan-xingfu.txt``); only the year and the agency vary.
"""

from __future__ import annotations

from crawler.sampleportal.reportlabels import PART_OTHER, PART_PROBLEMS, PART_SUMMARY


def preface(agency: str, year: int) -> str:
    """The opening paragraph, which states the agency, the year and the reporting period."""
    return (
        f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布{agency}"
        f"{year}年度政府信息公开工作年度报告。本报告由总体情况、主动公开政府信息情况、"
        "收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
        "存在的主要问题及改进情况、其他需要报告的事项六部分组成。"
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    )


def part_text(part: int, agency: str, year: int) -> tuple[str, ...]:
    """Paragraphs of part ``part`` (1-based); parts 二 to 四 are tables and get an intro only."""
    if part == PART_SUMMARY:
        return (
            (
                f"{year}年，{agency}坚持以公开为常态、不公开为例外，认真贯彻落实《条例》，"
                "不断完善工作机制，推进政府信息公开工作规范化、标准化。"
            ),
            "（一）主动公开。严格落实政府信息公开审查制度，及时公开政策文件和工作动态。",
            "（二）依申请公开。规范申请受理、审查、答复流程，按时答复申请人。",
            "（三）平台建设。加强政府网站政府信息公开专栏的日常维护，及时更新内容。",
        )
    if part == PART_PROBLEMS:
        return (
            "存在的主要问题：信息公开的及时性有待提高，政策解读形式较为单一。",
            f"改进措施：{year + 1}年，将加强业务培训，丰富解读形式，提升公开质量。",
        )
    if part == PART_OTHER:
        return ("本年度未收取信息处理费。无其他需要报告的事项。",)
    return ()
