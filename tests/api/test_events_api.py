"""The public calendar through the API: what a visitor sees on the calendar page, never
group or invitation-only events, unpublished ones or join links."""

import datetime

from django.utils import timezone

from knotenpunkt.events.models import Event
from tests.factories import EventFactory


def test_lists_what_a_visitor_sees_soonest_first(client, cluster, other_cluster):
    later = EventFactory(title="Digitalgipfel", clusters=[cluster])
    sooner = EventFactory(
        title="Mittagstisch",
        clusters=[other_cluster],
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
    )
    EventFactory(title="Nur für die Gruppe", audience=Event.Audience.GROUP, clusters=[cluster])
    EventFactory(title="Entwurf", is_published=False, clusters=[cluster])
    EventFactory(
        title="Online-Runde",
        format=Event.Format.ONLINE,
        join_url="https://meet.example/geheim",
        clusters=[cluster],
    )
    body = client.get("/api/v1/events").json()
    titles = [e["title"] for e in body["results"]]
    assert titles[0] == "Mittagstisch" and set(titles) == {
        "Mittagstisch",
        "Digitalgipfel",
        "Online-Runde",
    }
    assert "geheim" not in str(body)
    by_cluster = client.get("/api/v1/events", {"cluster": "logistik"}).json()
    assert [e["slug"] for e in by_cluster["results"]] == [sooner.slug]
    assert client.get(f"/api/v1/events/{later.slug}").json()["clusters"] == ["diwish"]


def test_past_events_and_hidden_ones(client, cluster):
    past = EventFactory(
        title="Rückblick",
        clusters=[cluster],
        starts_at=timezone.now() - datetime.timedelta(days=10),
        ends_at=timezone.now() - datetime.timedelta(days=10) + datetime.timedelta(hours=2),
    )
    hidden = EventFactory(audience=Event.Audience.INVITATION, clusters=[cluster])
    assert client.get("/api/v1/events").json()["count"] == 0
    archive = client.get("/api/v1/events", {"period": "past"}).json()
    assert [e["slug"] for e in archive["results"]] == [past.slug]
    assert client.get(f"/api/v1/events/{hidden.slug}").status_code == 404
