"""Posting, review, rejection, changes, withdrawal and renewal, through the pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.jobs.models import JobPosting
from knotenpunkt.outbox.models import OutgoingMail
from tests.jobs.conftest import make_posting, posting_data

Status = JobPosting.Status


def form(cluster, **overrides) -> dict:
    """The posting form as a browser sends it."""
    data = posting_data(**overrides)
    sent = {}
    for name, value in data.items():
        if value is None or value is False:
            continue
        sent[name] = "on" if value is True else str(value)
    sent["clusters"] = [cluster.pk]
    return sent


def test_an_organisation_admin_publishes_a_job_that_goes_live_at_once(
    client_for, bob, member_org, cluster
):
    response = client_for(bob).post(
        reverse("jobs:create", args=[member_org.slug]), {**form(cluster), "publish": "1"}
    )
    posting = JobPosting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == posting.get_absolute_url()
    assert posting.status == Status.PUBLISHED
    assert posting.published_at is not None
    assert posting.posted_by == bob
    assert list(posting.clusters.all()) == [cluster]
    assert posting.slug == "backend-entwicklerin-python-nordlicht-software-gmbh"
    assert AuditEntry.objects.filter(action="jobs.posting.published").exists()
    assert "Backend-Entwickler:in (Python)" in client_for(bob).get(reverse("jobs:board")).text


def test_a_draft_stays_off_the_board_until_published(client_for, bob, member_org, cluster):
    client_for(bob).post(reverse("jobs:create", args=[member_org.slug]), form(cluster))
    posting = JobPosting.objects.get()
    assert posting.status == Status.DRAFT
    assert posting.title not in client_for(bob).get(reverse("jobs:board")).text
    client_for(bob).post(reverse("jobs:submit", args=[posting.slug]))
    posting.refresh_from_db()
    assert posting.status == Status.PUBLISHED


def test_the_form_says_what_is_missing(client_for, bob, member_org, cluster):
    response = client_for(bob).post(
        reverse("jobs:create", args=[member_org.slug]),
        form(
            cluster,
            city="",
            contact_email="",
            salary_min="50000",
            salary_max="40000",
            valid_until=timezone.localdate() + datetime.timedelta(days=400),
        ),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"city", "salary_max", "salary_unit", "valid_until", "__all__"} <= set(errors)
    assert 'class="kern-alert kern-alert--danger error-summary"' in response.text
    assert not JobPosting.objects.exists()


def test_a_cluster_that_reviews_gets_the_posting_first_and_approves_it(
    client_for, bob, alice, member_org, cluster, review_in_cluster
):
    client_for(bob).post(
        reverse("jobs:create", args=[member_org.slug]), {**form(cluster), "publish": "1"}
    )
    posting = JobPosting.objects.get()
    assert posting.status == Status.IN_REVIEW
    assert posting.title not in client_for(bob).get(reverse("jobs:board")).text
    queue = client_for(alice).get(reverse("jobs:review"))
    assert posting.title in queue.text
    response = client_for(alice).post(reverse("jobs:approve", args=[posting.slug]))
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == Status.PUBLISHED
    assert posting.reviewed_by == alice
    mail = OutgoingMail.objects.get(kind="jobs_posting_published")
    assert mail.to == bob.email
    assert posting.get_absolute_url() in mail.body_text


def test_staff_reject_with_a_reason_the_poster_reads(
    client_for, bob, alice, member_org, review_in_cluster
):
    posting = make_posting(bob, member_org)
    response = client_for(alice).post(
        reverse("jobs:reject", args=[posting.slug]), {"reason": "Bitte ein Gehaltsband angeben."}
    )
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == Status.REJECTED
    assert posting.review_note == "Bitte ein Gehaltsband angeben."
    mail = OutgoingMail.objects.get(kind="jobs_posting_rejected")
    assert "Bitte ein Gehaltsband angeben." in mail.body_text
    page = client_for(bob).get(posting.get_absolute_url())
    assert "Bitte ein Gehaltsband angeben." in page.text


def test_a_rejection_needs_a_reason(client_for, bob, alice, member_org, review_in_cluster):
    posting = make_posting(bob, member_org)
    response = client_for(alice).post(reverse("jobs:reject", args=[posting.slug]), {"reason": ""})
    assert response.status_code == 400
    assert "reason" in response.context["reject_form"].errors
    posting.refresh_from_db()
    assert posting.status == Status.IN_REVIEW


def test_a_rejected_posting_is_changed_and_submitted_again(
    client_for, bob, alice, member_org, cluster, review_in_cluster
):
    posting = make_posting(bob, member_org)
    client_for(alice).post(reverse("jobs:reject", args=[posting.slug]), {"reason": "Gehalt?"})
    client_for(bob).post(
        reverse("jobs:edit", args=[posting.slug]),
        {
            **form(cluster, salary_min="45000", salary_max="55000", salary_unit="YEAR"),
            "publish": "1",
        },
    )
    posting.refresh_from_db()
    assert posting.status == Status.IN_REVIEW
    assert posting.salary_min == 45000


def test_changing_a_published_posting_sends_it_back_to_review_where_the_cluster_reviews(
    client_for, bob, alice, member_org, cluster, review_in_cluster
):
    posting = make_posting(alice, member_org)
    assert posting.status == Status.PUBLISHED  # staff publish what they post themselves
    client_for(bob).post(
        reverse("jobs:edit", args=[posting.slug]), form(cluster, title="Teamleitung Backend")
    )
    posting.refresh_from_db()
    assert posting.status == Status.IN_REVIEW
    assert posting.title == "Teamleitung Backend"
    assert AuditEntry.objects.filter(action="jobs.posting.returned_to_review").exists()


def test_a_withdrawn_posting_leaves_the_board_and_says_so(client_for, client, bob, published):
    client_for(bob).post(reverse("jobs:withdraw", args=[published.slug]))
    published.refresh_from_db()
    assert published.status == Status.WITHDRAWN
    client.logout()
    assert published.title not in client.get(reverse("jobs:board")).text
    page = client.get(published.get_absolute_url())
    assert page.status_code == 410
    assert "application/ld+json" not in page.text


@pytest.mark.usefixtures("english_messages")
def test_the_poster_extends_a_posting_by_at_most_six_months(client_for, bob, published):
    today = timezone.localdate()
    too_late = client_for(bob).post(
        reverse("jobs:renew", args=[published.slug]),
        {"valid_until": (today + datetime.timedelta(days=200)).isoformat()},
    )
    assert too_late.status_code == 400
    new_date = today + datetime.timedelta(days=90)
    response = client_for(bob).post(
        reverse("jobs:renew", args=[published.slug]), {"valid_until": new_date.isoformat()}
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.valid_until == new_date


def test_an_expired_posting_returns_to_the_board_when_extended(client_for, client, bob, published):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    JobPosting.objects.filter(pk=published.pk).update(valid_until=yesterday, status=Status.EXPIRED)
    new_date = timezone.localdate() + datetime.timedelta(days=30)
    client_for(bob).post(
        reverse("jobs:renew", args=[published.slug]), {"valid_until": new_date.isoformat()}
    )
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED
    client.logout()
    assert published.title in client.get(reverse("jobs:board")).text


def test_my_postings_lists_the_organisations_postings(
    client_for, bob, alice, member_org, django_assert_max_num_queries
):
    make_posting(alice, member_org, title="Praktikum UX")
    make_posting(bob, member_org, title="Abschlussarbeit KI", kind="thesis", publish=False)
    client = client_for(bob)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("jobs:mine"))
    assert "Praktikum UX" in page.text
    assert "Abschlussarbeit KI" in page.text


def test_the_organisation_page_shows_its_offers(client, published, member_org):
    page = client.get(member_org.get_absolute_url())
    assert page.status_code == 200
    assert published.title in page.text
    assert published.get_absolute_url() in page.text
