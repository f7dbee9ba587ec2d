"""Every Chinese label and pattern of the national report formats, mapped to canonical ids.

This is the only module of the parser that holds Chinese strings (STYLE.md §4, like
trafilatura's ``xpaths.py``): the readers work on canonical ids and ask this module what a cell
says. Labels are matched after ``normalize_label`` (whitespace removed, full-width ASCII folded,
section numbering stripped), so ``（三）不予公开``, ``(三) 不予公开`` and ``3、不予公开`` are one
label, and ``结果 维持`` (2024-xinhua: a space inside the label) reads as ``结果维持``.

All patterns are linear (no nested quantifiers) and run on strings capped in length.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

#: Full-width ASCII (！ … ～) and the ideographic space fold onto ASCII before any matching.
FULLWIDTH: Final = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {
    0x3000: 0x20
}

#: Whether a string needs folding at all (most cells are ASCII digits or plain CJK).
HAS_FULLWIDTH: Final = re.compile("[\uff01-\uff5e\u3000]")


def fold_width(text: str) -> str:
    """``text`` with full-width ASCII and the ideographic space folded to ASCII.

    Most text has none; looking first spares ``str.translate``'s per-character table lookups
    (~2 µs for a title, measured), which the parser would otherwise pay on every line it reads.
    """
    return text.translate(FULLWIDTH) if HAS_FULLWIDTH.search(text) else text


#: Section numbering in front of a label: 三、 / 3、 / 3. / (三) / （三） / (1) / 第三; and a
#: cell that is nothing but a bracketed numeral whose bracket closes on the next line (``（七`` /
#: ``）总计``: a narrow label column wrapped inside the numbering), which is the row's numbering.
NUMBERING: Final = re.compile(
    r"^(?:[(][一二三四五六七八九十\d]{1,3}[)]|[一二三四五六七八九十\d]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}[、.．]?"
    r"|[(][一二三四五六七八九十]{1,3}$)"
)
#: Longest text cell considered a label; prose paragraphs are never row labels.
MAX_LABEL_CHARS: Final = 80

_WHITESPACE = re.compile(r"\s+")


def normalize_label(text: str) -> tuple[str, bool]:
    """Fold a text cell for matching; returns (label, had_numbering).

    >>> normalize_label("（三） 不予公开")
    ('不予公开', True)
    >>> normalize_label("结果 维持")
    ('结果维持', False)
    """
    head = text[: MAX_LABEL_CHARS * 2]
    folded = _WHITESPACE.sub(
        "", head.translate(FULLWIDTH) if HAS_FULLWIDTH.search(head) else head
    )
    stripped = NUMBERING.sub("", folded, count=1)
    return stripped, stripped != folded


# ---------------------------------------------------------------- cells

#: Cells that mean "nothing here" (architecture.md, "Blank and missing cells", step 1).
BLANK_MARKERS: Final = frozenset({"-", "—", "——", "－", "/", "／", "无", "—-", "--"})
#: A number, optionally signed, with thousands separators and a unit the reporter typed in.
#: The unit is captured: a money cell is in 万元, so ``186000元`` is converted explicitly (and
#: recorded), never read as 186000 万元; on a count cell a money unit makes the cell unreadable.
NUMBER: Final = re.compile(
    r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d{1,15})(?:\.(\d{1,10}))?(万元|元|件|个|条|项|次)?$"
)
#: A note the reporter wrote after the number, inside the cell: ``18（其中修订7件）``,
#: ``40（含自然失效12件）``. The number before it is the cell's value; the note is kept.
NOTE_IN_CELL: Final = re.compile(r"^([^(（]{1,40}?)\s*[(（]([^()（）]{1,60})[)）]$")
#: A number printed with a mark that makes it no plain value: a footnote mark (``171*``,
#: ``171①``, ``171¹``), an estimate or bound (``约171``, ``≥10``), a share (``12%``), a stray
#: full stop (``171。``). It is the row's cell in its column, but its value is not certain.
_MARKED_DIGITS: Final = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MARK_BEFORE: Final = r"(?:约|≈|≥|≤|>|<|＞|＜)"
_MARK_AFTER: Final = (
    r"(?:[*＊※]+|[\u2460-\u2473]|[\u00b9\u00b2\u00b3\u2070-\u2079]+|%|％|。)"
)
MARKED_NUMBER: Final = re.compile(
    rf"{_MARK_BEFORE}\s*{_MARKED_DIGITS}\s*{_MARK_AFTER}?|{_MARKED_DIGITS}\s*{_MARK_AFTER}"
)
#: Numbers apart inside one cell (``56 0``, ``1 234``, a no-break space between): two rows'
#: values run into one cell where a rule is missing, flattened by a dump to one line, as
#: likely as one number grouped by spaces. Read as their digits (``560``) they were a number
#: no row printed; the cell holds its place, its value not certain.
SEVERAL_NUMBERS: Final = re.compile(r"[+-]?\d[\d,.]*(?:\s+[+-]?\d[\d,.]*)+")
#: A space between two digits (the test before ``SEVERAL_NUMBERS``).
DIGITS_APART: Final = re.compile(r"\d\s+\d")
#: Units of money cells as printed, and the factor that brings them to 万元.
MONEY_UNITS: Final = {"万元": 1, "元": 10_000}

# ---------------------------------------------------------------- part 三: applications

#: The words of part 三's first row (本年新收…申请数量), where its rows begin: a label without
#: them is not that row, which lets a scan for it skip the other cells cheaply.
NEW_REQUESTS_WORDS: Final = "本年新收"
#: Row label pattern -> row id. ``numbered`` rows only match when the cell carried a number
#: (``3.其他`` is a row, the bare applicant header ``其他`` is not; ``(七)总计`` vs column ``总计``).
#: Patterns are searched in the normalized label, in this order.
APPLICATION_ROW_LABELS: Final[tuple[tuple[str, re.Pattern[str], bool], ...]] = (
    ("new_requests", re.compile(NEW_REQUESTS_WORDS), False),
    ("carried_over", re.compile("上年结转"), False),
    ("disclosed", re.compile("^予以公开"), False),
    ("partially_disclosed", re.compile("^部分公开"), False),
    ("denied_state_secret", re.compile("国家秘密"), False),
    ("denied_prohibited_by_law", re.compile("禁止公开"), False),
    ("denied_three_securities_one_stability", re.compile("三安全一稳定"), False),
    ("denied_third_party_rights", re.compile("第三方合法权益"), False),
    ("denied_internal_affairs", re.compile("内部事务"), False),
    ("denied_process_information", re.compile("过程性信息"), False),
    ("denied_law_enforcement_file", re.compile("行政执法案卷"), False),
    ("denied_administrative_query", re.compile("行政查询事项"), False),
    ("unable_not_held", re.compile("不掌握"), False),
    ("unable_needs_creation", re.compile("另行制作"), False),
    ("unable_unclear_after_correction", re.compile("仍不明确"), False),
    ("not_processed_petition", re.compile("信访|举报投诉"), False),
    ("not_processed_duplicate", re.compile("^重复申请"), False),
    ("not_processed_publication", re.compile("公开出版物"), False),
    ("not_processed_excessive", re.compile("大量反复"), False),
    ("not_processed_confirmation", re.compile("确认或重新出具|重新出具"), False),
    # 三(六): one row in 2019, a group of three sub-rows in 2021.
    ("other_handling", re.compile("^其他处理$"), False),
    # 不补正 alone: a scan's 逾期 is misread more than any other word of part 三 (谊期, 这期,
    # 诊期), and no other row of either format says 不补正
    ("other_no_correction", re.compile("不补正"), False),
    ("other_unpaid_fee", re.compile("收费通知|缴纳费用"), False),
    ("other_other", re.compile("^其他$"), True),
    ("total_handled", re.compile("^总计$"), True),
    ("carried_forward", re.compile("结转下年度"), False),
)

#: ``（七）总计`` as OCR misreads its numbering (``《七)总计``, ``(七总计``, ``(七.7总计``,
#: ``(才)总计``): a bracket or two, then ``七`` with at most one character after it or one
#: other ideograph, then 总计. The leading bracket tells it from the 总计 column header, and a
#: label of another row never ends in 总计. Looked for only where no row's label matched.
TOTAL_HANDLED_MISREAD: Final = re.compile(
    r"^[^\u4e00-\u9fff]{1,2}(?:七.?|[\u4e00-\u9fff])[^\u4e00-\u9fff]{0,2}总计$"
)
#: Any row label at all: a cell matching none of these is not a part 三 row (a fast pre-check).
ANY_APPLICATION_ROW: Final = re.compile(
    "|".join(p.pattern for _, p, _ in APPLICATION_ROW_LABELS)
)

#: Applicant column headers (part 三). 社会组织 is the common variant of 社会公益组织 (2020-beihai).
APPLICANT_LABELS: Final = {
    "自然人": "natural_person",
    "商业企业": "commercial_enterprise",
    "科研机构": "research_institution",
    "社会公益组织": "social_organization",
    "社会组织": "social_organization",
    "法律服务机构": "legal_service",
}
APPLICANT_VARIANTS: Final = frozenset({"社会组织"})
#: Part 三's column headers -> their column's place in the national order (0 自然人 … 6 总计),
#: to tell a table printed in another column order (a 总计 column first) from the national one.
APPLICANT_HEADER_PLACES: Final = {
    **{label: k for k, label in enumerate(("自然人", "商业企业", "科研机构"))},
    "社会公益组织": 3,
    "社会组织": 3,
    "法律服务机构": 4,
    "其他": 5,
    "总计": 6,
}
#: The header over the five organisation columns, printed beside 自然人 in a two-level header.
LEGAL_PERSONS: Final = "法人或其他组织"
#: A text line that may hold part 三's top header cells (自然人, 法人或其他组织, 总计) or its
#: first row (本年新收): only such lines are cut into cells to compare the header's order.
APPLICANT_HEADER_LINE: Final = re.compile("自然人|法人或其他组织|总计|本年新收")

#: A cell naming a period, not a row (``2023年``, ``本年``, ``上年同期``): a sub-label under which
#: a row is printed once per period.
PERIOD_LABEL: Final = re.compile(
    r"(?:\d{4}\s*年度?|本年度?|今年|上一?年度?|去年|(?:上年)?同期)(?:数|数据|情况)?"
)

# ---------------------------------------------------------------- part 二: active disclosure

#: Item label (whole normalized cell) -> item id.
ACTIVE_ITEM_LABELS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("rules", re.compile("^规章$")),
    ("normative_documents", re.compile("^(?:行政)?规范性文件$")),
    ("administrative_license", re.compile("^行政许可$")),
    ("other_services", re.compile("^其他对外管理服务事项$")),
    ("administrative_penalty", re.compile("^行政处罚$")),
    ("administrative_coercion", re.compile("^行政强制$")),
    ("administrative_fees", re.compile("^行政事业性收费$")),
    ("centralized_procurement", re.compile("^政府集中采购$")),
)

#: Column headers of part 二, found in the concatenation of a run of header cells, because real
#: reports split them over lines (``本年新\n制作数量``, 2020-changchun-nanguan-shuguang, fenyang).
ACTIVE_COLUMN_HEADER: Final = re.compile(
    "(?P<made>新?制作数量)|(?P<published>新公开数量)|(?P<total_published>公开总数量)"
    "|(?P<previous_count>上一?年项目数量)|(?P<change>增/?减)|(?P<decisions>处理决定数量)"
    "|(?P<projects>采购项目数量)|(?P<amount>采购总金额|收费金额)"
    "|(?P<issued>制发件数)|(?P<repealed>废止件数)|(?P<in_force>现行有效件数)"
)
#: The first cell of a part 二 header row; the column headers follow it.
ACTIVE_ITEM_HEADER: Final = "信息内容"
#: The unit a part 二 header names for its money column (``采购总金额（元）``,
#: ``本年收费金额（单位：万元）``, a ``单位：元`` caption), in the folded header text.
MONEY_HEADER_UNIT: Final = re.compile(r"(?:金额\(|单位:?)(?:单位:?)?([万千百亿]?元)")
#: A unit caption printed apart from the header cells (``单位：元`` above the table, ``注：金额
#: 单位为元`` below it), in folded text.
CAPTION_UNIT: Final = re.compile(r"单位\s*(?:为|是|:)\s*([万千百亿]?元)")
#: Where part 二's text starts and where part 三's starts (its captions are between).
ACTIVE_PART_WORDS: Final = "主动公开政府信息情况"
APPLICATIONS_PART_WORDS: Final = "收到和处理政府信息公开申请情况"
#: A character every column header of part 二 holds (数量, 增/减, 件数, 金额): a run of cells
#: without one names no column. Checked first because scanning the alternation above over a
#: run of label text costs ~0.1 µs a character, the most of part 二's reading.
ACTIVE_COLUMN_HINT: Final = re.compile("[量增数额]")


@lru_cache(maxsize=2048)
def active_column_headers(text: str) -> tuple[str | None, ...]:
    """The part 二 columns named in ``text``, in order (``made``, ``published``, …).

    >>> active_column_headers("信息内容本年制发件数本年废止件数现行有效件数")
    ('issued', 'repealed', 'in_force')
    """
    if ACTIVE_COLUMN_HINT.search(text) is None:
        return ()
    return tuple(m.lastgroup for m in ACTIVE_COLUMN_HEADER.finditer(text))


# ---------------------------------------------------------------- part 四: review and litigation

REVIEW_START: Final = "行政复议"
#: Part 四's heading (政府信息公开行政复议、行政诉讼情况), or a table row naming both groups.
REVIEW_HEADING: Final = re.compile(r"行政复议[、,，和及与]?行政诉讼")
LITIGATION_DIRECT: Final = "未经复议直接起诉"
LITIGATION_AFTER_REVIEW: Final = "复议后起诉"
#: The header over both litigation groups; printed before 行政复议 it puts litigation first.
LITIGATION: Final = "行政诉讼"
#: Part 四's result column headers -> their place in the national order (结果维持 … 总计).
REVIEW_RESULT_PLACES: Final = {
    label: k
    for k, label in enumerate(("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
}

#: Header labels of parts 三 and 四 found inside one run of text (a dump that glues a header
#: row's cells together: 申请人情况自然人法人或其他组织总计…); longest first, so 其他 inside
#: 法人或其他组织 or 其他结果 is not taken apart.
HEADER_TOKEN: Final = re.compile(
    "|".join(
        sorted(
            {
                *APPLICANT_HEADER_PLACES,
                *REVIEW_RESULT_PLACES,
                LEGAL_PERSONS,
                REVIEW_START,
                LITIGATION,
                LITIGATION_DIRECT,
                LITIGATION_AFTER_REVIEW,
            },
            key=len,
            reverse=True,
        )
    )
)
#: Marks of a clause: text holding one outside brackets is prose, not a glued header row.
CLAUSE_MARKS: Final = re.compile("[，。；,;]")
BRACKETED: Final = re.compile(r"[(（][^()（）]*[)）]")

# ---------------------------------------------------------------- format markers

#: Labels only the 2021 format has (本年制发件数 …, 三(六) split into three sub-rows).
FORMAT_2021_MARKERS: Final = re.compile(
    "制发件数|废止件数|现行有效件数|收费金额|逾期不补正|收费通知"
)
#: Labels only the 2019 format has (本年新制作数量 …, 其他对外管理服务事项, 政府集中采购).
FORMAT_2019_MARKERS: Final = re.compile(
    "新制作数量|新公开数量|对外公开总数量|上一?年项目数量|其他对外管理服务事项|政府集中采购|采购项目数量"
)
#: 三(六): a row of numbers in 2019, the head of three sub-rows in 2021.
OTHER_HANDLING: Final = "其他处理"
#: Labels both formats share: a document with these has the national tables somewhere.
#: The headings of parts 三 and 四 exist only since the 2019 template (older reports have
#: 依申请公开政府信息情况 and 因政府信息公开申请行政复议…), so they mark a national-format report.
NATIONAL_TABLE_MARKERS: Final = re.compile(
    "本年新收|上年结转|结转下年度|予以公开|尚未审结|结果维持"
    "|^收到和处理政府信息公开申请情况|^政府信息公开行政复议、?行政诉讼情况"
)

# ---------------------------------------------------------------- metadata

REPORT_TITLE: Final = re.compile("年度报告|年报")
#: Part 二's heading (二、主动公开政府信息情况), where its tables begin.
ACTIVE_HEADING: Final = re.compile(r"主动公开政府信息")
#: Group labels of part 三 that head rows but hold no numbers of their own (folded).
GROUP_LABEL: Final = re.compile(r"(?:三、)?本年度办理结果|不予公开|无法提供|不予处理")
#: Page numbers a converter leaves inside a table: - 3 -, — 5 —, 第 3 页, 3/12.
PAGE_FURNITURE: Final = re.compile(
    r"[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
)
YEAR_IN_TITLE: Final = re.compile(r"(\d{4})\s*年")
#: A month right after a year: the year is a date's (2024年1月20日), not a report's.
MONTH_AFTER_YEAR: Final = re.compile(r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月")
#: Chinese-numeral years, the statistics period and the report-naming sentence: metalabels.py.
BODY_YEAR: Final = re.compile(r"(\d{4})\s*年")
#: Agency before the year: 新华区曙光街街道办事处 2024 年政府信息公开工作年度报告 (or before a
#: span of two years: …办事处2022—2023年…).
AGENCY_BEFORE_YEAR: Final = re.compile(
    r"^(?:附件\d*)?(?P<agency>[\u4e00-\u9fff（）()][\u4e00-\u9fff（）()0-9]{1,39}?)\s*(?:关于)?"
    r"(?:(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年?度?\s*(?:[-－—–~～]+|至|到)\s*)?"
    r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年"
)
#: Words of a report's name: an organ named before the year ends where they begin (the title
#: 南关区人民政府政府信息公开工作年度报告（2023年度） names 南关区人民政府).
TITLE_WORDS: Final = re.compile(
    "政府信息公开|信息公开|政务公开|工作年度报告|年度报告|年报"
)
#: A date in front of a title on its line (a dump's publication date): not part of the title.
LEADING_DATE: Final = re.compile(
    r"^(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:\d{1,2}:\d{2}(?::\d{2})?)?"
)
#: Brackets that open a year or a report name after an organ: 南关区人民政府（2023年）….
TITLE_OPENERS: Final = "(（[【《"
#: Agency after the year: 2020年南关区曙光街道政府信息公开工作年度报告.
AGENCY_AFTER_YEAR: Final = re.compile(
    r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年度?(?P<agency>[\u4e00-\u9fff][\u4e00-\u9fff0-9]{1,39}?)(?:政府信息公开|信息公开|政务公开)"
)
#: Words a title can put where the organ's name goes that name no organ: 2021年政府信息公开…
#: ("the government"), 本机关…; a match that is only one of these is no agency.
GENERIC_AGENCIES: Final = frozenset(
    {
        "政府",
        "人民政府",
        "本级政府",
        "本机关",
        "本单位",
        "我单位",
        "本部门",
        "本局",
        "我局",
        "本委",
        "我委",
    }
)
#: 南关区幸福乡人民政府信息公开…: the lazy match stops at 人民; the organ is 人民政府.
AGENCY_PEOPLES: Final = "人民"
AGENCY_PEOPLES_GOVERNMENT: Final = "人民政府"
#: Suffixes that complete an organ's official name in the body (曙光街道 -> 曙光街道办事处).
AGENCY_SUFFIX: Final = re.compile("^(?:办事处|人民政府)")
#: Place-name prefixes that make a fuller official name (长春市 + 南关区曙光街道).
AGENCY_PLACE_PREFIX: Final = re.compile(
    r"(?:[\u4e00-\u9fff]{2,4}?(?:省|自治区|市|自治州|地区|盟|区|县|旗))+"
)
#: Characters that end the word before a place name in prose (受理机构为|现公布|根据 …).
AGENCY_LEFT_BOUNDARY: Final = frozenset("为布据由在对是的和与及将了告即系")
#: Any CJK ideograph: a cell holding one is a label, never a damaged number.
CJK: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CJK_RUN_TAIL: Final = re.compile(r"[\u4e00-\u9fff]{0,30}$")

# ---------------------------------------------------------------- display labels (codebook)

#: The national format's own wording for each canonical id, as a reader sees it in the table
#: (``parsers.report.codebook``). Keys are ``(format, id)`` where the two formats word one id
#: differently, else ``id``. Each row and column label is one the patterns above recognise
#: (tests/parsers/test_codebook.py), so the codebook and the parser cannot drift apart.
DISPLAY_LABELS: Final[dict[str, str]] = {
    # sections
    "active_disclosure": "主动公开政府信息情况",
    "applications": "收到和处理政府信息公开申请情况",
    "review_litigation": "政府信息公开行政复议、行政诉讼情况",
    # part 二 items
    "rules": "规章",
    "2019:normative_documents": "规范性文件",
    "2021:normative_documents": "行政规范性文件",
    "administrative_license": "行政许可",
    "other_services": "其他对外管理服务事项",
    "administrative_penalty": "行政处罚",
    "administrative_coercion": "行政强制",
    "administrative_fees": "行政事业性收费",
    "centralized_procurement": "政府集中采购",
    # part 二 columns
    "made": "本年新制作数量",
    "published": "本年新公开数量",
    "total_published": "对外公开总数量",
    "previous_count": "上一年项目数量",
    "change": "本年增/减",
    "2019:decisions": "处理决定数量",
    "2021:decisions": "本年处理决定数量",
    "projects": "采购项目数量",
    "2019:amount": "采购总金额",
    "2021:amount": "本年收费金额",
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    # part 三 rows
    "new_requests": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "disclosed": "（一）予以公开",
    "partially_disclosed": "（二）部分公开",
    "denied_state_secret": "（三）不予公开 1.属于国家秘密",
    "denied_prohibited_by_law": "（三）不予公开 2.其他法律行政法规禁止公开",
    "denied_three_securities_one_stability": "（三）不予公开 3.危及“三安全一稳定”",
    "denied_third_party_rights": "（三）不予公开 4.保护第三方合法权益",
    "denied_internal_affairs": "（三）不予公开 5.属于三类内部事务信息",
    "denied_process_information": "（三）不予公开 6.属于四类过程性信息",
    "denied_law_enforcement_file": "（三）不予公开 7.属于行政执法案卷",
    "denied_administrative_query": "（三）不予公开 8.属于行政查询事项",
    "unable_not_held": "（四）无法提供 1.本机关不掌握相关政府信息",
    "unable_needs_creation": "（四）无法提供 2.没有现成信息需要另行制作",
    "unable_unclear_after_correction": "（四）无法提供 3.补正后申请内容仍不明确",
    "not_processed_petition": "（五）不予处理 1.信访举报投诉类申请",
    "not_processed_duplicate": "（五）不予处理 2.重复申请",
    "not_processed_publication": "（五）不予处理 3.要求提供公开出版物",
    "not_processed_excessive": "（五）不予处理 4.无正当理由大量反复申请",
    "not_processed_confirmation": "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    "other_handling": "（六）其他处理",
    "other_no_correction": "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_unpaid_fee": "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": "（六）其他处理 3.其他",
    "total_handled": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
    # part 三 applicant columns
    "natural_person": "自然人",
    "commercial_enterprise": "法人或其他组织 商业企业",
    "research_institution": "法人或其他组织 科研机构",
    "social_organization": "法人或其他组织 社会公益组织",
    "legal_service": "法人或其他组织 法律服务机构",
    "other_organization": "法人或其他组织 其他",
    "applications:total": "总计",
    # part 四 groups and columns
    "review": "行政复议",
    "litigation_direct": "行政诉讼 未经复议直接起诉",
    "litigation_after_review": "行政诉讼 复议后起诉",
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "review_litigation:total": "总计",
}
