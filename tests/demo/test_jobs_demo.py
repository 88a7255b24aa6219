"""The job board's demo: postings of 30 member firms of both clusters, the digital
cluster's review, a digest subscription, and the tour stops of the board.

Built once for this module inside a transaction that is rolled back afterwards, like
test_demo.py; every test asks for `db` too so that pytest-django keeps them together.
"""

import json
import re

import pytest
from django.urls import reverse

from knotenpunkt.accounts.models import User
from knotenpunkt.demo.jobs import REVIEWING_CLUSTER, build_jobs_demo, demo_postings
from knotenpunkt.demo.plan import MEMBER_ORG, ORG_ADMIN_ORG, SEED
from knotenpunkt.demo.tour import ROLES, jobs_stops
from knotenpunkt.directory.models import Membership
from knotenpunkt.jobs.models import ClusterJobSettings, JobDigestSubscription, JobPosting
from knotenpunkt.jobs.rules import visible_postings
from knotenpunkt.jobs.services.board import listed_postings
from knotenpunkt.privacy.models import Consent

Status = JobPosting.Status
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
ROLE = {role.key: role for role in ROLES}


@pytest.fixture
def postings(demo, db):
    return demo_postings()


def test_thirty_member_firms_have_postings_on_the_board(postings):
    listed = listed_postings()
    assert listed.values("organisation").distinct().count() >= 30
    assert 60 <= postings.count() <= 80
    # Every poster is a member organisation of the clusters it shows in, in force today.
    for posting in listed.prefetch_related("clusters"):
        for cluster in posting.clusters.all():
            assert (
                Membership.objects.in_force()
                .filter(organisation=posting.organisation_id, cluster=cluster)
                .exists()
            ), posting


def test_both_clusters_show_postings(postings):
    for slug in ("diwish", "maritim"):
        assert listed_postings().filter(clusters__slug=slug).count() >= 15


def test_every_kind_is_on_the_board(postings):
    kinds = set(listed_postings().values_list("kind", flat=True))
    assert kinds == set(JobPosting.Kind.values)


def test_postings_spread_over_three_months_with_salaries_and_fees(postings):
    listed = listed_postings()
    days = {p.published_at.date() for p in listed}
    assert (max(days) - min(days)).days >= 60
    assert listed.filter(salary_min__isnull=False).count() >= 20
    assert listed.filter(kind="training", fee__isnull=False, course_start__isnull=False).exists()
    assert set(listed.values_list("work_mode", flat=True)) == set(JobPosting.WorkMode.values)


def test_a_demo_job_page_carries_markup_naming_the_hiring_organisation(postings, client):
    posting = listed_postings().filter(kind="job").order_by("pk").first()
    page = client.get(posting.get_absolute_url())
    assert page.status_code == 200
    [data] = [json.loads(found) for found in SCRIPT.findall(page.text)]
    assert data["@type"] == "JobPosting"
    assert data["hiringOrganization"]["name"] == posting.organisation.name
    assert data["title"] == posting.title


def test_the_reviewing_clusters_queue_holds_two_postings_and_one_was_rejected(postings, client):
    assert ClusterJobSettings.objects.get(cluster__slug=REVIEWING_CLUSTER).review_required
    staff = User.objects.get(email="cm@diwish.example")
    waiting = visible_postings(staff).filter(status=Status.IN_REVIEW)
    assert waiting.count() == 2
    rejected = postings.get(status=Status.REJECTED)
    assert rejected.review_note and rejected.reviewed_by == staff
    client.force_login(staff)
    page = client.get(reverse("jobs:review")).content.decode()
    for posting in waiting:
        assert posting.title in page


def test_expired_and_withdrawn_postings_are_not_on_the_board(postings, client):
    gone = postings.filter(status__in=[Status.EXPIRED, Status.WITHDRAWN])
    assert postings.filter(status=Status.EXPIRED).count() >= 3
    assert postings.filter(status=Status.WITHDRAWN).count() == 1
    board = "".join(
        client.get(reverse("jobs:board"), {"page": n}).content.decode() for n in (1, 2, 3, 4)
    )
    for posting in gone:
        assert posting.get_absolute_url() not in board
        assert client.get(posting.get_absolute_url()).status_code == 410
    # Most postings are shown for a while yet.
    assert listed_postings().count() >= 0.8 * postings.count()


def test_the_demo_logins_firms_have_two_postings_each(postings):
    for name in (MEMBER_ORG, ORG_ADMIN_ORG):
        assert postings.filter(organisation__name=name).count() == 2
    orgadmin = User.objects.get(email="orgadmin@demo.example")
    assert postings.filter(organisation__name=ORG_ADMIN_ORG, posted_by=orgadmin).count() == 2


def test_the_member_login_gets_the_weekly_digest(postings):
    member = User.objects.get(email="member@demo.example")
    subscription = JobDigestSubscription.objects.get(person__user=member)
    assert subscription.status == JobDigestSubscription.Status.ACTIVE
    assert subscription.email == member.email
    assert Consent.objects.filter(
        person=member.person, purpose=Consent.Purpose.JOBS_DIGEST, granted=True
    ).exists()


def test_building_it_again_adds_nothing(postings):
    count = postings.count()
    assert build_jobs_demo(SEED) is False
    assert demo_postings().count() == count


EXPECTED = {
    "visitor": {"jobs", "job"},
    "orgadmin": {"my-postings"},
    "manager": {"job-review"},
}


@pytest.mark.parametrize("role_key", sorted(EXPECTED))
def test_each_role_walks_its_jobs_stops(postings, client, role_key):
    role = ROLE[role_key]
    if role.email:
        client.force_login(User.objects.get(email=role.email))
    stops = jobs_stops(role)
    assert {stop.name for stop in stops} == EXPECTED[role_key]
    for stop in stops:
        response = client.get(stop.path)
        assert response.status_code == 200, stop
    if role_key == "orgadmin":
        page = client.get(reverse("jobs:mine")).content.decode()
        for posting in postings.filter(organisation__name=ORG_ADMIN_ORG):
            assert posting.title in page
