from django import template

from knotenpunkt.feed.models import Notice
from knotenpunkt.feed.services.feed_cache import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices(context) -> int:
    """Unread notices of the logged-in person: the badge beside "Feed" (one indexed count,
    kept in the cache until one of their notices changes)."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return unread_count(
        user.pk,
        lambda: Notice.objects.filter(
            recipient__user=user, recipient__erased_at__isnull=True, read_at__isnull=True
        ).count(),
    )
