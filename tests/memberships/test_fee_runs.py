"""Fee runs: one invoice per membership and year, pro rata, idempotent, listed exemptions."""

import json
import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from freezegun import freeze_time

from knotenpunkt.directory.models import Membership
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.memberships.models import BillingDetails, FeeCharge, FeeRun
from knotenpunkt.memberships.services.fee_runs import plan_fee_run, prorated, run_fees
from knotenpunkt.memberships.services.schedules import save_schedule, set_individual_fee
from knotenpunkt.outbox.models import OutgoingMail
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

JAN = freeze_time("2026-01-15 10:00")


def member(
    cluster,
    name,
    *,
    size="small",
    kind=Membership.Kind.PAYING,
    start=date(2020, 1, 1),
    end=None,
    email="",
    street="Hafenstraße 1",
):
    organisation = OrganisationFactory(
        name=name, size_class=size, street=street, email=email or f"{name[:5].lower()}@ex.org"
    )
    return MembershipFactory(
        organisation=organisation, cluster=cluster, kind=kind, start_date=start, end_date=end
    )


@pytest.fixture
def members(cluster, schedule):
    return {
        "small": member(cluster, "Nordwind GmbH"),
        "large": member(cluster, "Werft AG", size="large"),
        "startup": member(cluster, "Kiel Labs UG", kind=Membership.Kind.STARTUP),
        "free": member(cluster, "Uni Kiel", kind=Membership.Kind.FREE),
        "in_kind": member(cluster, "Medienhaus", kind=Membership.Kind.COMPENSATING),
        "joins_july": member(cluster, "Spät GmbH", size="micro", start=date(2026, 7, 10)),
    }


def test_prorata_counts_started_months_or_quarters():
    fee = Decimal("1200")
    assert prorated(fee, date(2026, 7, 10), date(2026, 12, 31), "month") == Decimal("600.00")
    assert prorated(fee, date(2026, 8, 1), date(2026, 12, 31), "quarter") == Decimal("600.00")
    assert prorated(fee, date(2026, 11, 30), date(2026, 12, 31), "none") == Decimal("1200.00")


