"""The Chinese words and patterns of a report's metadata: title shapes, dates, organ sources.

Beside ``labels.py`` (which owns the table labels and the title-agency patterns) so that the
two change independently. Everything here matches text as organs print it: header blocks of
other crawlers' dumps, markdown headings of PDF converters, spaced and Chinese-numeral dates,
the 本报告由…编制 sentence and the signature at the end. All patterns are linear and run on
capped strings.
"""

from __future__ import annotations

import re
from typing import Final

# ---------------------------------------------------------------- header blocks of text dumps

#: ``标题: …`` / ``发布时间: …`` … lines above ``=====正文=====`` (other crawlers' dumps).
HEADER_LINE: Final = re.compile(
    r"^\s*(?P<label>标题|发布时间|发布日期|文号|发布机构|来源|栏目|原文链接|本地目录|索引号)\s*[:：]\s*(?P<value>.*?)\s*$"
)
HEADER_KEYS: Final = {
    "标题": "title",
    "发布时间": "published",
    "发布日期": "published",
    "文号": "doc_number",
    "发布机构": "publisher",
    "来源": "source",
    "栏目": "column",
    "原文链接": "url",
    "本地目录": "local_path",
    "索引号": "index_no",
}
#: The line that ends the header block: ``=====正文=====`` or ``==== 正文 ====``.
BODY_SEPARATOR: Final = re.compile(r"^\s*={3,}\s*正文\s*={3,}\s*$")

# ---------------------------------------------------------------- titles

#: A line that is a title: ends with 年度报告/年报 (a bracketed note may follow: （更正版）).
TITLE_LINE: Final = re.compile(
    r"(?:年度报告|年报)\s*(?:[（(][^（()）]{1,12}[)）])?\s*$"
)
#: Sentence punctuation: a line holding it is prose, never a title line.
SENTENCE_MARK: Final = re.compile("[。，；！？,;]|如下")
#: Markdown heading markers of PDF-to-markdown converters (``# …``, ``## …``) and emphasis.
MARKDOWN_HEADING: Final = re.compile(r"^\s*#{1,6}\s*")
MARKDOWN_EMPHASIS: Final = re.compile(r"^\*{1,3}|\*{1,3}$")
#: A title without a year: ××县人民政府政府信息公开工作年度报告 (the year is in the body).
AGENCY_WITHOUT_YEAR: Final = re.compile(
    r"^(?:附件\d*)?(?P<agency>[\u4e00-\u9fff（）()][\u4e00-\u9fff（）()0-9]{1,39}?)(?:政府信息公开|信息公开|政务公开)"
)
#: A year as titles and dates print it: four digits, or four Chinese numerals with the zero
#: as 〇, ○ or an OCR'd full-width Ｏ (the pattern's text, for the expressions below).
YEAR: Final = r"(?:\d{4}|[〇○Ｏ零一二三四五六七八九]{4})"
#: A piece of a title set over several lines: 2023年政府信息公开 / 工作年度报告.
TITLE_FRAGMENT: Final = re.compile(rf"{YEAR}\s*年|信息公开|政务公开")
#: A year followed by the act of publishing it (（2024年发布）, 2024年印发): the year the report
#: was published, not the year it reports on.
PUBLISHED_AFTER_YEAR: Final = re.compile(r"\s*(?:发布|印发|公布|编制|制发)")
#: A name a title's pattern took for its organ that is a piece of the title instead: a year or a
#: bracketed year (（2023年度）), or the rest of a title cut after the year's digits (年政府…).
NOT_AN_ORGAN: Final = re.compile(
    r"[0-9０-９]{4}\s*年|^[年度]|^[(（]\s*[0-9０-９]|年度?[)）]?$"
)
#: A title line cut between its year's digits and 年: the line above ends with the digits.
YEAR_DIGITS_AT_END: Final = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})$")
#: A label before a report's name on its line (上一篇：, 相关阅读：): a link to another report,
#: never this one's title. ``标题：`` is the title's own label, ``附件1：`` an attachment's.
LINK_LABEL: Final = re.compile(
    r"^(?!标题|题目|发布|发文|日期|时间|附件)[^\s：:，。]{1,8}[：:]"
)
#: An attachment's label before a title on its line (附件1：××县…年度报告): the attachment is the
#: report; the label is no part of its organ.
ATTACHMENT_LABEL: Final = re.compile(r"^附件\d*[:：]")
#: A publication date's label before a title on its line (发布日期：2024-01-20 ××县…年度报告, a
#: crawler dump's line): dropped with the date before the organ is read.
DATE_LABEL: Final = re.compile(r"^(?:发布|公开|成文)?(?:日期|时间)[:：]")
#: A line ending in a colon heads a list (相关阅读：, 附件：), as does a related-links heading
#: without one (相关阅读, 推荐阅读): the lines under it are links.
LIST_LABEL_ENDS: Final = ("：", ":")
LIST_HEADING: Final = re.compile(r"^\s*(?:相关|推荐|热点|延伸|猜你)\S{0,4}\s*$")
#: A relative year after an organ's name in a title (××县人民政府上一年度政府信息公开…): the
#: year is not the organ's.
RELATIVE_YEAR: Final = re.compile("(?:上一?|本|去|今)年度?$")
#: A line set letter-spaced by a PDF (长 春 市 南 关 区 人 民 政 府): every character alone between
#: single spaces, four at least.
LETTER_SPACED: Final = re.compile(
    r"^(?=.*[\u4e00-\u9fff])(?:[\u4e00-\u9fff0-9（）()] ){3,}[\u4e00-\u9fff0-9（）()]$"
)
#: The report's year alone on the line under its title: （2023年度）, (2023年).
YEAR_LINE: Final = re.compile(
    r"^[（(]\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年度?\s*[)）]$"
)
#: A line above a title that is a label of the page, not part of the title (附件1, 索引号 …).
NOT_TITLE_PART: Final = re.compile(
    r"^(?:附件|附表|索引号|发布|来源|当前位置|首页|[一二三四五六七八九十]+、|\d+[、.])"
)

