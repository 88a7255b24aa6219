"""The public event calendar: who sees which events, filters, archive, query count."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from knotenpunkt.directory.models import Topic
from knotenpunkt.events.access import user_may_view
from knotenpunkt.events.calendar import visible_events
from knotenpunkt.events.models import Event, Invitation
from tests.factories import GroupFactory, GroupMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
CALENDAR = reverse("events:calendar")


def make_event(cluster, title="Zukunftsgipfel", days=10, **fields):
    starts = timezone.now() + datetime.timedelta(days=days)
    fields.setdefault("is_published", True)
    fields.setdefault("slug", slugify(title))
    groups = fields.pop("groups", [])
    topics = fields.pop("topics", [])
    event = Event.objects.create(
        title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3), **fields
    )
    event.clusters.add(cluster)
    event.groups.set(groups)
    event.topics.set(topics)
    return event


def titles(response) -> list[str]:
    return [event.title for event in response.context["page"].object_list]


def test_anonymous_visitor_sees_published_public_events(client, cluster):
    make_event(cluster, "Zukunftsgipfel")
    make_event(cluster, "Entwurf", is_published=False)

    response = client.get(CALENDAR)

    assert response.status_code == 200
    assert titles(response) == ["Zukunftsgipfel"]
    assert "Entwurf" not in response.text


def test_upcoming_events_are_listed_soonest_first(client, cluster):
    make_event(cluster, "Später", days=30)
    make_event(cluster, "Bald", days=2)

    assert titles(client.get(CALENDAR)) == ["Bald", "Später"]


def test_members_only_events_are_announced_to_everyone(client, cluster):
    make_event(cluster, "Mitgliederabend", audience=Event.Audience.MEMBERS)

    assert titles(client.get(CALENDAR)) == ["Mitgliederabend"]


def test_invitation_only_event_is_hidden_from_those_not_invited(client_for, cluster, dave):
    make_event(cluster, "CIO-Dinner", audience=Event.Audience.INVITATION)

    assert titles(client_for(dave).get(CALENDAR)) == []


def test_invited_guest_sees_invitation_only_event(client_for, cluster, dave):
    event = make_event(cluster, "CIO-Dinner", audience=Event.Audience.INVITATION)
    Invitation.objects.create(event=event, person=dave.person)

    assert titles(client_for(dave).get(CALENDAR)) == ["CIO-Dinner"]


def test_staff_of_the_organising_cluster_see_invitation_only_events(client_for, cluster, alice):
    make_event(cluster, "CIO-Dinner", audience=Event.Audience.INVITATION)

    assert titles(client_for(alice).get(CALENDAR)) == ["CIO-Dinner"]


def test_staff_of_another_cluster_do_not_see_invitation_only_events(
    client_for, cluster, other_cluster
):
    staff = UserFactory()
    other_cluster.staff.add(staff)
    make_event(cluster, "CIO-Dinner", audience=Event.Audience.INVITATION)

    assert titles(client_for(staff).get(CALENDAR)) == []


def test_event_of_an_invitation_only_club_is_hidden_from_outsiders(client_for, cluster, dave):
    club = GroupFactory(name="IT-Executive-Club", policy="invitation", clusters=[cluster])
    make_event(cluster, "Clubabend", audience=Event.Audience.GROUP, groups=[club])

    assert titles(client_for(dave).get(CALENDAR)) == []


def test_event_of_an_invitation_only_club_is_shown_to_its_members(client_for, cluster, dave):
    club = GroupFactory(name="IT-Executive-Club", policy="invitation", clusters=[cluster])
    GroupMembershipFactory(group=club, person=dave.person)
    make_event(cluster, "Clubabend", audience=Event.Audience.GROUP, groups=[club])

    assert titles(client_for(dave).get(CALENDAR)) == ["Clubabend"]


def test_invitation_only_club_is_not_offered_as_filter_to_outsiders(client_for, cluster, dave):
    GroupFactory(name="IT-Executive-Club", policy="invitation", clusters=[cluster])
    GroupFactory(name="Fachgruppe KI", policy="open", clusters=[cluster])

    response = client_for(dave).get(CALENDAR)

    assert "Fachgruppe KI" in response.text
    assert "IT-Executive-Club" not in response.text


def test_calendar_agrees_with_the_event_access_rule(cluster, alice, bob, carol, dave):
    club = GroupFactory(policy="invitation", clusters=[cluster])
    open_group = GroupFactory(policy="open", clusters=[cluster])
    GroupMembershipFactory(group=club, person=carol.person)
    events = [
        make_event(cluster, f"Event {audience} {i}", audience=audience, groups=groups)
        for i, (audience, groups) in enumerate(
            [
                (Event.Audience.PUBLIC, []),
                (Event.Audience.MEMBERS, []),
                (Event.Audience.GROUP, [club]),
                (Event.Audience.GROUP, [open_group]),
                (Event.Audience.INVITATION, []),
            ]
        )
    ]
    Invitation.objects.create(event=events[-1], person=bob.person)

    for user in (AnonymousUser(), alice, bob, carol, dave):
        listed = set(visible_events(user).values_list("pk", flat=True))
        allowed = {e.pk for e in events if user_may_view(user, e)}
        assert listed == allowed, user


def test_past_events_appear_only_in_the_archive(client, cluster):
    make_event(cluster, "Rückblick", days=-30)
    make_event(cluster, "Ausblick", days=30)

    assert titles(client.get(CALENDAR)) == ["Ausblick"]
    assert titles(client.get(CALENDAR, {"period": "past"})) == ["Rückblick"]


def test_archive_lists_the_latest_event_first(client, cluster):
    make_event(cluster, "Vor einem Jahr", days=-365)
    make_event(cluster, "Letzte Woche", days=-7)

    assert titles(client.get(CALENDAR, {"period": "past"})) == ["Letzte Woche", "Vor einem Jahr"]


def test_event_running_right_now_is_still_upcoming(client, cluster):
    make_event(cluster, "Läuft gerade", days=0)
    Event.objects.update(starts_at=timezone.now() - datetime.timedelta(hours=1))

    assert titles(client.get(CALENDAR)) == ["Läuft gerade"]


def test_filter_by_topic_includes_its_subtopics(client, cluster):
    parent = Topic.objects.filter(children__isnull=False).first()
    child = parent.children.first()
    make_event(cluster, "Unterthema", topics=[child])
    make_event(cluster, "Ohne Thema")

    assert titles(client.get(CALENDAR, {"topic": parent.slug})) == ["Unterthema"]


def test_filter_by_cluster(client, cluster, other_cluster):
    make_event(cluster, "Digital")
    make_event(other_cluster, "Logistik")

    assert titles(client.get(CALENDAR, {"cluster": "logistik"})) == ["Logistik"]


def test_cluster_filter_offers_the_clusters_feed(client, cluster):
    response = client.get(CALENDAR, {"cluster": cluster.slug})

    assert reverse("events:cluster_feed", args=[cluster.slug]) in response.text


def test_filter_by_group(client, cluster):
    group = GroupFactory(name="Fachgruppe KI", slug="ki", clusters=[cluster])
    make_event(cluster, "KI-Stammtisch", groups=[group])
    make_event(cluster, "Sommerfest")

    assert titles(client.get(CALENDAR, {"group": "ki"})) == ["KI-Stammtisch"]


def test_filter_by_format(client, cluster):
    make_event(cluster, "Webinar", format=Event.Format.ONLINE)
    make_event(cluster, "Workshop", format=Event.Format.IN_PERSON)

    assert titles(client.get(CALENDAR, {"format": "online"})) == ["Webinar"]


def test_unknown_filter_value_shows_a_form_error_not_a_server_error(client, cluster):
    make_event(cluster, "Sommerfest")

    response = client.get(CALENDAR, {"cluster": "gibt-es-nicht", "format": "kino"})

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"cluster", "format"}


def test_htmx_request_gets_only_the_results(client, cluster):
    make_event(cluster, "Sommerfest")

    response = client.get(CALENDAR, headers={"HX-Request": "true"})

    assert 'id="results"' in response.text
    assert "<html" not in response.text
    assert "Sommerfest" in response.text


def test_calendar_is_paginated(client, cluster):
    for i in range(23):
        make_event(cluster, f"Treffen {i:02d}", days=i + 1)

    second = client.get(CALENDAR, {"page": 2})

    assert titles(second) == ["Treffen 20", "Treffen 21", "Treffen 22"]


def test_calendar_query_count_does_not_grow_with_the_events(
    client_for, cluster, carol, django_assert_max_num_queries
):
    group = GroupFactory(clusters=[cluster])
    topics = list(Topic.objects.all()[:3])
    for i in range(20):
        make_event(cluster, f"Treffen {i:02d}", days=i + 1, groups=[group], topics=topics)
    client = client_for(carol)

    with django_assert_max_num_queries(16):
        response = client.get(CALENDAR)

    assert len(titles(response)) == 20
