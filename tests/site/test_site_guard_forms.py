"""The privacy guard matches private values as people retype them, not only byte for byte."""

from datetime import date

import pytest

from kocsite.models.programme import load_programme
from kocsite.site.build import generate
from kocsite.site.guard import find_leaks, phone_digits

PRIVATE = """\
private:
  real_name: 李磊磊
  phone: 138 0013 8101
  wechat: WX_LiLei88
  address: 上海市徐汇区 漕溪北路 88 号
"""


def leaks_for(programme, bio):
    root = programme({"kocs/li-lei.yaml": f"name: 李雷\nbio: {bio}\n" + PRIVATE})
    loaded = load_programme(root)
    assert loaded.problems == []
    return {(leak.owner, leak.field) for leak in find_leaks(loaded, generate(loaded, date(2025, 7, 20)))}


@pytest.mark.parametrize("typed", ["13800138101", "138-0013-8101", "+86 138 0013 8101", "+86-13800138101",
                                   "0086 138 0013 8101", "(138) 0013 8101", "138.0013.8101"])
def test_a_phone_in_any_format_is_found(programme, typed):
    assert ("li-lei", "phone") in leaks_for(programme, f"有事打 {typed} 找我")


def test_a_wechat_id_in_another_case_is_found(programme):
    assert ("li-lei", "wechat") in leaks_for(programme, "加我 wx_lilei88 聊车")


@pytest.mark.parametrize("typed", ["上海市徐汇区漕溪北路88号", "上海市 徐汇区 漕溪北路 88号"])
def test_an_address_with_other_spacing_is_found(programme, typed):
    assert ("li-lei", "address") in leaks_for(programme, f"住在{typed}附近")


def test_a_real_name_with_a_space_is_found(programme):
    assert ("li-lei", "real_name") in leaks_for(programme, "我是 李 磊磊")


def test_other_numbers_are_not_phones(programme):
    assert leaks_for(programme, "续航 138 公里，2026-11-23 发布，订单 1380013") == set()


def test_phone_digits():
    assert phone_digits("+86 138-0013-8101") == "13800138101" == phone_digits("0086 13800138101")
    assert phone_digits("8101") == ""
