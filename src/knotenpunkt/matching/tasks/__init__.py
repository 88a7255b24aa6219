"""Background entry points, by sub-domain. Imported here so every task is registered when
the app loads, and so a job queued under `knotenpunkt.matching.tasks.<name>` still resolves."""

from knotenpunkt.matching.tasks.alerts import need_posted_task, weekly_need_digest_task
from knotenpunkt.matching.tasks.indexing import (
    reindex_all_task,
    reindex_organisation_task,
    reindex_organisations_task,
)

__all__ = [
    "need_posted_task",
    "reindex_all_task",
    "reindex_organisation_task",
    "reindex_organisations_task",
    "weekly_need_digest_task",
]
