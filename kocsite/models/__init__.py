"""The data model: one pydantic model per kind of file, unknown keys rejected."""

from kocsite.models.campaign import Campaign
from kocsite.models.contribution import Contribution, ContributionBatch
from kocsite.models.koc import Koc
from kocsite.models.settings import Settings
from kocsite.models.task import Task

__all__ = ["Campaign", "Contribution", "ContributionBatch", "Koc", "Settings", "Task"]
