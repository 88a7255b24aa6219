"""A member organisation's postings on the board of its cluster. The standing personas
(tests/conftest.py): alice looks after the cluster, bob administers Nordlicht Software (a
member), carol works there without admin rights, dave works nowhere; berta looks after
another cluster."""

import datetime

import pytest
from django.utils import timezone

from knotenpunkt.directory.models import Topic
from knotenpunkt.jobs.models import ClusterJobSettings, JobPosting
from knotenpunkt.jobs.services.postings import create_posting, submit_posting
from tests.factories import UserFactory


def posting_data(**overrides) -> dict:
    """What the form hands the services for an ordinary full-time job in Kiel."""
    today = timezone.localdate()
    data = {
        "kind": JobPosting.Kind.JOB,
        "title": "Backend-Entwickler:in (Python)",
        "description": "Wir suchen Verstärkung für unser **Backend-Team**.",
        "work_mode": JobPosting.WorkMode.ON_SITE,
        "street": "Holtenauer Straße 1",
        "postcode": "24105",
        "city": "Kiel",
        "region": None,
        "employment_type": JobPosting.EmploymentType.FULL_TIME,
        "fixed_term": False,
        "start_date": None,
        "salary_min": None,
        "salary_max": None,
        "salary_unit": "",
        "duration": "",
        "course_mode": "",
        "course_start": None,
        "course_end": None,
        "fee": None,
        "contact_name": "Bob Brandt",
        "contact_email": "jobs@nordlicht.example",
        "application_url": "",
        "valid_until": today + datetime.timedelta(days=30),
    }
    data.update(overrides)
    return data


def make_posting(actor, organisation, *, publish=True, topics=(), clusters=None, **overrides):
    """A posting of `organisation` in its clusters (all of them unless given), submitted
    by `actor` unless `publish` is False."""
    from knotenpunkt.jobs.services.postings import clusters_for_posting

    posting = create_posting(
        actor,
        organisation,
        posting_data(**overrides),
        topics=topics,
        clusters=clusters if clusters is not None else clusters_for_posting(actor, organisation),
    )
    if publish:
        posting = submit_posting(actor, posting)
    return posting


@pytest.fixture
def berta(other_cluster):
    user = UserFactory(email="berta@logistik.example", is_staff=True)
    other_cluster.staff.add(user)
    return user


@pytest.fixture
def review_in_cluster(cluster):
    return ClusterJobSettings.objects.create(cluster=cluster, review_required=True)


@pytest.fixture
def topic(db):
    return Topic.objects.get(slug="software-entwicklung")


@pytest.fixture
def published(bob, member_org):
    return make_posting(bob, member_org)


@pytest.fixture
def english_messages():
    from django.utils import translation

    with translation.override("en"):
        yield
