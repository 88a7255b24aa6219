"""The interactions' part of the organisation page: for the staff who look after it."""

from django.urls import reverse

SECTION = 'id="interactions-h"'


def test_staff_of_the_cluster_see_recent_interactions_and_the_record_link(
    client_for, record, alice, member_org
):
    record(summary="Besuch beim Geschäftsführer")
    page = client_for(alice).get(member_org.get_absolute_url()).content.decode()
    assert SECTION in page
    assert "Besuch beim Geschäftsführer" in page
    assert reverse("interactions:create", args=[member_org.slug]) in page


def test_members_visitors_and_other_staff_see_no_interactions(
    client, client_for, record, bob, carol, berta, member_org
):
    record(summary="Besuch beim Geschäftsführer")
    url = member_org.get_absolute_url()
    assert SECTION not in client.get(url).content.decode()
    for user in (bob, carol, berta):
        page = client_for(user).get(url)
        assert page.status_code == 200
        assert SECTION not in page.content.decode()
        assert "Besuch beim Geschäftsführer" not in page.content.decode()
