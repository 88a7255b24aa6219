"""Demo of the job board: jobs, internships, working-student positions, theses and
training offers of 30 member firms of the two clusters, built from `jobs_data`.

Postings go through the jobs services a click would call (create, submit, approve,
reject, withdraw, the nightly expiry), posted by a person with the admin right of the
firm, so the rules hold. The digital cluster reviews postings: its management approved
the listed ones, two wait in its review queue and one was sent back with a reason. The
services stamp the present; the demo spreads the postings over the past three months by
moving those timestamps back afterwards. The member login subscribes to the weekly digest.
Runs after the other demo parts; does nothing once postings of the demo clusters exist.
"""

import datetime
from random import Random

from django.db import transaction
from django.db.models import F

from knotenpunkt.accounts.models import User
from knotenpunkt.demo import clock
from knotenpunkt.demo.jobs_data import (
    EXPIRED,
    FIRMS,
    HEADINGS,
    IN_REVIEW,
    REJECTED,
    TRAINING,
    WITHDRAWN,
    FirmSpec,
    PostingSpec,
)
from knotenpunkt.demo.matching import infer_archetype
from knotenpunkt.demo.plan import DIGITAL, MARITIME
from knotenpunkt.demo.procurement import demo_account
from knotenpunkt.directory.models import Cluster, Membership, Organisation, Position, Topic
from knotenpunkt.jobs.models import JobDigestSubscription, JobPosting
from knotenpunkt.jobs.services import digest as digest_services
from knotenpunkt.jobs.services import postings as posting_services

STAFF_LOGIN = "cm@diwish.example"
ADMIN_LOGIN = "admin@knotenpunkt.example"
SUBSCRIBER_LOGIN = "member@demo.example"
REVIEWING_CLUSTER = DIGITAL["slug"]
# How far back the board reaches: postings of the past three months.
POSTED_WITHIN_DAYS = 90
# How long a firm usually shows a posting.
SHOWN_FOR_DAYS = (45, 60, 90, 120, 150)


def demo_postings():
    """The postings of the demo clusters."""
    return JobPosting.objects.filter(
        clusters__slug__in=[DIGITAL["slug"], MARITIME["slug"]]
    ).distinct()


def build_jobs_demo(seed: int) -> bool:
    """Postings of 30 member firms, the review of the digital cluster and a digest
    subscription; False if demo postings exist."""
    if demo_postings().exists():
        return False
    clusters = {
        c.slug: c for c in Cluster.objects.filter(slug__in=[DIGITAL["slug"], MARITIME["slug"]])
    }
    staff = User.objects.filter(email=STAFF_LOGIN).first()
    if len(clusters) < 2 or staff is None:
        return False
    rng = Random(seed)
    with transaction.atomic():
        posting_services.save_cluster_settings(
            staff, clusters[REVIEWING_CLUSTER], review_required=True
        )
        topics = {t.slug: t for t in Topic.objects.all()}
        for spec, organisation in _firms(rng):
            poster = _poster(organisation) or staff
            for posting_spec in spec.postings:
                _store_posting(rng, posting_spec, organisation, poster, staff, topics)
        # What the nightly run does: the postings past their date are marked expired.
        posting_services.expire_postings(clock.today())
        _subscribe(topics)
    return True


# --- firms ------------------------------------------------------------------------------------


def _firms(rng: Random) -> list[tuple[FirmSpec, Organisation]]:
    """A member firm with someone holding the admin right for every slot: the named
    firms first, then one drawn from the slot's archetypes (else from any firm) in its
    cluster."""
    admins = Position.objects.current().filter(is_admin=True, person__erased_at__isnull=True)
    chosen: dict[str, Organisation] = {}
    used: set[int] = set()
    for spec in FIRMS:
        if spec.name:
            found = Organisation.objects.filter(name=spec.name).order_by("pk").first()
            if found is not None:
                chosen[spec.key] = found
                used.add(found.pk)
    by_cluster = {}
    for slug in (DIGITAL["slug"], MARITIME["slug"]):
        members = Membership.objects.in_force().filter(cluster__slug=slug)
        by_cluster[slug] = list(
            Organisation.objects.filter(
                pk__in=members.values("organisation"),
                actor_type=Organisation.ActorType.BUSINESS,
            )
            .filter(pk__in=admins.values("organisation"))
            .prefetch_related("topics")
            .order_by("name", "pk")
        )
    for spec in FIRMS:
        if spec.key in chosen:
            continue
        firms = [f for f in by_cluster[spec.cluster] if f.pk not in used]
        fitting = [
            f
            for f in firms
            if infer_archetype(f.actor_type, f.wz_code, {t.slug for t in f.topics.all()})
            in spec.archetypes
        ]
        firm = rng.choice(fitting or firms)
        chosen[spec.key] = firm
        used.add(firm.pk)
    return [(spec, chosen[spec.key]) for spec in FIRMS if spec.key in chosen]


def _poster(organisation: Organisation) -> User | None:
    """The firm's admin who posts: a demo login where one is admin there (the org
    admin's firm), else the first admin, given an account without a usable password."""
    positions = (
        Position.objects.current()
        .filter(organisation=organisation, is_admin=True, person__erased_at__isnull=True)
        .select_related("person__user")
        .order_by(F("person__user").asc(nulls_last=True), "pk")
    )
    position = positions.first()
    if position is None:
        return None
    return demo_account(position.person, organisation.slug + ".example")


# --- postings ---------------------------------------------------------------------------------


