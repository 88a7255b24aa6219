"""Listed postings and training offers in the members' personal feed."""

import datetime

import pytest
from django.utils import timezone

from knotenpunkt.feed.models import FeedEntry
from knotenpunkt.feed.rules import viewer_for
from knotenpunkt.feed.services import entries, follows, ranking
from knotenpunkt.jobs.models import JobPosting
from knotenpunkt.jobs.services.postings import (
    approve_posting,
    expire_postings,
    withdraw_posting,
)
from tests.jobs.conftest import make_posting

pytestmark = pytest.mark.django_db


def feed_titles(user):
    user = type(user).objects.get(pk=user.pk)
    return [item.entry.title for item in ranking.personal_feed(viewer_for(user), user).items]


def test_a_published_posting_is_a_public_item_of_its_organisation(
    bob, member_org, cluster, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        posting = make_posting(bob, member_org, topics=[topic])
    entry = FeedEntry.objects.get(source="jobs")
    assert entry.key == f"jobs.jobposting:{posting.pk}"
    assert (entry.kind, entry.title, entry.audience) == (
        "job",
        "Backend-Entwickler:in (Python)",
        "public",
    )
    assert entry.organisation_id == member_org.pk
    assert entry.topic_ids == [topic.pk] and entry.cluster_ids == [cluster.pk]
    assert entry.url == posting.get_absolute_url()
    # Shown until the end of its last day.
    assert timezone.localtime(entry.expires_at).date() == posting.valid_until + datetime.timedelta(
        days=1
    )


def test_a_training_offer_is_its_own_kind_and_reaches_followers_of_the_organisation(
    bob, carol, member_org
):
    make_posting(bob, member_org, kind=JobPosting.Kind.TRAINING, title="Python für Einsteiger")
    entries.refresh_all()
    assert FeedEntry.objects.get(source="jobs").kind == "training"
    follows.set_follow(carol.person, "organisation", member_org.pk, "watching")
    assert feed_titles(carol) == ["Python für Einsteiger"]


def test_drafts_and_postings_in_review_stay_out_until_approved(
    bob, alice, member_org, review_in_cluster, django_capture_on_commit_callbacks
):
    make_posting(bob, member_org, publish=False, title="Entwurf")
    with django_capture_on_commit_callbacks(execute=True):
        in_review = make_posting(bob, member_org, title="In Prüfung")
    assert in_review.status == JobPosting.Status.IN_REVIEW
    assert not FeedEntry.objects.filter(source="jobs").exists()
    with django_capture_on_commit_callbacks(execute=True):
        approve_posting(alice, in_review)
    assert list(FeedEntry.objects.filter(source="jobs").values_list("title", flat=True)) == [
        "In Prüfung"
    ]


def test_withdrawn_and_expired_postings_leave_the_feed(
    bob, carol, member_org, django_capture_on_commit_callbacks
):
    filled = make_posting(bob, member_org, title="Schon besetzt")
    ending = make_posting(bob, member_org, title="Läuft ab")
    entries.refresh_all()
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_posting(bob, filled)
    assert list(FeedEntry.objects.filter(source="jobs").values_list("title", flat=True)) == [
        "Läuft ab"
    ]
    # Past its date: the feed no longer shows it, even before the nightly run marks it.
    JobPosting.objects.filter(pk=ending.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    follows.set_follow(carol.person, "organisation", member_org.pk, "watching")
    assert "Läuft ab" not in feed_titles(carol)
    expire_postings(timezone.localdate())
    entries.refresh_all()
    assert not FeedEntry.objects.filter(source="jobs").exists()
