"""The shortcuts taken for speed give what the plain definitions give, on arbitrary input.

Each fast path (white space collapsed without regexes, the article candidates from one XPath,
text runs filtered in Python, control bytes counted by ``bytes.translate``, a one-character
PDF cell read without the line layout) is checked here against the slower definition it
replaced, written out in the test.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from parsers.extract import html, htmlmeta, htmltext, pdf_text, sniff

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
#: Characters that exercise every branch of the white space rules.
SPACES = [
    " ",
    "  ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\xa0",
    "\u3000",
    "\x0b",
    "\x1c",
    "\u2028",
]
WORDS = ["a", "中", "12", "\u200b", "\x01"]
_LINE_BREAK = re.compile(r"[ \t]*[\r\n]\s*")
_SPACES = re.compile(r"[^\S\t]+")


def normalise_by_regex(text: str) -> str:
    """``htmltext.normalise_line`` as two regex substitutions, its definition."""
    text = _SPACES.sub(" ", _LINE_BREAK.sub(" ", text))
    if "\t" not in text:
        return text.strip(" ")
    fields = [field.strip(" ") for field in text.split("\t")]
    raw = text.split("\t")
    return "\t".join(
        f if f or not r else htmltext.BLANK_CELL
        for f, r in zip(fields, raw, strict=True)
    )


@SETTINGS
@given(st.lists(st.sampled_from(SPACES + WORDS), max_size=16))
def test_white_space_collapses_as_the_regex_definition_says(parts):
    text = "".join(parts)
    assert htmltext.normalise_line(text) == normalise_by_regex(text)


CLASSES = [
    "TRS_Editor",
    "x TRS_UEDITOR",
    "trs_editor_view",
    "content",
    "nav",
    "pages_content",
]
IDS = ["zoom", "UCAP-CONTENT", "con_con", "TRS_AUTOADD_1", "main", "other"]
TAGS = ["div", "td", "article", "main", "span", "section"]


@st.composite
def marked_pages(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(st.sampled_from(TAGS))
        attrs = ""
        if draw(st.booleans()):
            attrs += f' class="{draw(st.sampled_from(CLASSES))}"'
        if draw(st.booleans()):
            attrs += f' id="{draw(st.sampled_from(IDS))}"'
        parts.append(f"<{tag}{attrs}>{draw(st.sampled_from(WORDS))}")
        if draw(st.booleans()):
            parts.append(f"</{tag}>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def candidates_by_walk(root: etree._Element) -> list[etree._Element]:
    """``html._candidates`` as a walk over every element, its definition."""
    return [
        element
        for element in root.iter(etree.Element)
        if any(test(element) for _, test in html._CONTAINERS)
        or any(test(element) for test in html._GENERIC)
    ]


@SETTINGS
@given(marked_pages())
def test_article_candidates_are_every_element_a_container_test_accepts(page):
    root = html._parse(page)
    assert root is not None
    found = html._candidates(root)
    # the candidates may hold more than the tests accept (a "content" substring), never less,
    # and keep document order
    accepted = candidates_by_walk(root)
    assert [e for e in found if e in accepted] == accepted
    order = {element: n for n, element in enumerate(root.iter(etree.Element))}
    assert [order[e] for e in found] == sorted(order[e] for e in found)


@SETTINGS
@given(
    st.lists(
        st.sampled_from([*SPACES, *WORDS, "<p>", "</p>", "<b>", "<br>"]), max_size=30
    )
)
def test_text_runs_are_the_non_blank_text_nodes_as_xpath_sees_them(parts):
    root = html._parse("<html><body>" + "".join(parts) + "</body></html>")
    assert root is not None
    by_xpath = root.xpath("//text()[normalize-space()]")
    assert htmlmeta._segments(root) == [str(node) for node in by_xpath]


@SETTINGS
@given(st.binary(max_size=200))
def test_control_bytes_are_counted_as_the_regex_counts_them(head):
    pattern = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
    assert len(head) - len(head.translate(None, sniff._CONTROL)) == len(
        pattern.findall(head)
    )


@SETTINGS
@given(
    text=st.sampled_from([" ", "\u3000", "7", "ﬁ", "(cid:3)", "", "中"]),
    upright=st.booleans(),
    top=st.sampled_from([10.0, float("nan")]),
)
def test_a_one_character_cell_reads_as_the_line_layout_reads_it(text, upright, top):
    char = pdf_text.Char(text, 1.0, 2.0, top, top + 9.0, upright)
    words = list(pdf_text.words_of([char]))
    assert pdf_text.block_text([char]) == " ".join(w.text for w in words)
