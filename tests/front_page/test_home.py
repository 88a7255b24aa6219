"""The front page shows what happens in the network, each part as its app lets the
visitor see it: a guest sees only what is public."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.events.models import Event
from knotenpunkt.front_page.services import network_overview
from knotenpunkt.mailings.models import MailingList
from knotenpunkt.matching.models import Need
from knotenpunkt.procurement.models import Offering
from tests.factories import EventFactory, MembershipFactory, OrganisationFactory
from tests.procurement.orders_support import listed_offering

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def home(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.text


def need(cluster, organisation, title, visibility=Need.Visibility.PUBLIC, **fields):
    return Need.objects.create(
        cluster=cluster,
        organisation=organisation,
        title=title,
        text="Wir suchen Unterstützung.",
        visibility=visibility,
        **fields,
    )


def test_a_guest_sees_upcoming_announced_events_but_no_invitation_only_ones(client, cluster):
    EventFactory(title="Digitalfrühstück Kiel", clusters=[cluster])
    EventFactory(title="Vorstandsessen", audience=Event.Audience.INVITATION, clusters=[cluster])
    EventFactory(title="Entwurf", is_published=False, clusters=[cluster])
    EventFactory(
        title="Vorbei",
        starts_at=timezone.now() - 3 * DAY,
        ends_at=timezone.now() - 2 * DAY,
        clusters=[cluster],
    )
    EventFactory(title="Abgesagt", cancelled_at=timezone.now(), clusters=[cluster])
    page = home(client)
    assert "Digitalfrühstück Kiel" in page
    for hidden in ("Vorstandsessen", "Entwurf", "Vorbei", "Abgesagt"):
        assert hidden not in page


def test_events_come_soonest_first(client, cluster):
    later = EventFactory(title="Später", starts_at=timezone.now() + 20 * DAY)
    sooner = EventFactory(title="Früher", starts_at=timezone.now() + 2 * DAY)
    later.clusters.set([cluster])
    sooner.clusters.set([cluster])
    page = home(client)
    assert page.index("Früher") < page.index("Später")


def test_a_guest_sees_public_needs_and_anonymous_ones_without_the_poster(
    client, cluster, member_org
):
    need(cluster, member_org, "Neue Website für die Gemeinde")
    need(cluster, member_org, "Heikle Sicherheitsfrage", Need.Visibility.ANONYMOUS)
    need(cluster, member_org, "Nur für Mitglieder", Need.Visibility.MEMBERS)
    need(cluster, member_org, "Erledigt", status=Need.Status.CLOSED)
    overview = network_overview(AnonymousUser())
    titles = {n.title: n for n in overview.needs}
    assert set(titles) == {"Neue Website für die Gemeinde", "Heikle Sicherheitsfrage"}
    assert titles["Heikle Sicherheitsfrage"].author_hidden
    page = home(client)
    assert "Heikle Sicherheitsfrage" in page and "Nur für Mitglieder" not in page


def test_a_member_of_the_cluster_also_sees_its_members_only_needs(
    client_for, cluster, member_org, carol
):
    other = OrganisationFactory(name="Hafenbetriebe Kiel")
    MembershipFactory(organisation=other, cluster=cluster)
    need(cluster, other, "Nur für Mitglieder", Need.Visibility.MEMBERS)
    assert "Nur für Mitglieder" in home(client_for(carol))


def test_new_members_are_listed_organisations_with_a_running_membership_newest_first(
    client, cluster
):
    today = timezone.localdate()
    for name, start, end, listed in [
        ("Alte Hasen GmbH", today - 900 * DAY, None, True),
        ("Frisch dabei GmbH", today - 10 * DAY, None, True),
        ("Ungelistet GmbH", today - 5 * DAY, None, False),
        ("Schon weg GmbH", today - 300 * DAY, today - 2 * DAY, True),
        ("Kommt erst GmbH", today + 5 * DAY, None, True),
    ]:
        organisation = OrganisationFactory(name=name, is_listed=listed)
        MembershipFactory(
            organisation=organisation, cluster=cluster, start_date=start, end_date=end
        )
    page = home(client)
    assert page.index("Frisch dabei GmbH") < page.index("Alte Hasen GmbH")
    for hidden in ("Ungelistet GmbH", "Schon weg GmbH", "Kommt erst GmbH"):
        assert hidden not in page


def test_an_organisation_in_two_clusters_is_a_new_member_once(cluster, other_cluster):
    organisation = OrganisationFactory(name="Doppelt GmbH")
    MembershipFactory(organisation=organisation, cluster=cluster)
    MembershipFactory(organisation=organisation, cluster=other_cluster)
    members = network_overview(AnonymousUser()).new_members
    assert [m.organisation for m in members] == [organisation]


def test_new_offerings_are_published_ones_not_withdrawn_ones(client, member_org):
    listed_offering(member_org, slug="termin-online")
    withdrawn = listed_offering(member_org, slug="zurueckgezogen")
    Offering.objects.filter(pk=withdrawn.offering_id).update(withdrawn_at=timezone.now())
    offerings = network_overview(AnonymousUser()).offerings
    assert [v.offering.slug for v in offerings] == ["termin-online"]
    assert reverse("procurement:offering", args=["termin-online"]) in home(client)


def test_the_newsletter_sign_up_is_offered_for_each_active_newsletter(client, cluster):
    MailingList.objects.create(cluster=cluster, name="Newsletter", slug="newsletter")
    MailingList.objects.create(cluster=cluster, name="Alt", slug="alt", is_active=False)
    page = home(client)
    assert f"{reverse('mailings:subscribe')}?cluster=diwish&amp;list=newsletter" in page
    assert "list=alt" not in page


def test_the_clusters_are_shown_with_their_pages(client, cluster, other_cluster):
    page = home(client)
    assert reverse("directory:cluster", args=[cluster.slug]) in page
    assert reverse("directory:cluster", args=[other_cluster.slug]) in page


def test_an_empty_network_shows_the_search_and_no_empty_sections(client):
    page = home(client)
    assert 'name="q"' in page
    assert 'id="home-events"' not in page and 'id="home-needs"' not in page


def fill_network(cluster, member_org, start, stop):
    for i in range(start, stop):
        EventFactory(clusters=[cluster])
        need(cluster, member_org, f"Bedarf {i}")
        organisation = OrganisationFactory()
        MembershipFactory(organisation=organisation, cluster=cluster)
        listed_offering(organisation, slug=f"angebot-{i}")
        MailingList.objects.create(cluster=cluster, name=f"Liste {i}", slug=f"liste-{i}")


@pytest.mark.parametrize("who", ["guest", "carol"])
def test_the_front_page_needs_the_same_few_queries_however_full_the_network_is(
    client, cluster, member_org, carol, who, django_assert_max_num_queries
):
    if who == "carol":
        client.force_login(carol)
    fill_network(cluster, member_org, 0, 2)
    with django_assert_max_num_queries(17) as few:  # 16 and the unread-notice badge
        home(client)
    fill_network(cluster, member_org, 2, 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = home(client)
    assert page.count('class="kern-card kp-accent kp-accent--diwish"') >= 8
