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

if TYPE_CHECKING:
    from collections.abc import Callable

#: Occurrences of the title's agency examined in the body for a fuller name.
MAX_NAME_OCCURRENCES: Final = 50
MAX_BODY_CHARS: Final = 200_000
#: Sources that may name the organ when nothing better does, but never complete a name.
_FALLBACK_ONLY: Final = frozenset({"meta_source", "first_sentence"})
#: Longest organ name read from prose.
MAX_ORGAN_CHARS: Final = 40
#: The first sentence is looked for in the first characters of the body.
FIRST_SENTENCE_CHARS: Final = 300
#: Longest tail of an organ name that completes a lazily matched one (委 -> 委员会).
_LONGER_ENDINGS: Final = (
    "委员会",
    "管委会",
    "办事处",
    "人民政府",
    "办公室",
    "管理委员会",
)
_LEADING_YEAR: Final = re.compile(
    r"^(?:(?:\d{4}|[〇○Ｏ零一二三四五六七八九]{4})\s*年度?(?:以来|来)?\s*[，,、]?\s*)"
)


@dataclass(frozen=True, slots=True)
class AgencyFinding:
    agency: str | None
    printed: str | None
    source: str | None


def title_agency(title: str) -> str | None:
    """The organ a title names before or after its year (or with none); None for 本机关 …."""
    folded = "".join(title.translate(labels.FULLWIDTH).split())
    before = labels.AGENCY_BEFORE_YEAR.match(folded)
    agency: str | None = None
    if before:
        agency = before.group("agency")
    elif (after := labels.AGENCY_AFTER_YEAR.search(folded)) or (
        after := metalabels.AGENCY_WITHOUT_YEAR.match(folded)
    ):
        agency = after.group("agency")
        if agency.endswith(labels.AGENCY_PEOPLES):
            agency = (
                agency[: -len(labels.AGENCY_PEOPLES)] + labels.AGENCY_PEOPLES_GOVERNMENT
            )
    if agency in labels.GENERIC_AGENCIES:
        return None  # 2021年政府信息公开工作年度报告: a title without an organ
    return agency


def fuller_name(agency: str, body: str) -> str:
    """The longest official form of ``agency`` the body states (place prefix, organ suffix)."""
    best = agency
    start = body.find(agency)
    seen = 0
    while start != -1 and seen < MAX_NAME_OCCURRENCES:
        seen += 1
        end = start + len(agency)
        suffix = labels.AGENCY_SUFFIX.match(body[end : end + 4])
        name = agency + (
            suffix.group(0) if suffix and not agency.endswith(suffix.group(0)) else ""
        )
        left = labels.CJK_RUN_TAIL.search(body[max(0, start - 30) : start])
        prefix = left.group(0) if left else ""
        for i in range(len(prefix) - 1, -1, -1):
            if prefix[i] in labels.AGENCY_LEFT_BOUNDARY:
                prefix = prefix[i + 1 :]
                break
        if prefix and not labels.AGENCY_PLACE_PREFIX.fullmatch(prefix):
            prefix = ""
        candidate = prefix + name
        if len(candidate) > len(best):
            best = candidate
        start = body.find(agency, end)
    return best


def clean_organ(name: str | None) -> str | None:
    """An organ name as a source gives it, or None when it names no organ.

    The government's office compiles for the government (××县人民政府办公室 -> ××县人民政府);
    white space inside the name is dropped; generic words (本机关) are no name.
    """
    if not name:
        return None
    name = "".join(name.translate(labels.FULLWIDTH).split())
    for office in metalabels.OFFICE_SUFFIXES:
        stem = name.removesuffix(office)
        if stem != name and stem.endswith(metalabels.GOVERNMENT_ENDINGS):
            name = stem
    if (
        name in labels.GENERIC_AGENCIES
        or not metalabels.ORGAN_NAME.fullmatch(name)
        or name.endswith(metalabels.NOT_ORGAN_ENDINGS)
        or any(word in name for word in metalabels.SIGNATURE_STOP_WORDS)
    ):
        return None
    return name


def _complete(text: str, start: int, end: int) -> int:
    """Extend a lazily matched organ name over a longer ending (北京市科学技术委 -> …委员会)."""
    for ending in _LONGER_ENDINGS:
        for back in range(1, len(ending)):
            if text.startswith(ending, end - back):
                return end - back + len(ending)
    return end


def compiled_by(body: str) -> str | None:
    """The organ of 本报告由…编制."""
    match = metalabels.COMPILED_BY.search(body)
    return clean_organ(match.group("organ")) if match else None


def signature(text: str) -> tuple[str | None, str | None]:
    """The organ and date of the signature at the end of the document (either may be None)."""
    tail = metalabels.TRAILING_NOISE.sub(
        "", text[-metalabels.SIGNATURE_TAIL_CHARS :].rstrip()
    )
    match = metalabels.SIGNATURE.search(tail)
    if match is None:
        return None, None
    return clean_organ(match.group("organ")), match.group("date")


