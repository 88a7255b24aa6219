"""Quote requests: advice on the draft, minimum offers, sending, quotes, award."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.procurement.models.catalogue import Offering, OfferingVersion
from knotenpunkt.procurement.models.orders import Order
from knotenpunkt.procurement.models.requests import QuoteInvitation, QuoteRequest
from knotenpunkt.procurement.services import requests as services
from knotenpunkt.procurement.services.orders import record_order
from tests.factories import MembershipFactory, OrganisationFactory
from tests.procurement.conftest import person_with_account

# SH municipal services: direct award up to 5,000, VV/BA without competition up to
# 150,000 (3 offers), EU from 216,000 (2026).
DA_VALUE = Decimal("4000")
VV_VALUE = Decimal("20000")
NAT_VALUE = Decimal("200000")
EU_VALUE = Decimal("300000")


# --- helpers shared by the procurement request tests ---


def listed_offering(provider, name, *, category="appointments", slug=None) -> OfferingVersion:
    offering = Offering.objects.create(provider=provider, slug=slug or f"{provider.slug}-{name}")
    version = OfferingVersion.objects.create(
        offering=offering,
        number=1,
        status="published",
        name=name,
        summary=f"{name} for administrations",
        description="Online appointment booking for citizens' offices.",
        kind="product",
        category=category,
        deployment="saas",
        hosting="de",
        price_model="per_user_month",
    )
    offering.published = version
    offering.save()
    return version


def firm(name, slug, cluster=None):
    organisation = OrganisationFactory(name=name, slug=slug)
    if cluster is not None:
        MembershipFactory(organisation=organisation, cluster=cluster)
    return organisation


def draft(buyer, user, value=DA_VALUE, **kwargs):
    data = {
        "title": "Online appointment booking",
        "need": "Citizens book appointments at the citizens' office online.",
        "offering_category": "appointments",
        "procurement_category": "services",
        "one_off_value": value,
    }
    data.update(kwargs)
    return services.create_request(user, buyer, **data)


def tomorrow_and_a_bit():
    return timezone.now() + datetime.timedelta(days=2)


def close_deadline(quote_request):
    """Let the deadline pass (as if time went by)."""
    QuoteRequest.objects.filter(pk=quote_request.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    quote_request.refresh_from_db()


def sent_request(buyer, user, providers, value=DA_VALUE):
    quote_request = draft(buyer, user, value=value)
    for index, provider in enumerate(providers):
        services.add_offering(quote_request, listed_offering(provider, f"Termin {index}"))
    services.send_request(user, quote_request, deadline=tomorrow_and_a_bit())
    return quote_request


# --- the draft and its advice ---


def test_a_small_purchase_is_a_direct_award_that_needs_one_offer(buyer, buyer_user):
    quote_request = draft(buyer, buyer_user)
    assert quote_request.status == "draft"
    assert quote_request.procedure == "DA"
    assert quote_request.min_offers == 1
    assert quote_request.estimated_value == DA_VALUE
    assert quote_request.advice["procedure"] == "DA"
    assert quote_request.advice["related_orders"] == []


def test_a_negotiated_award_needs_three_offers(buyer, buyer_user):
    quote_request = draft(buyer, buyer_user, value=VV_VALUE)
    assert quote_request.procedure == "VV_BA_OTW"
    assert quote_request.min_offers == 3


def test_monthly_fees_over_the_term_count_for_the_estimate(buyer, buyer_user):
    quote_request = draft(
        buyer, buyer_user, value=None, monthly_value=Decimal("500"), term_months=24
    )
    assert quote_request.estimated_value == Decimal("12000.00")
    assert quote_request.procedure == "VV_BA_OTW"


def test_a_request_without_any_value_is_refused_with_the_advisors_message(buyer, buyer_user):
    with pytest.raises(ValidationError, match="Give a value or a monthly amount"):
        draft(buyer, buyer_user, value=None)
    assert not QuoteRequest.objects.exists()


def test_an_unverified_buyer_cannot_create_a_request(unverified_buyer, unverified_buyer_user):
    with pytest.raises(ValidationError, match="verified"):
        draft(unverified_buyer, unverified_buyer_user)


def test_an_earlier_order_of_the_same_kind_within_twelve_months_is_added(
    buyer, buyer_user, provider
):
    today = timezone.localdate()
    record_order(
        buyer_user,
        buyer=buyer,
        provider=provider,
        title="Appointment booking, main office",
        offering_category="appointments",
        procurement_category="services",
        procedure="DA",
        net_value=Decimal("3000"),
        ordered_on=today - datetime.timedelta(days=364),
    )
    quote_request = draft(buyer, buyer_user)
    assert quote_request.related_value == Decimal("3000")
    assert quote_request.estimated_value == Decimal("7000")
    # 7,000 is above the SH direct-award limit: the purchase must not be split.
    assert quote_request.procedure == "VV_BA_OTW"
    assert any("must not be split" in w for w in quote_request.advice["warnings"])
    assert quote_request.advice["related_orders"][0]["provider"] == "Termin Nord GmbH"


def test_an_order_366_days_ago_is_not_added(buyer, buyer_user, provider):
    record_order(
        buyer_user,
        buyer=buyer,
        provider=provider,
        title="Old appointment booking",
        offering_category="appointments",
        procurement_category="services",
        procedure="DA",
        net_value=Decimal("3000"),
        ordered_on=timezone.localdate() - datetime.timedelta(days=366),
    )
    quote_request = draft(buyer, buyer_user)
    assert quote_request.related_value == 0
    assert quote_request.estimated_value == DA_VALUE
    assert not any("must not be split" in w for w in quote_request.advice["warnings"])


def test_an_order_of_another_kind_is_not_added(buyer, buyer_user, provider):
    record_order(
        buyer_user,
        buyer=buyer,
        provider=provider,
        title="E-file",
        offering_category="efile",
        procurement_category="services",
        procedure="DA",
        net_value=Decimal("3000"),
    )
    assert draft(buyer, buyer_user).related_value == 0


def test_the_advice_is_stored_in_german_for_the_documentation(buyer, buyer_user):
    quote_request = draft(buyer, buyer_user)
    german = quote_request.advice["de"]
    assert german["procedure"] == "DA"
    assert german["steps"][0]["text"] == "Einmaliger Wert (netto)"
    assert quote_request.advice["steps"][0]["text"] == "One-off value (net)"


def test_editing_a_draft_computes_the_advice_again(buyer, buyer_user):
    quote_request = draft(buyer, buyer_user)
    services.update_request(None, quote_request, {"one_off_value": VV_VALUE})
    quote_request.refresh_from_db()
    assert quote_request.procedure == "VV_BA_OTW"
    assert quote_request.min_offers == 3


# --- invitations ---


def test_a_chosen_offering_invites_its_provider_with_the_reason(buyer, buyer_user, provider):
    quote_request = draft(buyer, buyer_user)
    invitation = services.add_offering(quote_request, listed_offering(provider, "Termin Online"))
    assert invitation.origin == "chosen"
    assert invitation.reason == "chosen by the administration from the catalogue: Termin Online"


def test_an_unlisted_offering_cannot_be_added(buyer, buyer_user, provider):
    quote_request = draft(buyer, buyer_user)
    version = listed_offering(provider, "Termin Online")
    Offering.objects.filter(pk=version.offering_id).update(withdrawn_at=timezone.now())
    with pytest.raises(ValidationError, match="not listed"):
        services.add_offering(quote_request, version)


def test_the_buyers_own_organisation_cannot_be_invited(buyer, buyer_user):
    quote_request = draft(buyer, buyer_user)
    version = listed_offering(buyer.organisation, "Own tool")
    with pytest.raises(ValidationError, match="own organisation"):
        services.add_offering(quote_request, version)


def test_a_provider_is_invited_only_once(buyer, buyer_user, provider):
    quote_request = draft(buyer, buyer_user)
    services.add_offering(quote_request, listed_offering(provider, "Termin Online"))
    with pytest.raises(ValidationError, match="already invited"):
        services.add_offering(quote_request, listed_offering(provider, "Termin Kiosk"))
    assert quote_request.invitations.count() == 1


def test_an_invitation_can_be_removed_while_draft(buyer, buyer_user, provider):
    quote_request = draft(buyer, buyer_user)
    invitation = services.add_offering(quote_request, listed_offering(provider, "Termin"))
    services.remove_invitation(quote_request, invitation)
    assert not quote_request.invitations.exists()


# --- sending ---


def test_a_direct_award_can_be_sent_to_one_firm(buyer, buyer_user, provider, provider_admin):
    quote_request = sent_request(buyer, buyer_user, [provider])
    assert quote_request.status == "sent"
    assert quote_request.sent_at is not None
    invitation = quote_request.invitations.get()
    assert invitation.sent_at is not None
    mail = OutgoingMail.objects.get(kind="procurement_quote_invitation")
    assert mail.to == "pia@termin-nord.example"
    assert f"/shop/invitations/{invitation.pk}/" in mail.body_text
    assert AuditEntry.objects.filter(action="procurement.request.sent").exists()


def test_a_negotiated_award_with_two_firms_is_refused_saying_how_many_are_missing(
    buyer, buyer_user, provider, other_provider
):
    quote_request = draft(buyer, buyer_user, value=VV_VALUE)
    services.add_offering(quote_request, listed_offering(provider, "Termin"))
    services.add_offering(quote_request, listed_offering(other_provider, "Akte"))
    with pytest.raises(ValidationError) as error:
        services.send_request(buyer_user, quote_request, deadline=tomorrow_and_a_bit())
    message = error.value.messages[0]
    assert "Teilnahmewettbewerb) needs at least 3 offers" in message
    assert "VV_BA_OTW" not in message
    assert "§ 11 Abs. 2, § 12 Abs. 2 UVgO" in message
    assert "2 firms chosen" in message
    assert "add 1 more or let the platform propose" in message
    quote_request.refresh_from_db()
    assert quote_request.status == "draft"
    assert not OutgoingMail.objects.exists()


def test_a_negotiated_award_with_three_firms_is_sent(
    buyer, buyer_user, provider, other_provider, shop_cluster
):
    third = firm("Portal Süd GmbH", "portal-sued", shop_cluster)
    quote_request = sent_request(buyer, buyer_user, [provider, other_provider, third], VV_VALUE)
    assert quote_request.status == "sent"


def test_a_direct_award_without_any_firm_is_refused(buyer, buyer_user):
    quote_request = draft(buyer, buyer_user)
    with pytest.raises(ValidationError, match="needs at least 1 offer"):
        services.send_request(buyer_user, quote_request, deadline=tomorrow_and_a_bit())


@pytest.mark.parametrize(
    ("value", "procedure", "text"),
    [
        (NAT_VALUE, "NAT", "public tender"),
        (EU_VALUE, "EU", "EU-wide procedure"),
    ],
)
def test_tenders_cannot_be_sent_as_quote_requests(
    buyer, buyer_user, provider, value, procedure, text
):
    quote_request = draft(buyer, buyer_user, value=value)
    assert quote_request.procedure == procedure
    services.add_offering(quote_request, listed_offering(provider, "Termin"))
    with pytest.raises(ValidationError, match=text) as error:
        services.send_request(buyer_user, quote_request, deadline=tomorrow_and_a_bit())
    assert "e-procurement platform" in error.value.messages[0]
    quote_request.refresh_from_db()
    assert quote_request.status == "draft"


def test_a_not_allowed_procedure_cannot_be_sent(buyer, buyer_user, provider):
    quote_request = draft(buyer, buyer_user)
    services.add_offering(quote_request, listed_offering(provider, "Termin"))
    # The advice as it would come out for a call-off from the KdB by a municipality.
    QuoteRequest.objects.filter(pk=quote_request.pk).update(procedure="NOT_ALLOWED")
    quote_request.refresh_from_db()
    assert "not allowed" in services.send_refusal(quote_request)


def test_the_deadline_must_be_at_least_a_day_ahead(buyer, buyer_user, provider):
    quote_request = draft(buyer, buyer_user)
    services.add_offering(quote_request, listed_offering(provider, "Termin"))
    with pytest.raises(ValidationError, match="providers need time"):
        services.send_request(
            buyer_user, quote_request, deadline=timezone.now() + datetime.timedelta(hours=20)
        )
    with pytest.raises(ValidationError, match="at least one full day"):
        services.send_request(
            buyer_user, quote_request, deadline=timezone.now() - datetime.timedelta(days=1)
        )
    quote_request.refresh_from_db()
    assert quote_request.status == "draft"


def test_a_sent_request_cannot_be_sent_again_or_changed(buyer, buyer_user, provider):
    quote_request = sent_request(buyer, buyer_user, [provider])
    with pytest.raises(ValidationError, match="sent already"):
        services.send_request(buyer_user, quote_request, deadline=tomorrow_and_a_bit())
    with pytest.raises(ValidationError, match="sent already"):
        services.add_offering(quote_request, listed_offering(provider, "Other"))


# --- quotes ---


def test_the_invited_provider_submits_and_changes_its_quote(
    buyer, buyer_user, provider, provider_employee
):
    quote_request = sent_request(buyer, buyer_user, [provider])
    invitation = quote_request.invitations.get()
    services.submit_quote(
        provider_employee, invitation, net_price=Decimal("3900"), description="Cloud, 3 years"
    )
    quote = services.submit_quote(
        provider_employee, invitation, net_price=Decimal("3700"), description="Cloud, 3 years"
    )
    assert invitation.quote.pk == quote.pk
    quote.refresh_from_db()
    assert quote.net_price == Decimal("3700")
    assert AuditEntry.objects.filter(action="procurement.quote.submitted").count() == 2


def test_another_provider_cannot_submit_a_quote_for_an_invitation(
    buyer, buyer_user, provider, other_provider_admin
):
    quote_request = sent_request(buyer, buyer_user, [provider])
    with pytest.raises(PermissionDenied):
        services.submit_quote(
            other_provider_admin,
            quote_request.invitations.get(),
            net_price=Decimal("1"),
            description="Cheaper",
        )


def test_no_quote_after_the_deadline(buyer, buyer_user, provider, provider_admin):
    quote_request = sent_request(buyer, buyer_user, [provider])
    close_deadline(quote_request)
    with pytest.raises(ValidationError, match="deadline passed on"):
        services.submit_quote(
            provider_admin,
            quote_request.invitations.get(),
            net_price=Decimal("3000"),
            description="Late",
        )


def test_a_provider_declines_with_a_reason(buyer, buyer_user, provider, provider_admin):
    quote_request = sent_request(buyer, buyer_user, [provider])
    invitation = quote_request.invitations.get()
    services.decline_invitation(provider_admin, invitation, "No capacity before autumn")
    invitation.refresh_from_db()
    assert invitation.declined_at is not None
    assert invitation.decline_reason == "No capacity before autumn"


# --- award ---


def _two_quotes(buyer, buyer_user, provider, provider_admin, other_provider, other_admin):
    quote_request = sent_request(buyer, buyer_user, [provider, other_provider])
    first, second = quote_request.invitations.order_by("provider__name")
    # Ordered by name: Akte Digital before Termin Nord.
    cheap = services.submit_quote(
        other_admin, first, net_price=Decimal("3500"), description="Akte offer"
    )
    dear = services.submit_quote(
        provider_admin, second, net_price=Decimal("4200"), description="Termin offer"
    )
    return quote_request, cheap, dear


def test_award_records_the_order_and_tells_both_firms(
    buyer, buyer_user, provider, provider_admin, other_provider, other_provider_admin
):
    quote_request, cheap, dear = _two_quotes(
        buyer, buyer_user, provider, provider_admin, other_provider, other_provider_admin
    )
    close_deadline(quote_request)
    order = services.award(buyer_user, quote_request, cheap, reason="Lowest price")
    quote_request.refresh_from_db()
    assert quote_request.status == "awarded"
    assert quote_request.awarded_quote == cheap
    assert quote_request.award_reason == "Lowest price"
    assert quote_request.awarded_by == buyer_user
    assert order.provider == other_provider
    assert order.net_value == Decimal("3500")
    assert order.procedure == "DA"
    assert order.request == quote_request
    assert order.offering_version == cheap.invitation.offering_version
    assert OutgoingMail.objects.get(kind="procurement_quote_awarded").to == (
        "otto@akte-digital.example"
    )
    assert OutgoingMail.objects.get(kind="procurement_quote_not_awarded").to == (
        "pia@termin-nord.example"
    )


def test_award_before_the_deadline_is_refused(
    buyer, buyer_user, provider, provider_admin, other_provider, other_provider_admin
):
    quote_request, cheap, _dear = _two_quotes(
        buyer, buyer_user, provider, provider_admin, other_provider, other_provider_admin
    )
    with pytest.raises(ValidationError, match="sealed until the deadline"):
        services.award(buyer_user, quote_request, cheap, reason="Lowest price")
    assert not Order.objects.exists()


def test_award_needs_a_reason(buyer, buyer_user, provider, provider_admin):
    quote_request = sent_request(buyer, buyer_user, [provider])
    quote = services.submit_quote(
        provider_admin, quote_request.invitations.get(), net_price=1, description="x"
    )
    close_deadline(quote_request)
    with pytest.raises(ValidationError, match="reason"):
        services.award(buyer_user, quote_request, quote, reason="  ")


def test_a_quote_of_another_request_cannot_be_awarded(buyer, buyer_user, provider, provider_admin):
    first = sent_request(buyer, buyer_user, [provider])
    second = draft(buyer, buyer_user, title="Second")
    services.add_offering(second, QuoteInvitation.objects.get(request=first).offering_version)
    services.send_request(buyer_user, second, deadline=tomorrow_and_a_bit())
    foreign = services.submit_quote(
        provider_admin, second.invitations.get(), net_price=1, description="x"
    )
    close_deadline(first)
    with pytest.raises(ValidationError, match="another request"):
        services.award(buyer_user, first, foreign, reason="Cheap")


def test_awarding_twice_creates_one_order_only(
    buyer, buyer_user, provider, provider_admin, other_provider, other_provider_admin
):
    quote_request, cheap, dear = _two_quotes(
        buyer, buyer_user, provider, provider_admin, other_provider, other_provider_admin
    )
    close_deadline(quote_request)
    # Two clicks on two stale copies of the page: the row lock serialises them.
    stale = QuoteRequest.objects.get(pk=quote_request.pk)
    services.award(buyer_user, quote_request, cheap, reason="Lowest price")
    with pytest.raises(ValidationError, match="awarded already"):
        services.award(buyer_user, stale, dear, reason="Second click")
    assert Order.objects.count() == 1


def test_cancelling_a_sent_request(buyer, buyer_user, provider):
    quote_request = sent_request(buyer, buyer_user, [provider])
    services.cancel_request(buyer_user, quote_request, "Budget withdrawn")
    quote_request.refresh_from_db()
    assert quote_request.status == "cancelled"
    assert quote_request.cancel_reason == "Budget withdrawn"
    with pytest.raises(ValidationError, match="no longer takes quotes"):
        services.submit_quote(
            person_with_account(provider, "Ida", "Iske", "ida@termin-nord.example"),
            quote_request.invitations.get(),
            net_price=1,
            description="x",
        )


def test_invited_firms_hear_that_a_sent_request_was_cancelled(
    buyer, buyer_user, provider, provider_admin
):
    quote_request = sent_request(buyer, buyer_user, [provider])
    services.cancel_request(buyer_user, quote_request, "Budget withdrawn")
    mail = OutgoingMail.objects.get(kind="procurement_request_cancelled")
    assert mail.to == "pia@termin-nord.example"
    assert "Budget withdrawn" in mail.body_text and quote_request.title in mail.subject


def test_cancelling_a_draft_writes_to_no_one(buyer, buyer_user, provider, provider_admin):
    quote_request = services.create_request(
        buyer_user,
        buyer,
        title="Draft only",
        need="Not sent yet.",
        offering_category="appointments",
        procurement_category="services",
        one_off_value=1000,
    )
    services.cancel_request(buyer_user, quote_request, "Changed our mind")
    assert not OutgoingMail.objects.filter(kind="procurement_request_cancelled").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_awards_create_one_order(
    buyer, buyer_user, provider, provider_admin, other_provider, other_provider_admin
):
    import threading

    from django.db import connection

    quote_request, cheap, dear = _two_quotes(
        buyer, buyer_user, provider, provider_admin, other_provider, other_provider_admin
    )
    close_deadline(quote_request)
    outcomes, barrier = [], threading.Barrier(2)

    def click(quote):
        barrier.wait()
        try:
            services.award(
                buyer_user, QuoteRequest.objects.get(pk=quote_request.pk), quote, reason="Click"
            )
            outcomes.append("awarded")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(q,)) for q in (cheap, dear)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["This request has been awarded already.", "awarded"]
    assert Order.objects.count() == 1
