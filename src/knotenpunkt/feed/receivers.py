"""Refresh a source's item after its object is saved or deleted (after commit).

The feed sits above the apps it shows, so it listens to their models instead of being
called by them (the earlier app never learns of the feed)."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save


def refresh_after_commit(source_name: str, ids: list[int]) -> None:
    from knotenpunkt.feed.tasks import refresh_items

    transaction.on_commit(lambda: refresh_items.enqueue(source_name, ids))


def _refresh_later(source_name):
    def receiver(sender, instance, **kwargs):
        refresh_after_commit(source_name, [instance.pk])

    return receiver


def connect(registered) -> None:
    """Refresh `registered`'s items when one of its models is saved or deleted."""
    receiver = _refresh_later(registered.name)
    for label in registered.models:
        model = apps.get_model(label)
        uid = f"feed-{registered.name}-{label}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}-delete")


def _notice_changed(sender, instance, **kwargs):
    from knotenpunkt.directory.models import Person
    from knotenpunkt.feed.services.feed_cache import notices_changed

    user_id = Person.objects.filter(pk=instance.recipient_id).values_list("user_id", flat=True)
    notices_changed(user_id.first())


def connect_notices() -> None:
    """The navigation's unread-notice badge is cached: a saved or deleted notice resets it."""
    from knotenpunkt.feed.models import Notice

    post_save.connect(_notice_changed, sender=Notice, dispatch_uid="feed-notice-badge")
    post_delete.connect(_notice_changed, sender=Notice, dispatch_uid="feed-notice-badge-delete")
