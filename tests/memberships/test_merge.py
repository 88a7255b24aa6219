"""Merging two records of one organisation when both are members and were billed."""

from datetime import date
from decimal import Decimal

import pytest

from knotenpunkt.directory.models import Membership, Organisation
from knotenpunkt.memberships.models import FeeCharge, MembershipApplication
from knotenpunkt.quality.services.merge import MergeError, merge_organisations
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_billed_duplicate_membership_stops_the_merge_with_a_reason(cluster, alice):
    survivor = OrganisationFactory(name="Nordlicht Software GmbH")
    loser = OrganisationFactory(name="Nordlicht Software")
    MembershipFactory(organisation=survivor, cluster=cluster)
    billed = MembershipFactory(organisation=loser, cluster=cluster)
    FeeCharge.objects.create(
        membership=billed,
        kind=FeeCharge.Kind.EXEMPT,
        year=2026,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        amount=Decimal("0.00"),
    )
    with pytest.raises(MergeError) as error:
        merge_organisations(survivor, loser, user=alice)
    assert "Beitragsposten" in str(error.value) or "fee charges" in str(error.value)
    # Nothing happened: both records and both memberships are there.
    assert Organisation.objects.filter(pk=loser.pk).exists()
    assert Membership.objects.filter(organisation=loser).count() == 1


def test_applications_follow_the_merged_organisation(cluster, alice):
    survivor = OrganisationFactory(name="Fjord Robotics GmbH")
    loser = OrganisationFactory(name="Fjord Robotics")
    application = MembershipApplication.objects.create(
        cluster=cluster,
        organisation=loser,
        kind="paying",
        size_class="micro",
        start_date=date(2027, 1, 1),
    )
    merge_organisations(survivor, loser, user=alice)
    application.refresh_from_db()
    assert application.organisation == survivor