# ---------------------------------------------------------------- organ names

#: The words an organ's official name ends with (长春市南关区曙光街道办事处, ××市科学技术委员会).
#: A bare 会 is not one: 社会 (人力资源和社会保障局) and 会昌县 would end a name too early.
ORGAN_NAME: Final = re.compile(
    r"[\u4e00-\u9fff（）()]{2,40}?"
    r"(?:人民政府办公室|人民政府办公厅|人民政府|办事处|管理委员会|管委会|委员会|办公室|办公厅"
    r"|联合会|协会|商会|政府|局|厅|委|署|院|中心|所|站|队|馆|处|部|乡|镇|街道|社区)"
)
#: Names that end like an organ but name a website (××人民政府网站, 门户网站).
NOT_ORGAN_ENDINGS: Final = ("网站", "网")
#: The last characters of those endings: a quick test before the pattern.
ORGAN_LAST_CHARS: Final = frozenset("室厅府处会委局署院心所站队馆部乡镇道区")
#: The organ's own government office compiles the report: the organ is the government
#: (××县人民政府办公室 -> ××县人民政府), not the office; so does its office for disclosure
#: (××县人民政府政务公开办公室, ××县教育局政务公开领导小组办公室).
OFFICE_SUFFIXES: Final = (
    "办公室",
    "办公厅",
    "政务公开办公室",
    "政府信息公开办公室",
    "信息公开办公室",
    "政务公开办",
    "信息公开办",
    "政务公开工作领导小组办公室",
    "政务公开领导小组办公室",
)
GOVERNMENT_ENDINGS: Final = ("政府", "管委会", "管理委员会")
#: A department's own office signs or publishes for the department (××县教育局办公室 ->
#: ××县教育局): it publishes no report of its own. A party committee's office (县委办公室) is
#: an organ of its own and stays.
DEPARTMENT_ENDINGS: Final = ("局", "委员会", "厅", "署")
#: How a report calls its own organ (本局, 我委, 本单位) and the endings that organ's name has:
#: the subject of the first sentence named otherwise is another organ (the government above
#: a department: ××县人民政府高度重视…, 本局…). None: any organ but a government.
SELF_REFERENCES: Final = {
    "本局": ("局",),
    "我局": ("局",),
    "本委": ("委", "委员会"),
    "我委": ("委", "委员会"),
    "本办": ("办", "办公室", "办公厅"),
    "我办": ("办", "办公室", "办公厅"),
    "本院": ("院",),
    "我院": ("院",),
    "本中心": ("中心",),
    "我中心": ("中心",),
    "本单位": None,
    "我单位": None,
    "本部门": None,
    "我部门": None,
}
SELF_REFERENCE: Final = re.compile("|".join(SELF_REFERENCES))
#: Prose searched for those words (the opening paragraphs).
SELF_REFERENCE_CHARS: Final = 1_000
#: A byline under a title: the organ alone, or with the month or date it signed, in brackets
#: or not (（××县教育局  2024年1月）); the organ's name is checked apart (``clean_organ``).
BYLINE: Final = re.compile(
    r"^[（(]?\s*(?P<organ>[\u4e00-\u9fff]{2,40}?)\s*"
    r"(?P<date>(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?)?\s*[)）]?$"
)
#: A date alone on its line, under a byline naming only the organ.
DATE_LINE: Final = re.compile(
    r"^\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$"
)
#: Where a 本报告由…编制 sentence may be, before white space is folded out of the prose.
COMPILED_BY_HINT: Final = re.compile(r"报\s*告\s*由")
#: 本报告由××县人民政府办公室编制 / 本年度报告由…负责编制 / 本报告由××根据《条例》…编制.
COMPILED_BY: Final = re.compile(
    r"本(?:年度)?报告由(?P<organ>[\u4e00-\u9fff（）()]{2,40}?)(?:负责|统一|组织)?"
    r"(?:编制|编写|起草|根据|按照|依据|依照)"
)
#: The date that ends a signature (2013年3月1日, 二○一二年二月二十日, the month alone 2013年3月,
#: or 2013.3.1 / 2013-03-01), searched alone: the organ's name is read back from its start.
SIGNATURE_DATE: Final = re.compile(
    rf"(?P<date>{YEAR}\s*年\s*[\d一二三四五六七八九十]{{1,3}}\s*月"
    r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*$"
)
#: A character of a signature's organ name, and how long that name is.
ORGAN_CHAR: Final = re.compile(r"[\u4e00-\u9fff（）()]")
MIN_SIGNATURE_ORGAN_CHARS: Final = 2
MAX_SIGNATURE_ORGAN_CHARS: Final = 40
#: The tail of a document searched for a signature (after page furniture and 附件 links).
SIGNATURE_TAIL_CHARS: Final = 400
#: The most a signature line takes at the end of that tail (organ, spaces, a spelled-out date).
SIGNATURE_LINE_CHARS: Final = 100
#: Noise after a signature in crawler dumps and HTML pages: 附件下载, 打印本页, 关闭窗口 ….
TRAILING_NOISE_WORDS: Final = (
    "附件下载",
    "附件",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "【关闭】",
    "分享到",
    "扫一扫",
)
#: A signature line names an organ; these end a sentence, not an organ (… 特此报告).
SIGNATURE_STOP_WORDS: Final = ("报告", "如下", "公布", "特此")

