"""Opens, ratings and the profiling consent (docs/feed.md, "What is recorded").

- An open is recorded (a Usage row, the entry's and the clusters' counters) only for a
  person whose latest profiling consent is granted; otherwise nothing is written.
- A rating is an explicit act and is always kept (one per person and entry): it counts in
  the entry's anonymous figures, which rank the entry for everyone. It becomes a Usage row
  (the person's interest profile, the popularity in their clusters) only with the consent.
- Withdrawing the consent deletes the person's Usage rows and the learned part of the
  profile at once, and recomputes the popularity of their clusters after commit.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import log_action, register_action
from knotenpunkt.directory.models import Membership, Position
from knotenpunkt.feed.models import FeedEntry, NetworkPopularity, Rating, Usage
from knotenpunkt.feed.services.feed_cache import entries_changed, person_changed
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import (
    end_what_consent_allowed,
    on_consent_withdrawn,
    record_consent,
)

PROFILING = Consent.Purpose.PROFILING
register_action("feed.profiling.granted", _("Consent to a personalised feed given"))
register_action("feed.profiling.withdrawn", _("Consent to a personalised feed withdrawn"))

# What one act adds to an entry's popularity in the actor's clusters.
POPULARITY = {
    Usage.Kind.OPEN: 1.0,
    Usage.Kind.SHARE: 3.0,
    Usage.Kind.USEFUL: 2.0,
    Usage.Kind.NOT_USEFUL: -2.0,
}
POPULARITY_DAYS = 90


def has_profiling_consent(person) -> bool:
    """The person's latest decision on profiling; never decided means no."""
    if person is None:
        return False
    latest = (
        Consent.objects.filter(person=person, purpose=PROFILING)
        .order_by("-recorded_at", "-id")
        .values_list("granted", flat=True)
        .first()
    )
    return bool(latest)


def _member_clusters(person) -> list[int]:
    organisations = Position.objects.current().filter(person=person).values("organisation_id")
    return list(
        Membership.objects.in_force()
        .filter(organisation_id__in=organisations)
        .values_list("cluster_id", flat=True)
        .distinct()
    )


def _record(person, entry: FeedEntry, kind: str) -> None:
    Usage.objects.create(person=person, entry=entry, kind=kind)
    for cluster_id in _member_clusters(person):
        popularity, created = NetworkPopularity.objects.get_or_create(
            entry=entry, cluster_id=cluster_id, defaults={"score": POPULARITY[kind]}
        )
        if not created:
            NetworkPopularity.objects.filter(pk=popularity.pk).update(
                score=F("score") + POPULARITY[kind]
            )


def record_open(person, entry: FeedEntry) -> bool:
    """Record that the person opened the entry, if (and only if) they consented."""
    if not has_profiling_consent(person):
        return False
    with transaction.atomic():
        FeedEntry.objects.filter(pk=entry.pk).update(opens=F("opens") + 1)
        _record(person, entry, Usage.Kind.OPEN)
    return True


@transaction.atomic
def rate_entry(person, entry: FeedEntry, useful: bool) -> Rating:
    """Rate an entry useful or not; a second rating replaces the first."""
    previous = Rating.objects.select_for_update().filter(person=person, entry=entry).first()
    if previous is not None and previous.useful == useful:
        return previous
    counters = {}
    if previous is not None:
        old = "useful" if previous.useful else "not_useful"
        counters[old] = F(old) - 1
    new = "useful" if useful else "not_useful"
    counters[new] = F(new) + 1
    FeedEntry.objects.filter(pk=entry.pk).update(**counters)
    rating, _ = Rating.objects.update_or_create(
        person=person, entry=entry, defaults={"useful": useful}
    )
    # The rater's list (their rating) and everyone's (the entry's standing) are ranked anew.
    person_changed(person.pk)
    entries_changed()
    if has_profiling_consent(person):
        _record(person, entry, Usage.Kind.USEFUL if useful else Usage.Kind.NOT_USEFUL)
    return rating


def record_share(person, entry: FeedEntry) -> None:
    """The sharing service counts the share; the profile learns of it only with consent."""
    FeedEntry.objects.filter(pk=entry.pk).update(shares=F("shares") + 1)
    entries_changed()
    if has_profiling_consent(person):
        _record(person, entry, Usage.Kind.SHARE)


@transaction.atomic
def set_profiling_consent(actor, person, granted: bool, *, source: str, ip=None) -> bool:
    """Give or withdraw the profiling consent from the feed page; False if unchanged."""
    if has_profiling_consent(person) == granted:
        return False
    record_consent(person, PROFILING, granted, source=source, ip=ip)
    person_changed(person.pk)
    if granted:
        log_action(actor, "feed.profiling.granted", person)
    else:
        # delete_usage runs as one of the hooks, beside those of later apps (personas).
        end_what_consent_allowed(person, PROFILING, source=source, ip=ip)
        log_action(actor, "feed.profiling.withdrawn", person)
    return True


def delete_usage(person) -> int:
    """Delete everything learned from the person's use: their Usage rows and the learned
    topic weights; their clusters' popularity is recomputed after commit."""
    from knotenpunkt.feed.services.interests import compute_profile

    deleted, _ = Usage.objects.filter(person=person).delete()
    compute_profile(person, with_usage=False)
    clusters = _member_clusters(person)
    if deleted and clusters:
        from knotenpunkt.feed.tasks import recompute_popularity

        transaction.on_commit(lambda: recompute_popularity.enqueue(clusters))
    return deleted


def _withdrawn_on_privacy_page(person, *, source, ip=None) -> None:
    # The privacy page records the withdrawal itself; here only the data goes.
    delete_usage(person)


on_consent_withdrawn(PROFILING, _withdrawn_on_privacy_page)


def recompute_popularity(cluster_ids=None) -> int:
    """Rebuild the popularity per cluster from the last 90 days of Usage (nightly, and
    after a withdrawal), with the clusters people belong to today."""
    since = timezone.now() - timedelta(days=POPULARITY_DAYS)
    person_clusters: dict[int, list[int]] = {}
    for person_id, cluster_id in (
        Membership.objects.in_force()
        .filter(organisation__positions__in=Position.objects.current())
        .values_list("organisation__positions__person_id", "cluster_id")
        .distinct()
    ):
        person_clusters.setdefault(person_id, []).append(cluster_id)
    scores: dict[tuple[int, int], float] = {}
    for person_id, entry_id, kind in (
        Usage.objects.filter(at__gte=since)
        .values_list("person_id", "entry_id", "kind")
        .iterator(chunk_size=5000)
    ):
        for cluster_id in person_clusters.get(person_id, ()):
            if cluster_ids is None or cluster_id in cluster_ids:
                key = (entry_id, cluster_id)
                scores[key] = scores.get(key, 0.0) + POPULARITY[kind]
    with transaction.atomic():
        stale = NetworkPopularity.objects.all()
        if cluster_ids is not None:
            stale = stale.filter(cluster_id__in=cluster_ids)
        stale.delete()
        NetworkPopularity.objects.bulk_create(
            [
                NetworkPopularity(entry_id=e, cluster_id=c, score=s)
                for (e, c), s in scores.items()
                if s > 0
            ],
            batch_size=2000,
        )
        entries_changed()
    return len(scores)
