"""The feed page made cheap: the follows page, the caches (and what resets them), the
bounded queries, the meetings' visibility asked in bulk, the cached unread badge."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.feed.models import FeedEntry, Follow, NetworkPopularity
from knotenpunkt.feed.rules import viewer_for
from knotenpunkt.feed.services import entries, follows, sharing
from knotenpunkt.feed.services.interests import compute_profile
from knotenpunkt.feed.sources import visible_meeting_ids
from knotenpunkt.groups import access as group_access
from tests.factories import (
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    MeetingFactory,
    UserFactory,
)


@pytest.fixture
def events(cluster, cloud, security):
    cloud_event = EventFactory(
        title="Cloud-Frühstück",
        clusters=[cluster],
        starts_at=timezone.now() + datetime.timedelta(days=10),
    )
    cloud_event.topics.add(cloud)
    other = EventFactory(
        title="Sicherheitstag",
        clusters=[cluster],
        starts_at=timezone.now() + datetime.timedelta(days=5),
    )
    other.topics.add(security)
    entries.refresh_all()
    return cloud_event, other


# Ranked afresh: one more than before personas ("popular with people like you": one read).
QUERIES_RANKED = 22
QUERIES_CACHED = 16


def items_of(page: str) -> list[str]:
    """The items' titles in the order shown."""
    titles = []
    for part in page.split('<li class="feed-item kern-card"')[1:]:
        start = part.index('<a href="/feed/open/')
        titles.append(part[part.index(">", start) + 1 : part.index("</a>", start)])
    return titles


def item_html(page: str, entry: FeedEntry) -> str:
    start = page.index(f'id="entry-{entry.pk}"')
    return page[start : page.index("</li>", start)]


def test_the_follow_settings_have_their_own_page(client_for, bob, cloud, security, events):
    follows.set_follow(bob.person, Follow.Target.TOPIC, cloud.pk, Follow.Level.WATCHING)
    client = client_for(bob)
    feed = client.get(reverse("feed:feed")).content.decode()
    assert reverse("feed:follows") in feed
    assert 'id="follow-topic"' not in feed  # the topics' <select> left the feed page
    page = client.get(reverse("feed:follows")).content.decode()
    assert "Thema: Cloud" in page
    assert f'<option value="{security.pk}">Sicherheit</option>' in page
    response = client.post(
        reverse("feed:follow"),
        {
            "target_type": "topic",
            "target_id": security.pk,
            "level": "muted",
            "next": reverse("feed:follows"),
        },
    )
    assert response["Location"] == reverse("feed:follows")
    assert Follow.objects.get(person=bob.person, target_id=security.pk).level == "muted"


def test_the_follows_page_needs_a_person(client_for, alice):
    assert client_for(alice).get(reverse("feed:follows")).status_code == 403


def test_a_new_follow_shows_at_once(client_for, bob, security, events):
    client = client_for(bob)
    assert items_of(client.get(reverse("feed:feed")).content.decode())[0] == "Sicherheitstag"
    cloud = FeedEntry.objects.get(title="Cloud-Frühstück")
    client.post(
        reverse("feed:follow"),
        {"target_type": "topic", "target_id": cloud.topic_ids[0], "level": "watching"},
    )
    page = client.get(reverse("feed:feed")).content.decode()
    assert items_of(page)[0] == "Cloud-Frühstück"
    assert "Weil Sie Cloud beobachten" in item_html(page, cloud)
    client.post(
        reverse("feed:follow"),
        {"target_type": "topic", "target_id": security.pk, "level": "muted"},
    )
    assert "Sicherheitstag" not in items_of(client.get(reverse("feed:feed")).content.decode())


def test_a_rating_shows_at_once_and_only_to_the_rater(client_for, bob, carol, events):
    entry = FeedEntry.objects.get(title="Sicherheitstag")
    client = client_for(bob)
    assert 'value="1" class="kern-btn kern-btn--tertiary" aria-pressed="false"' in item_html(
        client.get(reverse("feed:feed")).content.decode(), entry
    )
    client.post(reverse("feed:rate", args=[entry.pk]), {"useful": "1"})
    own = item_html(client.get(reverse("feed:feed")).content.decode(), entry)
    assert 'value="1" class="kern-btn kern-btn--tertiary" aria-pressed="true"' in own
    other = item_html(client_for(carol).get(reverse("feed:feed")).content.decode(), entry)
    assert 'aria-pressed="true"' not in other


def test_the_htmx_rating_answers_with_the_pressed_button(client_for, bob, events):
    entry = FeedEntry.objects.get(title="Sicherheitstag")
    response = client_for(bob).post(
        reverse("feed:rate", args=[entry.pk]), {"useful": "0"}, HTTP_HX_REQUEST="true"
    )
    form = response.content.decode()
    assert 'value="0" class="kern-btn kern-btn--tertiary" aria-pressed="true"' in form
    assert 'name="csrfmiddlewaretoken"' in form


def test_two_people_never_see_each_others_reasons(client_for, bob, carol, cloud, events):
    follows.set_follow(bob.person, Follow.Target.TOPIC, cloud.pk, Follow.Level.TRACKING)
    entry = FeedEntry.objects.get(title="Cloud-Frühstück")
    bobs = item_html(client_for(bob).get(reverse("feed:feed")).content.decode(), entry)
    carols = item_html(client_for(carol).get(reverse("feed:feed")).content.decode(), entry)
    assert "Weil Sie dem Thema Cloud folgen" in bobs
    assert "Weil Sie dem Thema" not in carols
    # and the other way round, with Bob's page (and the item) already cached
    bobs = item_html(client_for(bob).get(reverse("feed:feed")).content.decode(), entry)
    assert "Weil Sie dem Thema Cloud folgen" in bobs


