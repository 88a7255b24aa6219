from decimal import Decimal

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.forms import OrganisationProfileForm
from knotenpunkt.directory.models import Membership, Organisation
from knotenpunkt.directory.services.memberships import admit_member
from knotenpunkt.directory.services.organisations import save_organisation_profile
from tests.factories import MembershipFactory, OrganisationFactory


def test_directory_page_lists_members_and_finds_by_query(client, member_org):
    response = client.get(reverse("directory:organisations"), {"q": "Nordlicht"})
    assert response.status_code == 200
    assert "Nordlicht Software GmbH" in response.text


def test_directory_is_german_by_default_and_english_on_request(client, member_org):
    assert "Verzeichnis" in client.get(reverse("directory:organisations")).text
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert (
        "Directory of member organisations" in client.get(reverse("directory:organisations")).text
    )


def test_directory_answers_htmx_with_the_results_fragment_only(client, member_org):
    response = client.get(
        reverse("directory:organisations"), {"q": "Nordlicht"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "Nordlicht Software GmbH" in response.text
    assert "<html" not in response.text


def test_directory_list_query_count_does_not_grow_with_results(
    client, cluster, django_assert_max_num_queries
):
    for _ in range(25):
        MembershipFactory(cluster=cluster, organisation=OrganisationFactory())
    with django_assert_max_num_queries(12):
        response = client.get(reverse("directory:organisations"))
    assert response.status_code == 200


def test_repeated_directory_page_is_served_from_the_cache(
    client, member_org, django_assert_max_num_queries
):
    client.get(reverse("directory:organisations"), {"q": "Nordlicht"})
    with django_assert_max_num_queries(0):
        response = client.get(reverse("directory:organisations"), {"q": "  Nordlicht "})
    assert "Nordlicht Software GmbH" in response.text


def test_directory_shows_a_new_member_and_a_profile_change_at_once(client, alice, cluster, bob):
    url = reverse("directory:organisations")
    assert "Ostsee Robotik" not in client.get(url, {"q": "Robotik"}).text
    newcomer = OrganisationFactory(name="Ostsee Robotik GmbH")
    admit_member(
        alice,
        newcomer,
        cluster,
        kind=Membership.Kind.PAYING,
        annual_fee=Decimal("300"),
        start_date=timezone.localdate(),
    )
    assert "Ostsee Robotik GmbH" in client.get(url, {"q": "Robotik"}).text

    member = Organisation.objects.get(slug="nordlicht")
    form = OrganisationProfileForm(
        {
            **model_to_dict(member, fields=OrganisationProfileForm._meta.fields),
            "name": "Nordlicht Robotik GmbH",
        },
        instance=member,
    )
    assert form.is_valid(), form.errors
    save_organisation_profile(bob, form)
    assert "Nordlicht Robotik GmbH" in client.get(url, {"q": "Robotik"}).text


def test_long_listing_is_split_into_pages_with_a_link_to_the_next(client, cluster):
    for _ in range(25):
        MembershipFactory(cluster=cluster, organisation=OrganisationFactory())
    first = client.get(reverse("directory:organisations"))
    assert "Seite 1 von 2" in first.text
    assert 'href="?page=2" rel="next"' in first.text
    second = client.get(reverse("directory:organisations"), {"page": "2"})
    assert second.text.count('class="org-item"') == 5
    assert 'rel="prev"' in second.text


def test_bad_filter_values_do_not_break_the_directory(client, member_org):
    response = client.get(
        reverse("directory:organisations"),
        {"cluster": "nope", "page": "x", "size_class": "<script>"},
    )
    assert response.status_code == 200
    assert "<script>" not in response.text


def test_public_page_shows_only_people_who_chose_to_be_public(client, bob, carol, member_org):
    bob.person.is_public = True
    bob.person.save()
    page = client.get(member_org.get_absolute_url()).text
    assert "Bob Brandt" in page
    assert "Carol Clausen" not in page


def test_description_is_sanitised(client, member_org):
    member_org.description = "**Stark** <script>alert(1)</script> <a href='javascript:x'>l</a>"
    member_org.save()
    page = client.get(member_org.get_absolute_url()).text
    assert "<strong>Stark</strong>" in page
    assert "<script>alert" not in page
    assert "javascript:" not in page


def test_unlisted_organisation_page_is_forbidden_for_outsiders(client, member_org):
    member_org.is_listed = False
    member_org.save()
    assert client.get(member_org.get_absolute_url()).status_code == 403


def profile_data(org, **changes):
    data = {
        "name": org.name,
        "legal_form": org.legal_form,
        "actor_type": org.actor_type,
        "size_class": org.size_class,
        "employees": "",
        "wz_code": "",
        "street": "",
        "postcode": org.postcode,
        "city": org.city,
        "region": "",
        "website": "",
        "email": "",
        "phone": "",
        "description": org.description,
        "register_number": "",
        "vat_id": "",
        "is_listed": "on",
    }
    data.update(changes)
    return data


def test_organisation_admin_edits_profile_and_change_is_audited(client_for, bob, member_org):
    client = client_for(bob)
    url = reverse("directory:organisation_edit", args=[member_org.slug])
    response = client.post(url, profile_data(member_org, description="Wir bauen Roboter."))
    assert response.status_code == 302
    member_org.refresh_from_db()
    assert member_org.description == "Wir bauen Roboter."
    entry = AuditEntry.objects.get(action="directory.organisation.changed")
    assert entry.actor == bob
    assert entry.data["changes"]["description"][1] == "Wir bauen Roboter."


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "2410", "fünf Ziffern"),
        ("vat_id", "DE123", "keine gültige USt-IdNr."),
        ("website", "not a url", "gültige Adresse"),
        ("email", "no-at-sign", "gültige E-Mail-Adresse"),
        ("phone", "12345abc", "gültige Telefonnummer"),
        ("wz_code", "6X", "WZ 2008"),
        ("register_number", "12345", "Registernummer"),
    ],
)
def test_invalid_profile_input_is_refused_with_a_clear_message(
    client_for, bob, member_org, field, value, message
):
    client = client_for(bob)
    url = reverse("directory:organisation_edit", args=[member_org.slug])
    response = client.post(url, profile_data(member_org, **{field: value}))
    assert response.status_code == 200
    assert message in response.text
    member_org.refresh_from_db()
    assert getattr(member_org, field) != value


