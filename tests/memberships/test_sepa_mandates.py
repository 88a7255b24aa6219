from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.memberships.models import Mandate, PreNotification
from knotenpunkt.memberships.services.creditor import save_direct_debit_settings
from knotenpunkt.memberships.services.mandates import (
    active_mandate,
    amend_mandate,
    expire_unused_mandates,
    give_mandate_online,
    next_mandate_reference,
    revoke_mandate,
)
from knotenpunkt.memberships.services.target2 import (
    add_business_days,
    check_collection_date,
    is_target2_business_day,
)
from knotenpunkt.outbox.models import OutgoingMail
from tests.memberships import sepa_helpers
from tests.memberships.sepa_helpers import (
    CREDITOR_ID,
    IBAN,
    OTHER_IBAN,
    fee_invoice,
    paper_mandate,
)

# Fixtures shared by the SEPA tests.
collecting = sepa_helpers.collecting
english_ui = sepa_helpers.english_ui

ONLINE = {
    "account_holder": "Nordlicht Software GmbH",
    "iban": "DE89 3704 0044 0532 0130 00",
    "bic": "",
    "street": "Holtenauer Straße 12a",
    "postcode": "24105",
    "city": "Kiel",
    "country": "de",
    "scheme": Mandate.Scheme.CORE,
    "signed_by": "Bob Brandt",
}


def test_good_friday_is_no_target2_business_day_and_the_message_names_it():
    assert not is_target2_business_day(date(2026, 4, 3))
    with pytest.raises(ValidationError) as error:
        check_collection_date(date(2026, 4, 3), today=date(2026, 3, 20))
    message = error.value.messages[0]
    assert "Collection date" in message
    assert "Good Friday" in message
    assert "07.04.2026" in message or "2026-04-07" in message or "04/07/2026" in message


def test_weekend_collection_date_is_refused_with_the_next_business_day():
    with pytest.raises(ValidationError, match="weekend"):
        check_collection_date(date(2026, 3, 7), today=date(2026, 3, 2))


def test_a_collection_date_without_the_lead_time_is_too_soon():
    # Friday → the next business day is Monday; Friday itself is too soon.
    with pytest.raises(ValidationError, match="too soon"):
        check_collection_date(date(2026, 3, 6), today=date(2026, 3, 6))
    check_collection_date(date(2026, 3, 9), today=date(2026, 3, 6))


def test_business_days_skip_easter():
    assert add_business_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_mandate_reference_uses_the_prefix_and_stays_within_35_epc_characters(
    collecting, member_org
):
    reference = next_mandate_reference(collecting.cluster, member_org)
    assert reference == f"DIWISH-{member_org.pk}-1"
    assert len(reference) <= 35


def test_admin_gives_a_mandate_online_with_the_legal_text(collecting, member_org, bob):
    with freeze_time("2026-02-02 10:00"):
        mandate = give_mandate_online(bob, member_org, collecting.cluster, **ONLINE)
    assert mandate.source == Mandate.Source.ONLINE
    assert mandate.iban == IBAN
    assert mandate.country == "DE"
    assert mandate.signed_on == date(2026, 2, 2)
    assert CREDITOR_ID in mandate.text
    assert mandate.reference in mandate.text
    assert "within eight weeks" in mandate.text
    assert active_mandate(member_org, collecting.cluster) == mandate
    entry = AuditEntry.objects.get(action="memberships.mandate.given")
    assert entry.data["text"] == mandate.text


def test_b2b_mandate_text_has_no_refund_right(collecting, member_org, bob):
    mandate = give_mandate_online(
        bob, member_org, collecting.cluster, **{**ONLINE, "scheme": Mandate.Scheme.B2B}
    )
    assert "not entitled to a refund" in mandate.text
    assert "eight weeks" not in mandate.text


def test_a_member_who_is_no_admin_cannot_give_a_mandate(collecting, member_org, carol):
    with pytest.raises(PermissionDenied):
        give_mandate_online(carol, member_org, collecting.cluster, **ONLINE)
    assert not Mandate.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("iban", "DE89370400440532013001", "IBAN"),
        ("bic", "NOTABIC", "BIC"),
        ("street", "", "blank"),
        ("country", "Deutschland", "at most 2"),
        ("city", "x" * 40, "at most 35"),
    ],
)
def test_bad_mandate_input_names_the_field_and_writes_nothing(
    collecting, member_org, bob, field, value, words
):
    with pytest.raises(ValidationError) as error:
        give_mandate_online(bob, member_org, collecting.cluster, **{**ONLINE, field: value})
    assert field in error.value.message_dict
    assert words in " ".join(error.value.message_dict[field])
    assert not Mandate.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="memberships.mandate").exists()


