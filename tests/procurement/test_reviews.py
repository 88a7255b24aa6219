"""Buyer reviews: only verified public administrations, one per administration."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from knotenpunkt.directory.models import Organisation
from knotenpunkt.procurement.models.catalogue import OfferingReview
from knotenpunkt.procurement.services import listing
from knotenpunkt.procurement.services.reviews import average_rating, reviews_for, write_review
from tests.procurement.catalogue_helpers import make_offering
from tests.procurement.conftest import make_buyer, person_with_account


@pytest.fixture
def offering(provider, shop_staff):
    return make_offering(provider, publish_by=shop_staff).offering


def test_verified_buyer_reviews_and_writing_again_updates(offering, buyer_user, buyer):
    write_review(buyer_user, offering, rating=4, text="Quick to introduce.")
    review = write_review(buyer_user, offering, rating=5, text="Support answers the same day.")

    assert OfferingReview.objects.count() == 1
    assert (review.rating, review.buyer) == (5, buyer.organisation)
    assert review.author.user == buyer_user
    assert review.version == offering.published
    assert list(reviews_for(offering)) == [review]


def test_average_rating_over_administrations(offering, buyer_user):
    assert average_rating(offering) is None
    other = make_buyer("Stadt Flensburg", "flensburg", leitweg_id="")
    other_user = person_with_account(other.organisation, "Frida", "Frei", "frida@fl.example")
    write_review(buyer_user, offering, rating=5, text="Good.")
    write_review(other_user, offering, rating=2, text="Slow support.")

    assert average_rating(offering) == 3.5


def test_unverified_buyer_may_not_review(offering, unverified_buyer_user):
    with pytest.raises(PermissionDenied):
        write_review(unverified_buyer_user, offering, rating=5, text="Great")


def test_providers_own_people_may_not_review(offering, provider_admin, provider_employee):
    for user in (provider_admin, provider_employee):
        with pytest.raises(PermissionDenied):
            write_review(user, offering, rating=5, text="Our own product is great")


def test_a_business_may_not_review(offering):
    from tests.factories import OrganisationFactory

    firm = OrganisationFactory(
        name="Beratung GmbH", slug="beratung", actor_type=Organisation.ActorType.BUSINESS
    )
    user = person_with_account(firm, "Bert", "Rat", "bert@beratung.example", is_admin=True)

    with pytest.raises(PermissionDenied):
        write_review(user, offering, rating=1, text="Competitor says no")


def test_withdrawn_offering_takes_no_reviews(offering, buyer_user):
    listing.withdraw(None, offering)
    with pytest.raises(PermissionDenied):
        write_review(buyer_user, offering, rating=3, text="Hm")


def test_rating_and_text_are_checked(offering, buyer_user):
    with pytest.raises(ValidationError) as error:
        write_review(buyer_user, offering, rating=6, text="")
    assert set(error.value.message_dict) == {"rating", "text"}


def test_review_form_publishes_the_review(client_for, offering, buyer_user):
    response = client_for(buyer_user).post(
        reverse("procurement:offering_review_write", args=[offering.slug]),
        {"rating": "4", "text": "Introduced in two weeks."},
        follow=True,
    )
    assert response.status_code == 200
    assert "Introduced in two weeks." in response.content.decode()
    assert "Average rating 4.0 of 5, from 1 review." in response.content.decode()


def test_review_form_keeps_the_text_when_the_rating_is_missing(client_for, offering, buyer_user):
    response = client_for(buyer_user).post(
        reverse("procurement:offering_review_write", args=[offering.slug]),
        {"text": "Introduced in two weeks."},
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert "Introduced in two weeks." in response.content.decode()


def test_unverified_buyer_gets_403_from_the_review_form(
    client_for, offering, unverified_buyer_user
):
    response = client_for(unverified_buyer_user).post(
        reverse("procurement:offering_review_write", args=[offering.slug]),
        {"rating": "1", "text": "x"},
    )
    assert response.status_code == 403
    assert not OfferingReview.objects.exists()


def test_anonymous_is_sent_to_login_by_the_review_form(client, offering):
    response = client.post(
        reverse("procurement:offering_review_write", args=[offering.slug]),
        {"rating": "1", "text": "x"},
    )
    assert response.status_code == 302 and "login" in response["Location"]


def test_review_form_shown_to_buyers_only(client_for, offering, buyer_user, provider_admin):
    url = offering.get_absolute_url()
    assert "Publish the review" in client_for(buyer_user).get(url).content.decode()
    assert "Publish the review" not in client_for(provider_admin).get(url).content.decode()
