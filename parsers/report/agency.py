"""The reporting organ: where the document names it, in its full official form.

Sources, best first: the title (``title``); else the crawler dump's ``发布机构:`` line
(``header_block``), the page's 信息公开 block 发布机构 (``meta_publisher``), the 本报告由…编制
sentence (``compiled_by``), the signature above the date at the end (``signature``), the page's
``<meta name="Author">`` (``meta_author``), the subject of the first sentence when it starts with
a place name (``first_sentence``), the page's 来源 (``meta_source``: often the site's owner, so
last).

The name found is then completed from the body: a place prefix or an organ suffix the body adds
(title 南关区曙光街道, body 长春市南关区曙光街道办事处), or the full form of an abbreviation
(title ××市科委, 编制 sentence or signature ××市科学技术委员会). ``printed`` keeps the form the
source printed when it differs from the one reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from parsers.gazetteer import match_places
from parsers.report import labels, metalabels
from parsers.report.dates import fold_title_year
from parsers.report.fullname import (
    MAX_ORGAN_CHARS,
    complete_name,
    expand,
    fuller_name,
    is_abbreviation,
)

if TYPE_CHECKING:
    from collections.abc import Callable

MAX_BODY_CHARS: Final = 200_000
#: An organ's name has two characters at least (市委, 县政府 …).
MIN_ORGAN_CHARS: Final = 2
#: Sources that may name the organ when nothing better does, but never complete a name.
_FALLBACK_ONLY: Final = frozenset({"meta_source", "first_sentence"})
#: Sources that do not say the organ wrote the report (a line under the title, the page's
#: metadata): a name the report's words for itself contradict (本局 beside ××县人民政府) is
#: another organ's, the one above it or the site's owner.
_UNSTATED: Final = frozenset(
    {"below_title", "header_block", "meta_publisher", "meta_author", "meta_source"}
)
#: The first sentence is looked for in the first characters of the body.
FIRST_SENTENCE_CHARS: Final = 300
_LEADING_YEAR: Final = re.compile(
    rf"^(?:{metalabels.YEAR}\s*年度?(?:以来|来)?\s*[，,、]?\s*)"
)


@dataclass(frozen=True, slots=True)
class AgencyFinding:
    agency: str | None
    printed: str | None
    source: str | None


def title_agency(title: str) -> str | None:
    """The organ a title names before or after its year (or with none); None for 本机关 …."""
    title = fold_title_year(title)
    if metalabels.HAS_ZERO_LOOK_ALIKE.search(title):
        title = title.translate(metalabels.ZERO_LOOK_ALIKES)
    folded = "".join(labels.fold_width(title).split())
    folded = metalabels.ATTACHMENT_LABEL.sub("", folded, count=1)
    folded = labels.LEADING_DATE.sub(
        "", metalabels.DATE_LABEL.sub("", folded, count=1), count=1
    )
    before = labels.AGENCY_BEFORE_YEAR.match(folded)
    agency: str | None = None
    if before:
        agency = _organ_before_year(before.group("agency"))
    elif (after := labels.AGENCY_AFTER_YEAR.search(folded)) or (
        after := metalabels.AGENCY_WITHOUT_YEAR.match(folded)
    ):
        agency = after.group("agency")
        if agency.endswith(labels.AGENCY_PEOPLES):
            agency = (
                agency[: -len(labels.AGENCY_PEOPLES)] + labels.AGENCY_PEOPLES_GOVERNMENT
            )
    if agency is not None:
        agency = metalabels.RELATIVE_YEAR.sub("", agency)  # ××县人民政府上一年度…
    if agency in labels.GENERIC_AGENCIES:
        return None  # 2021年政府信息公开工作年度报告: a title without an organ
    if agency is not None and metalabels.NOT_AN_ORGAN.search(agency):
        return None  # a piece of a title set over several lines: （2023年度）, 年政府
    return agency


def _organ_before_year(name: str) -> str | None:
    """The organ in the text before a title's year: up to the report's name or a bracket.

    A title may put the year after the report's name (××区人民政府政府信息公开工作年度报告
    （2023年度）) or in brackets after the organ (××区人民政府（2023年）…): the text before the
    year then holds more than the organ.
    """
    cut = labels.TITLE_WORDS.search(name)
    organ = (name[: cut.start()] if cut else name).rstrip(labels.TITLE_OPENERS)
    return organ if len(organ) >= MIN_ORGAN_CHARS else None


def is_same_organ(one: str, other: str) -> bool:
    """Whether two names may name one organ: equal, one inside the other, or an abbreviation.

    >>> is_same_organ("南关区人民政府", "长春市南关区人民政府"), is_same_organ("某县政府", "某县教育局")
    (True, False)
    """
    return (
        one in other
        or other in one
        or is_abbreviation(one, other, strict=False)
        or is_abbreviation(other, one, strict=False)
    )


def clean_organ(name: str | None) -> str | None:
    """An organ name as a source gives it, or None when it names no organ.

    The government's office compiles for the government (××县人民政府办公室 -> ××县人民政府), a
    department's office for the department (××县教育局办公室 -> ××县教育局); white space inside
    the name is dropped; generic words (本机关) are no name.
    """
    if not name:
        return None
    name = "".join(labels.fold_width(name).split())
    for office in metalabels.OFFICE_SUFFIXES:
        stem = name.removesuffix(office)
        if stem != name and stem.endswith(
            metalabels.GOVERNMENT_ENDINGS + metalabels.DEPARTMENT_ENDINGS
        ):
            name = stem
    if (
        name in labels.GENERIC_AGENCIES
        or not metalabels.ORGAN_NAME.fullmatch(name)
        or name.endswith(metalabels.NOT_ORGAN_ENDINGS)
        or any(word in name for word in metalabels.SIGNATURE_STOP_WORDS)
    ):
        return None
    return name


def compiled_by(body: str) -> str | None:
    """The organ of 本报告由…编制."""
    match = metalabels.COMPILED_BY.search(body)
    return clean_organ(match.group("organ")) if match else None


def _strip_trailing_noise(tail: str) -> str:
    """The tail without the page's closing links (附件下载, 打印本页, 关闭窗口 …).

    Cut word by word from the end: a regex anchored at ``$`` would be tried at every position.
    """
    tail = tail.rstrip()
    while True:
        for word in metalabels.TRAILING_NOISE_WORDS:
            if tail.endswith(word):
                tail = tail[: -len(word)].rstrip()
                break
        else:
            return tail


def signature(text: str) -> tuple[str | None, str | None]:
    """The organ and date of the signature at the end of the document (either may be None).

    The date is found at the very end first, then the organ's characters just before it, so
    the pattern is never retried from every position of the tail.
    """
    tail = _strip_trailing_noise(text[-metalabels.SIGNATURE_TAIL_CHARS :])
    dated = metalabels.SIGNATURE_DATE.search(tail[-metalabels.SIGNATURE_LINE_CHARS :])
    if dated is None:
        return None, None
    before = tail[
        : len(tail) - len(tail[-metalabels.SIGNATURE_LINE_CHARS :]) + dated.start()
    ]
    before = before.rstrip()
    head, _, last = before.rpartition("\n")
    if metalabels.LETTER_SPACED.match(last.strip()):
        # the organ set letter-spaced above the date (农 安 县 教 育 局)
        before = head + "\n" + last.strip().replace(" ", "")
    start = len(before)
    while (
        start > 0
        and len(before) - start < metalabels.MAX_SIGNATURE_ORGAN_CHARS
        and (metalabels.ORGAN_CHAR.match(before[start - 1]))
    ):
        start -= 1
    organ = before[start:]
    if len(organ) < metalabels.MIN_SIGNATURE_ORGAN_CHARS:
        return None, None
    return clean_organ(organ), dated.group("date")


def byline(below: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The organ and date of a byline under the title (either may be None).

    PDF reports set the organ on the line under a title that names none (2023年政府信息公开
    工作年度报告 / ××县教育局 / 2024年1月15日); only a line that is an organ's name and nothing
    else, but for a date, counts.
    """
    if not below:
        return None, None
    match = metalabels.BYLINE.match(below[0].strip())
    organ = clean_organ(match.group("organ")) if match else None
    if match is None or organ is None:
        return None, None
    date = match.group("date")
    if date is None and len(below) > 1 and metalabels.DATE_LINE.match(below[1]):
        date = below[1].strip()
    return organ, date


