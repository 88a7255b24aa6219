"""What follows a merge of organisations: the merged-away one's webhook subscriptions and
the messages about it belong to the survivor (its CRM keeps receiving events)."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation("organisation", "webhooks.Subscription", "organisation")
register_merge_relation("organisation", "webhooks.Message", "organisation")
