"""Writes under faults: `close` and `import kocs --apply` killed (SIGKILL) at every write step, and run
on a full disk (a tiny tmpfs, when the tests run as root). Every interruption leaves the old state or
a committed one that check reports (E605) and that running the same command again completes; a full
disk is a clear error and changes nothing.

The kill is real: the command runs in a child process with KOCSITE_FAULT_KILL_AT=N, and
kocsite.core.atomic sends itself SIGKILL at its N-th write step (temp write, rename, journal, cleanup).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL, write_programme
from kocsite.core.atomic import JOURNAL_PREFIX, TMP_PREFIX
from kocsite.checker import check
from kocsite.core.problems import ERROR

CLOSE = ("close", "cockpit", "--date", "2025-08-01", "--force", "--reason", "故障注入测试")
MAX_STEPS = 40


def kocsite(root: Path, *args: str, kill_at: int | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "KOCSITE_CACHE_DIR": str(root.parent / "cache")}
    env.pop("KOCSITE_FAULT_KILL_AT", None)
    if kill_at is not None:
        env["KOCSITE_FAULT_KILL_AT"] = str(kill_at)
    return subprocess.run([sys.executable, "-m", "kocsite", *args, "--path", str(root)], env=env,
                          capture_output=True, text=True, timeout=120)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every data file (dot files, such as kocsite's temp files, apart)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)}


def journals(root: Path) -> list[Path]:
    return list(root.glob(JOURNAL_PREFIX + "*"))


def errors(root: Path) -> list[str]:
    return [p.code for p in check(root).problems if p.severity == ERROR]


@pytest.fixture
def fresh(tmp_path):
    counter = iter(range(10_000))

    def make() -> Path:
        return write_programme(tmp_path / f"p{next(counter)}" / "programme", MINIMAL)

    return make


def _kill_at_every_step(fresh, args: tuple[str, ...]) -> tuple[int, dict[str, bytes]]:
    """Run the command killed at step 1, 2, … until it finishes; check each interruption: nothing
    changed (then nothing to finish), or committed (then check reports it and a re-run finishes it)."""
    reference_root = fresh()
    assert kocsite(reference_root, *args).returncode == 0
    new = snapshot(reference_root)
    committed = 0
    for step in range(1, MAX_STEPS):
        root = fresh()
        old = snapshot(root)
        result = kocsite(root, *args, kill_at=step)
        if result.returncode == 0:
            assert snapshot(root) == new
            assert committed >= 2  # kills after the commit point were tried, and recovered from
            return step, new
        assert result.returncode == -signal.SIGKILL, result.stderr
        state = snapshot(root)
        if journals(root):  # committed: check says so, and running again completes it
            committed += 1
            assert "E605" in errors(root), step
            again = kocsite(root, *args)
            assert again.returncode == 0, again.stderr
            assert snapshot(root) == new, step
            assert not journals(root) and errors(root) == []
        else:  # not committed: nothing changed
            assert state == old, step
            assert errors(root) == [], step
    raise AssertionError("the command never finished")


def test_close_killed_at_every_write_leaves_old_or_recoverable_state(fresh):
    steps, new = _kill_at_every_step(fresh, CLOSE)
    assert steps > 4  # the hook really interrupted temp writes, renames and the journal
    assert "ledgers/cockpit.yaml" in new and b"status: closed" in new["campaigns/cockpit.yaml"]


def test_stale_temp_files_are_cleaned_on_the_next_write(fresh):
    root = fresh()
    assert kocsite(root, *CLOSE, kill_at=2).returncode == -signal.SIGKILL  # after the ledger's temp file
    assert list(root.rglob(TMP_PREFIX + "*"))
    assert errors(root) == []  # check never reads them
    assert kocsite(root, *CLOSE).returncode == 0
    assert not list(root.rglob(TMP_PREFIX + "*"))


def test_a_folder_is_listed_once_per_process_and_each_name_still_sheds_its_temps(tmp_path, monkeypatch):
    from kocsite.core import atomic

    monkeypatch.setattr(atomic, "_young_temps", {})
    left = tmp_path / f"{TMP_PREFIX}b.yaml.killed"  # a write of b.yaml killed a moment ago
    left.write_text("half")
    listings = []
    real_scandir = os.scandir
    monkeypatch.setattr(atomic.os, "scandir", lambda path: listings.append(path) or real_scandir(path))
    for i in range(50):
        atomic.write_atomic(tmp_path / f"a{i}.yaml", "x", durable=False)
    assert len(listings) == 1  # not once per write: that made 15 000 writes into one folder quadratic
    assert left.exists()  # young, and another name's
    atomic.write_atomic(tmp_path / "b.yaml", "y", durable=False)
    assert not left.exists() and (tmp_path / "b.yaml").read_text() == "y"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*(f"a{i}.yaml" for i in range(50)), "b.yaml"])


def _rows(n: int) -> str:
    return "id,name,source\n" + "".join(f"koc-{i:03d},昵称{i},public-domain\n" for i in range(n))


def test_import_apply_killed_at_every_write_is_all_or_nothing(fresh, tmp_path):
    csv_file = tmp_path / "list.csv"
    csv_file.write_text(_rows(4), encoding="utf-8")
    steps, new = _kill_at_every_step(fresh, ("import", "kocs", str(csv_file), "--apply"))
    assert steps > 8 and sum(rel.startswith("kocs/koc-") for rel in new) == 4


def test_close_keeps_crlf_line_endings_and_every_other_byte(programme, run):
    text = MINIMAL["campaigns/cockpit.yaml"]
    import textwrap

    crlf = textwrap.dedent(text).replace("\n", "\r\n").encode("utf-8")
    root = programme({"campaigns/cockpit.yaml": crlf})
    assert run(*CLOSE, "--path", root).exit_code == 0
    after = (root / "campaigns/cockpit.yaml").read_bytes()
    assert after == crlf.replace(b"status: running", b"status: closed")


def test_closed_without_a_ledger_is_an_error(programme, minimal):
    root = programme({"campaigns/cockpit.yaml": minimal["campaigns/cockpit.yaml"].replace("running", "closed")})
    assert "E604" in errors(root)


# -- a full disk ----------------------------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path):
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", str(mount)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield mount
    subprocess.run(["umount", str(mount)])


def _fill(disk: Path, keep: int) -> None:
    """Fill the disk until fewer than `keep` bytes are free."""
    filler = disk / ".filler"
    with open(filler, "wb") as out:
        try:
            while os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize > keep:
                out.write(b"\0" * 4096)
                out.flush()
        except OSError:
            pass


def test_import_on_a_full_disk_is_a_clear_error_and_writes_nothing(tiny_disk, tmp_path):
    root = write_programme(tiny_disk / "programme", MINIMAL)
    csv_file = tmp_path / "list.csv"
    csv_file.write_text(_rows(40), encoding="utf-8")
    old = snapshot(root)
    _fill(tiny_disk, 4096)
    result = kocsite(root, "import", "kocs", str(csv_file), "--apply")
    assert result.returncode == 1, result.stderr
    assert "磁盘已满" in result.stderr and "nothing was changed" in result.stderr
    assert "内部错误" not in result.stderr and "Traceback" not in result.stderr
    assert snapshot(root) == old
    assert not list(root.rglob(TMP_PREFIX + "*"))


def test_close_on_a_full_disk_is_a_clear_error_and_changes_nothing(tiny_disk):
    root = write_programme(tiny_disk / "programme", MINIMAL)
    old = snapshot(root)
    _fill(tiny_disk, 0)
    result = kocsite(root, *CLOSE)
    assert result.returncode == 1, result.stderr
    assert "磁盘已满" in result.stderr and "内部错误" not in result.stderr
    assert snapshot(root) == old


def test_a_campaign_closed_by_hand_can_still_be_sealed(programme, minimal, run):
    root = programme({"campaigns/cockpit.yaml": minimal["campaigns/cockpit.yaml"].replace("running", "closed")})
    result = run(*CLOSE, "--path", root)
    assert result.exit_code == 0, result.output
    assert (root / "ledgers/cockpit.yaml").is_file() and errors(root) == []
