"""Activities are realised by platform objects: staff pick them from what their cluster
owns (never another cluster's), and progress is counted from them, not typed."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.events.models import Event
from knotenpunkt.kpis.models import Kpi
from knotenpunkt.mailings.models import Mailing, MailingList, MailingRecipient
from knotenpunkt.matching.models import Contact, Need
from knotenpunkt.strategy.models import Activity, ActivityLink, Result
from knotenpunkt.strategy.services.links import figures_of_links
from knotenpunkt.strategy.services.tree import annotate_progress, link_object, tree_nodes
from tests.factories import (
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    TicketTypeFactory,
)

TZ = datetime.UTC


@pytest.fixture
def activity(tree):
    return Activity.objects.get(title="KI-Sprechstunden")


def _link(activity, obj):
    return ActivityLink.objects.create(
        activity=activity,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
    )


def _event(cluster, title, starts_at, checked_in=0, registered=0):
    event = EventFactory(title=title, clusters=[cluster], starts_at=starts_at)
    ticket = TicketTypeFactory(event=event)
    for i in range(checked_in + registered):
        RegistrationFactory(
            ticket_type=ticket,
            event=event,
            checked_in_at=starts_at if i < checked_in else None,
        )
    return event


def test_the_activity_page_offers_only_the_clusters_own_objects(
    client_for, alice, cluster, other_cluster, activity
):
    EventFactory(title="Eigene Sprechstunde", clusters=[cluster])
    EventFactory(title="Fremder Logistiktag", clusters=[other_cluster])
    GroupFactory(name="Fachgruppe KI", clusters=[cluster])
    GroupFactory(name="Fremde Fachgruppe", clusters=[other_cluster])
    page = client_for(alice).get(reverse("strategy:activity", args=[activity.pk])).content.decode()
    assert "Eigene Sprechstunde" in page
    assert "Fachgruppe KI" in page
    assert "Fremder Logistiktag" not in page
    assert "Fremde Fachgruppe" not in page


def test_linking_another_clusters_event_is_refused(client_for, alice, other_cluster, activity):
    foreign = EventFactory(title="Fremder Logistiktag", clusters=[other_cluster])
    response = client_for(alice).post(
        reverse("strategy:link", args=[activity.pk]), {"kind": "event", "object": foreign.pk}
    )
    assert response.status_code == 403
    assert not activity.links.exists()


def test_staff_link_an_event_of_their_cluster(client_for, alice, cluster, activity):
    event = EventFactory(title="KI-Sprechstunde März", clusters=[cluster])
    response = client_for(alice).post(
        reverse("strategy:link", args=[activity.pk]), {"kind": "event", "object": event.pk}
    )
    assert response.status_code == 302
    assert activity.links.get().target == event
    page = client_for(alice).get(reverse("strategy:activity", args=[activity.pk]))
    assert "KI-Sprechstunde März" in page.content.decode()


def test_progress_counts_held_events_and_checked_in_attendees(cluster, activity):
    held = _event(cluster, "Sprechstunde 1", datetime.datetime(2025, 3, 4, 10, tzinfo=TZ), 5, 2)
    later = _event(cluster, "Sprechstunde 2", datetime.datetime(2026, 5, 6, 10, tzinfo=TZ), 3)
    upcoming = _event(cluster, "Sprechstunde 3", timezone.now() + datetime.timedelta(days=60))
    called_off = _event(cluster, "Abgesagt", datetime.datetime(2025, 9, 1, 10, tzinfo=TZ))
    Event.objects.filter(pk=called_off.pk).update(cancelled_at=timezone.now())
    for event in (held, later, upcoming, called_off):
        _link(activity, event)
    links = list(ActivityLink.objects.select_related("content_type"))
    assert figures_of_links(links)[activity.pk] == {"events_held": 2, "attendees": 8}
    assert figures_of_links(links, 2025)[activity.pk] == {"events_held": 1, "attendees": 5}


def test_progress_counts_group_members_recipients_and_accepted_contacts(
    cluster, member_org, activity
):
    group = GroupFactory(name="Fachgruppe KI", clusters=[cluster])
    for _ in range(3):
        GroupMembershipFactory(group=group)
    GroupMembershipFactory(group=group, status="requested")
    newsletter = MailingList.objects.create(cluster=cluster, name="News", slug="news")
    mailing = Mailing.objects.create(
        cluster=cluster, mailing_list=newsletter, subject="KI-Special", status="sent"
    )
    for i in range(4):
        MailingRecipient.objects.create(
            mailing=mailing,
            person=PersonFactory(),
            email=f"r{i}@example.org",
            status="sent" if i < 3 else "failed",
        )
    need = Need.objects.create(
        cluster=cluster, organisation=member_org, title="KI-Partner", text="…"
    )
    Contact.objects.create(need=need, provider=OrganisationFactory(), status="accepted")
    Contact.objects.create(need=need, provider=OrganisationFactory(), status="interested")
    for obj in (group, mailing, need):
        _link(activity, obj)
    links = list(ActivityLink.objects.select_related("content_type"))
    assert figures_of_links(links)[activity.pk] == {
        "group_members": 3,
        "mailings_sent": 1,
        "recipients": 3,
        "accepted_contacts": 1,
    }


def test_a_result_counted_from_links_shows_its_yearly_value_against_the_target(cluster, activity):
    _event(cluster, "Sprechstunde 1", datetime.datetime(2025, 3, 4, 10, tzinfo=TZ))
    _event(cluster, "Sprechstunde 2", datetime.datetime(2025, 6, 4, 10, tzinfo=TZ))
    for event in Event.objects.all():
        _link(activity, event)
    fields = list(tree_nodes(cluster))
    annotate_progress(fields, cluster)
    result = next(
        r
        for f in fields
        for g in f.goals.all()
        for a in g.activities.all()
        for r in a.results.all()
        if r.title == "Sprechstunden durchgeführt"
    )
    by_year = {row.year: (row.value, row.target, row.reached) for row in result.years}
    assert by_year[2025][0] == 2
    assert by_year[2025][2] is False  # target 4
    assert by_year[2026][0] == 0


def test_a_result_linked_to_a_kpi_shows_the_kpis_value(cluster, activity):
    from knotenpunkt.core import registry

    registry.register_measure(
        "strategy_test_measure",
        "Test",
        "count",
        lambda query: {pk: dict.fromkeys(query.years, 7) for pk in [*query.cluster_ids, None]},
        sources=("events.Event",),
    )
    try:
        kpi = Kpi.objects.get(key="events_held")
        kpi.measure = "strategy_test_measure"
        kpi.save()
        result = Result.objects.get(kpi=kpi)
        result.targets.create(year=2026, target=5)
        fields = list(tree_nodes(cluster))
        annotate_progress(fields, cluster)
        shown = next(
            r
            for f in fields
            for g in f.goals.all()
            for a in g.activities.all()
            for r in a.results.all()
            if r.pk == result.pk
        )
        assert [(row.year, row.value, row.reached) for row in shown.years] == [(2026, 7, True)]
    finally:
        registry._MEASURES.pop("strategy_test_measure", None)


def test_a_link_to_a_deleted_object_is_shown_as_deleted(client_for, alice, cluster, activity):
    event = EventFactory(title="Gestrichen", clusters=[cluster])
    link_object(alice, activity, "event", event.pk)
    event.delete()
    response = client_for(alice).get(reverse("strategy:activity", args=[activity.pk]))
    assert response.status_code == 200
