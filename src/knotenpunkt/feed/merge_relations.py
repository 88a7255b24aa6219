"""The feed's rows follow a merged person; entries follow a merged organisation (the next
refresh rewrites them from the sources anyway)."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation("person", "feed.Follow", "person", unique_with=("target_type", "target_id"))
register_merge_relation("person", "feed.Usage", "person")
register_merge_relation("person", "feed.Rating", "person", unique_with=("entry",))
register_merge_relation("person", "feed.Share", "sender")
register_merge_relation("person", "feed.Share", "recipient")
register_merge_relation("person", "feed.Notice", "recipient")
register_merge_relation("organisation", "feed.FeedEntry", "organisation")
register_merge_relation("person", "feed.InterestProfile", "person")
