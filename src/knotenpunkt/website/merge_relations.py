"""Portraits and articles follow merged people and organisations."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation("person", "website.PortraitPage", "person")
register_merge_relation("organisation", "website.PortraitPage", "organisation")
register_merge_relation("organisation", "website.ArticlePage", "organisations")