def first_sentence_organ(body: str) -> str | None:
    """The subject of the first sentence, when it is an organ that starts with a place name.

    The name ends at the first organ ending after its place names (赣州市会昌县 + 人民政府), so
    prose after it (认真贯彻落实…工作部署) is never taken in.
    """
    sentence = body[:FIRST_SENTENCE_CHARS].split("。", 1)[0].strip()
    sentence = _LEADING_YEAR.sub("", sentence)[:MAX_ORGAN_CHARS]
    places = "".join(match_places(sentence).places)
    if not places or not sentence.startswith(places[:2]):
        return None
    start = len(places) if sentence.startswith(places) else 2
    for end in range(start + 1, len(sentence) + 1):
        if metalabels.ORGAN_NAME.fullmatch(sentence[:end]):
            return clean_organ(sentence[: _complete(sentence, 0, end)])
    return None


def _is_subsequence(part: str, whole: str) -> bool:
    position = 0
    for char in part:
        position = whole.find(char, position) + 1
        if position == 0:
            return False
    return True


def is_abbreviation(short: str, full: str, *, strict: bool = True) -> bool:
    """Whether ``short`` abbreviates ``full``: a shared place prefix, then a subsequence of the rest.

    The rest must start alike (科委 / 科学技术委员会, 发改委 / 发展和改革委员会) and be shorter;
    ``strict`` also refuses a short name ending like the full one (环境局 / 生态环境局), which
    only a source naming the organ outright can confirm.

    >>> is_abbreviation("北京市科委", "北京市科学技术委员会"), is_abbreviation("北京市科委", "北京市商务局")
    (True, False)
    """
    if (
        short.endswith("政府")
        and not short.endswith("人民政府")
        and full == short[:-2] + "人民政府"
    ):
        return True  # ××区政府 for ××区人民政府
    if full.startswith(short) or short[-1] not in full[-3:]:
        return False  # a prefix is no abbreviation; the organ's kind (委, 局) ends both
    if strict and short[-2:] == full[-2:]:
        return False  # ××县人民政府 is not short for ××县各乡镇人民政府: words were added, not cut
    shared = 0
    while shared < min(len(short), len(full)) and short[shared] == full[shared]:
        shared += 1
    for split in range(
        shared, 1, -1
    ):  # the shared prefix may run into the organ's words
        rest, whole = short[split:], full[split:]
        if (
            rest
            and len(rest) < len(whole)
            and rest[0] == whole[0]
            and _is_subsequence(rest, whole)
        ):
            return True
    return False


def _body_names(prefix: str, body: str) -> list[str]:
    """Organ names in the body that start with ``prefix`` (the organ's place)."""
    names: list[str] = []
    start = body.find(prefix)
    while start != -1 and len(names) < MAX_NAME_OCCURRENCES:
        match = metalabels.ORGAN_NAME.match(body, start)
        if match:
            end = _complete(body, start, match.end())
            # the lazy match stops at the first ending; try the next few endings too
            names.extend(
                body[start:stop]
                for stop in range(end, min(len(body), start + MAX_ORGAN_CHARS) + 1)
                if body[stop - 1] in metalabels.ORGAN_LAST_CHARS
                and metalabels.ORGAN_NAME.fullmatch(body[start:stop])
            )
        start = body.find(prefix, start + 1)
    return names


def _names_it(agency: str, candidate: str) -> bool:
    """Whether a source that names the organ outright gives the full form of ``agency``.

    Such a source (the 编制 sentence, the signature, the page's Author) is trusted further than
    a name met in the body: it may add the parent organ or place before the name and 办事处/
    人民政府 after it (东湖街道 -> 东湖区人民政府东湖街道办事处), or words inside it (南江市环境局
    -> 南江市生态环境局), not only abbreviate it.
    """
    if len(candidate) <= len(agency):
        return False
    _, found, after = candidate.rpartition(agency)
    if found:
        # words before (the parent organ, the city) and the suffix that completes the name;
        # another organ word after it (平潭综合实验区 + 管委会) makes another organ's name
        return not after or labels.AGENCY_SUFFIX.fullmatch(after) is not None
    return is_abbreviation(agency, candidate, strict=False)


def expand(agency: str, candidates: list[str], body: str) -> str:
    """The full form of ``agency`` from the sources naming the organ, else from the body.

    A name met in the body must be a strict abbreviation (北京市科委 -> 北京市科学技术委员会);
    ``平潭县各乡镇人民政府`` in the body is another organ than the title's 平潭县人民政府.
    """
    for candidate in candidates:
        if _names_it(agency, candidate):
            return candidate
    places = match_places(agency).places
    prefix = (
        "".join(places) if places and agency.startswith("".join(places)) else agency[:2]
    )
    for candidate in _body_names(prefix, body):
        if is_abbreviation(agency, candidate):
            return candidate
    return agency


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
            names[key] = clean_organ(sources[key]())
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
