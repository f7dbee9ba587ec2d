"""The place an organ belongs to, read from the place names at the start of its name.

``长春市南关区曙光街道办事处`` -> 长春市 (220100), then 南关区 inside it (220102): each name after
the first must lie inside the one before, so the chain settles names that several divisions
share. What is left ambiguous stays so: ``新华区曙光街街道办事处`` names one of three 新华区 and
gets no code, only the candidates (never a guess).

Printed look-alike characters (``沐阳县`` for 沭阳县, an OCR slip) are corrected only when the
corrected name is a division and the correction leaves exactly one candidate; the caller keeps
both the printed and the corrected name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from parsers.gazetteer.table import collapse, is_within, level, load

if TYPE_CHECKING:
    from parsers.gazetteer.table import Gazetteer

#: Characters that print, or OCR, as each other, in both directions (沐/沭 in 沭阳县).
LOOK_ALIKES: Final = {
    a: b
    for x, y in (
        "沐沭",
        "亳毫",
        "睢雎",
        "崇祟",
        "泸沪",
        "汨汩",
        "茌荏",
        "盱旴",
        "郯剡",
        "鄄甄",
    )
    for a, b in ((x, y), (y, x))
}
LOOK_ALIKE_CHARS: Final = frozenset(LOOK_ALIKES)
#: Organs that are no GB/T 2260 division but govern exactly one: 平潭综合实验区 administers
#: the territory of 平潭县 (350128).
ORGAN_AREAS: Final = {"平潭综合实验区": "350128"}
#: A short form followed by one of these is a street or town of that name (长春街道), not the city,
#: or a place or body named after the city and found elsewhere: a park (北京's 北海公园, the
#: 中山公园 of many cities), a gate (南京's 中山门), a bay or river (宁波's 杭州湾新区,
#: 上海's 苏州河), a university (中山大学 in 广州).
_NOT_AFTER_SHORT: Final = (
    "街道",
    "镇",
    "乡",
    "村",
    "社区",
    "路",
    "街",
    "公园",
    "门",
    "湾",
    "河",
    "大学",
    "学院",
)
#: A place name of the upper levels that the table did not match, right before the first name
#: that it did.
_UNKNOWN_PLACE_BEFORE: Final = re.compile(
    "[\u4e00-\u9fff]{2,}(?:省|市|自治区|自治州|地区|盟|区|县|旗)$"
)
#: A name found past the start of an organ (国家税务总局长春市…, 中共北京市委) must be this long:
#: two-character names (城区, 郊区) occur inside ordinary words.
MIN_INNER_NAME: Final = 3


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """What the place names in an organ's name say about its division.

    ``code`` is set only when exactly one division fits; otherwise ``candidates`` lists those
    that do (empty when no place name was found). ``normalised`` is ``text`` with look-alike
    characters corrected in the place names (equal to it when nothing was corrected).
    """

    code: str | None
    candidates: tuple[str, ...]
    places: tuple[str, ...]
    normalised: str


def _fits(codes: tuple[str, ...], context: tuple[str, ...] | None) -> tuple[str, ...]:
    if context is None:
        return codes
    return tuple(c for c in codes if any(is_within(c, a) for a in context))


def _names_at(
    gaz: Gazetteer, text: str, pos: int, *, first: bool, look_alikes: bool
) -> list[tuple[str, tuple[str, ...], str]]:
    """(name as it reads in the table, codes, printed span) for names starting at ``pos``, longest first."""
    found = []
    for size in range(min(gaz.longest_name, len(text) - pos), 1, -1):
        span = text[pos : pos + size]
        if first and pos and size < MIN_INNER_NAME:
            break
        if span in gaz.by_full_name:
            found.append((span, gaz.by_full_name[span], span))
        elif (pos == 0 or not first) and span in gaz.by_short_name:
            if not text.startswith(_NOT_AFTER_SHORT, pos + size):
                found.append((span, gaz.by_short_name[span], span))
        elif look_alikes and size >= MIN_INNER_NAME:
            found.extend(
                (fixed, gaz.by_full_name[fixed], span)
                for fixed in _look_alike_spellings(span)
                if fixed in gaz.by_full_name
            )
    return found


def _look_alike_spellings(span: str) -> list[str]:
    return [
        span[:i] + LOOK_ALIKES[ch] + span[i + 1 :]
        for i, ch in enumerate(span)
        if ch in LOOK_ALIKES
    ]


def _step(
    gaz: Gazetteer,
    text: str,
    pos: int,
    context: tuple[str, ...] | None,
    *,
    look_alikes: bool,
) -> tuple[str, tuple[str, ...], str] | None:
    """The longest name at ``pos`` that fits inside ``context``; a correction must be unique."""
    found = _names_at(gaz, text, pos, first=context is None, look_alikes=look_alikes)
    for name, codes, span in found:
        fitting = _fits(codes, context)
        if context is not None:
            deeper = min(level(c) for c in context)
            fitting = tuple(c for c in fitting if level(c) > deeper)
        if not fitting:
            continue
        if name != span and len(fitting) != 1:
            continue  # a corrected spelling must name exactly one division
        return name, fitting, span
    return None


@lru_cache(maxsize=4096)
def match_places(text: str) -> PlaceMatch:
    """The division named by the chain of place names in an organ's name (see module doc).

    Cached: the same organ names come back report after report.
    """
    gaz = load()
    look_alikes = not LOOK_ALIKE_CHARS.isdisjoint(text)
    for organ, area in ORGAN_AREAS.items():
        if text.startswith(organ):
            return PlaceMatch(area, (area,), (organ,), text)
    start = next(
        (
            p
            for p in range(len(text))
            if _step(gaz, text, p, None, look_alikes=look_alikes) is not None
        ),
        None,
    )
    if start is None or _UNKNOWN_PLACE_BEFORE.search(text[:start]):
        # 示范市南山区: a place the table does not know comes first, so the county found
        # after it is none of the table's (neither 南山区 lies in a 示范市)
        return PlaceMatch(None, (), (), text)
    pos, context = start, None
    places: list[str] = []
    normalised = text
    while pos < len(text):
        step = _step(gaz, text, pos, context, look_alikes=look_alikes)
        if step is None:
            break
        name, codes, span = step
        places.append(name)
        if name != span:
            normalised = normalised[:pos] + name + normalised[pos + len(span) :]
        context = codes
        pos += len(span)
    candidates = collapse(context or (), gaz.names)
    code = candidates[0] if len(candidates) == 1 else None
    return PlaceMatch(code, candidates, tuple(places), normalised)
