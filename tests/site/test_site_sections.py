"""Long listings are cut under sub-headings (第 1–50 条 …): no section of a generated page — the text
from one heading to the next, which the search engines index as one entry and Zensical refuses over
2³⁰ bytes / the number of sections (8 KB at the reference scale) — passes SECTION_LIMIT, every listed
item appears exactly once, and the same data gives the same bytes.

The programme is benchmarks/generate.py's at 1/20 of the reference scale: big enough that the project
tasks, a directory group, the skill graph and the busiest tasks' works are split.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest

from kocsite.models.programme import load_programme
from kocsite.site.blocks import BLOCK_BYTES, BLOCK_ROWS, SECTION_LIMIT, blocked_list, blocked_table, blocks_of
from kocsite.site.build import generate

from site_support import TODAY
from tests_support import REPO

SCALE = "0.05"
HEADING = re.compile(r"^#{1,6} ", re.M)
BLOCK = re.compile(r"^(#{2,6}) (?:.+ · )?第 (\d+)–(\d+) 条$", re.M)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("programme")
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "--scale", SCALE, "--out", str(root)],
                   check=True, capture_output=True, timeout=600)
    programme = load_programme(root)
    return root, programme, generate(programme, TODAY)


def sections(text: str) -> list[str]:
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text  # after the front matter
    starts = [0, *(m.start() for m in HEADING.finditer(body)), len(body)]
    return [body[a:b] for a, b in zip(starts, starts[1:])]


def markdown(pages: dict[str, str]) -> dict[str, str]:
    return {rel: text for rel, text in pages.items() if rel.endswith(".md")}


def test_no_section_of_any_generated_page_passes_the_limit(generated):
    _, _, pages = generated
    sizes = {rel: max(len(s.encode("utf-8")) for s in sections(text)) for rel, text in markdown(pages).items()}
    too_big = {rel: size for rel, size in sizes.items() if size > SECTION_LIMIT}
    assert not too_big
    split = {rel for rel, text in markdown(pages).items() if BLOCK.search(text)}
    # the listings that grow with the programme were really split at this scale
    assert "tasks/project.md" in split and any(rel.startswith("skills/") for rel in split)
    assert any(rel.startswith("directory/") for rel in split) and any(rel.startswith("tasks/all/") for rel in split)


def test_blocks_count_from_1_without_gap_and_hold_the_rows_they_say(generated):
    _, _, pages = generated
    checked = 0
    for rel, text in markdown(pages).items():
        found = list(BLOCK.finditer(text))
        for i, m in enumerate(found):
            level, a, b = m.group(1), int(m.group(2)), int(m.group(3))
            previous = found[i - 1] if i else None
            if a != 1:  # a block continues the listing of the block before it, at the same level
                assert previous is not None and previous.group(1) == level and int(previous.group(3)) + 1 == a, (rel, m.group(0))
            assert 1 <= b - a + 1 <= BLOCK_ROWS
            body = text[m.end():(found[i + 1].start() if i + 1 < len(found) else len(text))]
            body = body[:next((h.start() for h in HEADING.finditer(body)), len(body))]
            lines = body.strip().splitlines()
            if lines and lines[0].startswith("| "):  # a table: its header and rule, then one line per row
                assert len([x for x in lines if x.startswith("| ")]) - 2 == b - a + 1, (rel, m.group(0))
                checked += 1
            elif lines and lines[0].startswith("- "):
                assert len([x for x in lines if x.startswith("- ")]) == b - a + 1, (rel, m.group(0))
                checked += 1
    assert checked >= 10


def test_every_project_task_is_listed_once(generated):
    _, programme, pages = generated
    links = Counter(re.findall(r"\]\(all/([^)]+)\.md\)", pages["tasks/project.md"]))
    project = {tid for tid, task in programme.tasks.items() if task.quadrant == "project"}
    assert len(project) > BLOCK_ROWS and set(links) == project and set(links.values()) == {1}


def test_every_profiled_koc_is_in_the_directory_once(generated):
    _, programme, pages = generated
    links = Counter()
    for rel, text in pages.items():
        if rel.startswith("directory/") and rel != "directory/index.md":
            links.update(re.findall(r"\]\(\.\./kocs/([^)]+)\.md\)", text))
    kocs = {rel[len("kocs/"):-3] for rel in pages if rel.startswith("kocs/") and rel.endswith(".md")}
    assert set(links) == kocs and set(links.values()) == {1}


def test_every_holder_of_a_skill_is_named_once_on_its_page(generated):
    _, programme, pages = generated
    for skill in programme.settings.skills:
        block = pages[f"skills/{skill.id}.md"].split("\n\n---\n", 1)[0]  # the page without its footer
        assert f"](skills/{skill.id}.md)" in pages["skills.md"]
        holders = Counter(re.findall(r"\]\(\.\./kocs/([^)]+)\.md\) ★", block))
        expected = {k for k in programme.kocs if any(s.skill == skill.id for s in programme.kocs[k].skills)
                    and f"kocs/{k}.md" in pages}
        assert set(holders) == expected and set(holders.values()) <= {1}, skill.id
        needing = [t.title for _, t in sorted(programme.tasks.items()) if skill.id in t.skills]
        assert _needed_by(block) == needing, skill.id


def _needed_by(block: str) -> list[str]:
    """The task titles under 需要它的任务 on a skill's page, over all its sub-headings (generated titles hold no 、)."""
    if "## 需要它的任务" not in block:
        return []
    part = block.split("## 需要它的任务", 1)[1]
    paragraphs = [p for p in part.strip().split("\n\n") if p and not p.startswith("### 需要它的任务 · ")]
    return [title for p in paragraphs for title in p.split("、")]


def test_two_generations_are_byte_identical(generated):
    root, _, pages = generated
    again = generate(load_programme(root), TODAY)
    assert list(again) == list(pages)
    assert [again[rel].encode("utf-8") for rel in again] == [pages[rel].encode("utf-8") for rel in pages]


def test_wide_rows_close_a_block_by_its_size_before_its_row_count():
    rows = [[f"[任务 {i}](all/t-{i}.md)" + "车" * 330, str(i)] for i in range(1, 251)]  # about 1 KB a row
    text = blocked_table(lambda a, b: f"第 {a}–{b} 条", "##", ["任务", "编号"], rows)
    blocks = text.split("## ")[1:]
    assert len(blocks) > 250 // BLOCK_ROWS + 1
    assert all(len(("## " + b).encode("utf-8")) <= BLOCK_BYTES + 200 for b in blocks)
    assert Counter(re.findall(r"\(all/(t-\d+)\.md\)", text)) == Counter(f"t-{i}" for i in range(1, 251))
    assert blocks[0].startswith("第 1–") and blocks[-1].split("\n", 1)[0].endswith("–250 条")


def test_short_listings_stay_one_table_or_one_line():
    rows = [[f"KOC {i}", str(i)] for i in range(BLOCK_ROWS)]
    assert "#" not in blocked_table(lambda a, b: f"{a}–{b}", "##", ["名", "号"], rows)
    assert blocked_list(lambda a, b: f"{a}–{b}", "####", ["甲", "乙"], "、") == "甲、乙"
    assert blocks_of([]) == [] and blocks_of([BLOCK_BYTES * 2, 1]) == [(0, 1), (1, 2)]
