"""What the programme-wide computations read of a contribution: who, when, its review, its shares and
awards — without its texts, links and figures.

Credit, wallets, levels and candidates walk all 100 000 records of a programme; building each as a
pydantic model (with its review, metrics and texts) costs more than the computations themselves. A
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
    title: str
    date: Date
    id: str | None = None
    koc: str | None = None
    authors: tuple[AuthorView, ...] = ()
    at: datetime | None = None
    review: ReviewView = ReviewView()
    amplified: tuple[AmplificationView, ...] = ()
    award: AwardView | None = None


class BatchView(msgspec.Struct, frozen=True):
    contributions: tuple[ContributionView, ...]


_DECODERS = {"Contribution": msgspec.json.Decoder(ContributionView), "ContributionBatch": msgspec.json.Decoder(BatchView)}


FileViews = tuple[tuple["int | None", ContributionView], ...]
"""A contribution file's records as (index in the batch, or None for a single record, view)."""


def views_from_json(name: str, raw: bytes) -> FileViews:
    """The views of a contribution file's records from its model's cached JSON (class `name`);
    ValueError when it is not of that shape."""
    decoder = _DECODERS.get(name)
    if decoder is None:
        raise ValueError(f"not a contribution model: {name!r}")
    try:
        decoded = decoder.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError) as error:
        raise ValueError(str(error)) from None
    return tuple(enumerate(decoded.contributions)) if isinstance(decoded, BatchView) else ((None, decoded),)


def views_of(model: Any) -> FileViews:
    """The views of a contribution file's records from its model (Contribution or ContributionBatch)."""
    records = getattr(model, "contributions", None)
    return tuple((i, _view(c)) for i, c in enumerate(records)) if records is not None else ((None, _view(model)),)


def _view(contribution: Any) -> ContributionView:
    return msgspec.convert(contribution, ContributionView, from_attributes=True)
