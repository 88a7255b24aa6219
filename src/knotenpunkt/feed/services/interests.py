"""A person's interests, precomputed into an InterestProfile (docs/feed.md, "Ranking").

Weights per topic: the person's own interests 2, their organisations' topics 1, topics of
events they attended in the last year 0.5 each (at most 2 in all per topic); with the
profiling consent also what they did in the feed in the last 180 days (opened 0.2,
shared 0.5, rated useful 0.5, not useful -0.5; between -2 and 2 per topic). Groups: 4 for
each group they are an active member of, 1 for groups of events they attended.
Organisations: 1 for their own.
"""

from collections import defaultdict
from datetime import timedelta

from django.utils import timezone

from knotenpunkt.directory.models import Organisation, Position
from knotenpunkt.events.models import Event, Registration
from knotenpunkt.feed.models import InterestProfile, Usage
from knotenpunkt.feed.services.feed_cache import person_changed
from knotenpunkt.groups.models import GroupMembership

OWN_TOPIC = 2.0
ORGANISATION_TOPIC = 1.0
ATTENDED_TOPIC = 0.5
ATTENDED_TOPIC_CAP = 2.0
MEMBER_GROUP = 4.0
ATTENDED_GROUP = 1.0
OWN_ORGANISATION = 1.0
LEARNED = {
    Usage.Kind.OPEN: 0.2,
    Usage.Kind.SHARE: 0.5,
    Usage.Kind.USEFUL: 0.5,
    Usage.Kind.NOT_USEFUL: -0.5,
}
LEARNED_CAP = 2.0
LEARNED_DAYS = 180


def learned_topic_weights(person) -> dict[int, float]:
    """Topic weights from the person's recorded usage (only recorded with consent)."""
    since = timezone.now() - timedelta(days=LEARNED_DAYS)
    weights: dict[int, float] = defaultdict(float)
    for kind, topic_ids in Usage.objects.filter(person=person, at__gte=since).values_list(
        "kind", "entry__topic_ids"
    ):
        for topic_id in topic_ids or ():
            weights[topic_id] += LEARNED[kind]
    return {t: max(-LEARNED_CAP, min(LEARNED_CAP, w)) for t, w in weights.items() if w}


def compute_profile(person, *, with_usage: bool | None = None) -> InterestProfile:
    """Recompute and store the person's profile; usage counts only with the consent."""
    from knotenpunkt.feed.services.usage import has_profiling_consent

    if with_usage is None:
        with_usage = has_profiling_consent(person)
    topics: dict[int, float] = defaultdict(float)
    groups: dict[int, float] = defaultdict(float)
    for topic_id in person.topics.values_list("pk", flat=True):
        topics[topic_id] += OWN_TOPIC
    organisation_ids = list(
        Position.objects.current().filter(person=person).values_list("organisation_id", flat=True)
    )
    for topic_id in Organisation.topics.through.objects.filter(
        organisation_id__in=organisation_ids
    ).values_list("topic_id", flat=True):
        topics[topic_id] += ORGANISATION_TOPIC
    since = timezone.now() - timedelta(days=365)
    attended = Registration.objects.filter(
        person=person, status=Registration.Status.CONFIRMED, event__starts_at__gte=since
    ).values("event_id")
    attended_topics: dict[int, float] = defaultdict(float)
    for topic_id in Event.topics.through.objects.filter(event_id__in=attended).values_list(
        "topic_id", flat=True
    ):
        attended_topics[topic_id] = min(
            ATTENDED_TOPIC_CAP, attended_topics[topic_id] + ATTENDED_TOPIC
        )
    for topic_id, weight in attended_topics.items():
        topics[topic_id] += weight
    for group_id in Event.groups.through.objects.filter(event_id__in=attended).values_list(
        "group_id", flat=True
    ):
        groups[group_id] = max(groups[group_id], ATTENDED_GROUP)
    for group_id in GroupMembership.objects.filter(
        person=person, status=GroupMembership.Status.ACTIVE
    ).values_list("group_id", flat=True):
        groups[group_id] = MEMBER_GROUP
    learned = learned_topic_weights(person) if with_usage else {}
    for topic_id, weight in learned.items():
        topics[topic_id] += weight
    person_changed(person.pk)
    profile, _ = InterestProfile.objects.update_or_create(
        person=person,
        defaults={
            "topic_weights": {str(t): round(w, 3) for t, w in topics.items() if w},
            "group_weights": {str(g): w for g, w in groups.items()},
            "organisation_weights": {str(o): OWN_ORGANISATION for o in organisation_ids},
            "learned_topic_weights": {str(t): round(w, 3) for t, w in learned.items()},
        },
    )
    return profile


def profile_for(person) -> InterestProfile:
    """The stored profile, computed on first use (the nightly task keeps it current)."""
    profile = InterestProfile.objects.filter(person=person).first()
    return profile if profile is not None else compute_profile(person)
