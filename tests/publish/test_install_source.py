"""The requirement `kocsite init` writes, from each kind of PEP 610 installation record."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from kocsite.publish.init import template_files
from kocsite.publish.install_source import (LOCAL_HOOK, RELEASE_EXAMPLE, InstallSource, source_from_direct_url,
                                    source_from_requirement)

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def requirement_lines(source: InstallSource) -> list[str]:
    text = template_files("星河汽车", source=source)["requirements.txt"]
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def hook(source: InstallSource) -> dict:
    return yaml.safe_load(template_files("星河汽车", source=source)[".pre-commit-config.yaml"])["repos"][0]


def test_a_git_install_pins_the_commit_in_requirements_and_pre_commit():
    record = {"url": "https://github.com/acme/kocsite.git",
              "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "v0.1.0"}}
    source = source_from_direct_url(record, "0.1.0")
    assert requirement_lines(source) == [f"kocsite @ git+https://github.com/acme/kocsite.git@{COMMIT}"]
    assert hook(source) == {"repo": "https://github.com/acme/kocsite.git", "rev": COMMIT, "hooks": [{"id": "kocsite-check"}]}


def test_a_password_in_the_recorded_url_is_not_written():
    record = {"url": "https://bot:s3cret@git.example.com/kocsite", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}
    source = source_from_direct_url(record, "0.1.0")
    assert "s3cret" not in source.requirement and source.requirement.startswith("kocsite @ git+https://bot@git.example.com/")


def test_a_subdirectory_stays_in_the_requirement_and_the_hook_falls_back_to_local():
    record = {"url": "https://example.com/mono.git", "subdirectory": "kocsite",
              "vcs_info": {"vcs": "git", "commit_id": COMMIT}}
    source = source_from_direct_url(record, "0.1.0")
    assert source.requirement == f"kocsite @ git+https://example.com/mono.git@{COMMIT}#subdirectory=kocsite"
    assert hook(source)["repo"] == "local"


@pytest.mark.parametrize("record", [
    {"url": "file:///home/me/kocsite", "dir_info": {"editable": True}},
    {"url": "file:///home/me/kocsite", "dir_info": {}},
    {"url": "file:///home/me/dist/kocsite-0.1.0.tar.gz", "archive_info": {}},
], ids=["editable", "folder", "local-archive"])
def test_a_local_install_gives_a_note_and_no_requirement(record):
    source = source_from_direct_url(record, "0.1.0")
    assert source.requirement is None
    text = template_files("星河汽车", source=source)["requirements.txt"]
    assert requirement_lines(source) == []
    assert record["url"] in text and RELEASE_EXAMPLE in text and "CI" in text
    assert hook(source)["repo"] == "local"


def test_an_index_install_pins_the_version():
    source = source_from_direct_url(None, "0.1.0")
    assert requirement_lines(source) == ["kocsite==0.1.0"]
    assert hook(source)["repo"] == "local"


def test_a_remote_archive_keeps_its_hash():
    record = {"url": "https://example.com/kocsite-0.1.0.tar.gz", "archive_info": {"hashes": {"sha256": "ab12"}}}
    assert source_from_direct_url(record, "0.1.0").requirement == "kocsite @ https://example.com/kocsite-0.1.0.tar.gz#sha256=ab12"


def test_the_requirement_option_overrides_and_feeds_the_hook(tmp_path, run):
    target = tmp_path / "brand"
    result = run("init", target, "--requirement", "kocsite @ git+https://github.com/acme/kocsite@v0.1.0")
    assert result.exit_code == 0, result.output
    lines = (target / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == ["kocsite @ git+https://github.com/acme/kocsite@v0.1.0"]
    config = yaml.safe_load((target / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert (config["repos"][0]["repo"], config["repos"][0]["rev"]) == ("https://github.com/acme/kocsite", "v0.1.0")
    assert source_from_requirement("kocsite==0.2.0") == InstallSource("kocsite==0.2.0")


@pytest.mark.parametrize("spec", ["", "flask", "kocsitex==1", "kocsite==1\nflask"])
def test_a_requirement_that_does_not_name_kocsite_is_refused(tmp_path, run, spec):
    result = run("init", tmp_path / "x", "--requirement", spec)
    assert result.exit_code == 2 and "--requirement" in result.output
    assert not (tmp_path / "x").exists()


def test_the_template_holds_the_local_hook_that_init_replaces():
    text = resources.files("kocsite.publish").joinpath("templates", "programme", "dot-pre-commit-config.yaml").read_text("utf-8")
    assert LOCAL_HOOK in text
