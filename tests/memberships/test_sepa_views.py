from datetime import date
from pathlib import Path

from django.urls import reverse
from freezegun import freeze_time

from knotenpunkt.memberships.models import (
    DebitBatch,
    DebitReturn,
    DirectDebit,
    DirectDebitSettings,
    Mandate,
)
from knotenpunkt.memberships.services.sepa_export import export_debits
from tests.factories import UserFactory
from tests.memberships import sepa_helpers
from tests.memberships.sepa_helpers import (
    COLLECTION,
    CREDITOR_ID,
    paper_mandate,
)

# Fixtures shared by the SEPA tests.
announced = sepa_helpers.announced
collecting = sepa_helpers.collecting
english_ui = sepa_helpers.english_ui
fjord = sepa_helpers.fjord

SAMPLE = Path(__file__).parent / "samples" / "camt054_returns.xml"
GIVE = {
    "account_holder": "Nordlicht Software GmbH",
    "iban": "DE89 3704 0044 0532 0130 00",
    "bic": "",
    "street": "Holtenauer Straße 12a",
    "postcode": "24105",
    "city": "Kiel",
    "country": "DE",
    "scheme": "CORE",
    "signed_by": "Bob Brandt",
    "consent": "on",
}


def _give_url(organisation, cluster):
    return reverse("memberships:mandate_give", args=[organisation.slug, cluster.slug])


def test_the_admin_sees_the_mandate_text_before_signing(client_for, bob, member_org, collecting):
    response = client_for(bob).get(_give_url(member_org, collecting.cluster))
    assert response.status_code == 200
    page = response.content.decode()
    assert "within eight weeks" in page
    assert CREDITOR_ID in page


def test_the_admin_gives_a_mandate_with_consent(client_for, bob, member_org, collecting):
    response = client_for(bob).post(_give_url(member_org, collecting.cluster), GIVE)
    assert response.status_code == 302
    mandate = Mandate.objects.get()
    assert (mandate.source, mandate.captured_by) == (Mandate.Source.ONLINE, bob)
    page = client_for(bob).get(_give_url(member_org, collecting.cluster)).content.decode()
    assert mandate.reference in page


def test_without_consent_or_with_a_bad_iban_nothing_is_given(
    client_for, bob, member_org, collecting
):
    client = client_for(bob)
    url = _give_url(member_org, collecting.cluster)
    response = client.post(url, {**GIVE, "consent": ""})
    assert response.status_code == 400
    assert "Please confirm the mandate text" in response.content.decode()
    response = client.post(url, {**GIVE, "iban": "DE00 1234"})
    assert response.status_code == 400
    assert "not a valid IBAN" in response.content.decode()
    assert not Mandate.objects.exists()


def test_a_member_who_is_no_admin_may_not_give_the_mandate(
    client_for, carol, member_org, collecting
):
    response = client_for(carol).post(_give_url(member_org, collecting.cluster), GIVE)
    assert response.status_code == 403
    assert not Mandate.objects.exists()


def test_the_admin_revokes_the_organisations_mandate(client_for, bob, member_org, collecting):
    mandate = paper_mandate(collecting.cluster, member_org)
    response = client_for(bob).post(
        reverse("memberships:mandate_revoke", args=[mandate.pk]),
        {"reason": "Neues Konto", "on": date.today().isoformat()},  # noqa: DTZ011
    )
    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.status == Mandate.Status.REVOKED


def test_staff_save_the_creditor_settings_and_a_bad_id_is_named(client_for, alice, seller):
    client = client_for(alice)
    url = reverse("memberships:sepa_settings_edit", args=[seller.cluster.slug])
    response = client.post(url, {"creditor_id": "DE99ZZZ09999999999", "return_fee": "3"})
    assert response.status_code == 400
    assert "creditor identifier" in response.content.decode()
    assert not DirectDebitSettings.objects.exists()
    response = client.post(url, {"creditor_id": "de98 zzz0 9999 9999 99", "return_fee": "3"})
    assert response.status_code == 302
    assert DirectDebitSettings.objects.get().creditor_id == CREDITOR_ID


def test_an_organisation_admin_sees_no_staff_page(client_for, bob, collecting):
    client = client_for(bob)
    for name in ["mandates", "sepa_export", "debit_batches", "sepa_returns", "sepa_settings"]:
        assert client.get(reverse(f"memberships:{name}")).status_code == 403


def test_the_mandate_list_filters_by_status_in_few_queries(
    client_for, alice, member_org, fjord, collecting, django_assert_max_num_queries
):
    paper_mandate(collecting.cluster, member_org)
    revoked = paper_mandate(collecting.cluster, fjord)
    Mandate.objects.filter(pk=revoked.pk).update(status=Mandate.Status.REVOKED)
    client = client_for(alice)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("memberships:mandates") + "?status=active")
    page = response.content.decode()
    assert "Nordlicht" in page
    assert "Fjord" not in page
    assert client.get(reverse("memberships:mandates") + "?status=x&page=zz").status_code == 200


