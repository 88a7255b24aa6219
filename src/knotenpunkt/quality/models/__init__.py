"""The quality app's models, by sub-domain; import them from here."""

from knotenpunkt.quality.models.duplicates import CandidatePair, SimilarityKey
from knotenpunkt.quality.models.merge import BulkMergeItem, BulkMergeRun, MergeKind, MergeRecord

__all__ = [
    "BulkMergeItem",
    "BulkMergeRun",
    "CandidatePair",
    "MergeKind",
    "MergeRecord",
    "SimilarityKey",
]
