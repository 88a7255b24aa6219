import datetime

import pytest

from knotenpunkt.cooperations.models import Cooperation, CooperationPartner
from knotenpunkt.directory.models import Topic
from knotenpunkt.matching.models import Contact, Need
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def partner_org(cluster):
    org = OrganisationFactory(name="Fjordwerk Robotics GmbH", slug="fjordwerk")
    MembershipFactory(organisation=org, cluster=cluster)
    return org


@pytest.fixture
def topic(db):
    return Topic.objects.create(slug="kuenstliche-intelligenz-test", label_de="KI", label_en="AI")


@pytest.fixture
def berta(other_cluster):
    """Staff of the other cluster."""
    user = UserFactory(email="berta@logistik.example", is_staff=True)
    other_cluster.staff.add(user)
    return user


def make_cooperation(cluster, partners, **fields) -> Cooperation:
    values = {
        "title": "KI-Assistenz für Werften",
        "start_date": datetime.date(2025, 3, 1),
        "status": Cooperation.Status.RUNNING,
        "cluster_role": Cooperation.ClusterRole.INITIATED,
        **fields,
    }
    cooperation = Cooperation.objects.create(cluster=cluster, **values)
    for n, organisation in enumerate(partners):
        CooperationPartner.objects.create(
            cooperation=cooperation, organisation=organisation, role="lead" if n == 0 else "partner"
        )
    return cooperation


@pytest.fixture
def cooperation(cluster, member_org, partner_org):
    return make_cooperation(cluster, [member_org, partner_org])


def make_contact(cluster, author_org, provider, *, status=Contact.Status.ACCEPTED, topics=()):
    need = Need.objects.create(
        cluster=cluster,
        organisation=author_org,
        title="Stundenzettel digitalisieren",
        text="Unsere Stundenzettel gehen verloren.",
        visibility=Need.Visibility.PUBLIC,
    )
    need.topics.set(topics)
    return Contact.objects.create(
        need=need,
        provider=provider,
        status=status,
        decided_at=datetime.datetime(2026, 2, 10, 10, 0, tzinfo=datetime.UTC)
        if status != Contact.Status.INTERESTED
        else None,
    )


@pytest.fixture
def accepted_contact(cluster, member_org, partner_org, topic):
    return make_contact(cluster, member_org, partner_org, topics=[topic])
