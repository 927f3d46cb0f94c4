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


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def uncached(run, monkeypatch, *args: str) -> str:
    monkeypatch.setenv("KOCSITE_NO_CACHE", "1")
    try:
        return run(*args).stdout
    finally:
        monkeypatch.delenv("KOCSITE_NO_CACHE")


def test_an_edit_to_what_a_report_does_not_read_replays_it(run, tmp_path, monkeypatch, computations):
    """`credit` reads contributions' views (who, when, the review, the shares), never their metrics,
    nor a KOC's bio: editing those replays it, as exact as computing it."""
    root = sample_copy(tmp_path / "p")
    before = run("-C", root, "credit").stdout
    edit(root / "tasks/cockpit-discussion/che-shenghuo.yaml", "exposure: 86000", "exposure: 87000")
    edit(root / "kocs/ningning-zijia.yaml", "bio: 风光摄影师", "bio: 风光摄影师与旅行作者")
    assert run("-C", root, "credit").stdout == before and computations == [1]
    assert uncached(run, monkeypatch, "-C", root, "credit") == before
    assert run("-C", root, "credit").stdout == before and computations == [1, 1]  # the uncached run computed


def test_an_edit_to_what_a_report_reads_computes_it_again(run, tmp_path, monkeypatch, computations):
    root = sample_copy(tmp_path / "p")
    before = run("-C", root, "credit").stdout
    edit(root / "tasks/cockpit-discussion/che-shenghuo.yaml", "quality: 1.2", "quality: 0.8")
    after = run("-C", root, "credit").stdout
    assert after != before and computations == [1, 1]
    assert uncached(run, monkeypatch, "-C", root, "credit") == after


def test_a_file_a_report_read_whole_counts_whole(run, tmp_path, monkeypatch):
    """`rewards` reads the whole profile of each KOC it pays (not only the views): any edit of one of
    them computes it again; an edit of a KOC it did not read replays it."""
    import kocsite.outputs.rewards as rewards_output

    calls = []
    compute = rewards_output.payout_rows
    monkeypatch.setattr(rewards_output, "payout_rows", lambda *a, **k: calls.append(1) or compute(*a, **k))
    root = sample_copy(tmp_path / "p")
    args = ("-C", root, "rewards", "cockpit-deep-experience")
    before = run(*args).stdout
    computed = len(calls)
    bio = (root / "kocs/tongqin-riji.yaml").read_text(encoding="utf-8").split("bio: ", 1)[1].split("\n", 1)[0]
    edit(root / "kocs/tongqin-riji.yaml", f"bio: {bio}", f"bio: {bio}（已更新）")  # not a member: not read
    assert run(*args).stdout == before and len(calls) == computed
    edit(root / "kocs/che-shenghuo.yaml", "bio: 95 后", "bio: 九五后")  # paid, so read whole
    assert run(*args).stdout == before and len(calls) > computed
    assert uncached(run, monkeypatch, *args) == before


def test_a_title_counts_only_for_what_reads_it(run, tmp_path, monkeypatch, computations):
    """The views hold a contribution's title, but only `Record.title` reads it (the wallet's history,
    the site), and that counts as reading the whole file: `credit` replays, a wallet shows the new title."""
    root = sample_copy(tmp_path / "p")
    path = root / "tasks/cockpit-discussion/che-shenghuo.yaml"
    title = path.read_text(encoding="utf-8").split("\ntitle: ", 1)[1].split("\n", 1)[0]
    before = run("-C", root, "credit").stdout
    edit(path, f"\ntitle: {title}", f"\ntitle: {title}（修订）")
    assert run("-C", root, "credit").stdout == before and computations == [1]
    wallet = run("-C", root, "wallet", "che-shenghuo").stdout
    assert "（修订）" in wallet and uncached(run, monkeypatch, "-C", root, "wallet", "che-shenghuo") == wallet
