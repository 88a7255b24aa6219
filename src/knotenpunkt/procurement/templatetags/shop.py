"""Template tags of the one-stop shop: a glimpse of it for pages outside the shop (the
organisation page lists the organisation's offerings, so the directory app needs no
import of ours), and the names buyers read instead of stored codes."""

from django import template

from knotenpunkt.procurement.models import Procedure
from knotenpunkt.procurement.services.catalogue_search import listed_versions

register = template.Library()


@register.simple_tag
def listed_offerings_of(organisation):
    """The published versions of the organisation's listed offerings, by name."""
    return listed_versions().filter(offering__provider=organisation).order_by("name")


@register.filter
def procedure_label(code) -> str:
    """The procedure's name in the active language ("Direct award"), never its code ("DA");
    stored advice keeps codes so it reads right in every language."""
    if not code:
        return ""
    try:
        return str(Procedure(code).label)
    except ValueError:
        return ""