def test_a_new_entry_shows_at_once(client_for, bob, cluster, events):
    client = client_for(bob)
    client.get(reverse("feed:feed"))
    EventFactory(
        title="Hackathon",
        clusters=[cluster],
        starts_at=timezone.now() + datetime.timedelta(days=2),
    )
    entries.refresh_all()
    assert "Hackathon" in items_of(client.get(reverse("feed:feed")).content.decode())


def test_a_changed_title_shows_at_once(client_for, bob, events):
    cloud_event, _other = events
    client = client_for(bob)
    client.get(reverse("feed:feed"))
    cloud_event.title = "Cloud-Abend"
    cloud_event.save()
    entries.refresh_all()
    titles = items_of(client.get(reverse("feed:feed")).content.decode())
    assert "Cloud-Abend" in titles and "Cloud-Frühstück" not in titles


def test_withdrawing_the_consent_ranks_without_what_was_learned(client_for, bob, cloud, events):
    client = client_for(bob)
    client.post(reverse("feed:consent"), {"granted": "1"})
    cloud_entry = FeedEntry.objects.get(title="Cloud-Frühstück")
    for _ in range(5):
        client.get(reverse("feed:open", args=[cloud_entry.pk]))
    NetworkPopularity.objects.all().delete()  # only what the profile learned counts here
    compute_profile(bob.person)
    learned = item_html(client.get(reverse("feed:feed")).content.decode(), cloud_entry)
    assert "Weil Sie dem Thema Cloud folgen" in learned
    client.post(reverse("feed:consent"), {"granted": "0"})
    after = item_html(client.get(reverse("feed:feed")).content.decode(), cloud_entry)
    assert "Weil Sie dem Thema Cloud folgen" not in after


def test_joining_a_group_shows_its_meetings_at_once(client_for, bob, cluster):
    group = GroupFactory(name="KI-Gruppe", clusters=[cluster], policy="cluster_members")
    MeetingFactory(group=group, title="KI-Treffen")
    entries.refresh_all()
    client = client_for(bob)
    assert items_of(client.get(reverse("feed:feed")).content.decode()) == []
    GroupMembershipFactory(group=group, person=bob.person)
    assert items_of(client.get(reverse("feed:feed")).content.decode()) == ["KI-Gruppe: KI-Treffen"]


def test_the_feed_page_stays_within_its_queries_cached_or_not(
    client_for, bob, cluster, cloud, security, django_assert_max_num_queries
):
    group = GroupFactory(name="KI-Gruppe", clusters=[cluster], policy="on_request")
    GroupMembershipFactory(group=group, person=bob.person)
    for n in range(30):
        event = EventFactory(title=f"Event {n}", clusters=[cluster])
        event.topics.add(cloud)
        MeetingFactory(group=group, title=f"Treffen {n}")
    entries.refresh_all()
    follows.set_follow(bob.person, Follow.Target.TOPIC, cloud.pk, Follow.Level.TRACKING)
    client = client_for(bob)
    client.get(reverse("feed:feed"))  # the profile is computed once
    follows.set_follow(bob.person, Follow.Target.TOPIC, security.pk, Follow.Level.TRACKING)
    with django_assert_max_num_queries(QUERIES_RANKED):  # ranked afresh
        first = client.get(reverse("feed:feed")).content.decode()
    with django_assert_max_num_queries(QUERIES_CACHED):  # the ranked list from the cache
        again = client.get(reverse("feed:feed")).content.decode()
    assert first.count('class="feed-item kern-card') == 20
    assert items_of(again) == items_of(first)


@pytest.mark.parametrize("policy", ["open", "cluster_members", "on_request", "invitation"])
def test_meeting_visibility_asked_in_bulk_is_the_groups_rule(
    policy, bob, carol, alice, dave, cluster, django_assert_max_num_queries
):
    groups = [GroupFactory(clusters=[cluster], policy=policy) for _ in range(3)]
    GroupMembershipFactory(group=groups[0], person=bob.person)
    GroupMembershipFactory(group=groups[1], person=bob.person, status="invited")
    meetings = [MeetingFactory(group=group) for group in groups for _ in range(2)]
    admin = UserFactory(is_superuser=True)
    for user in (bob, carol, alice, dave, admin):
        user = type(user).objects.get(pk=user.pk)  # nothing cached on the user yet
        expected = {m.pk for m in meetings if group_access.can_view_documents(user, m.group)}
        user = type(user).objects.get(pk=user.pk)
        with django_assert_max_num_queries(4):
            assert visible_meeting_ids(user, [m.pk for m in meetings]) == expected


def test_the_unread_badge_follows_new_and_read_notices(client_for, bob, carol, events):
    client = client_for(carol)
    badge = 'class="kern-badge" aria-label'
    assert badge not in client.get(reverse("feed:inbox")).content.decode()
    sharing.share_entry(viewer_for(bob), carol.person, FeedEntry.objects.first(), "")
    assert badge in client.get(reverse("feed:follows")).content.decode()
    client.get(reverse("feed:inbox"))
    assert badge not in client.get(reverse("feed:follows")).content.decode()
