"""The personal feed ("Für Sie") and the popular tab, explainable (docs/feed.md).

score = 100 if watched
      + relevance   (topics: sum of the profile's weights of the item's topics, at most 6;
                     groups: the highest group weight; organisation: its weight)
      + freshness   (2 · 0.5^(days since published / 14))
      + popularity  (log(1 + opens + 3·shares + 2·useful − 2·not useful), at least 0)
      + network     (1.5 · log(1 + popularity in the viewer's clusters))
      + peers       (1.5 · log(1 + popularity among people like the viewer), feed/peers.py)
      + 0.5 if the item belongs to one of the viewer's clusters
      − 5 if the viewer rated it not useful
Muted topics, organisations and groups are never shown. The reason shown is the largest part.
"""

import math
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import F, Q, Subquery
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from knotenpunkt.directory.models import Organisation, Topic
from knotenpunkt.feed.models import FeedEntry, FeedEntryTag, Follow, NetworkPopularity, Rating
from knotenpunkt.feed.peers import peer_popularity, with_peers
from knotenpunkt.feed.registry import kind_label, source
from knotenpunkt.feed.rules import FeedViewer, visible_entries
from knotenpunkt.feed.services import feed_cache
from knotenpunkt.feed.services.follows import follows_of
from knotenpunkt.feed.services.interests import profile_for
from knotenpunkt.groups.models import Group

Tag = FeedEntryTag.Kind
PER_PAGE = 20
INTEREST_CANDIDATES = 300
RECENT_CANDIDATES = 100
POPULAR_CANDIDATES = 60
MAX_CANDIDATES = 400
WATCHED = 100.0
FOLLOWED = 3.0
TOPIC_CAP = 6.0
FRESHNESS = 2.0
HALF_LIFE_DAYS = 14.0
NETWORK = 1.5
OWN_CLUSTER = 0.5
RATED_NOT_USEFUL = -5.0
FIELDS = (
    "id",
    "key",
    "source",
    "kind",
    "title",
    "summary",
    "url",
    "published_at",
    "audience",
    "organisation_id",
    "topic_ids",
    "cluster_ids",
    "group_ids",
    "opens",
    "shares",
    "useful",
    "not_useful",
    "refreshed_at",
)
SCORING = (
    "pk",
    "refreshed_at",
    "published_at",
    "organisation_id",
    "opens",
    "shares",
    "useful",
    "not_useful",
)


@dataclass
class Ranked:
    entry: FeedEntry
    score: float
    reason: tuple  # (code, target id or None), turned into text for the page's items
    watched: bool = False
    rating: bool | None = None
    reason_text: str = ""
    kind_label: str = ""
    content: str = ""  # the rendered item without its personal parts (feed/rendering.py)
    html: str = ""  # the whole rendered item (feed/rendering.py)


@dataclass
class FeedPage:
    items: list[Ranked]
    number: int
    has_next: bool
    candidates: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1


@dataclass
class Interests:
    topics: dict[int, float]
    groups: dict[int, float]
    organisations: dict[int, float]
    watched: set[tuple[str, int]]
    muted: set[tuple[str, int]]


def interests_of(person) -> Interests:
    """The precomputed profile with the person's follows on top (two queries)."""
    profile = profile_for(person)
    topics = {int(k): v for k, v in profile.topic_weights.items()}
    groups = {int(k): v for k, v in profile.group_weights.items()}
    organisations = {int(k): v for k, v in profile.organisation_weights.items()}
    watched, muted = set(), set()
    weights = {
        Follow.Target.TOPIC: topics,
        Follow.Target.GROUP: groups,
        Follow.Target.ORGANISATION: organisations,
    }
    for follow in follows_of(person):
        target = (follow.target_type, follow.target_id)
        table = weights[follow.target_type]
        if follow.level == Follow.Level.MUTED:
            muted.add(target)
            table.pop(follow.target_id, None)
            continue
        if follow.level == Follow.Level.WATCHING:
            watched.add(target)
        table[follow.target_id] = max(table.get(follow.target_id, 0.0), 0.0) + FOLLOWED
    return Interests(topics, groups, organisations, watched, muted)


def _targets(entry: FeedEntry):
    yield from ((Follow.Target.TOPIC, t) for t in entry.topic_ids)
    yield from ((Follow.Target.GROUP, g) for g in entry.group_ids)
    if entry.organisation_id:
        yield (Follow.Target.ORGANISATION, entry.organisation_id)


