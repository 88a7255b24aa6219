"""Background entry points of the feed: refresh entries, profiles and popularity."""

from django_tasks import task

from knotenpunkt.directory.models import Person
from knotenpunkt.feed.services import entries, interests, usage


@task()
def refresh_items(source_name: str, ids: list[int]) -> dict:
    """Refresh the items of some objects of one source (after a save)."""
    return entries.refresh_source(source_name, ids)


@task()
def refresh_feed() -> dict:
    """The nightly run: every source in full, every profile, the popularity."""
    return refresh_everything()


@task()
def recompute_popularity(cluster_ids: list[int] | None = None) -> int:
    return usage.recompute_popularity(cluster_ids)


@task()
def recompute_profile(person_id: int) -> None:
    person = Person.objects.filter(pk=person_id, erased_at__isnull=True).first()
    if person is not None:
        interests.compute_profile(person)


def refresh_everything() -> dict:
    counts = {"sources": entries.refresh_all()}
    profiles = 0
    for person in Person.objects.filter(user__isnull=False, erased_at__isnull=True).iterator(
        chunk_size=500
    ):
        interests.compute_profile(person)
        profiles += 1
    counts["profiles"] = profiles
    counts["popularity"] = usage.recompute_popularity()
    return counts
