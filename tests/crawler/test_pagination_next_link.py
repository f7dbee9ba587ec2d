from __future__ import annotations

from pathlib import Path

from parsel import Selector

from crawler.pagination.next_link import ChainState, find_next_links, judge_next_page

PAGES = Path(__file__).parent / "pages"


def test_calendar_page_next_link_is_found():
    html = (PAGES / "trs_calendar_page3.html").read_bytes().decode("gb18030")
    anchors = [
        (a.attrib["href"], a.css("::text").get() or "")
        for a in Selector(text=html).css("a")
    ]
    page = "http://h/trs/zfxxgk/zfxxgknb/rl?page=3"
    assert find_next_links(anchors, page) == ["http://h/trs/zfxxgk/zfxxgknb/rl?page=4"]


def test_next_link_variants_and_self_links():
    anchors = [
        ("p2.html", "下页"),
        ("p2.html", "下一页"),
        ("p3.html", "Next"),
        ("p1.html", "上一页"),
        ("", "下一页"),
    ]
    assert find_next_links(anchors, "http://h/p1.html") == [
        "http://h/p2.html",
        "http://h/p3.html",
    ]
    assert find_next_links([("p1.html", "下一页")], "http://h/p1.html") == []


def test_chain_with_new_links_is_followed_until_the_cap():
    state = ChainState()
    verdicts = []
    for _ in range(6):
        verdict, state = judge_next_page(
            state, new_detail_links=4, max_pages=5, trap_pages=3
        )
        verdicts.append(verdict)
        if verdict != "follow":
            break
    assert verdicts == ["follow"] * 4 + ["trap-cap"]


def test_barren_pages_in_a_row_are_a_trap_before_the_cap():
    state = ChainState()
    seen = []
    for new in (5, 0, 0, 0):
        verdict, state = judge_next_page(
            state, new_detail_links=new, max_pages=100, trap_pages=3
        )
        seen.append(verdict)
    assert seen == ["follow", "follow", "follow", "trap-barren"]


def test_a_new_link_resets_the_barren_run():
    state = ChainState()
    for new in (0, 0, 1, 0, 0):
        verdict, state = judge_next_page(
            state, new_detail_links=new, max_pages=100, trap_pages=3
        )
        assert verdict == "follow"
    assert state.barren_run == 2
