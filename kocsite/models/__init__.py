"""Stage 2, models: one pydantic model per kind of file, unknown keys rejected (`campaign`, `koc`,
`task`, `contribution`, `insight`, `ledger`, `settings`, with the shared field types in `types`);
turning parsed data into a model with located errors (`validate`, `load`); the loaded whole that
every computation reads (`programme`); and the JSON Schemas editors use (`schema`). May import
kocsite.core and kocsite.files."""

from kocsite.models.campaign import Campaign
from kocsite.models.contribution import Contribution, ContributionBatch
from kocsite.models.koc import Koc
from kocsite.models.settings import Settings
from kocsite.models.task import Task

__all__ = ["Campaign", "Contribution", "ContributionBatch", "Koc", "Settings", "Task"]
