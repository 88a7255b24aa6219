"""Interactions follow a merge of the organisation they were with (or introduced to) and
of the people met (the link rows move; one the survivor already has is dropped)."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation("organisation", "interactions.Interaction", "organisation")
register_merge_relation("organisation", "interactions.Interaction", "introduced_to")
register_merge_relation("person", "interactions.Interaction", "people")
