"""A report command run again on unchanged data replays its last output (kocsite.cli.memo): the same
bytes as computing it, and computed again as soon as anything it reads changes."""

from __future__ import annotations

import pytest

import kocsite.outputs.credit as credit_output
from tests.rules.test_model_cache import TODAY, sample_copy


@pytest.fixture
def computations(monkeypatch):
    """How many times `kocsite credit` computed its all-time table."""
    calls = []
    compute = credit_output.all_time_rows

    def counted(*args):
        calls.append(1)
        return compute(*args)

    monkeypatch.setattr(credit_output, "all_time_rows", counted)
    return calls


def test_an_unchanged_programme_replays_the_output_without_computing_it(run, tmp_path, computations):
    root = sample_copy(tmp_path / "p")
    first = run("-C", root, "credit", "--explain")
    assert first.exit_code == 0 and computations == [1]
    again = run("-C", root, "credit", "--explain")
    assert again.exit_code == 0 and again.stdout == first.stdout and computations == [1]


def test_another_command_line_or_language_is_computed_and_the_latest_run_is_kept(run, tmp_path, computations):
    root = sample_copy(tmp_path / "p")
    text = run("-C", root, "credit").stdout
    as_json = run("-C", root, "credit", "--format", "json").stdout
    in_english = run("-C", root, "--lang", "en", "credit").stdout
    assert len({text, as_json, in_english}) == 3 and computations == [1, 1, 1]
    assert run("-C", root, "--lang", "en", "credit").stdout == in_english and computations == [1, 1, 1]
    assert run("-C", root, "credit").stdout == text and computations == [1, 1, 1, 1]


def test_an_edited_file_is_computed_again_and_equals_an_uncached_run(run, tmp_path, monkeypatch, computations):
    root = sample_copy(tmp_path / "p")
    before = run("-C", root, "credit").stdout
    koc = root / "kocs/ningning-zijia.yaml"
    koc.write_text(koc.read_text(encoding="utf-8").replace("name: ", "name: 新", 1), encoding="utf-8")
    after = run("-C", root, "credit").stdout
    assert after != before and "新" in after and computations == [1, 1]
    monkeypatch.setenv("KOCSITE_NO_CACHE", "1")
    assert run("-C", root, "credit").stdout == after


def test_another_day_is_computed_again(run, tmp_path):
    root = sample_copy(tmp_path / "p")
    soon = run("-C", root, "due", "--within", "4w", "--today", TODAY).stdout
    later = run("-C", root, "due", "--within", "4w", "--today", "2026-06-30").stdout
    assert soon != later
    assert run("-C", root, "due", "--within", "4w", "--today", TODAY).stdout == soon


def test_data_with_errors_is_never_replayed_and_reports_its_errors_each_time(run, tmp_path):
    root = sample_copy(tmp_path / "p")
    (root / "kocs/broken.yaml").write_text("id: broken\nname: [\n", encoding="utf-8")
    runs = [run("-C", root, "due", "--today", TODAY) for _ in range(2)]
    assert [r.exit_code for r in runs] == [1, 1]
    assert all("kocs/broken.yaml" in r.stderr for r in runs)
    assert runs[0].stdout == runs[1].stdout
    assert not list((tmp_path / "cache").glob("check-*/output-*"))


def test_a_refused_run_keeps_no_output(run, tmp_path, computations):
    root = sample_copy(tmp_path / "p")
    refused = run("-C", root, "credit", "--koc", "nobody-at-all")
    assert refused.exit_code != 0
    assert not list((tmp_path / "cache").glob("check-*/output-kocsite-credit*"))
