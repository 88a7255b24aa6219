"""The demo's interactions and code of ethics: what someone opening the demo expects."""

import pytest

from knotenpunkt.commitments.models import Commitment
from knotenpunkt.commitments.services.commitments import EARLIER, signatories, status_of
from knotenpunkt.demo import clock
from knotenpunkt.demo.interactions import build_interactions_demo
from knotenpunkt.demo.plan import ORG_ADMIN_ORG
from knotenpunkt.directory.models import Cluster, Organisation
from knotenpunkt.interactions.models import FollowUp, Interaction


@pytest.fixture(scope="module")
def demo(demo, django_db_blocker):
    """What building the interactions again does: the demo has built them already."""
    with django_db_blocker.unblock(), clock.build_moment():
        return build_interactions_demo()


def test_a_year_of_visits_and_consultations_for_both_clusters(demo, db):
    assert demo is False  # a second run adds nothing
    assert 60 <= Interaction.objects.count() <= 80
    for cluster in Cluster.objects.filter(slug__in=["diwish", "maritim"]):
        kinds = set(Interaction.objects.filter(cluster=cluster).values_list("kind", flat=True))
        assert {"company_visit", "consultation"} <= kinds


def test_follow_ups_are_done_open_and_overdue(demo, db):
    today = clock.today()
    assert FollowUp.objects.filter(done_at__isnull=False).exists()
    assert FollowUp.objects.filter(done_at__isnull=True, due_on__lt=today).exists()
    assert FollowUp.objects.filter(done_at__isnull=True, due_on__gte=today).exists()


def test_the_code_of_ethics_has_two_versions_and_signatories_on_both(demo, db):
    code = Commitment.objects.get(slug="kodex-digitale-ethik")
    assert code.versions.filter(published_at__isnull=False).count() == 2
    rows = signatories(code, listed_only=False)
    assert 20 <= len(rows) <= 30
    assert any(not row["is_current"] for row in rows)
    assert status_of(code, Organisation.objects.get(name=ORG_ADMIN_ORG)) == EARLIER


def test_running_it_again_adds_nothing(demo, db):
    count = Interaction.objects.count()
    assert build_interactions_demo() is False
    assert Interaction.objects.count() == count
