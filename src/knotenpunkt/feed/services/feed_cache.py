"""Caches of the personal feed page (docs/feed.md, "Performance"; docs/benchmarks.md).

- The ranked list of a person (entry ids, score, reason code, watching, their rating; the
  first CACHED_PAGES pages) is kept in Django's cache for RANKED_SECONDS. It is keyed by
  the person, the tab, a fingerprint of the viewer's facts (organisations, clusters,
  groups, staffed clusters: a changed membership is a new key) and two *generations*:
  the feed's, new when entries are refreshed, rated or shared or the popularity is
  recomputed (an entry's standing changed for everyone; opens count at most
  RANKED_SECONDS late), and the person's, new when their follows, ratings, consent or
  interest profile change. Every service that changes one of these calls
  `entries_changed()` or `person_changed()`, so a new follow or rating shows at once; old
  keys are never read again and expire on their own. The source apps are still asked on
  every page (ranking.ask_sources): the cache never shows what an app would refuse now.
- The rendered HTML of an item's content (title, summary, date; nothing personal) is kept
  per entry, language and the entry's refresh time in each web process's memory, like the
  directory's listings (directory/services/listing_cache.py): the same items are shown to
  many people, and reading them from a shared cache would cost a query each.
- The names of the topics, groups and organisations that reasons mention are kept there
  too, for NAME_SECONDS.
- The unread-notice count of the navigation's badge is kept per user until one of their
  notices is created, deleted or read (`notices_changed()`; saves and deletes of a Notice
  call it through receivers.py, the inbox when it marks them read), at most UNREAD_SECONDS.

A generation is a random number, not a count from 1: when the cache loses the key, the
next generation must not be one whose lists are still stored.
"""

import hashlib
import secrets

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

RANKED_SECONDS = 300
UNREAD_SECONDS = 600
CACHED_PAGES = 5
FEED_GENERATION_KEY = "feed:generation"
ITEM_SECONDS = 3600
# At most about 10 MB per process (a rendered item is about 1 kB).
_ITEMS = LocMemCache(
    "knotenpunkt-feed-items", {"TIMEOUT": ITEM_SECONDS, "OPTIONS": {"MAX_ENTRIES": 10000}}
)
NAME_SECONDS = 300
# The names of topics, groups and organisations the reasons mention, per language.
_NAMES = LocMemCache(
    "knotenpunkt-feed-names", {"TIMEOUT": NAME_SECONDS, "OPTIONS": {"MAX_ENTRIES": 20000}}
)


def _person_key(person_id: int) -> str:
    return f"feed:person:{person_id}:generation"


def _unread_key(user_id: int) -> str:
    return f"feed:user:{user_id}:unread"


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not set yet, or evicted
        cache.set(key, secrets.randbits(40), timeout=None)


def _bump_now_and_after_commit(key: str) -> None:
    """Now, so that the writer's next page shows the change; after the commit, because a
    list ranked by someone else in between was stored with the data before the commit."""
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


def entries_changed() -> None:
    """Entries were refreshed or the popularity recomputed: every list is ranked anew."""
    _bump_now_and_after_commit(FEED_GENERATION_KEY)


def person_changed(person_id: int) -> None:
    """The person's follows, ratings, consent or profile changed: their list anew."""
    _bump_now_and_after_commit(_person_key(person_id))


def _generations(person_id: int) -> tuple[int | None, int | None]:
    keys = [FEED_GENERATION_KEY, _person_key(person_id)]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, secrets.randbits(40), timeout=None)
        found = cache.get_many(keys)
    return found.get(keys[0]), found.get(keys[1])


def _fingerprint(viewer) -> str:
    facts = "|".join(
        ",".join(map(str, sorted(ids)))
        for ids in (
            viewer.organisation_ids,
            viewer.member_cluster_ids,
            viewer.staffed_cluster_ids,
            viewer.group_ids,
        )
    )
    return hashlib.blake2b(f"{facts}|{viewer.is_superuser}".encode(), digest_size=8).hexdigest()


