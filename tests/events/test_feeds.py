"""iCal feeds per cluster and group, one event's .ics, and the schema.org markup."""

import datetime
import json
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from icalendar import Calendar

from knotenpunkt.events.models import Event, Invitation, TicketType
from tests.factories import GroupFactory, GroupMembershipFactory

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def make_event(cluster, title="Zukunftsgipfel", **fields):
    starts = fields.pop("starts_at", timezone.now() + datetime.timedelta(days=10))
    fields.setdefault("is_published", True)
    groups = fields.pop("groups", [])
    event = Event.objects.create(
        title=title,
        slug=slugify(title),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        **fields,
    )
    event.clusters.add(cluster)
    event.groups.set(groups)
    return event


def parse(response) -> Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def summaries(calendar: Calendar) -> list[str]:
    return [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]


def test_cluster_feed_lists_the_clusters_public_events(client, cluster, other_cluster):
    make_event(cluster, "Zukunftsgipfel")
    make_event(other_cluster, "Hafenabend")

    calendar = parse(client.get(reverse("events:cluster_feed", args=[cluster.slug])))

    assert summaries(calendar) == ["Zukunftsgipfel"]


def test_cluster_feed_leaves_out_restricted_and_unpublished_events(client, cluster):
    make_event(cluster, "Öffentlich")
    make_event(cluster, "Mitglieder", audience=Event.Audience.MEMBERS)
    make_event(cluster, "Geladene Gäste", audience=Event.Audience.INVITATION)
    make_event(cluster, "Entwurf", is_published=False)

    calendar = parse(client.get(reverse("events:cluster_feed", args=[cluster.slug])))

    assert summaries(calendar) == ["Öffentlich"]


def test_feed_times_carry_the_event_time_zone_with_its_definition(client, cluster):
    starts = datetime.datetime(2027, 7, 1, 18, 0, tzinfo=BERLIN)  # summer time, UTC+2
    make_event(cluster, "Sommerfest", starts_at=starts)

    response = client.get(reverse("events:cluster_feed", args=[cluster.slug]))

    assert b"DTSTART;TZID=Europe/Berlin:20270701T180000" in response.content
    vtimezone = parse(response).walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in vtimezone] == ["Europe/Berlin"]


def test_feed_entry_has_a_stable_uid_and_the_event_page(client, cluster, settings):
    settings.SITE_URL = "https://knotenpunkt.example"
    settings.CALENDAR_UID_DOMAIN = "knotenpunkt.example"
    event = make_event(cluster, "Zukunftsgipfel")

    entry = parse(client.get(reverse("events:cluster_feed", args=[cluster.slug]))).walk("VEVENT")[0]

    assert str(entry["UID"]) == f"event-{event.pk}@knotenpunkt.example"
    assert str(entry["URL"]) == "https://knotenpunkt.example/events/zukunftsgipfel/"


def test_feed_never_contains_the_join_link(client, cluster):
    make_event(
        cluster, "Webinar", format=Event.Format.ONLINE, join_url="https://meet.example/geheim"
    )

    response = client.get(reverse("events:cluster_feed", args=[cluster.slug]))

    assert b"meet.example" not in response.content
    assert str(parse(response).walk("VEVENT")[0]["LOCATION"]) == "Online"


def test_feed_of_an_unknown_cluster_is_not_found(client, db):
    assert client.get(reverse("events:cluster_feed", args=["gibt-es-nicht"])).status_code == 404


def test_group_feed_lists_the_groups_public_events(client, cluster):
    group = GroupFactory(slug="ki", clusters=[cluster])
    make_event(cluster, "KI-Stammtisch", groups=[group])
    make_event(cluster, "Sommerfest")

    calendar = parse(client.get(reverse("events:group_feed", args=["ki"])))

    assert summaries(calendar) == ["KI-Stammtisch"]


def test_invitation_only_club_has_no_feed_for_outsiders(client, cluster):
    GroupFactory(slug="cio-club", policy="invitation", clusters=[cluster])

    assert client.get(reverse("events:group_feed", args=["cio-club"])).status_code == 404


def test_invitation_only_club_feed_is_there_for_its_members(client_for, cluster, carol):
    club = GroupFactory(slug="cio-club", policy="invitation", clusters=[cluster])
    GroupMembershipFactory(group=club, person=carol.person)

    response = client_for(carol).get(reverse("events:group_feed", args=["cio-club"]))

    assert response.status_code == 200


def test_single_event_downloads_as_an_ics_file(client, cluster):
    make_event(cluster, "Zukunftsgipfel")

    response = client.get(reverse("events:event_ics", args=["zukunftsgipfel"]))

    assert response["Content-Disposition"] == 'attachment; filename="zukunftsgipfel.ics"'
    assert summaries(parse(response)) == ["Zukunftsgipfel"]


def test_invitation_only_event_file_is_not_found_for_strangers(client_for, cluster, dave):
    make_event(cluster, "CIO-Dinner", audience=Event.Audience.INVITATION)

    response = client_for(dave).get(reverse("events:event_ics", args=["cio-dinner"]))

    assert response.status_code == 404


def test_invited_guest_downloads_the_invitation_only_event_file(client_for, cluster, dave):
    event = make_event(cluster, "CIO-Dinner", audience=Event.Audience.INVITATION)
    Invitation.objects.create(event=event, person=dave.person)

    response = client_for(dave).get(reverse("events:event_ics", args=["cio-dinner"]))

    assert summaries(parse(response)) == ["CIO-Dinner"]


def json_ld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.text, re.DOTALL
    )
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_event_page_carries_schema_org_event_markup(client, cluster):
    starts = datetime.datetime(2027, 3, 4, 9, 0, tzinfo=BERLIN)
    event = make_event(
        cluster, "Zukunftsgipfel", starts_at=starts, venue_name="Halle 400", city="Kiel"
    )
    TicketType.objects.create(event=event, name="Standard", price_non_member=Decimal("89.00"))

    data = json_ld(client.get(event.get_absolute_url()))

    assert data["@type"] == "Event"
    assert data["name"] == "Zukunftsgipfel"
    assert data["startDate"] == "2027-03-04T09:00:00+01:00"
    assert data["location"]["address"]["addressLocality"] == "Kiel"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["offers"][0]["price"] == "89.00"
    assert data["organizer"][0]["name"] == cluster.name


def test_online_event_markup_points_to_the_page_not_the_join_link(client, cluster):
    event = make_event(
        cluster, "Webinar", format=Event.Format.ONLINE, join_url="https://meet.example/geheim"
    )

    response = client.get(event.get_absolute_url())

    assert json_ld(response)["location"]["@type"] == "VirtualLocation"
    assert "meet.example" not in response.text


def test_markup_cannot_be_broken_out_of_by_a_title(client, cluster):
    event = make_event(cluster, "Ende</script><script>alert(1)</script>")

    response = client.get(event.get_absolute_url())

    assert "<script>alert(1)" not in response.text
    assert json_ld(response)["name"] == "Ende</script><script>alert(1)</script>"
