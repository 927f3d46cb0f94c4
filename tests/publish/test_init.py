"""`kocsite init`: a new brand's repository that checks clean and builds at once."""

from __future__ import annotations

import json
import tomllib
from datetime import date

import pytest
import yaml

from kocsite.publish.init import check_brand, template_files

from tests_support import REPO


@pytest.fixture
def new_repo(tmp_path, run):
    target = tmp_path / "brand-koc"
    result = run("init", target, "--brand", "星河汽车", "--today", "2026-03-10")
    assert result.exit_code == 0, result.output
    return target


def test_init_writes_a_repository_that_checks_and_builds(new_repo, run):
    for rel in ("kocsite.yml", "mkdocs.yml", "README.md", ".gitignore", ".gitlab-ci.yml", ".pre-commit-config.yaml",
                "requirements.txt", ".github/workflows/check.yml", ".github/workflows/site.yml",
                ".github/workflows/remind.yml", ".github/workflows/apply.yml", ".github/ISSUE_TEMPLATE/apply.yml",
                "schemas/koc.schema.json", "campaigns/first-co-creation.yaml",
                "tasks/daily-check-in.yaml", "tasks/deep-review/xiao-lin.yaml"):
        assert (new_repo / rel).is_file(), rel
    assert not (new_repo / ".github/workflows/tests.yml").exists()       # kocsite's own tests stay here
    assert not list(new_repo.rglob("dot-*"))
    assert yaml.safe_load((new_repo / "kocsite.yml").read_text(encoding="utf-8"))["brand"] == "星河汽车"
    assert "星河汽车" in (new_repo / "README.md").read_text(encoding="utf-8")
    assert "__" not in "".join(p.read_text(encoding="utf-8") for p in new_repo.rglob("*.yaml"))
    check = run("check", new_repo)
    assert check.exit_code == 0 and "没有发现问题" in check.output, check.output
    assert run("check", new_repo, "--strict").exit_code == 0
    built = run("build", new_repo, "--today", "2026-03-10")
    assert built.exit_code == 0, built.output
    index = (new_repo / "site" / "index.html").read_text(encoding="utf-8")
    assert "星河汽车车主共创计划" in index
    assert "林晓" not in "".join(p.read_text(encoding="utf-8", errors="replace") for p in (new_repo / "site").rglob("*.html"))
    due = json.loads(run("due", new_repo, "--today", "2026-03-10", "--format", "json").output)
    assert [(g["owner"], [i["ref"] for i in g["items"]]) for g in due["groups"]] == [("a-jie", ["discussion"])]
    assert run("credit", "--path", new_repo).exit_code == 0
    assert run("rewards", "first-co-creation", "--path", new_repo).exit_code == 0


def test_dates_follow_the_init_day():
    files = template_files("星河汽车", date(2030, 1, 1))
    campaign = yaml.safe_load(files["campaigns/first-co-creation.yaml"])
    assert str(campaign["start"]) == "2029-12-25" and str(campaign["end"]) == "2030-01-31"


def test_existing_files_are_never_overwritten_without_force(new_repo, run):
    again = run("init", new_repo, "--brand", "星河汽车", "--today", "2026-03-10")
    assert again.exit_code == 0 and "未改动" in again.output              # same content: nothing to do
    readme = new_repo / "README.md"
    readme.write_text("我们自己的说明\n", encoding="utf-8")
    refused = run("init", new_repo, "--brand", "星河汽车", "--today", "2026-03-10")
    assert refused.exit_code == 1 and "README.md" in refused.output and "--force" in refused.output
    assert readme.read_text(encoding="utf-8") == "我们自己的说明\n"
    forced = run("init", new_repo, "--brand", "星河汽车", "--today", "2026-03-10", "--force")
    assert forced.exit_code == 0 and "已覆盖  README.md" in forced.output
    assert "星河汽车" in readme.read_text(encoding="utf-8")


@pytest.mark.parametrize("brand", ["a: b", "x # y", "", "  ", "{品牌}", "line\nbreak", "a'b", "<b>"])
def test_brand_names_that_would_break_the_yaml_are_refused(tmp_path, run, brand):
    with pytest.raises(ValueError):
        check_brand(brand)
    result = run("init", tmp_path / "x", "--brand", brand)
    assert result.exit_code == 2 and "--brand" in result.output
    assert not (tmp_path / "x").exists()


def test_templates_match_this_repository():
    """The workflows a new brand gets are the ones this repository runs; mkdocs.yml is this one's."""
    files = template_files("澜岳汽车")
    for name in ("check.yml", "site.yml", "remind.yml", "apply.yml"):
        assert files[f".github/workflows/{name}"] == (REPO / ".github/workflows" / name).read_text(encoding="utf-8"), name
    ours = (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    theirs = files["mkdocs.yml"].splitlines()
    assert [l for l in ours if not l.startswith("site_name:")] == [l for l in theirs if not l.startswith("site_name:")]
    assert "site_name: 澜岳汽车车主共创计划" in theirs


def test_templates_are_package_data():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "templates/**/*" in pyproject["tool"]["setuptools"]["package-data"]["kocsite.publish"]
    hidden = [p for p in (REPO / "kocsite" / "publish" / "templates").rglob(".*")]
    assert hidden == [], "dot files are skipped by packaging: name them dot-…"
