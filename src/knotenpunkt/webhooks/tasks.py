from django_tasks import task

from knotenpunkt.webhooks.services import delivery


@task(queue_name="webhooks")
def drain_subscription(subscription_id: int) -> dict:
    """Background entry point: send the due deliveries of one subscription."""
    return delivery.drain(subscription_id)
