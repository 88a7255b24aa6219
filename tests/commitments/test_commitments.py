"""Publishing commitments in versions and signing them for an organisation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from knotenpunkt.commitments.models import Commitment, Signature
from knotenpunkt.commitments.services.commitments import (
    CURRENT,
    EARLIER,
    publish_version,
    save_draft,
    sign,
    start_new_version,
    status_of,
)
from knotenpunkt.core.models import AuditEntry
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)


def _admin_of(organisation, email):
    user = UserFactory(email=email)
    PositionFactory(person=PersonFactory(user=user), organisation=organisation, is_admin=True)
    return user


def test_staff_write_a_draft_and_publish_it(client_for, alice, cluster):
    client = client_for(alice)
    response = client.post(
        reverse("commitments:create"),
        {
            "cluster": cluster.pk,
            "title": "Nachhaltigkeitsversprechen",
            "slug": "nachhaltig",
            "summary": "",
            "text": "Wir sparen Energie.",
        },
    )
    assert response.url == reverse("commitments:manage_detail", args=["nachhaltig"])
    # A draft is not public yet.
    assert client.get(reverse("commitments:detail", args=["nachhaltig"])).status_code == 404
    client.post(reverse("commitments:publish", args=["nachhaltig"]))
    page = client.get(reverse("commitments:detail", args=["nachhaltig"]))
    assert page.status_code == 200
    assert "Wir sparen Energie." in page.content.decode()
    assert AuditEntry.objects.filter(action="commitments.version.published").exists()


def test_the_text_is_sanitised(client, code):
    page = client.get(code.get_absolute_url()).content.decode()
    assert "<h3>Grundsätze</h3>" in page
    assert "<script>alert(1)</script>" not in page


def test_a_published_version_cannot_be_changed(alice, code):
    with pytest.raises(ValidationError):
        save_draft(alice, code.versions.get(), text="Anders")
    assert code.versions.get().text.startswith("### Grundsätze")


def test_staff_of_another_cluster_cannot_manage_it(client_for, berta, code, cluster):
    client = client_for(berta)
    assert client.get(reverse("commitments:manage_detail", args=[code.slug])).status_code == 404
    assert client.post(reverse("commitments:new_version", args=[code.slug])).status_code == 404
    response = client.post(
        reverse("commitments:create"),
        {"cluster": cluster.pk, "title": "X", "slug": "x", "text": "Y"},
    )
    assert response.status_code == 400
    assert not Commitment.objects.filter(slug="x").exists()


def test_members_cannot_reach_the_management_pages(client_for, bob, code):
    assert client_for(bob).get(reverse("commitments:manage")).status_code == 403


def test_an_organisation_admin_signs_for_a_member_organisation(client_for, bob, code, member_org):
    response = client_for(bob).post(
        reverse("commitments:sign", args=[code.slug]), {"organisation": member_org.slug}
    )
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert (signature.organisation, signature.signed_by) == (member_org, bob)
    assert status_of(code, member_org) == CURRENT


def test_a_member_person_without_admin_right_cannot_sign(client_for, carol, code, member_org):
    response = client_for(carol).post(
        reverse("commitments:sign", args=[code.slug]), {"organisation": member_org.slug}
    )
    assert response.status_code == 403
    assert not Signature.objects.exists()


def test_only_members_of_the_cluster_can_sign(code, other_cluster):
    outsider = OrganisationFactory(name="Fremdfirma GmbH")
    MembershipFactory(organisation=outsider, cluster=other_cluster)
    admin = _admin_of(outsider, "chefin@fremd.example")
    with pytest.raises(ValidationError) as error:
        sign(admin, code, outsider)
    assert "DiWiSH" in " ".join(error.value.messages)
    assert not Signature.objects.exists()


def test_signing_twice_is_refused_with_a_message(bob, code, member_org):
    sign(bob, code, member_org)
    with pytest.raises(ValidationError):
        sign(bob, code, member_org)
    assert Signature.objects.count() == 1


def test_after_a_new_version_signatories_are_asked_to_sign_again(
    client, bob, alice, code, member_org
):
    sign(bob, code, member_org)
    draft = start_new_version(alice, code)
    assert draft.number == 2 and draft.text == code.versions.get(number=1).text
    save_draft(alice, draft, text="Neu", change_summary="Kürzer")
    publish_version(alice, draft)
    assert status_of(code, member_org) == EARLIER
    page = client.get(code.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "signed an earlier version (1)" in page
    sign(bob, code, member_org)
    assert status_of(code, member_org) == CURRENT


def test_withdrawing_ends_the_signature(client_for, bob, code, member_org):
    sign(bob, code, member_org)
    response = client_for(bob).post(
        reverse("commitments:withdraw", args=[code.slug]), {"organisation": member_org.slug}
    )
    assert response.status_code == 302
    assert status_of(code, member_org) is None
    assert Signature.objects.get().withdrawn_at is not None
    assert AuditEntry.objects.filter(action="commitments.signature.withdrawn").exists()


def test_the_public_page_lists_only_listed_organisations(client, bob, code, member_org, cluster):
    sign(bob, code, member_org)
    hidden = OrganisationFactory(name="Diskret AG", is_listed=False)
    MembershipFactory(organisation=hidden, cluster=cluster)
    sign(_admin_of(hidden, "chef@diskret.example"), code, hidden)
    page = client.get(code.get_absolute_url()).content.decode()
    assert "Nordlicht Software GmbH" in page
    assert "Diskret AG" not in page


def test_the_organisation_page_shows_the_badge_to_everyone(client, bob, code, member_org):
    sign(bob, code, member_org)
    page = client.get(member_org.get_absolute_url()).content.decode()
    assert 'id="commitments-h"' in page
    assert code.get_absolute_url() in page


def test_the_organisation_page_asks_its_admin_to_sign(client_for, bob, code, member_org):
    page = client_for(bob).get(member_org.get_absolute_url()).content.decode()
    assert code.get_absolute_url() in page


def test_the_organisation_page_of_a_non_signatory_has_no_commitments_section(
    client, code, member_org
):
    assert 'id="commitments-h"' not in client.get(member_org.get_absolute_url()).content.decode()


def test_the_public_page_needs_few_queries_however_many_signed(
    client, bob, code, cluster, django_assert_max_num_queries
):
    for number in range(12):
        organisation = OrganisationFactory(name=f"Unterzeichner {number} GmbH")
        MembershipFactory(organisation=organisation, cluster=cluster)
        Signature.objects.create(
            version=code.versions.get(), organisation=organisation, signed_at=code.created_at
        )
    with django_assert_max_num_queries(12):
        page = client.get(code.get_absolute_url())
    assert len(page.context["signatories"]) == 12
