"""Completing an organ's name: the fuller form the body states, the full form of an abbreviation.

A title prints the organ short (南关区曙光街道, ××市科委, 南江市环境局); the body, the 编制
sentence, the signature or the page's Author often give the official name. ``fuller_name``
adds the place prefix and the 办事处/人民政府 suffix the body puts around the title's name;
``expand`` takes the full form from the sources that name the organ outright, else a strict
abbreviation met in the body (北京市科委 -> 北京市科学技术委员会; never a name that only adds
words before the organ's kind, 水利局 -> 水利工程管理局, a unit under it).
"""

from __future__ import annotations

from typing import Final

from parsers.gazetteer import match_places
from parsers.report import labels, metalabels

#: Occurrences of a name (or of its place) examined in the body.
MAX_NAME_OCCURRENCES: Final = 50
#: Longest organ name read from prose.
MAX_ORGAN_CHARS: Final = 40
#: Longest tail of an organ name that completes a lazily matched one (委 -> 委员会).
_LONGER_ENDINGS: Final = (
    "委员会",
    "管委会",
    "办事处",
    "人民政府",
    "办公室",
    "管理委员会",
)


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


def complete_name(text: str, start: int, end: int) -> int:
    """Extend a lazily matched organ name over a longer ending (北京市科学技术委 -> …委员会)."""
    for ending in _LONGER_ENDINGS:
        for back in range(1, len(ending)):
            if text.startswith(ending, end - back):
                return end - back + len(ending)
    return end


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
    ``strict`` also refuses a short name ending like the full one (环境局 / 生态环境局) or whose
    words the full one only extends before its kind (水利局 / 水利工程管理局), which only a
    source naming the organ outright can confirm.

    >>> is_abbreviation("北京市科委", "北京市科学技术委员会"), is_abbreviation("北京市科委", "北京市商务局")
    (True, False)
    >>> is_abbreviation("某县水利局", "某县水利工程管理局"), is_abbreviation("某县住建局", "某县住房和城乡建设局")
    (False, True)
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
            and not (strict and _words_inserted_before_kind(rest, whole))
        ):
            return True
    return False


def _words_inserted_before_kind(rest: str, whole: str) -> bool:
    """Whether ``whole`` is ``rest`` with words put in before its kind (水利局 / 水利工程管理局).

    That names another organ as often as the same one (a unit under it: 水利工程管理局 under
    水利局, 公路管理局 beside 公路局); an abbreviation cuts words throughout (住建局 /
    住房和城乡建设局), so only a source naming the organ outright may confirm such a form.
    """
    stem = rest[:-1]
    return bool(stem) and whole.startswith(stem) and whole.endswith(rest[-1])


def _body_names(prefix: str, body: str, *, besides: str) -> list[str]:
    """Organ names in the body that start with ``prefix`` (the organ's place).

    Occurrences of ``besides`` itself are passed over: a name that starts with the organ's own
    name cannot be its full form, and the body repeats the organ's name more than any other.
    """
    names: list[str] = []
    start = body.find(prefix)
    while start != -1 and len(names) < MAX_NAME_OCCURRENCES:
        if body.startswith(besides, start):
            start = body.find(prefix, start + 1)
            continue
        match = metalabels.ORGAN_NAME.match(body, start)
        if match:
            end = complete_name(body, start, match.end())
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
    for candidate in _body_names(prefix, body, besides=agency):
        if is_abbreviation(agency, candidate):
            return candidate
    return agency
