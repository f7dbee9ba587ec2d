"""The five real reports bundled as test data, with the title and agency they are published under.

The texts are copies of ``../shared/corpus/`` (real district/township reports). Titles follow the
first line of each text where it has one; ``2020-fenyang-jiedao.txt`` has none, so it gets the
usual shape for its office (the body calls it 文街道; the title is what the parser must trust).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"


@dataclass(frozen=True, slots=True)
class CorpusReport:
    file: str
    title: str
    agency: str
    year: int


CORPUS: tuple[CorpusReport, ...] = (
    CorpusReport(
        "2020-beihai-jiedao.txt",
        "北海街道办事处2020年政府信息公开工作年度报告",
        "北海街道办事处",
        2020,
    ),
    CorpusReport(
        "2020-changchun-nanguan-shuguang.txt",
        "2020年南关区曙光街道政府信息公开工作年度报告",
        "南关区曙光街道",
        2020,
    ),
    CorpusReport(
        "2020-fenyang-jiedao.txt",
        "汾阳市文峰街道办事处2020年政府信息公开工作年度报告",
        "汾阳市文峰街道办事处",
        2020,
    ),
    CorpusReport(
        "2021-changchun-nanguan-xingfu.txt",
        "2021年南关区幸福乡人民政府信息公开工作年度报告",
        "南关区幸福乡人民政府",
        2021,
    ),
    CorpusReport(
        "2024-xinhua-shuguangjie.txt",
        "新华区曙光街街道办事处2024年政府信息公开工作年度报告",
        "新华区曙光街街道办事处",
        2024,
    ),
)


@cache
def read_corpus(file: str) -> str:
    """The text of one bundled report (UTF-8, as copied)."""
    return (CORPUS_DIR / file).read_text(encoding="utf-8")
