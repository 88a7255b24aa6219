import datetime

import pytest

from knotenpunkt.assessments.models import Assessment
from knotenpunkt.assessments.services.assessments import start_assessment
from knotenpunkt.core import registry
from knotenpunkt.directory.services.membership_spans import membership_figures
from knotenpunkt.kpis.models import Kpi
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

TEST_MEASURE = "assessments_test_members_end"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def assessment(cluster, alice):
    return start_assessment(
        alice,
        cluster,
        label="ECEI Gold",
        level="Gold",
        reference_year=2025,
        due_on=datetime.date(2026, 3, 31),
    )


@pytest.fixture
def other_assessment(other_cluster):
    return Assessment.objects.create(
        cluster=other_cluster, label="ECEI Bronze", reference_year=2025
    )


@pytest.fixture
def berta(other_cluster):
    """Staff of the other cluster."""
    user = UserFactory(email="berta@logistik.example", is_staff=True)
    other_cluster.staff.add(user)
    return user


def _members_end(query):
    figures = membership_figures(query.cluster_ids, query.years)
    return {
        key: {year: figures[key][year].members_end for year in query.years}
        for key in [*query.cluster_ids, None]
    }


@pytest.fixture
def members_kpi(db):
    """A KPI of members at year end, over a measure registered for the test (so that the
    test needs no app's measures) and removed afterwards."""
    registry.register_measure(
        TEST_MEASURE,
        "Members at year end (test)",
        "count",
        _members_end,
        sources=("directory.Membership",),
    )
    kpi = Kpi.objects.create(
        key="test-members-end",
        measure=TEST_MEASURE,
        name_de="Mitglieder zum Jahresende (Test)",
        name_en="Members at year end (test)",
        definition_de="…",
        definition_en="…",
        unit=Kpi.Unit.COUNT,
    )
    yield kpi
    registry._MEASURES.pop(TEST_MEASURE, None)


@pytest.fixture
def three_members_end_of_2025(cluster):
    """Three members on 31 December 2025, one who left in 2025, one who joined in 2026."""
    for n in range(3):
        MembershipFactory(
            organisation=OrganisationFactory(),
            cluster=cluster,
            start_date=datetime.date(2020, 1, n + 1),
        )
    MembershipFactory(
        organisation=OrganisationFactory(),
        cluster=cluster,
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2025, 6, 30),
        status="ended",
    )
    MembershipFactory(
        organisation=OrganisationFactory(), cluster=cluster, start_date=datetime.date(2026, 2, 1)
    )


@pytest.fixture
def mix_kpi(db):
    return Kpi.objects.create(
        key="test-actor-mix",
        measure="assessments_test_mix_unregistered",
        name_de="Akteursmix (Test)",
        name_en="Actor mix (test)",
        definition_de="…",
        definition_en="…",
        unit=Kpi.Unit.MIX,
    )
