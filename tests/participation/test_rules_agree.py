"""The per-process predicates (asked by every page of a process) and the querysets (lists,
the API, the admin) must give the same answers: one decides for a process what the other
decides for many. Held against each other for every kind of owner, visibility and reader."""

from itertools import product

import pytest
from django.contrib.auth.models import AnonymousUser

from knotenpunkt.participation.models import Invitation, Process
from knotenpunkt.participation.rules import (
    may_read,
    moderated_processes,
    moderates,
    visible_processes,
)
from knotenpunkt.participation.services.processes import accept_invitation
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def readers(cluster, other_cluster, alice, bob, carol, dave):
    county = OrganisationFactory(name="Landkreis Nordfriesland", actor_type="public")
    county_admin = UserFactory(email="wifoe@nordfriesland.example")
    PositionFactory(person=PersonFactory(user=county_admin), organisation=county, is_admin=True)
    county_clerk = UserFactory(email="sachbearbeitung@nordfriesland.example")
    PositionFactory(person=PersonFactory(user=county_clerk), organisation=county)
    outsider_staff = UserFactory(email="olga@logistik.example")
    other_cluster.staff.add(outsider_staff)
    other_member = UserFactory(email="max@hafen.example")
    harbour = OrganisationFactory(name="Hafen Logistik GmbH")
    MembershipFactory(organisation=harbour, cluster=other_cluster)
    PositionFactory(person=PersonFactory(user=other_member), organisation=harbour)
    named_moderator = UserFactory(email="moderation@example.org")
    invited = UserFactory(email="gast@example.org")
    admin = UserFactory(email="root@example.org", is_superuser=True, is_staff=True)
    users = {
        "anonymous": AnonymousUser(),
        "staff": alice,
        "member admin": bob,
        "member": carol,
        "no member": dave,
        "county admin": county_admin,
        "county clerk": county_clerk,
        "other cluster's staff": outsider_staff,
        "other cluster's member": other_member,
        "named moderator": named_moderator,
        "invited": invited,
        "platform admin": admin,
    }
    processes = []
    for owner, visibility, published in product(
        (cluster, county), Process.Visibility.values, (True, False)
    ):
        owned = {"cluster": owner} if owner is cluster else {"organisation": owner}
        process = Process.objects.create(
            title=f"{owner} {visibility} {published}",
            slug=f"p-{len(processes)}",
            visibility=visibility,
            is_published=published,
            **owned,
        )
        if len(processes) % 3 == 0:
            process.moderators.add(named_moderator)
        invitation = Invitation.objects.create(process=process, email=invited.email)
        accept_invitation(invited, invitation.token)
        processes.append(process)
    return users, processes


def test_may_read_agrees_with_visible_processes(readers):
    users, processes = readers
    for (name, user), process in product(users.items(), processes):
        listed = visible_processes(user).filter(pk=process.pk).exists()
        assert may_read(user, process) == listed, (name, process.title)


def test_moderates_agrees_with_moderated_processes(readers):
    users, processes = readers
    for (name, user), process in product(users.items(), processes):
        listed = moderated_processes(user).filter(pk=process.pk).exists()
        assert moderates(user, process) == listed, (name, process.title)


def test_the_matrix_is_not_trivial(readers):
    """Each reader is allowed something and refused something, so the agreement above
    compares answers that differ."""
    users, processes = readers
    readable = {name: sum(may_read(u, p) for p in processes) for name, u in users.items()}
    assert readable["platform admin"] == len(processes)
    assert 0 < readable["anonymous"] < readable["member"] < len(processes)
    assert readable["invited"] > readable["no member"]
