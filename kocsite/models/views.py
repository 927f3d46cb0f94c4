"""What the programme-wide computations read of a contribution, a KOC or a task: who, when, its review,
its shares and awards; a KOC's name, skills, pipeline and hand-offs; a task's points and place — without
their texts, links, figures and private fields.

Credit, wallets, levels and candidates walk all 100 000 records of a programme; building each as a
pydantic model (with its review, metrics and texts) costs more than the computations themselves; so
does building 10 000 KOC profiles to read their names. A
view is a msgspec struct with the same attribute names as the model's, so the computations read
`record.view.review.status` as they would the model. A view is decoded from the model's cached JSON
(the fields it does not name are skipped) or, for a file read just now, copied from its model; both
give equal views (a test compares them).
"""

from __future__ import annotations

from datetime import date as Date
from datetime import datetime
from decimal import Decimal
from typing import Any

import msgspec

from kocsite.models.contribution import AmplificationKind, ReviewStatus
from kocsite.models.koc import Availability, SourceKind, Stage
from kocsite.models.task import Quadrant, TaskStatus


class ReviewView(msgspec.Struct, frozen=True):
    status: ReviewStatus = "pending"
    date: Date | None = None
    quality: Decimal | None = None


class AuthorView(msgspec.Struct, frozen=True):
    koc: str
    share: Decimal
    confirmed: Date | None = None


class AmplificationView(msgspec.Struct, frozen=True):
    date: Date
    kind: AmplificationKind = "share"
    koc: str | None = None


class AwardView(msgspec.Struct, frozen=True):
    title: str
    citation: str
    granted_by: str
    date: Date
    points: int = 0
    cash_fen: int = 0


class ContributionView(msgspec.Struct, frozen=True):
    title_: str = msgspec.field(name="title")
    """Read it as `Record.title`: a report keyed by the views it read (kocsite.cli.memo) leaves the
    titles out, so reading one counts as reading the whole file."""
    date: Date
    id: str | None = None
    koc: str | None = None
    authors: tuple[AuthorView, ...] = ()
    at: datetime | None = None
    review: ReviewView = ReviewView()
    amplified: tuple[AmplificationView, ...] = ()
    award: AwardView | None = None
    chars: int | None = None
    count: int | None = None


class BatchView(msgspec.Struct, frozen=True):
    contributions: tuple[ContributionView, ...]


class SkillView(msgspec.Struct, frozen=True):
    skill: str
    level: int = 3


class SignalsView(msgspec.Struct, frozen=True):
    posts: int | None = None
    quality_interactions: int | None = None
    answered_questions: int | None = None
    tenure_months: int | None = None
    followers: int | None = None
    login_days: int | None = None
    purchases: int | None = None


class PipelineView(msgspec.Struct, frozen=True):
    source: SourceKind
    stage: Stage = "active"
    channel: str | None = None
    discovered: Date | None = None
    signals: SignalsView | None = None


class HandoffView(msgspec.Struct, frozen=True):
    date: Date
    from_team: str
    to_team: str
    notes: str | None = None


class KocView(msgspec.Struct, frozen=True):
    """A KOC's profile for the programme-wide computations: of its texts only the name, and of its
    private fields only the hand-offs (`kocsite due` asks whether the latest has notes). Views feed
    computations and command output, never the site."""

    name: str
    id: str | None = None
    skills: tuple[SkillView, ...] = ()
    availability: Availability = "available"
    pipeline: PipelineView | None = None
    owner: str | None = None
    team: str | None = None
    handoffs: tuple[HandoffView, ...] = ()


class RoutineView(msgspec.Struct, frozen=True):
    kind: str


class PlannedAuthorView(msgspec.Struct, frozen=True):
    koc: str
    share: Decimal


class TaskView(msgspec.Struct, frozen=True):
    title: str
    quadrant: Quadrant
    id: str | None = None
    status: TaskStatus = "todo"
    campaign: str | None = None
    role: str | None = None
    points: int = 0
    start: Date | None = None
    due: Date | None = None
    owners: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    routine: RoutineView | None = None
    byline: tuple[PlannedAuthorView, ...] = ()


ENTITY_VIEWS: dict[str, type[msgspec.Struct]] = {"Koc": KocView, "Task": TaskView}
"""The view of each entity model that has one, by model class name."""

_DECODERS = {"Contribution": msgspec.json.Decoder(ContributionView), "ContributionBatch": msgspec.json.Decoder(BatchView),
             **{name: msgspec.json.Decoder(view) for name, view in ENTITY_VIEWS.items()}}


FileViews = tuple[tuple["int | None", ContributionView], ...]
"""A contribution file's records as (index in the batch, or None for a single record, view)."""


def views_from_json(name: str, raw: bytes) -> Any:
    """From a model's cached JSON (class `name`): a contribution file's record views (FileViews), or a
    KOC's or a task's view; ValueError when it is not of that shape or the model has no view."""
    decoder = _DECODERS.get(name)
    if decoder is None:
        raise ValueError(f"a model without views: {name!r}")
    try:
        decoded = decoder.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError) as error:
        raise ValueError(str(error)) from None
    if isinstance(decoded, BatchView):
        return tuple(enumerate(decoded.contributions))
    return ((None, decoded),) if isinstance(decoded, ContributionView) else decoded


def views_of(model: Any) -> Any:
    """The same as views_from_json, from the model itself (a contribution, a batch, a KOC or a task)."""
    view = ENTITY_VIEWS.get(type(model).__name__)
    if view is not None:
        return _convert(model, view)
    records = getattr(model, "contributions", None)
    if records is not None:
        return tuple((i, _convert(c, ContributionView)) for i, c in enumerate(records))
    return ((None, _convert(model, ContributionView)),)


def view_bytes(views: Any) -> bytes:
    """The views of a file as bytes to compare, contributions' titles left out (see ContributionView)."""
    if isinstance(views, tuple):
        views = tuple((i, msgspec.structs.replace(view, title_="")) for i, view in views)
    return msgspec.json.encode(views)


def _convert(model: Any, view: type[msgspec.Struct]) -> Any:
    return msgspec.convert(model, view, from_attributes=True)
