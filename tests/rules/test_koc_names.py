"""W111: `check` warns when a KOC id spells the private real name in pinyin."""

import pytest

from kocsite.rules.koc_names import spelled_part
from kocsite.checker import check


@pytest.mark.parametrize("koc_id, real_name, part", [
    ("chen-mo", "陈默", "chen-mo"), ("chenmo", "陈默", "chenmo"), ("mo-chen", "陈默", "mo-chen"),
    ("xiao-chenmo-88", "陈默", "chenmo"), ("ouyang-xue", "欧阳雪", "ouyang-xue"),
    ("cockpit-chen", "陈默", None), ("xue", "欧阳雪", None), ("lanyue-fan", "陈默", None)])
def test_spelled_part(koc_id, real_name, part):
    assert spelled_part(koc_id, real_name) == part


def _warnings(programme, koc_id, name, real_name):
    root = programme({f"kocs/{koc_id}.yaml": f"name: {name}\nprivate:\n  real_name: {real_name}\n"})
    return [p for p in check(root).problems if p.code == "W111"]


def test_check_warns_at_the_real_name(programme):
    found = _warnings(programme, "li-leilei", "雷雷的车", "李磊磊")
    assert len(found) == 1 and found[0].file == "kocs/li-leilei.yaml" and found[0].line == 3
    assert "li-leilei" in found[0].message("zh") and "拼音" in found[0].message("zh")


def test_no_warning_for_a_nickname_id_or_what_the_nickname_spells(programme):
    assert _warnings(programme, "leilei-drives", "雷雷的车", "李磊磊") == []
    assert _warnings(programme, "xiao-lin", "小林爱开车", "林晓") == []
