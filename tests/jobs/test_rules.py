"""Who may post, who sees what: organisation admins and cluster staff post, staff of
another cluster see nothing unpublished, visitors only what is on the board."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.directory.models import Membership
from knotenpunkt.jobs.models import JobPosting
from knotenpunkt.jobs.rules import organisations_for_posting, visible_postings
from tests.factories import MembershipFactory, OrganisationFactory
from tests.jobs.conftest import make_posting, posting_data


def test_an_organisation_admin_of_a_member_may_post_for_it(client_for, bob, member_org):
    response = client_for(bob).get(reverse("jobs:create", args=[member_org.slug]))
    assert response.status_code == 200


def test_an_employee_without_admin_rights_may_not_post(client_for, carol, member_org):
    assert client_for(carol).get(reverse("jobs:new")).status_code == 403
    assert client_for(carol).get(reverse("jobs:create", args=[member_org.slug])).status_code == 403


def test_someone_of_no_member_organisation_may_not_post(client_for, dave, member_org):
    assert client_for(dave).get(reverse("jobs:new")).status_code == 403
    assert client_for(dave).get(reverse("jobs:create", args=[member_org.slug])).status_code == 403


def test_a_visitor_is_sent_to_the_login_to_post(client, member_org):
    response = client.get(reverse("jobs:create", args=[member_org.slug]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_admin_of_an_organisation_whose_membership_ended_may_not_post(
    client_for, bob, member_org
):
    Membership.objects.filter(organisation=member_org).update(
        status=Membership.Status.ENDED, end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client_for(bob).get(reverse("jobs:create", args=[member_org.slug])).status_code == 403


def test_cluster_staff_post_on_behalf_of_their_clusters_members_only(
    client_for, alice, berta, member_org
):
    assert client_for(alice).get(reverse("jobs:create", args=[member_org.slug])).status_code == 200
    assert list(organisations_for_posting(alice)) == [member_org]
    assert client_for(berta).get(reverse("jobs:create", args=[member_org.slug])).status_code == 403
    assert list(organisations_for_posting(berta)) == []


def test_staff_posting_for_a_member_of_two_clusters_show_it_only_in_their_own(
    alice, member_org, other_cluster
):
    from knotenpunkt.jobs.services.postings import clusters_for_posting

    MembershipFactory(organisation=member_org, cluster=other_cluster)
    assert [c.slug for c in clusters_for_posting(alice, member_org)] == ["diwish"]


def test_a_posting_cannot_be_put_into_a_cluster_the_organisation_is_no_member_of(
    bob, member_org, other_cluster
):
    from django.core.exceptions import ValidationError

    from knotenpunkt.jobs.services.postings import create_posting

    with pytest.raises(ValidationError):
        create_posting(bob, member_org, posting_data(), clusters=[other_cluster])


@pytest.mark.parametrize("persona", ["carol", "dave", "berta", None])
def test_a_draft_is_not_found_by_those_who_do_not_manage_it(
    client, request, persona, bob, member_org
):
    draft = make_posting(bob, member_org, publish=False)
    if persona:
        client.force_login(request.getfixturevalue(persona))
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("persona", ["bob", "alice"])
def test_a_draft_is_shown_to_its_organisation_admin_and_the_clusters_staff(
    client, request, persona, bob, alice, member_org
):
    draft = make_posting(bob, member_org, publish=False)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_staff_of_another_cluster_see_no_unpublished_posting_of_this_one(
    client_for, alice, berta, bob, member_org, review_in_cluster
):
    waiting = make_posting(bob, member_org, title="Werkstudent:in Marketing")
    assert waiting.status == JobPosting.Status.IN_REVIEW
    assert list(visible_postings(berta)) == []
    assert list(visible_postings(alice)) == [waiting]
    page = client_for(berta).get(reverse("jobs:review"))
    assert page.status_code == 200
    assert "Werkstudent:in Marketing" not in page.text
    assert client_for(berta).post(reverse("jobs:approve", args=[waiting.slug])).status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == JobPosting.Status.IN_REVIEW


def test_a_published_posting_is_public(client, published):
    assert client.get(published.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("persona", ["carol", "dave", "berta", None])
def test_only_those_who_manage_a_posting_may_edit_or_withdraw_it(
    client, request, persona, published
):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    edit = client.get(reverse("jobs:edit", args=[published.slug]))
    withdraw = client.post(reverse("jobs:withdraw", args=[published.slug]))
    assert edit.status_code in (302, 403)
    assert withdraw.status_code in (302, 403)
    if persona:
        assert edit.status_code == withdraw.status_code == 403
    published.refresh_from_db()
    assert published.status == JobPosting.Status.PUBLISHED


def test_the_review_page_is_for_cluster_staff_only(client_for, bob):
    assert client_for(bob).get(reverse("jobs:review")).status_code == 403


def test_staff_cannot_change_the_review_setting_of_another_cluster(client_for, berta, cluster):
    response = client_for(berta).post(
        reverse("jobs:cluster_settings", args=[cluster.slug]),
        {f"cluster-{cluster.pk}-review_required": "on"},
    )
    assert response.status_code == 404
    assert not cluster.__class__.objects.filter(job_settings__review_required=True).exists()


def test_an_organisation_of_no_cluster_is_nobodys_to_post_for(client_for, alice):
    prospect = OrganisationFactory(name="Interessent GmbH", slug="interessent")
    assert client_for(alice).get(reverse("jobs:create", args=[prospect.slug])).status_code == 403
