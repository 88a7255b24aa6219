"""The public board: filters, search, pagination and what leaves it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.directory.models import Region, Topic
from knotenpunkt.jobs.models import JobPosting
from knotenpunkt.jobs.services.board import PAGE_SIZE
from knotenpunkt.jobs.services.postings import run_nightly
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)
from tests.jobs.conftest import make_posting


@pytest.fixture
def second_org(cluster):
    """Another member with its own admin."""
    org = OrganisationFactory(name="Förde Analytics GmbH", slug="foerde-analytics")
    MembershipFactory(organisation=org, cluster=cluster)
    admin = UserFactory(email="admin@foerde.example")
    PositionFactory(
        person=PersonFactory(first_name="Frauke", last_name="Fuchs", user=admin),
        organisation=org,
        is_admin=True,
    )
    return org, admin


@pytest.fixture
def offers(bob, member_org, second_org):
    org, admin = second_org
    kiel = Region.objects.get(ags="01002")
    return {
        "job": make_posting(
            bob,
            member_org,
            title="Backend-Entwickler:in",
            region=kiel,
            topics=[Topic.objects.get(slug="individualsoftware")],
        ),
        "remote": make_posting(
            bob,
            member_org,
            title="Data Engineer (remote)",
            description="Datenpipelines für Häfen bauen.",
            work_mode=JobPosting.WorkMode.REMOTE,
            employment_type=JobPosting.EmploymentType.PART_TIME,
            topics=[Topic.objects.get(slug="ki-und-daten")],
        ),
        "thesis": make_posting(
            admin,
            org,
            title="Masterarbeit Prozessoptimierung",
            kind=JobPosting.Kind.THESIS,
            description="Abläufe in der Fertigung messen und verbessern.",
            employment_type="",
            city="Flensburg",
            postcode="24937",
        ),
    }


def titles(response) -> set[str]:
    return {posting.title for posting in response.context["page"].object_list}


def test_the_board_lists_every_listed_offer(client, offers):
    assert titles(client.get(reverse("jobs:board"))) == {p.title for p in offers.values()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "thesis"}, {"thesis"}),
        ({"work_mode": "remote"}, {"remote"}),
        ({"employment_type": "part_time"}, {"remote"}),
        ({"organisation": "foerde-analytics"}, {"thesis"}),
        ({"region": "01002"}, {"job"}),
        # The parent topic finds a posting of the topic below it.
        ({"topic": "software-entwicklung"}, {"job"}),
        ({"topic": "ki-und-daten"}, {"remote"}),
        ({"cluster": "diwish"}, {"job", "remote", "thesis"}),
    ],
)
def test_the_board_filters(client, offers, query, expected):
    response = client.get(reverse("jobs:board"), query)
    assert titles(response) == {offers[key].title for key in expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Backend", {"job"}),
        # Umlauts and endings: "Hafen" finds "Häfen" folded, "Datenpipeline" the plural.
        ("datenpipeline", {"remote"}),
        ("Förde", {"thesis"}),
        ("masterarbeit prozessoptimierung", {"thesis"}),
        ("Quantencomputer", set()),
    ],
)
def test_the_board_searches_title_description_and_organisation(client, offers, query, expected):
    response = client.get(reverse("jobs:board"), {"q": query})
    assert titles(response) == {offers[key].title for key in expected}


@pytest.mark.postgres
def test_the_board_searches_german_words_on_postgresql(client, offers):
    # German stemming: "Datenpipeline" finds "Datenpipelines", "Häfen" the plural.
    response = client.get(reverse("jobs:board"), {"q": "Datenpipeline Häfen"})
    assert titles(response) == {offers["remote"].title}


def test_a_filter_value_nobody_offers_shows_the_whole_board(client, offers):
    response = client.get(
        reverse("jobs:board"), {"organisation": "gibt-es-nicht", "kind": "thesis"}
    )
    assert response.status_code == 200
    assert titles(response) == {offers["thesis"].title}


def test_the_board_pages_through_many_offers(client, bob, member_org):
    for number in range(PAGE_SIZE + 3):
        make_posting(bob, member_org, title=f"Stelle {number}")
    first = client.get(reverse("jobs:board"))
    second = client.get(reverse("jobs:board"), {"page": 2})
    assert len(first.context["page"].object_list) == PAGE_SIZE
    assert len(second.context["page"].object_list) == 3
    assert 'rel="next"' in first.text


def test_the_board_reads_a_page_with_a_bounded_number_of_queries(
    client, offers, bob, member_org, django_assert_max_num_queries
):
    for number in range(10):
        make_posting(
            bob,
            member_org,
            title=f"Stelle {number}",
            topics=[Topic.objects.get(slug="it-sicherheit")],
        )
    with django_assert_max_num_queries(14):
        response = client.get(reverse("jobs:board"))
    assert len(response.context["page"].object_list) == 13


def test_an_expired_offer_leaves_the_board_before_the_nightly_run(client, offers):
    posting = offers["job"]
    JobPosting.objects.filter(pk=posting.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert posting.title not in titles(client.get(reverse("jobs:board")))
    page = client.get(posting.get_absolute_url())
    assert page.status_code == 410
    assert "application/ld+json" not in page.text
    assert run_nightly() == {"expired": 1, "reminded": 0}
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.EXPIRED


def test_the_poster_still_opens_the_expired_offer_to_extend_it(client_for, bob, offers):
    posting = offers["job"]
    JobPosting.objects.filter(pk=posting.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    page = client_for(bob).get(posting.get_absolute_url())
    assert page.status_code == 200
    assert reverse("jobs:renew", args=[posting.slug]) in page.text
    assert "application/ld+json" not in page.text


def test_the_posting_page_escapes_what_the_poster_wrote(client, bob, member_org):
    posting = make_posting(bob, member_org, description="<script>alert(1)</script> **Teamarbeit**")
    page = client.get(posting.get_absolute_url())
    assert "<script>alert(1)</script>" not in page.text
    assert "<strong>Teamarbeit</strong>" in page.text


def test_a_renamed_organisation_is_found_by_its_new_name(client, offers, member_org):
    from knotenpunkt.directory.services.changes import organisations_saved

    member_org.name = "Polarlicht Systems GmbH"
    member_org.save()
    organisations_saved([member_org.pk])
    response = client.get(reverse("jobs:board"), {"q": "Polarlicht"})
    assert titles(response) == {offers["job"].title, offers["remote"].title}