@JAN
def test_a_run_issues_one_invoice_per_paying_membership_and_lists_exemptions(
    cluster, members, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = run_fees(None, cluster, 2026)

    charges = {c.membership_id: c for c in FeeCharge.objects.select_related("invoice")}
    small = charges[members["small"].pk]
    assert small.amount == Decimal("600.00")
    assert small.invoice.gross_total == Decimal("600.00")
    assert (small.invoice.period_start, small.invoice.period_end) == (
        date(2026, 1, 1),
        date(2026, 12, 31),
    )
    assert small.invoice.due_on == date(2026, 3, 1)
    assert charges[members["large"].pk].amount == Decimal("2400.00")
    assert charges[members["startup"].pk].amount == Decimal("120.00")
    # Joined in July: six started months of the micro fee of 300.
    assert charges[members["joins_july"].pk].amount == Decimal("150.00")
    assert "anteilig 10.07.2026–31.12.2026" in (
        charges[members["joins_july"].pk].invoice.lines.get().description
    )
    for exempt in ("free", "in_kind"):
        assert charges[members[exempt].pk].kind == FeeCharge.Kind.EXEMPT
        assert charges[members[exempt].pk].invoice is None
    assert result.summary() == {"invoices": 4, "total": "3270.00", "skipped": 2}
    # Consecutive numbers, and every invoice went out by mail with its PDF.
    numbers = sorted(Invoice.objects.values_list("sequence_number", flat=True))
    assert numbers == [1, 2, 3, 4]
    mails = OutgoingMail.objects.filter(kind="memberships_fee_invoice")
    assert mails.count() == 4
    assert {m.to for m in mails} >= {"nordw@ex.org", "werft@ex.org"}
    assert all(m.attachments.filter(filename__endswith=".pdf").exists() for m in mails)


@JAN
def test_a_second_run_bills_nobody_twice_but_catches_later_entries(cluster, members):
    run_fees(None, cluster, 2026)
    again = run_fees(None, cluster, 2026)
    assert again.summary() == {"invoices": 0, "total": "0.00", "skipped": 6}
    assert again.run is None
    late = member(cluster, "Neu GmbH", size="medium", start=date(2026, 10, 1))
    third = run_fees(None, cluster, 2026)
    assert third.summary()["invoices"] == 1
    assert late.fee_charges.get().amount == Decimal("300.00")  # 3 of 12 months of 1200
    assert Invoice.objects.count() == 5


@JAN
def test_dry_run_writes_nothing(cluster, members):
    result = run_fees(None, cluster, 2026, dry_run=True)
    assert result.summary()["invoices"] == 4
    assert not Invoice.objects.exists()
    assert not FeeCharge.objects.exists()
    assert not FeeRun.objects.exists()


@JAN
def test_individual_fee_replaces_the_schedule_and_is_audited(cluster, members, alice):
    with pytest.raises(ValidationError, match="Grund"):
        set_individual_fee(alice, members["large"], Decimal("1000"), "  ")
    set_individual_fee(
        alice, members["large"], Decimal("1000"), "Fördermitglied, Vorstandsbeschluss"
    )
    run_fees(alice, cluster, 2026)
    charge = members["large"].fee_charges.get()
    assert charge.amount == Decimal("1000.00")
    assert "Vorstandsbeschluss" in charge.basis


@JAN
def test_a_new_schedule_version_applies_to_the_next_run_only(cluster, members):
    run_fees(None, cluster, 2026)
    with pytest.raises(ValidationError, match="warum"):
        save_schedule(None, cluster, 2026, rates=[], due_date=date(2026, 3, 1))
    save_schedule(
        None,
        cluster,
        2026,
        rates=[(Membership.Kind.PAYING, "", Decimal("999"))],
        due_date=date(2026, 4, 1),
        change_reason="Mitgliederversammlung 2026",
    )
    late = member(cluster, "Neu GmbH", size="medium", start=date(2026, 1, 1))
    run_fees(None, cluster, 2026)
    assert late.fee_charges.get().amount == Decimal("999.00")
    assert FeeRun.objects.order_by("pk").last().schedule.version == 2
    assert members["large"].fee_charges.get().amount == Decimal("2400.00")


@JAN
def test_memberships_the_run_cannot_bill_are_listed_with_the_reason(cluster, schedule):
    no_address = member(cluster, "Ohne Adresse GmbH", size="medium", street="")
    no_rate = member(cluster, "Ohne Tarif", kind=Membership.Kind.PAYING)
    schedule.rates.filter(kind="paying", size_class="small").delete()
    schedule.rates.filter(kind="paying", size_class="").delete()
    plan = plan_fee_run(cluster, 2026)
    reasons = {s.membership: s.reason for s in plan.skipped}
    assert reasons[no_address] == "Die Postanschrift ist unvollständig."
    assert no_rate in reasons


def test_no_schedule_is_a_clear_error(cluster, seller):
    with pytest.raises(ValidationError) as error:
        run_fees(None, cluster, 2031)
    assert "2031" in error.value.messages[0]


@JAN
def test_public_member_with_leitweg_id_gets_an_xrechnung(cluster, members):
    organisation = members["large"].organisation
    BillingDetails.objects.create(
        organisation=organisation,
        leitweg_id="991-33333TEST-33",
        invoice_email="rechnung@werft.example",
    )
    run_fees(None, cluster, 2026)
    invoice = members["large"].fee_charges.get().invoice
    assert invoice.is_xrechnung
    assert invoice.buyer_email == "rechnung@werft.example"


@JAN
def test_the_command_prints_the_summary_last(cluster, members, capsys):
    from django.core.management import call_command

    call_command("fee_run", cluster="diwish", year=2026, dry_run=True)
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert json.loads(last) == {"invoices": 4, "total": "3270.00", "skipped": 2}
    assert not Invoice.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_runs_for_the_same_cluster_and_year_bill_once(cluster, members):
    errors, barrier = [], threading.Barrier(4)

    def worker():
        barrier.wait()
        try:
            run_fees(None, cluster, 2026)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    with JAN:
        threads = [threading.Thread(target=worker) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert Invoice.objects.filter(cluster=cluster).count() == 4
    assert FeeCharge.objects.count() == 6


@JAN
def test_an_exit_after_billing_gets_a_pro_rata_credit_note_where_the_statutes_say_so(
    cluster, members, schedule
):
    schedule.credit_on_exit = True
    schedule.save()
    run_fees(None, cluster, 2026)
    leaver = members["small"]
    leaver.end_date = date(2026, 4, 15)
    leaver.save()
    result = run_fees(None, cluster, 2026)
    credit = leaver.fee_charges.get(kind=FeeCharge.Kind.CREDIT)
    # Billed 600 for 12 months, keeps January to April (4 started months): 400 back.
    assert credit.amount == Decimal("-400.00")
    assert credit.invoice.is_credit_note
    assert credit.invoice.corrects == leaver.fee_charges.get(kind="charge").invoice
    assert credit.invoice.gross_total == Decimal("-400.00")
    assert credit.invoice.corrects.amount_due == Decimal("200.00")
    assert result.summary()["invoices"] == 1
    # Once only.
    run_fees(None, cluster, 2026)
    assert leaver.fee_charges.filter(kind=FeeCharge.Kind.CREDIT).count() == 1


@JAN
def test_no_credit_where_the_statutes_keep_the_year(cluster, members):
    run_fees(None, cluster, 2026)
    leaver = members["small"]
    leaver.end_date = date(2026, 4, 15)
    leaver.save()
    run_fees(None, cluster, 2026)
    assert not leaver.fee_charges.filter(kind=FeeCharge.Kind.CREDIT).exists()


@JAN
def test_members_with_a_mandate_are_told_when_the_fee_is_debited(
    cluster, members, django_capture_on_commit_callbacks
):
    from knotenpunkt.memberships.models import DirectDebitSettings, PreNotification
    from knotenpunkt.memberships.services.mandates import enter_paper_mandate

    DirectDebitSettings.objects.create(cluster=cluster, creditor_id="DE98ZZZ09999999999")
    organisation = members["large"].organisation
    enter_paper_mandate(
        None,
        organisation,
        cluster,
        signed_on=date(2025, 12, 1),
        account_holder="Werft AG",
        iban="DE89370400440532013000",
        street="Hafenstraße 1",
        postcode="24103",
        city="Kiel",
        signed_by="Jana Werft",
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_fees(None, cluster, 2026)
    notice = PreNotification.objects.get()
    assert notice.invoice.organisation == organisation
    assert notice.amount == Decimal("2400.00")
    # Due on 1 March 2026, a Sunday: the debit moves to the next TARGET2 business day.
    assert notice.collection_date == date(2026, 3, 2)
    assert OutgoingMail.objects.filter(kind="memberships_pre_notification").count() == 1
