"""Follow, watch and mute topics, organisations (the sources of items) and groups."""

from django.db import transaction

from knotenpunkt.directory.models import Organisation, Topic
from knotenpunkt.feed.models import Follow
from knotenpunkt.feed.services.feed_cache import person_changed
from knotenpunkt.groups.models import Group

TARGETS = {
    Follow.Target.TOPIC: Topic,
    Follow.Target.ORGANISATION: Organisation,
    Follow.Target.GROUP: Group,
}


@transaction.atomic
def set_follow(person, target_type: str, target_id: int, level: str | None) -> Follow | None:
    """Set the person's level for a target; no level (None or "") removes the follow.
    A target that does not exist is refused (LookupError)."""
    if target_type not in TARGETS:
        raise LookupError(target_type)
    if level and level not in Follow.Level.values:
        raise ValueError(level)
    person_changed(person.pk)
    if not level:
        Follow.objects.filter(person=person, target_type=target_type, target_id=target_id).delete()
        return None
    if not TARGETS[target_type].objects.filter(pk=target_id).exists():
        raise LookupError(target_id)
    follow, _ = Follow.objects.update_or_create(
        person=person, target_type=target_type, target_id=target_id, defaults={"level": level}
    )
    return follow


def follows_of(person) -> list[Follow]:
    return list(Follow.objects.filter(person=person))


def follow_labels(follows) -> dict[tuple[str, int], str]:
    """Display names of the followed targets: one query per kind of target."""
    labels = {}
    for target_type, model in TARGETS.items():
        ids = [f.target_id for f in follows if f.target_type == target_type]
        if ids:
            for obj in model.objects.filter(pk__in=ids):
                labels[(target_type, obj.pk)] = str(obj)
    return labels
