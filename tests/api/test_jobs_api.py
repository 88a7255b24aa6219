"""The job board through the API: listed postings only, filtered and paged like every
list of the API."""

from knotenpunkt.jobs.models import JobPosting
from tests.jobs.conftest import make_posting


def test_lists_the_board_and_nothing_else(client, bob, member_org):
    shown = make_posting(bob, member_org, title="Data Engineer (m/w/d)")
    make_posting(bob, member_org, title="Noch ein Entwurf", publish=False)
    withdrawn = make_posting(bob, member_org, title="Zurückgezogen")
    JobPosting.objects.filter(pk=withdrawn.pk).update(status=JobPosting.Status.WITHDRAWN)
    body = client.get("/api/v1/jobs").json()
    assert [p["title"] for p in body["results"]] == ["Data Engineer (m/w/d)"]
    posting = body["results"][0]
    assert posting["organisation"] == "nordlicht" and posting["url"].endswith(
        shown.get_absolute_url()
    )
    assert client.get(f"/api/v1/jobs/{shown.slug}").status_code == 200
    assert client.get(f"/api/v1/jobs/{withdrawn.slug}").status_code == 404


def test_filters(client, bob, member_org):
    make_posting(
        bob, member_org, title="Werkstudent:in IT-Sicherheit", kind=JobPosting.Kind.WORKING_STUDENT
    )
    make_posting(bob, member_org, title="Senior Developer")
    students = client.get("/api/v1/jobs", {"kind": "working_student"}).json()
    assert [p["title"] for p in students["results"]] == ["Werkstudent:in IT-Sicherheit"]
    by_org = client.get("/api/v1/jobs", {"organisation": "nordlicht", "ordering": "valid_until"})
    assert by_org.json()["count"] == 2
    unknown = client.get("/api/v1/jobs", {"organisation": "gibt-es-nicht"})
    assert unknown.status_code == 404 and "gibt-es-nicht" in unknown.json()["detail"]