def ranked_key(viewer, tab: str) -> str | None:
    """The cache key of the viewer's ranked list on `tab`; None if nothing is kept."""
    if viewer.person is None:
        return None
    feed, person = _generations(viewer.person.pk)
    if feed is None or person is None:  # a cache that keeps nothing (dummycache)
        return None
    return f"feed:ranked:{viewer.person.pk}:{tab}:{feed}:{person}:{_fingerprint(viewer)}"


def get_ranked(key: str | None):
    return None if key is None else cache.get(key)


def set_ranked(key: str | None, ranked: list) -> None:
    if key is not None:
        cache.set(key, ranked, RANKED_SECONDS)


def item_key(entry, language: str) -> str:
    return f"{entry.pk}:{language}:{entry.refreshed_at.timestamp() if entry.refreshed_at else 0}"


TARGETS = ("topic_ids", "cluster_ids", "group_ids")
# pk -> (refreshed_at, topic ids, cluster ids, group ids) of entries ranked in this process.
# A plain dict, not a LocMemCache like the items: every freshly ranked page reads up to 400
# of these, and LocMemCache would unpickle each one.
_TARGETS: dict[int, tuple] = {}
MAX_TARGETS = 50000


def entry_targets(rows) -> dict[int, tuple]:
    """{pk: (topic ids, cluster ids, group ids)} of the rows (pk, refreshed_at, ...): from
    this process's memory while the entry's refresh time is the same, else read (one query
    for all missing). A refresh that changes an entry sets a new refresh time."""
    found, missing = {}, []
    for row in rows:
        kept = _TARGETS.get(row[0])
        if kept is not None and kept[0] == row[1]:
            found[row[0]] = kept[1:]
        else:
            missing.append(row[0])
    if missing:
        from knotenpunkt.feed.models import FeedEntry

        if len(_TARGETS) > MAX_TARGETS:
            _TARGETS.clear()
        for pk, refreshed_at, *targets in FeedEntry.objects.filter(pk__in=missing).values_list(
            "pk", "refreshed_at", *TARGETS
        ):
            _TARGETS[pk] = (refreshed_at, *targets)
            found[pk] = tuple(targets)
    return found


def clear_items() -> None:
    """Forget the rendered items and names of this process (tests)."""
    _ITEMS.clear()
    _NAMES.clear()
    _TARGETS.clear()


def get_items(keys: list[str]) -> dict:
    return _ITEMS.get_many(keys)


def set_item(key: str, html: str) -> None:
    _ITEMS.set(key, html)


def get_names(keys: list[tuple[str, int, str]]) -> dict[tuple[str, int], str]:
    """The cached names of reasons' targets: (kind, pk, language) -> {(kind, pk): name}."""
    found = _NAMES.get_many([f"{code}:{pk}:{language}" for code, pk, language in keys])
    return {
        (code, pk): found[f"{code}:{pk}:{language}"]
        for code, pk, language in keys
        if f"{code}:{pk}:{language}" in found
    }


def set_names(names: dict[tuple[str, int, str], str]) -> None:
    _NAMES.set_many(
        {f"{code}:{pk}:{language}": name for (code, pk, language), name in names.items()}
    )


def notices_changed(user_id: int | None) -> None:
    """A notice of the user was created, deleted or read: the badge is counted anew."""
    if user_id is None:
        return
    cache.delete(_unread_key(user_id))
    transaction.on_commit(lambda: cache.delete(_unread_key(user_id)))


def unread_count(user_id: int, count) -> int:
    """The user's unread notices, counted by `count()` once per change (or UNREAD_SECONDS)."""
    key = _unread_key(user_id)
    unread = cache.get(key)
    if unread is None:
        unread = count()
        cache.set(key, unread, UNREAD_SECONDS)
    return unread
