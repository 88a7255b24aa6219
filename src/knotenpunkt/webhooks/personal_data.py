"""What the webhooks keep about a person: only who created a subscription (payloads carry
no personal data). Export lists the subscriptions a person created; erasure forgets the
creator, the subscription stays with its organisation or cluster."""

from knotenpunkt.core.registry import register_personal_data
from knotenpunkt.webhooks.models import Subscription


def export_subscriptions(person) -> list[dict]:
    if not person.user_id:
        return []
    return [
        {
            "url": subscription.url,
            "owner": str(subscription.owner),
            "events": subscription.event_types,
            "created": subscription.created_at.isoformat(),
        }
        for subscription in Subscription.objects.filter(
            created_by_id=person.user_id
        ).select_related("organisation", "cluster")
    ]


def erase_subscriptions(person) -> None:
    if person.user_id:
        Subscription.objects.filter(created_by_id=person.user_id).update(created_by=None)


register_personal_data(
    "webhook_subscriptions",
    export_subscriptions,
    erase_subscriptions,
    models=["webhooks.Subscription"],
)
