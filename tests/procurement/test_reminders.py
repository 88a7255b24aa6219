"""Providers hear of certificates that run out: 30 days before, and the day after."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.procurement.services import listing
from knotenpunkt.procurement.services.reminders import remind_expiring_certificates
from tests.procurement.catalogue_helpers import make_offering

TODAY = timezone.localdate()


def _listed_with_certificate(provider, provider_admin, shop_staff, valid_until, **fields):
    return make_offering(
        provider,
        provider_admin,
        publish_by=shop_staff,
        iso27001="native",
        documents=[
            {"kind": "data_sheet", "title": "Data sheet"},
            {"kind": "iso27001", "title": "ISO certificate", "valid_until": valid_until},
        ],
        **fields,
    )


def test_provider_is_told_30_days_ahead_and_the_day_after(provider, provider_admin, shop_staff):
    version = _listed_with_certificate(
        provider, provider_admin, shop_staff, TODAY + datetime.timedelta(days=400)
    )
    document = version.documents.get(kind="iso27001")
    document.valid_until = TODAY + datetime.timedelta(days=30)
    document.save()
    assert remind_expiring_certificates(TODAY) == 1
    mail = OutgoingMail.objects.get(kind="procurement_certificates_expiring")
    assert mail.to == "pia@termin-nord.example"
    assert "ISO certificate" in mail.body_text and "expires in 30 days" in mail.subject

    assert remind_expiring_certificates(TODAY + datetime.timedelta(days=1)) == 0
    assert remind_expiring_certificates(TODAY + datetime.timedelta(days=31)) == 1
    expired = (
        OutgoingMail.objects.filter(kind="procurement_certificates_expiring").order_by("pk").last()
    )
    assert "has expired" in expired.subject


def test_withdrawn_offerings_and_data_sheets_bring_no_reminder(
    provider, provider_admin, shop_staff
):
    version = _listed_with_certificate(
        provider, provider_admin, shop_staff, TODAY + datetime.timedelta(days=400)
    )
    version.documents.update(valid_until=TODAY + datetime.timedelta(days=30))
    listing.withdraw(provider_admin, version.offering, "Product discontinued")
    assert remind_expiring_certificates(TODAY) == 0


def test_the_command_reports_what_it_sent(provider, provider_admin, shop_staff, capsys):
    version = _listed_with_certificate(
        provider, provider_admin, shop_staff, TODAY + datetime.timedelta(days=400)
    )
    version.documents.filter(kind="iso27001").update(valid_until=TODAY - datetime.timedelta(days=1))
    call_command("remind_expiring_certificates")
    assert "sent 1 reminders" in capsys.readouterr().out
