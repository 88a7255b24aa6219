"""The interactions' KPI figures: company visits, consultations, introductions."""

import datetime

from knotenpunkt.core.registry import MeasureQuery, measure
from knotenpunkt.interactions.models import Interaction

Kind = Interaction.Kind


def test_visits_and_consultations_count_per_cluster_year_and_body(
    record, other_cluster, other_org, berta, django_assert_max_num_queries
):
    record(date=datetime.date(2025, 12, 31))
    record(date=datetime.date(2026, 1, 1))
    record(date=datetime.date(2026, 6, 1))
    record(kind=Kind.CONSULTATION)
    record(kind=Kind.FUNDING_ADVICE)
    record(kind=Kind.CALL)
    record(by=berta, organisation=other_org, cluster=other_cluster)
    cluster = record().cluster
    query = MeasureQuery((cluster, other_cluster), (2025, 2026))
    with django_assert_max_num_queries(1):
        visits = measure("company_visits").compute(query)
    assert visits == {
        cluster.pk: {2025: 1, 2026: 3},
        other_cluster.pk: {2025: 0, 2026: 1},
        None: {2025: 1, 2026: 4},
    }
    assert measure("consultations").compute(query)[cluster.pk] == {2025: 0, 2026: 2}
    assert measure("introductions").compute(query)[None] == {2025: 0, 2026: 0}


def test_the_rows_behind_the_figure_link_to_the_interactions(record):
    interaction = record(date=datetime.date(2026, 2, 3))
    record(kind=Kind.CALL)
    rows = measure("company_visits").rows([interaction.cluster], 2026)
    assert [(r.label, r.url) for r in rows] == [
        ("Nordlicht Software GmbH", interaction.get_absolute_url())
    ]
    assert str(measure("consultations").definition)