def first_sentence_organ(body: str) -> str | None:
    """The subject of the first sentence, when it is an organ that starts with a place name.

    The name ends at the first organ ending after its place names (赣州市会昌县 + 人民政府), so
    prose after it (认真贯彻落实…工作部署) is never taken in. A subject the report's own words
    for itself contradict (本局 beside ××县人民政府) is the organ above the report's: none.
    """
    sentence = body[:FIRST_SENTENCE_CHARS].split("。", 1)[0].strip()
    sentence = _LEADING_YEAR.sub("", sentence)[:MAX_ORGAN_CHARS]
    places = "".join(match_places(sentence).places)
    if not places or not sentence.startswith(places[:2]):
        return None
    start = len(places) if sentence.startswith(places) else 2
    for end in range(start + 1, len(sentence) + 1):
        if metalabels.ORGAN_NAME.fullmatch(sentence[:end]):
            organ = clean_organ(sentence[: complete_name(sentence, 0, end)])
            if organ and _called_otherwise(
                organ, body[: metalabels.SELF_REFERENCE_CHARS]
            ):
                return None
            return organ
    return None


def _called_otherwise(organ: str, prose: str) -> bool:
    """Whether the prose calls its own organ by a word that cannot name ``organ`` (本局 …)."""
    for match in metalabels.SELF_REFERENCE.finditer(prose):
        endings = metalabels.SELF_REFERENCES[match.group(0)]
        if endings is None:
            if organ.endswith(metalabels.GOVERNMENT_ENDINGS):
                return True
        elif not organ.endswith(endings):
            return True
    return False


def detect_agency(
    title: str | None, text: str, sources: dict[str, Callable[[], str | None]]
) -> AgencyFinding:
    """The organ, its printed form when that differs, and the source it came from.

    ``sources`` maps the fallback source names of the module docstring, in the order they are
    tried, to a function giving the raw name that source states (None when silent): each is
    read only when needed (the first sentence only when no other source names the organ).
    """
    body = "".join(text[:MAX_BODY_CHARS].split())
    names: dict[str, str | None] = {}

    def name_in(key: str) -> str | None:
        if key not in names:
            name = clean_organ(sources[key]())
            if (
                name
                and key in _UNSTATED
                and _called_otherwise(name, text[: metalabels.SELF_REFERENCE_CHARS])
            ):
                name = None
            names[key] = name
        return names[key]

    # 来源 names the site's owner as often as the organ, and the first sentence's subject is
    # only a guess at the organ: neither is used to complete a name
    others = [
        name for key in sources if key not in _FALLBACK_ONLY and (name := name_in(key))
    ]
    printed = title_agency(title) if title else None
    source = "title"
    if printed is None:
        found = next(((key, name) for key in sources if (name := name_in(key))), None)
        if found is None:
            return AgencyFinding(None, None, None)
        source, printed = found
    agency = expand(fuller_name(printed, body), others, body)
    corrected = match_places(agency).normalised
    return AgencyFinding(corrected, printed if printed != corrected else None, source)
