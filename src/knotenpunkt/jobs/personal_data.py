"""What the jobs app keeps about a person: the postings they posted or reviewed, postings
naming them as the contact, and their digest subscription.

Export (Art. 15) lists them. Erasure (Art. 17) keeps the postings (they are the
organisation's) without the link to the person's login and without their name and
address in the contact fields and the text, and deletes the digest subscription.
"""

from django.db.models import Q

from knotenpunkt.core.audit import mentioning, pseudonymised
from knotenpunkt.core.registry import identity_of, register_personal_data
from knotenpunkt.jobs.models import JobDigestSubscription, JobPosting
from knotenpunkt.jobs.services.postings import refresh_search


def _posting(posting: JobPosting) -> dict:
    return {
        "title": posting.title,
        "organisation": posting.organisation.name,
        "kind": posting.get_kind_display(),
        "status": posting.get_status_display(),
        "contact_name": posting.contact_name,
        "contact_email": posting.contact_email,
        "created": posting.created_at.isoformat(),
        "valid_until": posting.valid_until.isoformat(),
    }


def _naming(identity):
    return JobPosting.objects.filter(
        mentioning(identity.anywhere, "contact_name", "contact_email", "description")
    )


def export_jobs(person) -> dict:
    identity = identity_of(person)
    posted = (
        JobPosting.objects.filter(posted_by_id=person.user_id)
        if person.user_id
        else JobPosting.objects.none()
    )
    reviewed = (
        JobPosting.objects.filter(reviewed_by_id=person.user_id)
        if person.user_id
        else JobPosting.objects.none()
    )
    subscription = (
        JobDigestSubscription.objects.filter(person=person).prefetch_related("topics").first()
    )
    return {
        "postings_posted": [
            _posting(p) for p in posted.select_related("organisation").order_by("pk")
        ],
        "postings_reviewed": [
            {"title": p.title, "status": p.get_status_display(), "note": p.review_note}
            for p in reviewed.order_by("pk")
        ],
        "postings_naming_you": [
            _posting(p)
            for p in _naming(identity)
            .filter(~Q(posted_by_id=person.user_id) | Q(posted_by__isnull=True))
            .select_related("organisation")
            .order_by("pk")
        ],
        "digest": None
        if subscription is None
        else {
            "email": subscription.email,
            "status": subscription.get_status_display(),
            "kinds": subscription.kinds,
            "topics": [t.label for t in subscription.topics.all()],
            "requested": subscription.requested_at.isoformat(),
            "confirmed": subscription.confirmed_at.isoformat() if subscription.confirmed_at else "",
            "last_sent": subscription.last_sent_at.isoformat() if subscription.last_sent_at else "",
        },
    }


def erase_jobs(person) -> None:
    identity = identity_of(person)
    if person.user_id:
        JobPosting.objects.filter(posted_by_id=person.user_id).update(posted_by=None)
        JobPosting.objects.filter(reviewed_by_id=person.user_id).update(reviewed_by=None)
    addresses = {address.lower() for address in identity.emails}
    for posting in _naming(identity).select_for_update():
        if posting.contact_email.lower() in addresses:
            posting.contact_email = ""
        if (
            posting.contact_name
            and pseudonymised(posting.contact_name, identity.anywhere, "") != posting.contact_name
        ):
            posting.contact_name = ""
        posting.description = pseudonymised(
            posting.description, identity.anywhere, identity.pseudonym
        )
        posting.save(update_fields=["contact_email", "contact_name", "description"])
        refresh_search(posting)
    JobDigestSubscription.objects.filter(person=person).delete()


register_personal_data(
    "jobs",
    export_jobs,
    erase_jobs,
    models=("jobs.JobPosting", "jobs.JobDigestSubscription"),
)
