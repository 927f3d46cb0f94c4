"""A task of one of the four quadrants: routine, project, exploration, spontaneous."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kocsite.models.types import Bool, Count, Date, Fen, Model, Positive, Slug, Text

Quadrant = Literal["routine", "project", "exploration", "spontaneous"]
TaskStatus = Literal["todo", "in-progress", "review", "done", "cancelled"]


class Brief(Model):
    """创意简报: direction, key messages, resources, amplification channels."""

    direction: Text | None = None
    key_messages: list[Text] = Field(default_factory=list)
    resources: list[Text] = Field(default_factory=list)
    channels: list[Text] = Field(default_factory=list)


class Routine(Model):
    """A routine ritual: daily check-in, weekly topic."""

    kind: Literal["check-in", "weekly-topic", "other"]
    cadence: Literal["daily", "weekly", "monthly"] = "daily"
    prompt: Text | None = None


class Exploration(Model):
    """An experiment: a budget, failure allowed, and what was learned."""

    budget_fen: Fen
    failure_allowed: Bool = True
    hypothesis: Text | None = None
    platform: Slug | None = None
    outcome: Literal["pending", "succeeded", "failed", "inconclusive"] = "pending"
    findings: Text | None = None


class Task(Model):
    """A task: tasks/<id>.yaml; its contributions live in tasks/<id>/."""

    id: Slug | None = None
    title: Text
    quadrant: Quadrant
    status: TaskStatus = "todo"
    campaign: Slug | None = None
    role: Slug | None = None
    description: Text | None = None
    points: Count = 0
    """Points for each approved contribution (before quality and shares)."""
    start: Date | None = None
    due: Date | None = None
    owners: list[Slug] = Field(default_factory=list)
    """KOCs responsible for it (shown on the progress board)."""
    skills: list[Slug] = Field(default_factory=list)
    """Skills a composite task needs."""
    team_size: Positive | None = None
    brief: Brief | None = None
    routine: Routine | None = None
    exploration: Exploration | None = None
    tags: list[Text] = Field(default_factory=list)
