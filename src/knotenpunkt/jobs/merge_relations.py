"""What follows a merge of organisations and people: the merged-away organisation's
postings move to the survivor; of two digest subscriptions, the survivor's is kept."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation("organisation", "jobs.JobPosting", "organisation")
register_merge_relation("person", "jobs.JobDigestSubscription", "person")