def _store_posting(rng, spec: PostingSpec, organisation, poster, staff, topics) -> JobPosting:
    today, now = clock.today(), clock.now()
    posted_days = spec.posted if spec.posted is not None else rng.randint(1, POSTED_WITHIN_DAYS)
    posted = now - datetime.timedelta(days=posted_days, hours=rng.randint(0, 8))
    data = _fields(rng, spec, organisation, poster, today, posted.date())
    posting = posting_services.create_posting(
        poster,
        organisation,
        data,
        topics=[topics[slug] for slug in spec.topics if slug in topics],
        clusters=posting_services.clusters_for_posting(poster, organisation),
    )
    posting = posting_services.submit_posting(poster, posting)
    created = posted - datetime.timedelta(hours=rng.randint(1, 30))
    if spec.state == IN_REVIEW:
        _stamp(posting, created_at=posted, updated_at=posted)
        return posting
    if spec.state == REJECTED:
        posting = posting_services.reject_posting(staff, posting, spec.reason)
        reviewed = posted + datetime.timedelta(days=1, hours=3)
        _stamp(posting, created_at=created, updated_at=reviewed, reviewed_at=reviewed)
        return posting
    if posting.status == JobPosting.Status.IN_REVIEW:
        posting = posting_services.approve_posting(staff, posting)
    stamps = {"created_at": created, "updated_at": posted, "published_at": posted}
    if posting.reviewed_at is not None:
        stamps["reviewed_at"] = posted
    if spec.state == WITHDRAWN:
        posting = posting_services.withdraw_posting(poster, posting)
        stamps["updated_at"] = now - datetime.timedelta(days=rng.randint(3, posted_days - 1))
    if spec.state == EXPIRED:
        # Shown for a few weeks from its day, past now: the nightly run marks it expired.
        stamps["valid_until"] = today - datetime.timedelta(days=rng.randint(2, 20))
    _stamp(posting, **stamps)
    return posting


def _stamp(posting: JobPosting, **fields) -> None:
    JobPosting.objects.filter(pk=posting.pk).update(**fields)


def _fields(rng, spec: PostingSpec, organisation, poster, today, posted_on) -> dict:
    person = poster.person if hasattr(poster, "person") else None
    data = {
        "kind": spec.kind,
        "title": spec.title,
        "description": _description(spec, organisation),
        "work_mode": spec.work_mode,
        "employment_type": spec.employment,
        "fixed_term": spec.fixed_term,
        "start_date": _day(today, spec.starts_in),
        "duration": spec.duration,
        "course_mode": spec.course_mode,
        "course_start": _day(today, spec.course_days and spec.course_days[0]),
        "course_end": _day(today, spec.course_days and spec.course_days[1]),
        "fee": spec.fee,
        "contact_name": person.full_name if person else "",
        "contact_email": (person.primary_email if person else "") or organisation.email,
        "application_url": (
            organisation.website.rstrip("/") + "/karriere/"
            if spec.apply_online and organisation.website
            else ""
        ),
        "valid_until": _valid_until(rng, spec, today, posted_on),
    }
    if spec.salary:
        data["salary_min"], data["salary_max"], data["salary_unit"] = spec.salary
    if spec.work_mode != "remote":
        data.update(
            street=organisation.street,
            postcode=organisation.postcode,
            city=organisation.city,
            region=organisation.region,
        )
    return data


def _day(today: datetime.date, days: int | None) -> datetime.date | None:
    return None if days is None else today + datetime.timedelta(days=days)


def _valid_until(rng, spec: PostingSpec, today, posted_on) -> datetime.date:
    """Some weeks or months from the day it was posted, never past the allowed six months
    and at least a few days ahead (the expired ones are moved back afterwards); a course
    is shown until the day before it starts."""
    latest = posting_services.latest_valid_until(today)
    if spec.kind == TRAINING and spec.course_days:
        day = today + datetime.timedelta(days=spec.course_days[0] - 1)
    else:
        day = posted_on + datetime.timedelta(days=rng.choice(SHOWN_FOR_DAYS))
    return min(max(day, today + datetime.timedelta(days=rng.randint(5, 30))), latest)


def _description(spec: PostingSpec, organisation) -> str:
    """The posting's Markdown: the introduction, then tasks, profile and the firm's offer
    (for a course: contents and audience)."""
    if spec.kind == TRAINING:
        sections = [("contents", spec.tasks), ("audience", spec.profile)]
    else:
        tasks = "thesis_tasks" if spec.kind == "thesis" else "tasks"
        offer = next(f.offer for f in FIRMS if spec in f.postings)
        sections = [(tasks, spec.tasks), ("profile", spec.profile), ("offer", offer)]
    parts = [spec.intro]
    for heading, items in sections:
        if items:
            parts.append(f"**{HEADINGS[heading]}**\n\n" + "\n".join(f"- {i}" for i in items))
    return "\n\n".join(parts)


# --- the digest -------------------------------------------------------------------------------


def _subscribe(topics) -> None:
    """The member login gets the weekly digest of jobs and training offers in software
    and data, subscribed on the board some weeks ago."""
    user = User.objects.filter(email=SUBSCRIBER_LOGIN).first()
    if user is None or not hasattr(user, "person"):
        return
    chosen = [topics[s] for s in ("software-entwicklung", "ki-und-daten") if s in topics]
    subscription = digest_services.subscribe_account(
        user, kinds=[JobPosting.Kind.JOB, JobPosting.Kind.TRAINING], topics=chosen
    )
    subscribed = clock.now() - datetime.timedelta(days=37)
    # The weekly run went out on the last Monday (a week ago, when that is today).
    last_sent = clock.now() - datetime.timedelta(days=clock.today().weekday() or 7)
    JobDigestSubscription.objects.filter(pk=subscription.pk).update(
        requested_at=subscribed, confirmed_at=subscribed, last_sent_at=last_sent
    )
