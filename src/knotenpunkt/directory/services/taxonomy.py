"""The taxonomy of themes and competences (seeded by migration directory 0002)."""

from django.db import transaction

from knotenpunkt.directory.models import Topic


def topic_tree() -> list[tuple[Topic, int]]:
    """All topics in tree order with their depth, for pickers and filters."""
    topics = list(Topic.objects.all())
    children: dict[int | None, list[Topic]] = {}
    for t in topics:
        children.setdefault(t.parent_id, []).append(t)
    ordered: list[tuple[Topic, int]] = []

    def walk(parent_id, depth):
        for t in sorted(children.get(parent_id, []), key=lambda t: t.label.lower()):
            ordered.append((t, depth))
            walk(t.pk, depth + 1)

    walk(None, 0)
    return ordered


def topic_changed(topic: Topic) -> None:
    """A topic's labels or synonyms changed: re-index its organisations in the background."""
    from knotenpunkt.directory.tasks import rebuild_search_index

    ids = list(topic.organisations.values_list("pk", flat=True))
    if ids:
        transaction.on_commit(lambda: rebuild_search_index.enqueue(ids))
