"""Paths shared by tests (importable whichever way pytest is started)."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# A cash pool with a cap, and a second approved review by han-meimei (with the `two_officers` campaign).
REWARDS = """\
rewards:
  pool_fen: 100000
  cap_fen: 70000
"""
SECOND_REVIEW = """\
koc: han-meimei
title: 座舱第二篇评测
date: 2025-07-15
review:
  status: approved
  reviewer: 王运营
  date: 2025-07-16
"""

DONE_TASK = """\
title: 深度评测
quadrant: project
campaign: cockpit
role: tech-officer
status: done
due: 2025-07-20
points: 100
"""
"""The minimal programme's task, done: with it (and a retrospective) `close` has nothing to refuse."""

RETROSPECTIVE = """retrospective:
  summary: 完成
"""