def test_staff_amend_a_mandate_and_see_its_history(client_for, alice, member_org, collecting):
    mandate = paper_mandate(collecting.cluster, member_org)
    client = client_for(alice)
    data = {
        name: getattr(mandate, name)
        for name in (
            "reference",
            "account_holder",
            "iban",
            "bic",
            "street",
            "postcode",
            "city",
            "country",
            "signed_by",
        )
    }
    response = client.post(
        reverse("memberships:mandate_amend", args=[mandate.pk]),
        {**data, "iban": "DE02120300000000202051"},
    )
    assert response.status_code == 302
    new = Mandate.objects.get(status=Mandate.Status.ACTIVE)
    page = client.get(reverse("memberships:mandate_detail", args=[new.pk])).content.decode()
    assert "DE02120300000000202051" in page
    assert "SEPA mandate amended" in page
    assert "Replaced by an amendment" in page


def test_staff_enter_a_paper_mandate(client_for, alice, member_org, collecting):
    response = client_for(alice).post(
        reverse("memberships:mandate_paper", args=[collecting.cluster.slug]),
        {**GIVE, "organisation": member_org.pk, "signed_on": "2025-11-03", "reference": ""},
    )
    assert response.status_code == 302
    mandate = Mandate.objects.get()
    assert (mandate.source, mandate.signed_on) == (Mandate.Source.PAPER, date(2025, 11, 3))


def test_staff_check_then_create_then_download_the_file(client_for, alice, announced):
    client = client_for(alice)
    url = reverse("memberships:sepa_export")
    form = {"cluster": "diwish", "collection_date": "2026-02-16", "scheme": "CORE"}
    with freeze_time("2026-02-10 09:00"):
        response = client.post(url, {**form, "action": "check"})
        assert response.status_code == 200
        assert "2 debits" in response.content.decode()
        assert not DebitBatch.objects.exists()
        response = client.post(url, {**form, "action": "create"})
    batch = DebitBatch.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("memberships:debit_batch", args=[batch.pk])
    download = client.get(reverse("memberships:debit_batch_download", args=[batch.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == batch.xml.encode()


def test_a_holiday_on_the_export_page_is_named(client_for, alice, announced):
    with freeze_time("2026-02-10 09:00"):
        response = client_for(alice).post(
            reverse("memberships:sepa_export"),
            {
                "cluster": "diwish",
                "collection_date": "2026-04-03",
                "scheme": "CORE",
                "action": "create",
            },
        )
    assert response.status_code == 400
    assert "Good Friday" in response.content.decode()
    assert not DebitBatch.objects.exists()


def test_staff_upload_the_returns_and_record_one_by_hand(client_for, alice, cluster, announced):
    with freeze_time("2026-02-10 09:00"):
        export_debits(None, cluster, COLLECTION)
    client = client_for(alice)
    with freeze_time("2026-02-18 09:00"), SAMPLE.open("rb") as notification:
        response = client.post(
            reverse("memberships:sepa_returns"),
            {"cluster": "diwish", "notification": notification},
        )
    assert response.status_code == 200
    assert "2 returns recorded" in response.content.decode()
    assert DebitReturn.objects.count() == 2


def test_staff_record_a_return_by_hand(client_for, alice, cluster, announced):
    with freeze_time("2026-02-10 09:00"):
        export_debits(None, cluster, COLLECTION)
    debit = DirectDebit.objects.first()
    with freeze_time("2026-02-17 09:00"):
        response = client_for(alice).post(
            reverse("memberships:debit_return", args=[debit.pk]),
            {"reason_code": "AC04", "returned_on": "2026-02-17"},
        )
    assert response.status_code == 302
    assert DebitReturn.objects.get().reason_code == "AC04"


def test_staff_of_another_cluster_reach_none_of_its_mandates_or_files(
    client_for, announced, other_cluster
):
    with freeze_time("2026-02-10 09:00"):
        export_debits(None, announced[0].cluster, COLLECTION)
    stranger = UserFactory(email="staff@logistik.example", is_staff=True)
    other_cluster.staff.add(stranger)
    client = client_for(stranger)
    mandate = Mandate.objects.first()
    batch = DebitBatch.objects.get()
    assert client.get(reverse("memberships:mandate_detail", args=[mandate.pk])).status_code == 404
    assert client.get(reverse("memberships:debit_batch", args=[batch.pk])).status_code == 404
    download = reverse("memberships:debit_batch_download", args=[batch.pk])
    assert client.get(download).status_code == 404
    assert "Nordlicht" not in client.get(reverse("memberships:mandates")).content.decode()
