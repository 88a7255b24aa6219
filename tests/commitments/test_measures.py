"""Signatories of commitments at the year's end, per cluster and for the body."""

import datetime

from django.utils import timezone

from knotenpunkt.commitments.models import Signature
from knotenpunkt.commitments.services.commitments import create_commitment, publish_version
from knotenpunkt.core.registry import MeasureQuery, measure
from tests.factories import MembershipFactory, OrganisationFactory


def _at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12))  # noqa: DTZ001


def _commitment(user, cluster, slug):
    commitment = create_commitment(user, cluster, title=slug, slug=slug, text="Text")
    return publish_version(user, commitment.versions.get())


def _signed(version, organisation, when, withdrawn=None):
    return Signature.objects.create(
        version=version, organisation=organisation, signed_at=when, withdrawn_at=withdrawn
    )


def test_an_organisation_counts_once_per_cluster_and_once_for_the_body(
    alice, cluster, other_cluster, member_org, django_assert_max_num_queries
):
    other_cluster.staff.add(alice)
    MembershipFactory(organisation=member_org, cluster=other_cluster)
    ethics = _commitment(alice, cluster, "ethik")
    green = _commitment(alice, cluster, "nachhaltig")
    logistics = _commitment(alice, other_cluster, "logistik-kodex")
    # Nordlicht signed all three; a second firm signed in 2025 and withdrew in 2026.
    for version in (ethics, green, logistics):
        _signed(version, member_org, _at(2025, 5, 1))
    leaver = OrganisationFactory(name="Aussteiger GmbH")
    _signed(ethics, leaver, _at(2025, 6, 1), withdrawn=_at(2026, 3, 1))
    late = OrganisationFactory(name="Spät GmbH")
    _signed(ethics, late, _at(2026, 12, 31))

    query = MeasureQuery((cluster, other_cluster), (2024, 2025, 2026))
    with django_assert_max_num_queries(6):
        figures = measure("commitment_signatories").compute(query)
    assert figures == {
        cluster.pk: {2024: 0, 2025: 2, 2026: 2},
        other_cluster.pk: {2024: 0, 2025: 1, 2026: 1},
        None: {2024: 0, 2025: 2, 2026: 2},
    }
    rows = measure("commitment_signatories").rows([cluster], 2026)
    assert sorted(r.label for r in rows) == ["Nordlicht Software GmbH", "Spät GmbH"]
