"""Direct orders from the catalogue: only a verified administration orders, only within
its direct-award limit, and earlier orders of the same kind count (no splitting)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.procurement.models import Order
from knotenpunkt.procurement.services.orders import (
    cancel_order,
    complete_order,
    orders_for,
    place_direct_order,
)
from tests.procurement.conftest import make_buyer, person_with_account
from tests.procurement.orders_support import DAY, earlier_order, listed_offering


@pytest.fixture
def version(provider):
    return listed_offering(provider)


def _order(user, buyer, version, value, **kwargs):
    return place_direct_order(
        user,
        buyer,
        version,
        title="Appointment booking",
        net_value=Decimal(value),
        today=DAY,
        **kwargs,
    )


def test_a_direct_order_up_to_the_limit_is_placed(buyer, buyer_user, version, provider_admin):
    order = _order(buyer_user, buyer, version, "5000.00")
    assert order.procedure == "DA"
    assert order.net_value == Decimal("5000.00")
    assert order.provider == version.offering.provider
    assert order.leitweg_id == buyer.leitweg_id
    assert order.offering_version == version
    assert AuditEntry.objects.filter(action="procurement.order.placed").count() == 1


def test_the_provider_admins_are_told_of_a_new_order(buyer, buyer_user, version, provider_admin):
    _order(buyer_user, buyer, version, "1200.00")
    mail = OutgoingMail.objects.get(kind="procurement_order_placed")
    assert mail.to == "pia@termin-nord.example"
    assert "Landeshauptstadt Kiel" in mail.subject


def test_one_cent_above_the_limit_is_refused_with_the_procedure_it_needs(
    buyer, buyer_user, version
):
    with pytest.raises(ValidationError) as refused:
        _order(buyer_user, buyer, version, "5000.01")
    message = " ".join(refused.value.messages)
    assert "Negotiated award or restricted tender without competition" in message
    assert "VV_BA_OTW" not in message
    assert "5,000.01 EUR net" in message
    assert "ask at least 3 firms" in message
    assert "start a quote request" in message
    assert not Order.objects.exists()


def test_a_monthly_fee_is_counted_over_the_term(buyer, buyer_user, version):
    # 12 × 450 = 5,400 EUR: above the SH direct-award limit although each month is small.
    with pytest.raises(ValidationError):
        place_direct_order(
            buyer_user,
            buyer,
            version,
            title="Subscription",
            monthly_value=Decimal("450"),
            term_months=12,
            today=DAY,
        )
    order = place_direct_order(
        buyer_user,
        buyer,
        version,
        title="Subscription",
        monthly_value=Decimal("400"),
        term_months=12,
        today=DAY,
    )
    assert order.net_value == Decimal("4800.00")


def test_an_earlier_order_of_the_same_kind_within_12_months_pushes_it_over(
    buyer, buyer_user, version
):
    earlier_order(buyer, version, "3000.00", DAY - datetime.timedelta(days=100))
    with pytest.raises(ValidationError) as refused:
        _order(buyer_user, buyer, version, "2500.00")
    message = " ".join(refused.value.messages)
    # Amounts as people read them, not as stored.
    assert "3,000.00 EUR" in message
    assert "must not be split" in message
    assert "5,500.00" in message


def test_an_earlier_order_366_days_old_no_longer_counts(buyer, buyer_user, version):
    earlier_order(buyer, version, "3000.00", DAY - datetime.timedelta(days=366))
    order = _order(buyer_user, buyer, version, "2500.00")
    assert order.status == Order.Status.PLACED


def test_a_cancelled_earlier_order_does_not_count(buyer, buyer_user, version):
    earlier_order(buyer, version, "3000.00", DAY - datetime.timedelta(days=10), status="cancelled")
    assert _order(buyer_user, buyer, version, "2500.00").pk


def test_an_earlier_order_of_another_kind_does_not_count(buyer, buyer_user, version, provider):
    other = listed_offering(provider, "akte", category="efile")
    earlier_order(buyer, other, "4000.00", DAY - datetime.timedelta(days=10))
    assert _order(buyer_user, buyer, version, "2500.00").pk


def test_an_unverified_administration_cannot_order(
    unverified_buyer, unverified_buyer_user, version
):
    with pytest.raises(PermissionDenied):
        _order(unverified_buyer_user, unverified_buyer, version, "100.00")


def test_a_person_of_another_administration_cannot_order_for_it(buyer, version):
    lubeck = make_buyer("Hansestadt Lübeck", "luebeck", leitweg_id="")
    someone = person_with_account(lubeck.organisation, "Lia", "Lund", "lia@luebeck.example")
    with pytest.raises(PermissionDenied):
        _order(someone, buyer, version, "100.00")


def test_a_withdrawn_offering_cannot_be_ordered(buyer, buyer_user, version):
    from django.utils import timezone

    offering = version.offering
    offering.withdrawn_at = timezone.now()
    offering.save(update_fields=["withdrawn_at"])
    with pytest.raises(ValidationError) as refused:
        _order(buyer_user, buyer, version, "100.00")
    assert "not listed" in " ".join(refused.value.messages)


def test_a_federal_buyer_may_order_up_to_15000(provider):
    bund = make_buyer(
        "Bundesamt für Beispiele",
        "bfb",
        jurisdiction="BUND",
        authority_kind="federal_upper",
        leitweg_id="991-33333TEST-33",
    )
    user = person_with_account(bund.organisation, "Ben", "Bund", "ben@bfb.example")
    version = listed_offering(provider)
    assert _order(user, bund, version, "15000.00").procedure == "DA"


def test_the_buyer_completes_an_order(buyer, buyer_user, version):
    order = complete_order(buyer_user, _order(buyer_user, buyer, version, "100.00"))
    assert order.status == Order.Status.COMPLETED
    assert AuditEntry.objects.filter(action="procurement.order.completed").exists()


def test_the_buyer_cancels_an_order_with_a_reason_and_the_provider_is_told(
    buyer, buyer_user, version, provider_admin
):
    order = cancel_order(buyer_user, _order(buyer_user, buyer, version, "100.00"), "Not needed")
    assert order.status == Order.Status.CANCELLED
    entry = AuditEntry.objects.get(action="procurement.order.cancelled")
    assert entry.data["reason"] == "Not needed"
    mail = OutgoingMail.objects.get(kind="procurement_order_cancelled")
    assert mail.to == "pia@termin-nord.example"
    assert "Not needed" in mail.body_text


def test_a_cancellation_needs_a_reason(buyer, buyer_user, version):
    order = _order(buyer_user, buyer, version, "100.00")
    with pytest.raises(ValidationError) as refused:
        cancel_order(buyer_user, order, "  ")
    assert "reason" in refused.value.message_dict


def test_the_provider_cannot_cancel_or_complete_the_buyers_order(
    buyer, buyer_user, version, provider_admin
):
    order = _order(buyer_user, buyer, version, "100.00")
    with pytest.raises(PermissionDenied):
        cancel_order(provider_admin, order, "no")
    with pytest.raises(PermissionDenied):
        complete_order(provider_admin, order)


def test_orders_for_lists_the_orders_of_both_parties_only(
    buyer, buyer_user, version, provider_admin, other_provider_admin
):
    order = _order(buyer_user, buyer, version, "100.00")
    assert list(orders_for(buyer_user)) == [order]
    assert list(orders_for(provider_admin)) == [order]
    assert list(orders_for(other_provider_admin)) == []
