"""Group personas on top of the standing ones (tests/conftest.py).

lena leads the groups below (at a member firm); alice is staff of their cluster; carol
works at a member firm; dave is registered at no member organisation.
"""

import pytest
from django.utils import timezone

from tests.factories import (
    GroupFactory,
    GroupMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonEmailFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _uploads_in_tmp(private_files_in_tmp):
    """Meeting documents of these tests go to tmp_path."""


@pytest.fixture
def lena(cluster):
    firm = OrganisationFactory(name="Förde IT GmbH", slug="foerde-it")
    MembershipFactory(organisation=firm, cluster=cluster)
    user = UserFactory(email="lena@foerde.example")
    person = PersonFactory(first_name="Lena", last_name="Lorenzen", user=user)
    PersonEmailFactory(person=person, address="lena@foerde.example")
    PositionFactory(person=person, organisation=firm, function="cio")
    return user


@pytest.fixture
def make_group(cluster, lena):
    """A group of `cluster` with the given policy, led by lena."""

    def make(policy="open", **kwargs):
        group = GroupFactory(policy=policy, clusters=[cluster], **kwargs)
        GroupMembershipFactory(group=group, person=lena.person, role="lead")
        return group

    return make


def person_at(organisation, user=None, email=""):
    person = PersonFactory(user=user)
    if email:
        # Confirmed by its owner: an unconfirmed address on a login's profile identifies nobody.
        PersonEmailFactory(person=person, address=email, confirmed_at=timezone.now())
    PositionFactory(person=person, organisation=organisation)
    return person


@pytest.fixture(autouse=True)
def english_ui(settings):
    """These tests read the English UI texts (their source strings); the German catalogue is
    checked on its own in tests/core/test_translations.py."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
