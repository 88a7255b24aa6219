"""Consent records follow the person in a merge: each one is proof of a decision, so all
are kept (none is unique), and the newest per purpose still decides."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation("person", "privacy.Consent", "person")
