"""The group memberships follow a merged person (one membership per group survives)."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation("person", "groups.GroupMembership", "person", unique_with=("group",))
register_merge_relation("person", "groups.GroupMembership", "invited_by")