def test_a_bad_paper_mandate_reference_is_refused(collecting, member_org):
    with pytest.raises(ValidationError) as error:
        paper_mandate(collecting.cluster, member_org, reference="/ÄRGER//1")
    assert "mandate reference" in error.value.message_dict["reference"][0]
    assert not Mandate.objects.exists()


def test_an_invalid_creditor_id_is_refused_with_its_name(seller):
    with pytest.raises(ValidationError) as error:
        save_direct_debit_settings(None, seller.cluster, creditor_id="DE99ZZZ09999999999")
    assert "creditor identifier" in error.value.message_dict["creditor_id"][0]
    from knotenpunkt.memberships.models import DirectDebitSettings

    assert not DirectDebitSettings.objects.exists()


def test_no_mandate_without_a_creditor_id(seller, member_org, bob):
    with pytest.raises(ValidationError, match="Creditor identifier"):
        give_mandate_online(bob, member_org, seller.cluster, **ONLINE)


def test_a_second_active_mandate_is_refused(collecting, member_org):
    first = paper_mandate(collecting.cluster, member_org)
    with pytest.raises(ValidationError, match="already has an active mandate"):
        paper_mandate(collecting.cluster, member_org, iban=OTHER_IBAN)
    assert list(Mandate.objects.all()) == [first]


def test_amendment_keeps_the_reference_and_the_history(collecting, member_org, alice):
    old = paper_mandate(collecting.cluster, member_org)
    new = amend_mandate(alice, old, iban=OTHER_IBAN)
    old.refresh_from_db()
    assert old.status == Mandate.Status.AMENDED
    assert new.amends == old
    assert new.reference == old.reference
    assert new.iban == OTHER_IBAN
    assert active_mandate(member_org, collecting.cluster) == new
    entry = AuditEntry.objects.get(action="memberships.mandate.amended")
    assert entry.data["changes"]["iban"] == [IBAN, OTHER_IBAN]


def test_amendment_with_a_bad_iban_changes_nothing(collecting, member_org, alice):
    old = paper_mandate(collecting.cluster, member_org)
    with pytest.raises(ValidationError) as error:
        amend_mandate(alice, old, iban="DE00123")
    assert "iban" in error.value.message_dict
    old.refresh_from_db()
    assert old.status == Mandate.Status.ACTIVE
    assert Mandate.objects.count() == 1


def test_revocation_needs_a_reason_and_ends_the_mandate(collecting, member_org, alice):
    mandate = paper_mandate(collecting.cluster, member_org)
    with pytest.raises(ValidationError) as error:
        revoke_mandate(alice, mandate, "  ")
    assert "reason" in error.value.message_dict
    revoke_mandate(alice, mandate, "Konto gekündigt")
    mandate.refresh_from_db()
    assert mandate.status == Mandate.Status.REVOKED
    assert mandate.end_reason == "Konto gekündigt"
    assert active_mandate(member_org, collecting.cluster) is None
    assert AuditEntry.objects.filter(action="memberships.mandate.revoked").exists()


def test_mandates_unused_for_36_months_expire(collecting, member_org, other_cluster):
    unused = paper_mandate(collecting.cluster, member_org, signed_on=date(2022, 1, 10))
    assert expire_unused_mandates(date(2025, 1, 9)) == 0
    assert expire_unused_mandates(date(2025, 1, 10)) == 1
    unused.refresh_from_db()
    assert unused.status == Mandate.Status.EXPIRED
    assert AuditEntry.objects.filter(action="memberships.mandate.expired").count() == 1


def test_a_used_mandate_expires_36_months_after_the_last_debit(collecting, member_org):
    mandate = paper_mandate(collecting.cluster, member_org, signed_on=date(2020, 1, 10))
    Mandate.objects.filter(pk=mandate.pk).update(last_collected_on=date(2024, 3, 1))
    assert expire_unused_mandates(date(2027, 2, 28)) == 0
    assert expire_unused_mandates(date(2027, 3, 1)) == 1


def test_a_new_mandate_announces_the_open_fee_invoices(collecting, member_org):
    with freeze_time("2026-02-02 10:00"):
        invoice = fee_invoice(collecting.cluster, member_org)
        paper_mandate(collecting.cluster, member_org)
    notice = PreNotification.objects.get(invoice=invoice)
    assert notice.sent_on == date(2026, 2, 2)
    assert notice.collection_date == date(2026, 2, 16)
    mail = OutgoingMail.objects.get(kind="memberships_pre_notification")
    assert mail.to == invoice.buyer_email
    assert CREDITOR_ID in mail.body_text
    assert "600.00" in mail.body_text or "600,00" in mail.body_text
