"""What the directory owns about a person or organisation, announced to the merge.

The merge (quality app) moves every registered relation of the merged-away record to the
surviving one. A row that would break one of the model's unique constraints on the
survivor (the same e-mail address twice, a second open membership in one cluster) is
removed instead and restored by undo; `unique_with` names the constraint's other fields.
Many-to-many relations are merged as the union of both sides.
"""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation(
    "person", "directory.Position", "person", unique_with=("organisation", "function")
)
register_merge_relation("person", "directory.PersonEmail", "person", unique_with=("address",))
register_merge_relation("person", "directory.PersonPhone", "person", unique_with=("number",))
register_merge_relation("person", "directory.Person", "topics")

register_merge_relation(
    "organisation", "directory.Position", "organisation", unique_with=("person", "function")
)
register_merge_relation(
    "organisation", "directory.Membership", "organisation", unique_with=("cluster",)
)
register_merge_relation("organisation", "directory.Organisation", "topics")
