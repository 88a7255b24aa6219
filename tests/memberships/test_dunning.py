"""Dunning: reminder levels in order, once a day, not while paused or collected; payments
recorded by hand; the daily command."""

import json
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from freezegun import freeze_time

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.memberships.models import (
    DebitReturn,
    DunningPause,
    PaymentRecord,
    Reminder,
    ReminderLevel,
)
from knotenpunkt.memberships.services.dunning import (
    default_levels,
    due_reminders,
    fill_placeholders,
    pause_dunning,
    record_payment,
    resume_dunning,
    save_reminder_level,
    send_due_reminders,
)
from knotenpunkt.memberships.services.open_items import balance_of, open_items
from knotenpunkt.outbox.models import OutgoingMail
from tests.memberships.dunning_helpers import fee_invoice, submitted_debit

pytestmark = pytest.mark.django_db

DUE = date(2026, 3, 1)


@pytest.fixture(autouse=True)
def english_ui():
    """These tests read the English source texts of messages (the German catalogue is
    checked apart); the reminders' amounts and dates are written the German way, in the
    site's language."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def levels(seller):
    return default_levels(seller.cluster)


@pytest.fixture
def invoice(seller, member_org, levels):
    return fee_invoice(seller.cluster, member_org, due_on=DUE)


def day(n: int) -> date:
    """The day `n` days after the due date."""
    return DUE + timedelta(days=n)


def reminders_of(invoice):
    return list(Reminder.objects.filter(invoice=invoice).values_list("level", "sent_on"))


def test_default_levels_are_the_usual_three_and_created_once(seller):
    levels = default_levels(seller.cluster)
    assert [(lv.level, lv.days_after_due, lv.fee) for lv in levels] == [
        (1, 14, Decimal("0.00")),
        (2, 28, Decimal("5.00")),
        (3, 42, Decimal("10.00")),
    ]
    assert levels[0].subject.startswith("Zahlungserinnerung")
    assert levels[1].subject.startswith("1. Mahnung")
    default_levels(seller.cluster)
    assert ReminderLevel.objects.filter(cluster=seller.cluster).count() == 3


def test_no_reminder_before_the_first_levels_days(invoice):
    assert send_due_reminders(day(13)) == {"reminders": 0, "skipped_no_address": 0}
    assert reminders_of(invoice) == []


def test_first_reminder_is_mailed_with_the_placeholders_filled(invoice, member_org):
    assert send_due_reminders(day(14)) == {"reminders": 1, "skipped_no_address": 0}
    assert reminders_of(invoice) == [(1, day(14))]
    mail = OutgoingMail.objects.get(kind="memberships_reminder")
    assert mail.to == "buchhaltung@nordlicht.example"
    assert mail.subject == f"Zahlungserinnerung: Mitgliedsbeitrag, Rechnung {invoice.number}"
    assert member_org.name in mail.body_text
    assert "300,00\N{NO-BREAK SPACE}€" in mail.body_text
    assert "01.03.2026" in mail.body_text
    assert "{" not in mail.body_text
    assert AuditEntry.objects.filter(action="memberships.reminder.sent").count() == 1


def test_levels_follow_each_other_one_a_day_without_skipping(invoice):
    # Sixty days overdue and never reminded: the first level, not the last.
    assert send_due_reminders(day(60))["reminders"] == 1
    assert reminders_of(invoice) == [(1, day(60))]
    assert send_due_reminders(day(61))["reminders"] == 1
    assert send_due_reminders(day(62))["reminders"] == 1
    assert send_due_reminders(day(63))["reminders"] == 0
    assert reminders_of(invoice) == [(1, day(60)), (2, day(61)), (3, day(62))]
    assert list(Reminder.objects.order_by("level").values_list("fee", flat=True)) == [
        Decimal("0.00"),
        Decimal("5.00"),
        Decimal("10.00"),
    ]


def test_the_next_level_waits_for_its_days(invoice):
    send_due_reminders(day(14))
    assert send_due_reminders(day(27))["reminders"] == 0
    assert send_due_reminders(day(28))["reminders"] == 1
    assert reminders_of(invoice) == [(1, day(14)), (2, day(28))]


def test_a_second_run_on_the_same_day_sends_nothing(invoice):
    assert send_due_reminders(day(30))["reminders"] == 1
    assert send_due_reminders(day(30))["reminders"] == 0
    assert Reminder.objects.count() == 1
    assert OutgoingMail.objects.filter(kind="memberships_reminder").count() == 1


def test_the_reminder_fee_is_added_to_the_amount_and_the_balance(invoice):
    send_due_reminders(day(28))
    send_due_reminders(day(29))
    mail = OutgoingMail.objects.filter(kind="memberships_reminder").latest("pk")
    assert "305,00\N{NO-BREAK SPACE}€" in mail.body_text
    assert balance_of(invoice) == Decimal("305.00")


def test_a_paused_organisation_gets_no_reminder_until_resumed(invoice, member_org, alice):
    pause = pause_dunning(alice, member_org, invoice.cluster, "Ratenzahlung vereinbart")
    assert send_due_reminders(day(20))["reminders"] == 0
    resume_dunning(alice, pause)
    assert send_due_reminders(day(21))["reminders"] == 1
    assert AuditEntry.objects.filter(action="memberships.dunning.paused").exists()
    assert AuditEntry.objects.filter(action="memberships.dunning.resumed").exists()


def test_a_pause_needs_a_reason_and_nothing_is_written(invoice, member_org, alice):
    with pytest.raises(ValidationError) as error:
        pause_dunning(alice, member_org, invoice.cluster, "   ")
    assert "reason" in error.value.message_dict
    assert DunningPause.objects.count() == 0


def test_a_pause_in_another_cluster_does_not_stop_this_one(invoice, member_org, other_cluster):
    pause_dunning(None, member_org, other_cluster, "Streitfall")
    assert send_due_reminders(day(20))["reminders"] == 1


def test_an_invoice_whose_debit_is_with_the_bank_gets_no_reminder(invoice):
    submitted_debit(invoice)
    assert due_reminders(invoice.cluster, day(30)) == []
    assert send_due_reminders(day(30))["reminders"] == 0


def test_a_returned_debit_reopens_dunning_and_adds_its_fee(invoice):
    debit = submitted_debit(invoice)
    debit.status = debit.Status.RETURNED
    debit.save()
    DebitReturn.objects.create(
        debit=debit, reason_code="AM04", returned_on=day(3), fee=Decimal("3.50"), source="manual"
    )
    assert balance_of(invoice) == Decimal("303.50")
    assert send_due_reminders(day(14))["reminders"] == 1


def test_an_invoice_without_an_address_is_skipped_and_counted(seller, member_org, levels):
    fee_invoice(seller.cluster, member_org, email="")
    assert send_due_reminders(day(14)) == {"reminders": 0, "skipped_no_address": 1}
    assert Reminder.objects.count() == 0


def test_paid_and_cancelled_invoices_get_no_reminder(invoice):
    Invoice.objects.filter(pk=invoice.pk).update(status=Invoice.Status.PAID)
    assert send_due_reminders(day(30))["reminders"] == 0


def test_a_cluster_without_levels_sends_nothing(seller, member_org):
    fee_invoice(seller.cluster, member_org)
    assert send_due_reminders(day(60))["reminders"] == 0


def test_only_the_chosen_cluster_is_reminded(invoice, other_cluster):
    assert send_due_reminders(day(20), other_cluster)["reminders"] == 0
    assert send_due_reminders(day(20), invoice.cluster)["reminders"] == 1


def test_open_items_know_level_and_days_overdue(invoice):
    send_due_reminders(day(14))
    [item] = open_items([invoice.cluster], day(20))
    assert (item.level, item.days_overdue, item.balance) == (1, 20, Decimal("300.00"))
    assert open_items([invoice.cluster], day(20), level=2) == []


# Levels as data ----------------------------------------------------------------------------


def test_a_level_refuses_unknown_or_formatted_placeholders(seller):
    level = ReminderLevel(
        cluster=seller.cluster,
        level=1,
        days_after_due=14,
        subject="Rechnung {invoice.pk}",
        text="Bitte zahlen Sie {amount:>999999999} bis {morgen}.",
    )
    with pytest.raises(ValidationError) as error:
        save_reminder_level(None, level)
    assert set(error.value.message_dict) == {"subject", "text"}
    assert ReminderLevel.objects.count() == 0


def test_a_level_must_come_after_the_one_before(levels):
    level = ReminderLevel(
        cluster=levels[0].cluster, level=4, days_after_due=40, subject="S", text="T"
    )
    with pytest.raises(ValidationError) as error:
        save_reminder_level(None, level)
    assert "days_after_due" in error.value.message_dict
    level.days_after_due = 56
    save_reminder_level(None, level)
    assert ReminderLevel.objects.filter(cluster=level.cluster).count() == 4


def test_placeholders_outside_the_five_stay_as_written():
    assert fill_placeholders("{invoice} {x", {"invoice": "A-1"}) == "{invoice} {x"
    assert fill_placeholders("Rechnung {invoice}", {"invoice": "A-1"}) == "Rechnung A-1"


# Payments ----------------------------------------------------------------------------------


@freeze_time("2026-04-15")
def test_a_payment_of_another_amount_is_refused_and_nothing_written(invoice, alice):
    send_due_reminders(day(28))  # balance 300 + 0 → level 1 only, no fee yet
    send_due_reminders(day(29))  # level 2: + 5.00
    with pytest.raises(ValidationError) as error:
        record_payment(alice, invoice, method="transfer", amount=Decimal("300.00"), paid_on=day(40))
    [message] = error.value.message_dict["amount"]
    assert "300.00" in message or "300,00" in message
    assert "305" in message
    assert "partial payments" in message
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED
    assert PaymentRecord.objects.count() == 0
    assert not AuditEntry.objects.filter(action="memberships.payment.recorded").exists()


@freeze_time("2026-04-15")
def test_the_open_balance_paid_in_cash_closes_the_invoice(invoice, alice):
    record = record_payment(
        alice, invoice, method="cash", amount="300.00", paid_on=day(40), note="Quittung 17"
    )
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID
    assert invoice.paid_on == day(40)
    assert (record.method, record.amount, record.note) == ("cash", Decimal("300.00"), "Quittung 17")
    assert AuditEntry.objects.filter(action="memberships.payment.recorded").count() == 1
    assert send_due_reminders(day(45))["reminders"] == 0


@freeze_time("2026-04-15")
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"method": "direct_debit"}, "method"),
        ({"amount": "dreihundert"}, "amount"),
        ({"amount": "300.001"}, "amount"),
        ({"paid_on": date(2027, 1, 1)}, "paid_on"),
        ({"paid_on": date(2025, 1, 1)}, "paid_on"),
    ],
)
def test_a_bad_payment_names_its_field_and_writes_nothing(invoice, alice, changes, field):
    arguments = {"method": "transfer", "amount": "300.00", "paid_on": day(40), **changes}
    with pytest.raises(ValidationError) as error:
        record_payment(alice, invoice, **arguments)
    assert field in error.value.message_dict
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED
    assert PaymentRecord.objects.count() == 0


@freeze_time("2026-04-15")
def test_a_paid_invoice_takes_no_second_payment(invoice, alice):
    record_payment(alice, invoice, method="cash", amount="300.00", paid_on=day(40))
    with pytest.raises(ValidationError):
        record_payment(alice, invoice, method="cash", amount="300.00", paid_on=day(41))
    assert PaymentRecord.objects.count() == 1


# The daily command -------------------------------------------------------------------------


def test_the_daily_command_prints_its_counts_as_the_last_line(invoice, seller, member_org):
    fee_invoice(seller.cluster, member_org, email="", period=(date(2025, 1, 1), date(2025, 12, 31)))
    out = StringIO()
    call_command("fees_daily", "--date", day(14).isoformat(), stdout=out)
    counts = json.loads(out.getvalue().strip().splitlines()[-1])
    assert counts == {
        "settled": 0,
        "expired_mandates": 0,
        "reminders": 1,
        "skipped_no_address": 1,
    }
    out = StringIO()
    call_command("fees_daily", "--date", day(14).isoformat(), stdout=out)
    assert json.loads(out.getvalue().strip().splitlines()[-1])["reminders"] == 0


@freeze_time("2026-03-21")
def test_the_daily_command_settles_a_collected_debit_before_reminding(invoice):
    submitted_debit(invoice, collection_date=day(1))
    out = StringIO()
    call_command("fees_daily", "--date", day(20).isoformat(), stdout=out)
    counts = json.loads(out.getvalue().strip().splitlines()[-1])
    assert counts["settled"] == 1
    assert counts["reminders"] == 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["--date", "15.03.2026"], "YYYY-MM-DD"), (["--cluster", "nirgendwo"], "nirgendwo")],
)
def test_the_daily_command_refuses_bad_arguments(db, arguments, message):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        call_command("fees_daily", *arguments)
