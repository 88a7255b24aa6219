"""Signatures follow a merge of the organisation. Of two valid signatures under the same
version the survivor's is kept, the other removed (and restored by undo)."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation(
    "organisation", "commitments.Signature", "organisation", unique_with=("version",)
)
