from django import template

from knotenpunkt.feed.models import Notice

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices(context) -> int:
    """Unread notices of the logged-in person: the badge beside "Feed" (one indexed count)."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return Notice.objects.filter(
        recipient__user=user, recipient__erased_at__isnull=True, read_at__isnull=True
    ).count()
