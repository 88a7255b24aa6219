"""What follows a merge of organisations: an organisation token of the merged-away one
acts for the survivor (the firm's website keeps working)."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation("organisation", "api.AccessToken", "organisation")