def score_entry(entry, interests: Interests, viewer: FeedViewer, network: float, rating, now):
    """(score, reason, watched) of one candidate; None if muted."""
    targets = set(_targets(entry))
    if targets & interests.muted:
        return None
    watched = targets & interests.watched
    reasons = []  # (part of the score, reason)
    topic_weights = [(interests.topics.get(t, 0.0), t) for t in entry.topic_ids]
    topic_score = max(-TOPIC_CAP, min(TOPIC_CAP, sum(w for w, _ in topic_weights)))
    if topic_weights and max(topic_weights)[0] > 0:
        reasons.append((topic_score, ("topic", max(topic_weights)[1])))
    group_weights = [(interests.groups.get(g, 0.0), g) for g in entry.group_ids]
    group_score = max(group_weights)[0] if group_weights else 0.0
    if group_score > 0:
        reasons.append((group_score, ("group", max(group_weights)[1])))
    organisation_score = interests.organisations.get(entry.organisation_id or 0, 0.0)
    if organisation_score > 0:
        code = "organisation" if organisation_score >= FOLLOWED else "own_organisation"
        reasons.append((organisation_score, (code, entry.organisation_id)))
    age_days = abs((now - entry.published_at).total_seconds()) / 86400
    freshness = FRESHNESS * 0.5 ** (age_days / HALF_LIFE_DAYS)
    crowd = entry.opens + 3 * entry.shares + 2 * entry.useful - 2 * entry.not_useful
    popularity = math.log1p(max(0, crowd))
    network_score = NETWORK * math.log1p(max(0.0, network))
    if network_score > 0:
        reasons.append((network_score, ("popular", None)))
    own_cluster = OWN_CLUSTER if set(entry.cluster_ids) & viewer.cluster_ids else 0.0
    score = (
        topic_score
        + max(0.0, group_score)
        + max(0.0, organisation_score)
        + freshness
        + popularity
        + network_score
        + own_cluster
        + (RATED_NOT_USEFUL if rating is False else 0.0)
        + (WATCHED if watched else 0.0)
    )
    if watched:
        reason = ("watching", sorted(watched)[0])
    elif reasons:
        reason = max(reasons, key=lambda r: r[0])[1]
    else:
        reason = ("cluster", None) if own_cluster else ("new", None)
    return score, reason, bool(watched)


def _interest_filter(interests: Interests):
    topics = sorted(interests.topics, key=interests.topics.get, reverse=True)[:50]
    wanted = Q(pk__in=[])
    positive = [t for t in topics if interests.topics[t] > 0]
    if positive:
        wanted |= Q(kind=Tag.TOPIC, value__in=positive)
    if interests.groups:
        wanted |= Q(kind=Tag.GROUP, value__in=list(interests.groups))
    if interests.organisations:
        wanted |= Q(kind=Tag.ORGANISATION, value__in=list(interests.organisations))
    return FeedEntryTag.objects.filter(wanted).values("entry_id")


class Candidate:
    """What ranking needs of an entry (no title, summary or address: those are read for
    the shown page only), read as plain values instead of model instances."""

    __slots__ = (*SCORING, *feed_cache.TARGETS)

    def __init__(self, row, targets):
        for name, value in zip(SCORING, row, strict=True):
            setattr(self, name, value)
        self.topic_ids, self.cluster_ids, self.group_ids = targets


def _candidates_of(rows) -> list[Candidate]:
    """Candidates of SCORING rows, with their topics, clusters and groups from
    feed_cache.entry_targets (kept per process: decoding them was a good part of a page)."""
    rows = list(rows)
    targets = feed_cache.entry_targets(rows)
    return [Candidate(row, targets[row[0]]) for row in rows if row[0] in targets]


def candidates(viewer: FeedViewer, interests: Interests, now) -> tuple[list, dict]:
    """At most MAX_CANDIDATES visible entries (as Candidates): those about the person's
    interests, the newest, and the most popular in their clusters; with the network
    popularity. Two queries where the database takes sliced parts of a UNION
    (PostgreSQL), else up to four."""
    network: dict[int, float] = {}
    if viewer.cluster_ids:
        for entry_id, score in (
            NetworkPopularity.objects.filter(cluster_id__in=viewer.cluster_ids)
            .order_by("-score")
            .values_list("entry_id", "score")[:POPULAR_CANDIDATES]
        ):
            network[entry_id] = max(network.get(entry_id, 0.0), score)
    visible = visible_entries(viewer, now).values_list(*SCORING)
    parts = []
    if interests.topics or interests.groups or interests.organisations:
        interest = visible.filter(pk__in=Subquery(_interest_filter(interests)))
        parts.append(interest.order_by("-published_at")[:INTEREST_CANDIDATES])
    parts.append(visible.order_by("-published_at")[:RECENT_CANDIDATES])
    if network:
        parts.append(visible.filter(pk__in=list(network)))
    if len(parts) > 1 and connection.features.supports_slicing_ordering_in_compound:
        parts = [parts[0].union(*parts[1:])]
    rows: dict[int, tuple] = {}
    for part in parts:
        for row in part:
            rows.setdefault(row[0], row)
    entries = sorted(_candidates_of(rows.values()), key=lambda e: e.published_at, reverse=True)
    return entries[:MAX_CANDIDATES], network


