"""The schema.org markup of a posting's page, read back from the page as a search
engine reads it."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from knotenpunkt.directory.models import Region
from knotenpunkt.jobs.models import JobPosting
from knotenpunkt.jobs.services.structured_data import EMPLOYMENT_TYPES
from tests.jobs.conftest import make_posting

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def markup(client, posting) -> list[dict]:
    page = client.get(posting.get_absolute_url())
    assert page.status_code == 200
    return [json.loads(found) for found in SCRIPT.findall(page.text)]


def the_markup(client, posting) -> dict:
    found = markup(client, posting)
    assert len(found) == 1
    return found[0]


def iso_date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text[:10])


def test_a_job_carries_the_job_posting_properties_google_requires(client, bob, member_org):
    member_org.website = "https://nordlicht.example"
    member_org.save()
    posting = make_posting(
        bob,
        member_org,
        region=Region.objects.get(ags="01002"),
        salary_min=Decimal("48000"),
        salary_max=Decimal("62000.50"),
        salary_unit="YEAR",
        start_date=timezone.localdate() + datetime.timedelta(days=60),
    )
    data = the_markup(client, posting)

    assert data["@context"] == "https://schema.org/"
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Backend-Entwickler:in (Python)"
    assert "<strong>Backend-Team</strong>" in data["description"]
    posted = datetime.date.fromisoformat(data["datePosted"])
    valid_through = datetime.datetime.fromisoformat(data["validThrough"])
    assert posted == timezone.localdate()
    assert valid_through.tzinfo is not None
    assert valid_through.date() == posting.valid_until
    assert valid_through.date() > posted
    assert data["employmentType"] == ["FULL_TIME"]
    assert set(data["employmentType"]) <= EMPLOYMENT_TYPES
    organisation = data["hiringOrganization"]
    assert organisation["@type"] == "Organization"
    assert organisation["name"] == "Nordlicht Software GmbH"
    assert organisation["sameAs"] == "https://nordlicht.example"
    assert organisation["url"].endswith(member_org.get_absolute_url())
    place = data["jobLocation"]
    assert place["@type"] == "Place"
    assert place["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Holtenauer Straße 1",
        "addressLocality": "Kiel",
        "postalCode": "24105",
        "addressRegion": "Schleswig-Holstein",
        "addressCountry": "DE",
    }
    assert "jobLocationType" not in data
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 48000,
            "maxValue": 62000.5,
            "unitText": "YEAR",
        },
    }
    assert iso_date(data["jobStartDate"]) == posting.start_date
    assert data["url"].endswith(posting.get_absolute_url())


def test_a_remote_internship_is_telecommute_within_germany(client, bob, member_org):
    posting = make_posting(
        bob,
        member_org,
        kind=JobPosting.Kind.INTERNSHIP,
        work_mode=JobPosting.WorkMode.REMOTE,
        employment_type=JobPosting.EmploymentType.FULL_TIME,
        fixed_term=True,
        salary_min=Decimal("1200"),
        salary_unit="MONTH",
    )
    data = the_markup(client, posting)
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "DE"}
    assert "jobLocation" not in data
    assert data["employmentType"] == ["FULL_TIME", "INTERN", "TEMPORARY"]
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "minValue": 1200,
        "unitText": "MONTH",
    }


def test_a_thesis_without_employment_type_is_other(client, bob, member_org):
    posting = make_posting(bob, member_org, kind=JobPosting.Kind.THESIS, employment_type="")
    data = the_markup(client, posting)
    assert data["employmentType"] == ["OTHER"]
    assert "baseSalary" not in data


def test_a_training_offer_is_a_course_with_instance_and_fee(client, bob, member_org):
    start = timezone.localdate() + datetime.timedelta(days=20)
    posting = make_posting(
        bob,
        member_org,
        kind=JobPosting.Kind.TRAINING,
        title="Scrum Master Zertifikat",
        employment_type="",
        course_mode=JobPosting.CourseMode.ONLINE,
        course_start=start,
        course_end=start + datetime.timedelta(days=2),
        fee=Decimal("890.00"),
    )
    data = the_markup(client, posting)
    assert data["@type"] == "Course"
    assert data["name"] == "Scrum Master Zertifikat"
    assert data["description"] == "Wir suchen Verstärkung für unser Backend-Team."
    assert data["provider"]["@type"] == "Organization"
    assert data["provider"]["name"] == "Nordlicht Software GmbH"
    (instance,) = data["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance"
    assert instance["courseMode"] == "online"
    assert iso_date(instance["startDate"]) == start
    assert iso_date(instance["endDate"]) == start + datetime.timedelta(days=2)
    assert data["offers"] == [
        {"@type": "Offer", "category": "Paid", "price": 890, "priceCurrency": "EUR"}
    ]


def test_an_on_site_course_without_fee_is_free_and_has_its_place(client, bob, member_org):
    posting = make_posting(
        bob, member_org, kind=JobPosting.Kind.TRAINING, employment_type="", fee=None
    )
    data = the_markup(client, posting)
    (instance,) = data["hasCourseInstance"]
    assert instance["courseMode"] == "onsite"
    assert instance["location"]["address"]["addressLocality"] == "Kiel"
    assert data["offers"][0]["category"] == "Free"


def test_a_title_cannot_end_the_script_element(client, bob, member_org):
    posting = make_posting(bob, member_org, title='</script><script>alert("x")</script> & Co')
    page = client.get(posting.get_absolute_url())
    assert '<script>alert("x")</script>' not in page.text
    data = the_markup(client, posting)
    assert data["title"] == '</script><script>alert("x")</script> & Co'


@pytest.mark.parametrize("state", ["draft", "withdrawn", "expired"])
def test_only_a_listed_posting_carries_markup(client, bob, member_org, state):
    posting = make_posting(bob, member_org, publish=state != "draft")
    if state == "withdrawn":
        JobPosting.objects.filter(pk=posting.pk).update(status=JobPosting.Status.WITHDRAWN)
    if state == "expired":
        JobPosting.objects.filter(pk=posting.pk).update(
            valid_until=timezone.localdate() - datetime.timedelta(days=1)
        )
    client.force_login(bob)  # who manages it still opens the page
    assert markup(client, posting) == []
