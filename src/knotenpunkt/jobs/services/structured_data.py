"""schema.org markup of a posting's page, for search engines' job and course listings.

Jobs, internships, working-student positions and theses are `JobPosting`s (the
properties Google's job search requires and recommends), training offers `Course`s.
Only a listed posting carries markup: an expired or withdrawn page must not be offered
as an open position.
"""

import datetime
import json
from decimal import Decimal

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from knotenpunkt.core.richtext import plain_text, render_markdown
from knotenpunkt.jobs.models import JobPosting

# Google's vocabulary for employmentType.
EMPLOYMENT_TYPES = {
    "FULL_TIME",
    "PART_TIME",
    "CONTRACTOR",
    "TEMPORARY",
    "INTERN",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
}
_BY_EMPLOYMENT_TYPE = {
    JobPosting.EmploymentType.FULL_TIME: ["FULL_TIME"],
    JobPosting.EmploymentType.PART_TIME: ["PART_TIME"],
    JobPosting.EmploymentType.FULL_OR_PART_TIME: ["FULL_TIME", "PART_TIME"],
    JobPosting.EmploymentType.MINI_JOB: ["PART_TIME"],
    JobPosting.EmploymentType.FREELANCE: ["CONTRACTOR"],
}
_COURSE_MODE_BY_WORK_MODE = {
    JobPosting.WorkMode.ON_SITE: JobPosting.CourseMode.ONSITE,
    JobPosting.WorkMode.HYBRID: JobPosting.CourseMode.BLENDED,
    JobPosting.WorkMode.REMOTE: JobPosting.CourseMode.ONLINE,
}
# As django.utils.html.json_script: nothing in the data can end the script element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def employment_types(posting: JobPosting) -> list[str]:
    """The posting's employmentType values: from its employment type, INTERN for an
    internship, TEMPORARY for a fixed term; OTHER when nothing else says what it is."""
    types = list(_BY_EMPLOYMENT_TYPE.get(posting.employment_type, []))
    if posting.kind == JobPosting.Kind.INTERNSHIP:
        types.append("INTERN")
    elif posting.kind == JobPosting.Kind.WORKING_STUDENT and not types:
        types.append("PART_TIME")
    if posting.fixed_term:
        types.append("TEMPORARY")
    return list(dict.fromkeys(types)) or ["OTHER"]


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _organisation(posting: JobPosting, base_url: str) -> dict:
    organisation = posting.organisation
    data = {
        "@type": "Organization",
        "name": organisation.name,
        "url": base_url + organisation.get_absolute_url(),
    }
    if organisation.website:
        data["sameAs"] = organisation.website
    if organisation.logo:
        data["logo"] = base_url + organisation.logo.url
    return data


def _address(posting: JobPosting) -> dict:
    address = {"@type": "PostalAddress", "addressCountry": "DE"}
    for key, value in (
        ("streetAddress", posting.street),
        ("addressLocality", posting.city),
        ("postalCode", posting.postcode),
        ("addressRegion", posting.region.state if posting.region_id else ""),
    ):
        if value:
            address[key] = value
    return address


def _end_of_day(day: datetime.date) -> str:
    moment = datetime.datetime.combine(day, datetime.time(23, 59, 59))
    return timezone.make_aware(moment).isoformat()


def _date_posted(posting: JobPosting) -> str:
    return timezone.localdate(posting.published_at or posting.created_at).isoformat()


def job_posting(posting: JobPosting, base_url: str) -> dict:
    """The `JobPosting` of a job, internship, working-student position or thesis."""
    url = base_url + posting.get_absolute_url()
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": str(render_markdown(posting.description)),
        "datePosted": _date_posted(posting),
        "validThrough": _end_of_day(posting.valid_until),
        "employmentType": employment_types(posting),
        "hiringOrganization": _organisation(posting, base_url),
        "identifier": {
            "@type": "PropertyValue",
            "name": posting.organisation.name,
            "value": str(posting.pk),
        },
        "url": url,
    }
    if posting.work_mode == JobPosting.WorkMode.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "DE"}
    else:
        data["jobLocation"] = {"@type": "Place", "address": _address(posting)}
    if posting.start_date:
        data["jobStartDate"] = posting.start_date.isoformat()
    if posting.salary_min is not None or posting.salary_max is not None:
        value = {"@type": "QuantitativeValue", "unitText": posting.salary_unit or "YEAR"}
        if posting.salary_min is not None:
            value["minValue"] = _number(posting.salary_min)
        if posting.salary_max is not None:
            value["maxValue"] = _number(posting.salary_max)
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": posting.currency,
            "value": value,
        }
    return data


def course(posting: JobPosting, base_url: str) -> dict:
    """The `Course` of a training offer."""
    mode = posting.course_mode or _COURSE_MODE_BY_WORK_MODE[posting.work_mode]
    instance = {"@type": "CourseInstance", "courseMode": mode}
    if posting.course_start:
        instance["startDate"] = posting.course_start.isoformat()
    if posting.course_end:
        instance["endDate"] = posting.course_end.isoformat()
    if mode != JobPosting.CourseMode.ONLINE and posting.city:
        instance["location"] = {"@type": "Place", "address": _address(posting)}
    fee = posting.fee if posting.fee is not None else Decimal(0)
    return {
        "@context": "https://schema.org/",
        "@type": "Course",
        "name": posting.title,
        "description": plain_text(posting.description),
        "url": base_url + posting.get_absolute_url(),
        "provider": _organisation(posting, base_url),
        "hasCourseInstance": [instance],
        "offers": [
            {
                "@type": "Offer",
                # An empty fee is a free course (the form says so).
                "category": "Paid" if fee else "Free",
                "price": _number(fee),
                "priceCurrency": posting.currency,
            }
        ],
    }


def structured_data(posting: JobPosting, base_url: str, today: datetime.date) -> dict | None:
    """The page's markup, or None for a posting that is not (or no longer) listed."""
    if not posting.is_listed(today):
        return None
    if posting.is_training:
        return course(posting, base_url)
    return job_posting(posting, base_url)


def json_ld_script(data: dict) -> SafeString:
    """The markup as a script element, escaped so that a title like "</script><script>"
    stays text inside the JSON."""
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
