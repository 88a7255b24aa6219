"""The public directory listing: filters, counts and pages, and what it keeps cached."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.html import escape

from knotenpunkt.directory.models import Membership, Region, Topic
from knotenpunkt.directory.services.listing_cache import GENERATION_KEY
from knotenpunkt.directory.services.memberships import admit_member
from knotenpunkt.directory.services.search import refresh_search_index
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory

URL = reverse_lazy("directory:organisations")


def listed(response) -> int:
    return response.text.count('class="org-item"')


@pytest.fixture
def robotics(cluster):
    """25 members whose name says Robotik, and one that does not."""
    for n in range(25):
        MembershipFactory(
            cluster=cluster, organisation=OrganisationFactory(name=f"Robotik {n:02} GmbH")
        )
    MembershipFactory(cluster=cluster, organisation=OrganisationFactory(name="Webwerk GmbH"))


def test_search_results_are_counted_and_split_into_pages(client, robotics):
    first = client.get(URL, {"q": "Robotik"})
    assert "25 Organisationen" in first.text
    assert listed(first) == 20
    assert 'href="?q=Robotik&amp;page=2" rel="next"' in first.text
    second = client.get(URL, {"q": "Robotik", "page": "2"})
    assert "25 Organisationen" in second.text
    assert listed(second) == 5


def test_a_search_page_beyond_the_last_shows_the_last_and_a_bad_one_the_first(client, robotics):
    beyond = client.get(URL, {"q": "Robotik", "page": "9"})
    assert "Seite 2 von 2" in beyond.text
    assert listed(beyond) == 5
    bad = client.get(URL, {"q": "Robotik", "page": "zwei"})
    assert "Seite 1 von 2" in bad.text
    assert listed(bad) == 20


def test_a_search_without_hits_says_so(client, robotics):
    response = client.get(URL, {"q": "Quitamvel"})
    assert "0 Organisationen" in response.text
    assert "Keine Organisation entspricht Ihrer Suche." in response.text


def test_directory_filters_by_the_cluster_topic_and_region_in_the_address(
    client, cluster, other_cluster
):
    topic = Topic.objects.filter(children__isnull=False).first()
    region = Region.objects.first()
    match = OrganisationFactory(name="Treffer GmbH", region=region)
    match.topics.add(topic.children.first())  # a subtopic counts for its parent
    refresh_search_index([match.pk])
    other_topic = OrganisationFactory(name="Anderes Thema GmbH", region=region)
    elsewhere = OrganisationFactory(name="Anderswo GmbH")
    elsewhere.topics.add(topic)
    other_cluster_member = OrganisationFactory(name="Anderer Cluster GmbH", region=region)
    other_cluster_member.topics.add(topic)
    for org in (match, other_topic, elsewhere):
        MembershipFactory(cluster=cluster, organisation=org)
    MembershipFactory(cluster=other_cluster, organisation=other_cluster_member)

    response = client.get(URL, {"cluster": cluster.slug, "topic": topic.slug, "region": region.ags})
    assert "Treffer GmbH" in response.text
    assert listed(response) == 1
    assert f'<option value="{topic.slug}" selected>' in response.text


def test_an_unknown_cluster_topic_or_region_is_named_as_an_error(client, member_org):
    response = client.get(URL, {"cluster": "nope", "topic": "nope", "region": "0"})
    assert response.text.count("Bitte eine gültige Auswahl treffen.") == 3
    assert "Nordlicht Software GmbH" in response.text


def test_each_listed_organisation_shows_its_first_six_topics(client, member_org):
    topics = list(Topic.objects.order_by("label_de")[:8])
    member_org.topics.add(*topics)
    response = client.get(URL)
    for topic in topics[:6]:
        assert f"<li>{escape(topic.label_de)}</li>" in response.text
    for topic in topics[6:]:
        assert f"<li>{escape(topic.label_de)}</li>" not in response.text


def test_a_new_search_needs_only_its_own_queries(client, member_org, django_assert_max_num_queries):
    client.get(URL, {"q": "Nordlicht"})
    # The filter form's clusters, topics and regions are kept per process: a search
    # nobody made before reads its page (with the count) and the page's topics.
    with django_assert_max_num_queries(2):
        response = client.get(URL, {"q": "Software", "actor_type": "business"})
    assert "Nordlicht Software GmbH" in response.text


def test_the_filter_offers_a_new_cluster_once_the_directory_changed(client, alice, cluster):
    client.get(URL)
    newcomer = ClusterFactory(name="Ostsee-Cluster", slug="ostsee")
    admit_member(
        alice,
        OrganisationFactory(name="Ostsee Robotik GmbH"),
        newcomer,
        kind=Membership.Kind.PAYING,
        annual_fee=Decimal("300"),
        start_date=timezone.localdate(),
    )
    assert '<option value="ostsee">Ostsee-Cluster</option>' in client.get(URL).text


def test_directory_shows_no_old_page_when_the_cache_lost_its_generation(client, alice, cluster):
    assert "Ostsee Robotik" not in client.get(URL, {"q": "Robotik"}).text
    admit_member(
        alice,
        OrganisationFactory(name="Ostsee Robotik GmbH"),
        cluster,
        kind=Membership.Kind.PAYING,
        annual_fee=Decimal("300"),
        start_date=timezone.localdate(),
    )
    cache.delete(GENERATION_KEY)  # culled, evicted, or the cache restarted
    assert "Ostsee Robotik GmbH" in client.get(URL, {"q": "Robotik"}).text


def test_with_a_cache_that_keeps_nothing_every_list_is_rendered_afresh(client, cluster, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert "Ostsee Robotik" not in client.get(URL, {"q": "Robotik"}).text
    # Written past the services, so no new generation is started.
    org = OrganisationFactory.build(name="Ostsee Robotik GmbH", slug="ostsee-robotik")
    org.save()
    Membership.objects.create(
        organisation=org,
        cluster=cluster,
        kind=Membership.Kind.PAYING,
        start_date=timezone.localdate(),
    )
    refresh_search_index([org.pk])
    assert "Ostsee Robotik GmbH" in client.get(URL, {"q": "Robotik"}).text
