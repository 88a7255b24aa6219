"""Refresh the denormalised FeedEntry rows (and their tags) from the registered sources."""

from django.db import transaction
from django.utils import timezone

from knotenpunkt.feed.models import Audience, FeedEntry, FeedEntryTag
from knotenpunkt.feed.registry import FeedItem, source, sources
from knotenpunkt.feed.services.feed_cache import entries_changed

Tag = FeedEntryTag.Kind
FIELDS = (
    "source",
    "kind",
    "title",
    "summary",
    "url",
    "published_at",
    "expires_at",
    "audience",
    "organisation_id",
    "topic_ids",
    "cluster_ids",
    "group_ids",
)


def _values(source_name: str, item: FeedItem) -> dict:
    return {
        "source": source_name,
        "kind": item.kind,
        "title": item.title[:300],
        "summary": (item.summary or "")[:500],
        "url": item.url[:500],
        "published_at": item.published_at,
        "expires_at": item.expires_at,
        "audience": item.audience,
        "organisation_id": item.organisation_id,
        "topic_ids": list(item.topic_ids),
        "cluster_ids": list(item.cluster_ids),
        "group_ids": list(item.group_ids),
    }


def _tags(entry_id: int, item: FeedItem) -> list[FeedEntryTag]:
    values = {(Tag.TOPIC, t) for t in item.topic_ids}
    values |= {(Tag.CLUSTER, c) for c in item.cluster_ids}
    values |= {(Tag.GROUP, g) for g in item.group_ids}
    if item.organisation_id:
        values.add((Tag.ORGANISATION, item.organisation_id))
    if item.audience != Audience.PUBLIC:
        values |= {(Tag.STAFF, c) for c in item.cluster_ids}
    if item.audience == Audience.MEMBERS:
        values |= {(Tag.MEMBERS, c) for c in item.cluster_ids}
    elif item.audience == Audience.GROUP:
        values |= {(Tag.GROUP_MEMBERS, g) for g in item.group_ids}
    return [FeedEntryTag(entry_id=entry_id, kind=k, value=v) for k, v in sorted(values)]


@transaction.atomic
def store_items(source_name: str, items, *, complete: bool, keys=None) -> dict:
    """Write the items of one source; with `complete`, the source's entries not among them
    leave the feed (with `keys`, only those of the given keys). Counters stay."""
    items = {item.key: item for item in items}
    existing = FeedEntry.objects.filter(source=source_name)
    if keys is not None:
        existing = existing.filter(key__in=keys)
    existing = {entry.key: entry for entry in existing}
    created, changed = [], []
    for key, item in items.items():
        values = _values(source_name, item)
        entry = existing.get(key)
        if entry is None:
            created.append(FeedEntry(key=key, **values))
        elif any(getattr(entry, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(entry, name, value)
            # bulk_update leaves auto_now alone; the page's rendered items are kept per
            # refresh time (feed_cache), so a changed entry gets a new one.
            entry.refreshed_at = timezone.now()
            changed.append(entry)
    FeedEntry.objects.bulk_create(created, batch_size=500)
    FeedEntry.objects.bulk_update(changed, (*FIELDS, "refreshed_at"), batch_size=500)
    gone = [entry.pk for key, entry in existing.items() if key not in items] if complete else []
    FeedEntry.objects.filter(pk__in=gone).delete()
    rewritten = changed + [
        FeedEntry.objects.only("pk").get(key=entry.key) if entry.pk is None else entry
        for entry in created
    ]
    FeedEntryTag.objects.filter(entry__in=[e.pk for e in changed]).delete()
    FeedEntryTag.objects.bulk_create(
        [tag for entry in rewritten for tag in _tags(entry.pk, items[entry.key])],
        batch_size=2000,
    )
    if created or changed or gone:
        entries_changed()
    return {"created": len(created), "changed": len(changed), "removed": len(gone)}


def refresh_source(name: str, ids=None) -> dict:
    """Refresh one source: every item, or those of the objects `ids`."""
    registered = source(name)
    if registered is None:
        raise LookupError(f"no feed source {name!r}")
    items = list(registered.collect(ids))
    keys = None
    if ids is not None:
        # Keys are "app_label.model:pk" of the source's models (registry.FeedItem).
        keys = [f"{model.lower()}:{pk}" for model in registered.models for pk in ids]
    return store_items(name, items, complete=True, keys=keys)


def refresh_all() -> dict:
    """Every source in full (the nightly run and `knotenpunkt refresh_feed`)."""
    return {registered.name: refresh_source(registered.name) for registered in sources()}