def _page(ranked: list[Ranked], number: int, viewer, user) -> tuple[list[Ranked], bool]:
    """The page's items with their entries read in full (still live and visible), kept by
    their source apps and described."""
    start = (number - 1) * PER_PAGE
    rows = ranked[start : start + PER_PAGE]
    entries = visible_entries(viewer).only(*FIELDS).in_bulk([r.entry.pk for r in rows])
    shown = []
    for r in rows:
        if r.entry.pk in entries:
            r.entry = entries[r.entry.pk]
            shown.append(r)
    shown = ask_sources(shown, user)
    describe(shown)
    return shown, len(ranked) > start + PER_PAGE


def ask_sources(items: list[Ranked], user) -> list[Ranked]:
    """Keep what each source app lets the user see (one question per source)."""
    if user is None or getattr(user, "is_superuser", False):
        return items
    by_source: dict[str, list[int]] = {}
    for item in items:
        by_source.setdefault(item.entry.source, []).append(int(item.entry.key.rsplit(":", 1)[1]))
    allowed: dict[str, set[int]] = {}
    for name, ids in by_source.items():
        registered = source(name)
        if registered is not None and registered.visible is not None:
            allowed[name] = registered.visible(user, ids)
    return [
        item
        for item in items
        if item.entry.source not in allowed
        or int(item.entry.key.rsplit(":", 1)[1]) in allowed[item.entry.source]
    ]


def describe(items: list[Ranked]) -> None:
    """The reason and kind of each shown item, in words (one query per kind of target)."""
    wanted: dict[str, set[int]] = {"topic": set(), "group": set(), "organisation": set()}
    for item in items:
        code, target = item.reason
        if code == "watching":
            wanted[target[0]].add(target[1])
        elif code in wanted:
            wanted[code].add(target)
    # Names are kept for a few minutes per process and language (feed_cache.names): a
    # renamed topic, group or organisation shows its new name at most that late.
    language = get_language() or ""
    names = feed_cache.get_names(
        [(code, pk, language) for code, pks in wanted.items() for pk in pks]
    )
    for code, model in (("topic", Topic), ("group", Group), ("organisation", Organisation)):
        missing = [pk for pk in wanted[code] if (code, pk) not in names]
        if missing:
            found = {(code, o.pk): str(o) for o in model.objects.filter(pk__in=missing)}
            feed_cache.set_names({(c, pk, language): name for (c, pk), name in found.items()})
            names.update(found)
    for item in items:
        code, target = item.reason
        item.kind_label = str(kind_label(item.entry.source, item.entry.kind))
        if code == "watching":
            item.reason_text = _("Because you watch %(name)s") % {"name": names.get(target, "")}
        elif code == "topic":
            item.reason_text = _("Because you follow the topic %(topic)s") % {
                "topic": names.get(("topic", target), "")
            }
        elif code == "group":
            item.reason_text = _("From your group %(group)s") % {
                "group": names.get(("group", target), "")
            }
        elif code == "organisation":
            item.reason_text = _("From %(organisation)s, which you follow") % {
                "organisation": names.get(("organisation", target), "")
            }
        elif code == "own_organisation":
            item.reason_text = _("From your organisation")
        elif code == "popular":
            item.reason_text = _("Popular in your network")
        elif code == "peers":
            item.reason_text = _("Popular with people like you")
        elif code == "cluster":
            item.reason_text = _("New in your cluster")
        else:
            item.reason_text = _("New on the platform")
    _localize(items)


def _localize(items: list[Ranked]) -> None:
    """Let each source show its items in the reader's language (where it offers that)."""
    by_source: dict[str, list[FeedEntry]] = {}
    for item in items:
        by_source.setdefault(item.entry.source, []).append(item.entry)
    for name, entries in by_source.items():
        registered = source(name)
        if registered is not None and registered.localize is not None:
            registered.localize(entries, get_language())