def test_valid_vat_id_and_phone_are_normalised(client_for, bob, member_org):
    client = client_for(bob)
    url = reverse("directory:organisation_edit", args=[member_org.slug])
    client.post(url, profile_data(member_org, vat_id="de 136 695 976", phone="0431 / 123456"))
    member_org.refresh_from_db()
    assert member_org.vat_id == "DE136695976"
    assert str(member_org.phone) == "+49431123456"


def test_logo_upload_rejects_files_that_are_not_images(client_for, bob, member_org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(bob)
    fake = SimpleUploadedFile("logo.png", b"<?php echo 1; ?>", content_type="image/png")
    url = reverse("directory:organisation_edit", args=[member_org.slug])
    response = client.post(url, {**profile_data(member_org), "logo": fake})
    assert response.status_code == 200
    member_org.refresh_from_db()
    assert not member_org.logo


@pytest.mark.parametrize("persona", ["carol", "dave"])
def test_others_may_not_edit_the_profile(client_for, request, persona, member_org):
    client = client_for(request.getfixturevalue(persona))
    url = reverse("directory:organisation_edit", args=[member_org.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, profile_data(member_org, name="Gekapert")).status_code == 403
    member_org.refresh_from_db()
    assert member_org.name == "Nordlicht Software GmbH"


def test_anonymous_is_sent_to_login_for_editing(client, member_org):
    response = client.get(reverse("directory:organisation_edit", args=[member_org.slug]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_organisation_admin_adds_and_removes_a_colleague(client_for, bob, member_org):
    client = client_for(bob)
    url = reverse("directory:organisation_people", args=[member_org.slug])
    response = client.post(
        url,
        {
            "salutation": "ms",
            "first_name": "Frauke",
            "last_name": "Jensen",
            "email": "Frauke.Jensen@Nordlicht.example",
            "function": "hr",
            "job_title": "",
        },
    )
    assert response.status_code == 302
    position = member_org.positions.get(person__last_name="Jensen")
    assert position.person.primary_email == "frauke.jensen@nordlicht.example"
    client.post(reverse("directory:position_end", args=[member_org.slug, position.pk]))
    position.refresh_from_db()
    assert position.end_date is not None
    table = client.get(url).text.split("<tbody")[1].split("</tbody>")[0]
    assert "Jensen" not in table


def test_colleague_form_refuses_invalid_email(client_for, bob, member_org):
    client = client_for(bob)
    url = reverse("directory:organisation_people", args=[member_org.slug])
    response = client.post(
        url,
        {
            "salutation": "ms",
            "first_name": "F",
            "last_name": "J",
            "email": "kaputt",
            "function": "hr",
        },
    )
    assert response.status_code == 200
    assert "gültige E-Mail-Adresse" in response.text


def test_member_may_not_manage_people(client_for, carol, member_org):
    client = client_for(carol)
    url = reverse("directory:organisation_people", args=[member_org.slug])
    assert client.get(url).status_code == 403


def test_dashboard_shows_figures_to_staff_and_refuses_others(client_for, alice, bob, member_org):
    response = client_for(alice).get(reverse("directory:dashboard"))
    assert response.status_code == 200
    assert "Eintritte und Austritte pro Jahr" in response.text
    assert client_for(bob).get(reverse("directory:dashboard")).status_code == 403


def png_bytes(size=(40, 20)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 79, 108)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_logo_upload_accepts_a_real_image(client_for, bob, member_org, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = client_for(bob)
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    url = reverse("directory:organisation_edit", args=[member_org.slug])
    response = client.post(url, {**profile_data(member_org), "logo": logo})
    assert response.status_code == 302
    member_org.refresh_from_db()
    assert member_org.logo.name.startswith("logos/")


def test_logo_upload_refuses_files_over_the_size_limit(client_for, bob, member_org, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    client = client_for(bob)
    logo = SimpleUploadedFile("logo.png", png_bytes((400, 400)), content_type="image/png")
    url = reverse("directory:organisation_edit", args=[member_org.slug])
    response = client.post(url, {**profile_data(member_org), "logo": logo})
    assert response.status_code == 200
    assert "höchstens" in response.text
    member_org.refresh_from_db()
    assert not member_org.logo


def test_dashboard_query_count_does_not_grow_with_members(
    client_for, alice, cluster, django_assert_max_num_queries
):
    for _ in range(30):
        MembershipFactory(cluster=cluster, organisation=OrganisationFactory())
    client = client_for(alice)
    client.get(reverse("directory:dashboard"))  # warm the content-type and permission caches
    with django_assert_max_num_queries(16):  # 15 and the navigation's unread-notice badge
        assert client.get(reverse("directory:dashboard")).status_code == 200


def test_organisation_page_names_only_clusters_it_is_a_member_of_today(client, member_org):
    import datetime

    from tests.factories import ClusterFactory

    former = ClusterFactory(name="Ehemaliger Cluster")
    MembershipFactory(
        organisation=member_org,
        cluster=former,
        end_date=datetime.date(2025, 6, 30),
        status="notice_given",
    )
    page = client.get(member_org.get_absolute_url()).text
    assert "DiWiSH Digitale Wirtschaft" in page
    assert "Ehemaliger Cluster" not in page


def test_cluster_page_is_public_and_leads_on(client, cluster, member_org):
    page = client.get(reverse("directory:cluster", args=[cluster.slug])).content.decode()
    assert cluster.name in page
    assert "1 Mitgliedsorganisation im Verzeichnis" in page
    assert reverse("mailings:archive", args=[cluster.slug]) in page
    assert f"{reverse('mailings:subscribe')}?cluster={cluster.slug}" in page
    assert f"{reverse('directory:organisations')}?cluster={cluster.slug}" in page


def test_cluster_page_of_an_unknown_cluster_is_404(client, db):
    assert client.get(reverse("directory:cluster", args=["gibt-es-nicht"])).status_code == 404


def test_home_links_each_cluster_to_its_page(client, cluster):
    page = client.get(reverse("home")).content.decode()
    assert reverse("directory:cluster", args=[cluster.slug]) in page
