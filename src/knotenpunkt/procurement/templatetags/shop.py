"""Template tags for pages outside the shop that show a glimpse of it (the organisation
page lists the organisation's offerings), so the directory app needs no import of ours."""

from django import template

from knotenpunkt.procurement.services.catalogue_search import listed_versions

register = template.Library()


@register.simple_tag
def listed_offerings_of(organisation):
    """The published versions of the organisation's listed offerings, by name."""
    return listed_versions().filter(offering__provider=organisation).order_by("name")