def _ratings(person) -> dict[int, bool]:
    """All of the person's ratings (a handful: cheaper than asking for the candidates)."""
    return dict(Rating.objects.filter(person=person).values_list("entry_id", "useful"))


def personal_feed(viewer: FeedViewer, user=None, *, page: int = 1, now: datetime | None = None):
    """The viewer's page of the personal feed, ranked with a reason per item."""
    now = now or timezone.now()
    return _cached_page(viewer, user, "for_you", page, now, lambda: _rank_personal(viewer, now))


def _rank_personal(viewer: FeedViewer, now) -> tuple[list[Ranked], int]:
    interests = interests_of(viewer.person)
    entries, network = candidates(viewer, interests, now)
    ratings = _ratings(viewer.person)
    peers = peer_popularity(viewer.person)
    ranked = []
    for entry in entries:
        scored = score_entry(
            entry, interests, viewer, network.get(entry.pk, 0.0), ratings.get(entry.pk), now
        )
        if scored is not None:
            score, reason, watched = scored
            score, reason = with_peers(score, reason, peers.get(entry.pk, 0.0))
            ranked.append(Ranked(entry, score, reason, watched, ratings.get(entry.pk)))
    ranked.sort(key=lambda r: (r.score, r.entry.published_at), reverse=True)
    return ranked, len(entries)


def popular_feed(viewer: FeedViewer, user=None, *, page: int = 1):
    """Items most opened, shared and rated useful by people of the viewer's clusters (of
    everybody when they belong to none)."""
    now = timezone.now()
    return _cached_page(viewer, user, "popular", page, now, lambda: _rank_popular(viewer))


def _rank_popular(viewer: FeedViewer) -> tuple[list[Ranked], int]:
    interests = interests_of(viewer.person)
    visible = visible_entries(viewer).values_list(*SCORING)
    if viewer.cluster_ids:
        scores: dict[int, float] = {}
        for entry_id, score in (
            NetworkPopularity.objects.filter(cluster_id__in=viewer.cluster_ids)
            .order_by("-score")
            .values_list("entry_id", "score")[:MAX_CANDIDATES]
        ):
            scores[entry_id] = scores.get(entry_id, 0.0) + score
        entries = _candidates_of(visible.filter(pk__in=list(scores)))
    else:
        crowd = F("opens") + 3 * F("shares") + 2 * F("useful") - 2 * F("not_useful")
        entries = _candidates_of(
            visible.alias(crowd=crowd).filter(crowd__gt=0).order_by("-crowd")[:MAX_CANDIDATES]
        )
        scores = {e.pk: e.opens + 3 * e.shares + 2 * e.useful - 2 * e.not_useful for e in entries}
    ratings = _ratings(viewer.person)
    ranked = [
        Ranked(e, scores.get(e.pk, 0.0), ("popular", None), rating=ratings.get(e.pk))
        for e in entries
        if not set(_targets(e)) & interests.muted
    ]
    ranked.sort(key=lambda r: (r.score, r.entry.published_at), reverse=True)
    return ranked, len(entries)


def _cached_page(viewer, user, tab: str, number: int, now, rank) -> FeedPage:
    """A page of the ranked list; the first CACHED_PAGES pages from the person's cached
    list (feed_cache). Either way the page's entries are read again (live and visible)."""
    key = feed_cache.ranked_key(viewer, tab) if number <= feed_cache.CACHED_PAGES else None
    stored = feed_cache.get_ranked(key)
    if stored is None:
        ranked, count = rank()
        if key is not None:
            kept = [
                (r.entry.pk, r.entry.published_at, r.score, r.reason, r.watched, r.rating)
                for r in ranked[: feed_cache.CACHED_PAGES * PER_PAGE]
            ]
            feed_cache.set_ranked(key, (kept, len(ranked), count))
        shown, has_next = _page(ranked, number, viewer, user)
        return FeedPage(shown, number, has_next, count)
    kept, total, count = stored
    start = (number - 1) * PER_PAGE
    rows = [
        Ranked(_Stub(pk, published_at), score, tuple(reason), watched, rating)
        for pk, published_at, score, reason, watched, rating in kept[start : start + PER_PAGE]
    ]
    shown, _has_next = _page(rows, 1, viewer, user)
    return FeedPage(shown, number, total > start + PER_PAGE, count)


@dataclass
class _Stub:
    pk: int
    published_at: datetime