# ---------------------------------------------------------------- dates

#: The zeros a Chinese-numeral year is printed with (a white circle, a full-width O) folded onto
#: 〇 before the title patterns of labels.py run.
ZERO_LOOK_ALIKES: Final = str.maketrans({"○": "〇", "Ｏ": "〇"})
HAS_ZERO_LOOK_ALIKE: Final = re.compile("[○Ｏ]")
#: Years in Chinese numerals: 二〇二三, 二○一二 (a white circle for 〇), 二零二三.
CHINESE_YEAR: Final = re.compile("([〇○Ｏ零一二三四五六七八九]{4})\\s*年")
CHINESE_DIGIT: Final = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {
    "○": 0,
    "Ｏ": 0,
    "零": 0,
}
#: A title's year whose Chinese digits hold a zero printed or OCR'd as another character (二o二三,
#: 二0二三, 二Ｏ二三, 二○二三): any of the four digits may be a zero look-alike, at least one must
#: be a Chinese digit, and 年 must follow.
MIXED_CHINESE_YEAR: Final = re.compile(
    "(?<![0-9０-９])(?=[〇○Ｏ零oOＯ0０]*[一二三四五六七八九])"
    "([〇○Ｏ零一二三四五六七八九oO0０]{4})(?=\\s*年)"
)
#: Zeros of such a year folded onto 〇.
YEAR_ZEROS: Final = str.maketrans(dict.fromkeys("○Ｏ零oO0０", "〇"))
#: A title's Arabic year with a digit OCR'd as a letter (2O23年, 2o23年, l999年, 2Ol9年): two
#: digits at least, the letters folded onto the digits they resemble.
LETTERED_YEAR: Final = re.compile(
    r"(?<![0-9A-Za-z０-９])([12１２lI][0-9０-９OoＯlI]{3})(?=\s*年)"
)
YEAR_LETTERS: Final = str.maketrans({"O": "0", "o": "0", "Ｏ": "0", "l": "1", "I": "1"})
#: A title's year letter-spaced by a PDF's character spacing: 2 0 2 3 年.
SPACED_YEAR: Final = re.compile(r"(?<![0-9])([0-9]) ([0-9]) ([0-9]) ([0-9])(?=\s*年)")
#: A whole date, spaces allowed anywhere between its parts (2024 年 1 月 1 日).
DATE: Final = re.compile(
    rf"(?P<y>{YEAR})\s*年\s*(?P<m>[\d一二三四五六七八九十]{{1,3}})\s*月"
    r"\s*(?P<d>[\d一二三四五六七八九十]{1,3})\s*日"
)
#: An ISO-like date of a header block or meta tag: 2018-01-23 08:51, 2018/1/23, 2018.01.23.
NUMERIC_DATE: Final = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
#: The statistics period, in the template's words and the variants organs print:
#: 统计期限自2020年…, 统计周期为 2024 年 1 月 1 日至…, 统计时限为二〇二三年….
STATISTICS_PERIOD: Final = re.compile(
    rf"统计(?:期限|周期|时限|时间|区间)\s*(?:为|是)?\s*(?:自|从)?\s*(?P<y>{YEAR})\s*年"
)
#: Two years as a span (2022-2023年, 2022年至2023年, 2022—2023年度): a report covering both.
YEAR_SPAN: Final = re.compile(
    rf"(?P<a>{YEAR})\s*年?度?\s*(?:[-－—–~～]+|至|到)\s*"
    rf"(?P<b>{YEAR})\s*年"
)
#: Where a statistics period ends: …至2024年12月31日 (searched right after its start).
PERIOD_END: Final = re.compile(
    rf"[^。；;\n]{{0,30}}?(?:至|到|[-－—–~～])\s*(?P<y>{YEAR})\s*年"
)
#: Words before or after a report's name that cite another report rather than name this one
#: (针对2022年度政府信息公开工作年度报告中指出的问题…), in the text just around the name.
CITED_BEFORE: Final = re.compile(
    r"(?:针对|根据|对照|按照|依据|参照|落实|整改|较|比)[^，。；]{0,12}$"
)
CITED_AFTER: Final = re.compile(
    r"^[^，。；]{0,4}(?:中|所)?(?:指出|提出|反映|发现|列出|存在)"
)
#: Part 二's heading: a report names itself before it (现将…年度报告公布如下), while parts 五 and
#: 六 name next year's report (将按时编制发布2024年度…) or cite last year's (完成2022年度…).
PART_TWO_HEADING: Final = re.compile(r"(?:二|2)\s*[、.．]\s*主动公开政府信息")
#: A body sentence naming the report: 2020年度政府信息公开工作年度报告.
YEAR_OF_REPORT: Final = re.compile(
    rf"(?P<y>{YEAR})\s*年度?\s*(?:政府)?信息公开(?:工作)?年度报告"
)
