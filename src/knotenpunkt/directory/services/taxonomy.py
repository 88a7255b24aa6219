"""The taxonomy of themes and competences (seeded by migration directory 0002)."""

from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import get_language

from knotenpunkt.directory.models import Topic
from knotenpunkt.directory.services.listing_cache import directory_changed

# Every directory page shows the topic filter; building the tree costs a few
# milliseconds, so it is kept per process and language until a topic changes.
_TREE_CACHE: dict[str, tuple[tuple, list[tuple[Topic, int]]]] = {}


def topic_tree() -> list[tuple[Topic, int]]:
    """All topics in tree order with their depth, for pickers and filters."""
    state = tuple(Topic.objects.aggregate(n=Count("pk"), changed=Max("updated_at")).values())
    language = get_language() or "de"
    cached = _TREE_CACHE.get(language)
    if cached is None or cached[0] != state:
        cached = _TREE_CACHE[language] = (state, _build_topic_tree())
    return cached[1]


def topic_and_narrower(topic: Topic) -> list[int]:
    """The ids of the topic and every topic below it, from the kept tree (a filter by
    topic also finds what is filed under a narrower one)."""
    ids, depth_of_topic = [], None
    for candidate, depth in topic_tree():
        if depth_of_topic is not None:
            if depth <= depth_of_topic:
                break
            ids.append(candidate.pk)
        elif candidate.pk == topic.pk:
            ids.append(candidate.pk)
            depth_of_topic = depth
    return ids or [topic.pk]


def _build_topic_tree() -> list[tuple[Topic, int]]:
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
    """A topic's labels or synonyms changed: re-index its organisations in the background,
    and start a new listing generation (the filter form and the search's abbreviations
    are kept per generation)."""
    from knotenpunkt.directory.tasks import rebuild_search_index

    directory_changed()
    ids = list(topic.organisations.values_list("pk", flat=True))
    if ids:
        transaction.on_commit(lambda: rebuild_search_index.enqueue(ids))
