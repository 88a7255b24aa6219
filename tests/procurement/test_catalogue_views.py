"""The catalogue's pages: what each role sees and may do, and how bad input is answered."""

import pytest
from django.urls import reverse

from knotenpunkt.procurement.models.catalogue import Offering, OfferingVersion
from knotenpunkt.procurement.services import listing
from tests.procurement.catalogue_helpers import COMPLETE, add_document, in_days, make_offering

Status = OfferingVersion.Status


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def listed(provider, provider_admin, shop_staff):
    return make_offering(
        provider,
        provider_admin,
        publish_by=shop_staff,
        documents=[{"kind": "data_sheet", "title": "Data sheet 2026"}],
    )


@pytest.fixture
def draft(provider, provider_admin):
    return make_offering(provider, provider_admin, name="Geheimprojekt")


def form_data(**overrides):
    data = {
        **{k: str(v) for k, v in COMPLETE.items()},
        "procurement_category": "services",
        "accessibility": "not_assessed",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "action": "save",
    }
    data.update(overrides)
    return data


# --- search page and compare ---


def test_anonymous_sees_only_listed_offerings(client, listed, draft):
    page = client.get(reverse("procurement:catalogue")).content.decode()
    assert "Terminbuchung Nord" in page
    assert "Geheimprojekt" not in page
    assert "Hosted in Germany" in page
    assert 'name="ids"' in page


def test_search_page_shows_facets_with_counts_and_an_empty_state(client, listed):
    page = client.get(reverse("procurement:catalogue"), {"hosting": "eu"}).content.decode()
    assert 'In the EU/EEA (Germany included) <span class="count">(1 offering)' in page
    assert "checked" in page

    empty = client.get(reverse("procurement:catalogue"), {"q": "Rasenmäher"}).content.decode()
    assert "No offering matches your search" in empty


def test_the_result_count_comes_first_and_the_filters_wait_behind_a_closed_disclosure(
    client, listed
):
    page = client.get(reverse("procurement:catalogue")).content.decode()
    count = page.index('id="results-heading"')
    disclosure = page.index('<details class="kern-accordion catalogue-filters"')
    assert page.index('id="id_q"') < count < disclosure < page.index('name="hosting"')
    assert '<details class="kern-accordion catalogue-filters">' in page
    assert "1 offering</h2>" in page
    assert ">Filter</span></summary>" in page


def test_filters_in_use_open_the_disclosure_and_say_how_many(client, listed):
    page = client.get(
        reverse("procurement:catalogue"), {"hosting": "eu", "open_source": "yes"}
    ).content.decode()
    assert '<details class="kern-accordion catalogue-filters" open>' in page
    assert "Filter (2 selected)" in page


def test_the_offering_facts_are_a_description_list_not_a_wide_grid(client, listed):
    page = client.get(listed.offering.get_absolute_url()).content.decode()
    assert '<dl class="kern-description-list offering-facts">' in page
    assert 'class="facts"' not in page
    assert '<div class="offering-page">' in page


def test_catalogue_page_queries_do_not_grow_with_results(
    client, provider, shop_staff, django_assert_max_num_queries
):
    for n in range(25):
        make_offering(provider, name=f"Angebot {n:02d}", publish_by=shop_staff)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("procurement:catalogue"))
    assert response.content.decode().count('name="ids"') == 20
    assert "Page 1 of 2" in response.content.decode()


