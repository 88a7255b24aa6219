"""What the matchmaking keeps about a person or organisation follows a merge.

A contact or suggestion per need and provider stays unique (the survivor's is kept); of
two competence profiles or alert settings, the survivor's is kept. The engine's document
of the merged-away organisation goes the same way and is rebuilt on the next re-index.
"""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation("person", "matching.Need", "author")
register_merge_relation("person", "matching.Contact", "person")
register_merge_relation("person", "matching.AlertSetting", "person")
register_merge_relation("organisation", "matching.Need", "organisation")
register_merge_relation("organisation", "matching.Contact", "provider", unique_with=("need",))
register_merge_relation("organisation", "matching.Suggestion", "provider", unique_with=("need",))
register_merge_relation("organisation", "matching.CompetenceProfile", "organisation")
register_merge_relation("organisation", "matching.MatchDocument", "organisation")
