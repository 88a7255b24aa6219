"""A merged person keeps one persona per cluster: the surviving record's (the next
computation places them anew anyway)."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation("person", "personas.PersonaMembership", "person", unique_with=("cluster",))
