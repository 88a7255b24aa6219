"""The demo's fee history: what a treasurer opening the demo expects to find."""

from django.db.models import Count

from knotenpunkt.demo.memberships import build_memberships_demo, creditor_id
from knotenpunkt.directory.models import Cluster
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.memberships.models import (
    DebitBatch,
    DebitReturn,
    DirectDebit,
    DunningPause,
    FeeCharge,
    FeeRun,
    FeeSchedule,
    Mandate,
    MembershipApplication,
    Reminder,
)
from knotenpunkt.memberships.services.sepa_export import schema_errors
from knotenpunkt.memberships.validators import validate_creditor_id


def test_creditor_ids_of_the_demo_have_valid_check_digits():
    validate_creditor_id(creditor_id("00000123456"))


def test_both_clusters_have_schedules_for_three_years_and_two_runs(demo, db):
    for cluster in Cluster.objects.all():
        assert FeeSchedule.objects.filter(cluster=cluster).count() == 3
        years = sorted(FeeRun.objects.filter(cluster=cluster).values_list("year", flat=True))
        assert len(years) == 2 and years[1] == years[0] + 1


def test_most_paying_members_gave_a_mandate_a_few_revoked(demo, db):
    charged = FeeCharge.objects.filter(kind="charge").values("membership__organisation").distinct()
    with_mandate = Mandate.objects.filter(status="active").count()
    assert with_mandate > 0.7 * charged.count()
    assert Mandate.objects.filter(status="revoked").exists()


def test_debits_were_collected_returned_and_one_file_waits_at_the_bank(demo, db):
    assert DebitBatch.objects.count() >= 5
    pending = DirectDebit.objects.filter(status="submitted", invoice__status="issued")
    assert pending.exists()
    assert DebitReturn.objects.count() >= 4
    for batch in DebitBatch.objects.all():
        assert schema_errors(batch.xml.encode()) == []


def test_reminders_at_two_levels_and_a_paused_organisation(demo, db):
    levels = set(Reminder.objects.values_list("level", flat=True))
    assert {1, 2} <= levels
    assert DunningPause.objects.filter(ended_at__isnull=True).exists()
    assert Invoice.objects.filter(status="paid", fee_charge__isnull=False).count() > 300


def test_three_applications_wait_for_a_decision(demo, db):
    waiting = MembershipApplication.objects.filter(status="submitted")
    assert waiting.count() == 3
    assert all(a.acceptances.count() == 2 for a in waiting)


def test_the_fee_demo_runs_once(demo, db):
    before = FeeCharge.objects.aggregate(n=Count("pk"))["n"]
    assert build_memberships_demo() is False
    assert FeeCharge.objects.count() == before