def test_compare_page_shows_the_table(client, listed):
    response = client.get(reverse("procurement:compare"), {"ids": [listed.pk]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<caption" in page and "Terminbuchung Nord" in page


def test_compare_page_refuses_more_than_four_and_none(client, listed):
    response = client.get(reverse("procurement:compare"), {"ids": ["1", "2", "3", "4", "5"]})
    assert response.status_code == 400
    assert "at most 4 offerings" in response.content.decode()
    assert client.get(reverse("procurement:compare")).status_code == 400


# --- an offering's page ---


def test_anonymous_gets_404_for_a_draft(client, draft):
    assert client.get(draft.offering.get_absolute_url()).status_code == 404
    url = reverse("procurement:offering_version", args=[draft.offering.slug, 1])
    assert client.get(url).status_code == 404


def test_provider_employee_sees_the_draft_with_a_banner(client_for, provider_employee, draft):
    page = client_for(provider_employee).get(draft.offering.get_absolute_url()).content.decode()
    assert "Not published yet:" in page


def test_offering_page_marks_an_expired_certificate(client, listed):
    add_document(listed, kind="iso27001", title="ISO 27001 2022", valid_until=in_days(-10))
    page = client.get(listed.offering.get_absolute_url()).content.decode()
    assert "Expired on" in page
    assert "Version 1, published on" in page


def test_buy_links_appear_once_the_buying_pages_exist(client_for, buyer_user, listed):
    response = client_for(buyer_user).get(listed.offering.get_absolute_url())
    assert response.status_code == 200  # no error while those pages are not installed yet


def test_new_version_keeps_the_old_one_visible_to_buyers(
    client, client_for, provider_admin, shop_staff, listed
):
    offering = listed.offering
    admin = client_for(provider_admin)
    edit = reverse("procurement:offering_edit", args=[offering.slug])
    assert "Start a new version" in admin.get(edit).content.decode()
    assert offering.versions.count() == 1  # opening the page changes nothing
    admin.post(edit, {"action": "start"})
    admin.post(edit, form_data(name="Terminbuchung Nord 2"))
    client.logout()

    assert "Terminbuchung Nord 2" not in client.get(offering.get_absolute_url()).content.decode()

    second = offering.versions.get(number=2)
    listing.submit(provider_admin, second)
    listing.publish(shop_staff, second)
    assert "Terminbuchung Nord 2" in client.get(offering.get_absolute_url()).content.decode()
    old = client.get(reverse("procurement:offering_version", args=[offering.slug, 1]))
    assert old.status_code == 200
    assert "This is version 1 as it was listed." in old.content.decode()


def test_documents_are_downloaded_only_where_the_version_is_visible(client, listed, draft):
    document = listed.documents.get()
    response = client.get(reverse("procurement:document", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    secret = add_document(draft, title="Secret plan")
    assert client.get(reverse("procurement:document", args=[secret.pk])).status_code == 404


# --- provider's listing work ---


def test_admin_creates_a_draft(client_for, provider, provider_admin):
    url = reverse("procurement:offering_create", args=[provider.slug])
    response = client_for(provider_admin).post(url, form_data())
    assert response.status_code == 302
    version = OfferingVersion.objects.get()
    assert (version.status, version.offering.provider) == (Status.DRAFT, provider)


def test_employee_without_admin_right_may_not_list(client_for, provider, provider_employee):
    url = reverse("procurement:offering_create", args=[provider.slug])
    assert client_for(provider_employee).get(url).status_code == 403
    assert client_for(provider_employee).post(url, form_data()).status_code == 403
    assert not Offering.objects.exists()


def test_anonymous_is_sent_to_login_to_list(client, provider):
    response = client.get(reverse("procurement:offering_create", args=[provider.slug]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_other_provider_may_not_edit_or_withdraw(client_for, other_provider_admin, listed):
    slug = listed.offering.slug
    client = client_for(other_provider_admin)
    assert client.get(reverse("procurement:offering_edit", args=[slug])).status_code == 403
    assert client.post(reverse("procurement:offering_withdraw", args=[slug])).status_code == 403


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ("9912345678901", "exactly 14 digits"),
        ("99123456789O12", "exactly 14 digits"),
        ("42123456789012", "federal keys start with 99"),
    ],
)
def test_leika_errors_are_shown_on_the_form_and_input_is_kept(
    client_for, provider_admin, draft, keys, message
):
    url = reverse("procurement:offering_edit", args=[draft.offering.slug])
    response = client_for(provider_admin).post(
        url, form_data(leika_keys=keys, summary="Kept summary")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert 'id="error-summary"' in page and 'href="#id_leika_keys"' in page
    assert "Kept summary" in page and keys in page
    draft.refresh_from_db()
    assert draft.leika_keys == ""


def test_submit_with_missing_items_saves_and_names_them(client_for, provider_admin, provider):
    url = reverse("procurement:offering_create", args=[provider.slug])
    client = client_for(provider_admin)
    response = client.post(url, form_data(summary="", action="submit"), follow=True)
    page = response.content.decode()
    assert "cannot be submitted yet" in page and "Summary is missing." in page
    assert OfferingVersion.objects.get().status == Status.DRAFT


def test_submit_from_the_form(client_for, provider_admin, draft, shop_staff):
    url = reverse("procurement:offering_edit", args=[draft.offering.slug])
    client_for(provider_admin).post(url, form_data(action="submit"))
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    locked = client_for(provider_admin).get(url).content.decode()
    assert "Waiting for review since" in locked


def test_documents_are_uploaded_with_the_form(client_for, provider_admin, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("procurement:offering_edit", args=[draft.offering.slug])
    data = form_data(
        **{
            "documents-TOTAL_FORMS": "1",
            "documents-0-kind": "iso27001",
            "documents-0-title": "ISO certificate",
            "documents-0-file": SimpleUploadedFile("iso.pdf", b"%PDF-1.4", "application/pdf"),
            "documents-0-valid_until": "",
        }
    )
    response = client_for(provider_admin).post(url, data)
    assert response.status_code == 400
    assert "A certificate needs its expiry date." in response.content.decode()

    data["documents-0-valid_until"] = in_days(300).isoformat()
    data["documents-0-file"] = SimpleUploadedFile("iso.pdf", b"%PDF-1.4", "application/pdf")
    assert client_for(provider_admin).post(url, data).status_code == 302
    assert draft.documents.get().title == "ISO certificate"


def test_my_offerings_lists_the_administered_organisations(client_for, provider_admin, listed):
    page = client_for(provider_admin).get(reverse("procurement:my_offerings")).content.decode()
    assert "Terminbuchung Nord" in page and "Yes, version 1" in page
    assert reverse("procurement:offering_create", args=["termin-nord"]) in page


def test_my_offerings_offers_nothing_to_an_employee(client_for, provider_employee, listed):
    page = client_for(provider_employee).get(reverse("procurement:my_offerings")).content.decode()
    assert "You do not administer an organisation." in page


def test_withdraw_asks_first_then_takes_it_out(client, client_for, provider_admin, listed):
    url = reverse("procurement:offering_withdraw", args=[listed.offering.slug])
    admin = client_for(provider_admin)
    assert "Withdraw Terminbuchung Nord" in admin.get(url).content.decode()
    admin.post(url, {"reason": "End of life"})
    client.logout()
    assert client.get(listed.offering.get_absolute_url()).status_code == 404


# --- staff review ---


def test_staff_review_queue_and_publish(client_for, shop_staff, provider_admin, draft):
    listing.submit(provider_admin, draft)
    staff = client_for(shop_staff)
    assert "Geheimprojekt" in staff.get(reverse("procurement:review_queue")).content.decode()
    url = reverse("procurement:review_listing", args=[draft.pk])
    assert "Completeness checklist" in staff.get(url).content.decode()

    response = staff.post(url, {"action": "publish", "note": ""})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED


def test_staff_request_changes_needs_a_note(client_for, shop_staff, provider_admin, draft):
    listing.submit(provider_admin, draft)
    url = reverse("procurement:review_listing", args=[draft.pk])
    response = client_for(shop_staff).post(url, {"action": "request_changes", "note": ""})
    assert response.status_code == 400
    assert "Say what the provider should change." in response.content.decode()

    client_for(shop_staff).post(url, {"action": "request_changes", "note": "Add a price."})
    draft.refresh_from_db()
    assert (draft.status, draft.review_note) == (Status.CHANGES_REQUESTED, "Add a price.")


def test_review_shows_changed_fields_against_the_published_version(
    client_for, shop_staff, provider_admin, listed
):
    second = listing.new_version(provider_admin, listed.offering)
    listing.update_draft(provider_admin, second, summary="A new summary.")
    listing.submit(provider_admin, second)
    page = (
        client_for(shop_staff)
        .get(reverse("procurement:review_listing", args=[second.pk]))
        .content.decode()
    )
    assert "<del>Online appointment booking" in page and "<ins>A new summary." in page


def test_review_pages_are_closed_to_providers_and_anonymous(
    client, client_for, provider_admin, draft
):
    listing.submit(provider_admin, draft)
    admin = client_for(provider_admin)
    assert admin.get(reverse("procurement:review_queue")).status_code == 403
    assert admin.get(reverse("procurement:review_listing", args=[draft.pk])).status_code == 403
    url = reverse("procurement:review_listing", args=[draft.pk])
    assert admin.post(url, {"action": "publish"}).status_code == 403
    client.logout()
    assert client.get(reverse("procurement:review_queue")).status_code == 302


def test_organisation_page_lists_its_listed_offerings_only(client, listed, draft, provider):
    page = client.get(provider.get_absolute_url()).content.decode()
    assert "Offerings in the one-stop shop" in page
    assert COMPLETE["name"] in page and listed.offering.get_absolute_url() in page
    assert "Geheimprojekt" not in page


def test_organisation_page_without_offerings_has_no_shop_section(client, other_provider):
    page = client.get(other_provider.get_absolute_url()).content.decode()
    assert "Offerings in the one-stop shop" not in page
