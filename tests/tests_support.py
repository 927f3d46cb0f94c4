"""Paths shared by tests (importable whichever way pytest is started)."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
