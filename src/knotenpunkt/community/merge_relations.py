"""Decisions on suggested pairs follow a merged person (one the survivor already has for
the same pair is dropped)."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation(
    "person", "community.PairDecision", "person_a", unique_with=("cluster", "person_b")
)
register_merge_relation(
    "person", "community.PairDecision", "person_b", unique_with=("cluster", "person_a")
)
