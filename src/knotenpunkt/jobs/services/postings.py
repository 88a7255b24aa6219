"""The life of a posting: drafted, submitted (reviewed where the cluster wants it),
published, extended, withdrawn, and expired when its date has passed.

Every step locks the posting's row, checks the state it starts from and writes the audit
log. Mails to the poster go through the outbox in the same transaction.
"""

import calendar
import datetime

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import TextField, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.core.richtext import plain_text
from knotenpunkt.directory.models import Cluster, Membership
from knotenpunkt.directory.rules import clusters_looked_after, is_organisation_admin
from knotenpunkt.directory.services.abbreviations import words
from knotenpunkt.jobs.models import ClusterJobSettings, JobPosting
from knotenpunkt.jobs.rules import staff_of_a_cluster_of
from knotenpunkt.outbox.services import queue_mail

Status = JobPosting.Status

# How far ahead a posting may be shown: a job board full of stale offers helps nobody.
MAX_VALIDITY_MONTHS = 6
REMINDER_DAYS = 7

POSTING_FIELDS = (
    "kind",
    "title",
    "description",
    "work_mode",
    "street",
    "postcode",
    "city",
    "region",
    "employment_type",
    "fixed_term",
    "start_date",
    "salary_min",
    "salary_max",
    "salary_unit",
    "duration",
    "course_mode",
    "course_start",
    "course_end",
    "fee",
    "contact_name",
    "contact_email",
    "application_url",
    "valid_until",
)
# Path segments of the app's own pages, which a posting's address must not take.
RESERVED_SLUGS = {"new", "mine", "review", "digest", "settings"}


def latest_valid_until(today: datetime.date) -> datetime.date:
    """The last day a posting may be shown when it is saved on `today`: six months on
    (the 31 August for one saved on 28 February, the last day of a shorter month)."""
    month_index = today.month - 1 + MAX_VALIDITY_MONTHS
    year, month = today.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def check_valid_until(day: datetime.date | None, today: datetime.date) -> None:
    """Refuse a date in the past or more than six months ahead."""
    if day is None:
        raise ValidationError(_("Please say until when the posting is shown."))
    if day < today:
        raise ValidationError(_("The date lies in the past."))
    latest = latest_valid_until(today)
    if day > latest:
        raise ValidationError(
            _("A posting is shown for at most six months, until %(day)s at the latest.")
            % {"day": latest.strftime("%d.%m.%Y")}
        )


def clusters_for_posting(user, organisation) -> list[Cluster]:
    """The clusters a posting of `organisation` may be shown in: those it is a member of
    (for cluster staff posting on its behalf, only those they look after)."""
    clusters = Cluster.objects.filter(
        pk__in=Membership.objects.in_force().filter(organisation=organisation).values("cluster")
    )
    if not (user.is_superuser or is_organisation_admin(user, organisation)):
        clusters = clusters.filter(pk__in=clusters_looked_after(user).values("pk"))
    return list(clusters.order_by("name"))


def review_required(clusters) -> bool:
    """Whether one of the clusters wants to review postings before they are shown."""
    return ClusterJobSettings.objects.filter(cluster__in=clusters, review_required=True).exists()


def needs_review(actor, posting: JobPosting) -> bool:
    """A posting goes to review when one of its clusters wants it, unless the one who
    submits it reviews for those clusters."""
    if actor is not None and (actor.is_superuser or staff_of_a_cluster_of(actor, posting)):
        return False
    return review_required(posting.clusters.all())


def _unique_slug(title: str, organisation) -> str:
    base = slugify(f"{title} {organisation.name}")[:200].strip("-") or "angebot"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or JobPosting.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _clusters_after(actor, organisation, chosen, current=()) -> list[Cluster]:
    """The clusters a posting shows in after a save: those chosen among the ones the
    actor may choose, and those it already shows in that the actor may not choose (staff
    of one cluster neither add nor drop another's)."""
    allowed = {c.pk for c in clusters_for_posting(actor, organisation)}
    chosen = list(chosen)
    if any(c.pk not in allowed for c in chosen):
        raise ValidationError(_("The posting can only be shown in the organisation's clusters."))
    clusters = [*chosen, *(c for c in current if c.pk not in allowed)]
    if not clusters:
        raise ValidationError(_("Choose at least one cluster to show the posting in."))
    return clusters


@transaction.atomic
def create_posting(actor, organisation, data: dict, *, topics=(), clusters=()) -> JobPosting:
    """Store a new posting of `organisation` as a draft; `submit_posting` publishes it."""
    check_valid_until(data.get("valid_until"), timezone.localdate())
    chosen = _clusters_after(actor, organisation, clusters)
    fields = {name: data[name] for name in POSTING_FIELDS if name in data}
    for attempt in range(5):
        try:
            # A savepoint, so that a slug taken at the same moment costs one more try.
            with transaction.atomic():
                posting = JobPosting.objects.create(
                    organisation=organisation,
                    posted_by=actor if actor is not None and actor.is_authenticated else None,
                    slug=_unique_slug(fields["title"], organisation)
                    + (f"-{attempt}" if attempt else ""),
                    **fields,
                )
            break
        except IntegrityError:
            if attempt == 4:
                raise
    posting.clusters.set(chosen)
    posting.topics.set(topics)
    refresh_search(posting)
    log_action(actor, "jobs.posting.created", posting, organisation=organisation.pk)
    return posting


def _locked(posting: JobPosting) -> JobPosting:
    return JobPosting.objects.select_for_update().select_related("organisation").get(pk=posting.pk)


@transaction.atomic
def change_posting(actor, posting: JobPosting, data: dict, *, topics=(), clusters=()) -> JobPosting:
    """Save the poster's changes. A published posting in a cluster that reviews goes back
    to review (and off the board) until the cluster management approves the new text."""
    locked = _locked(posting)
    fields = [name for name in POSTING_FIELDS if name in data]
    audited = [*fields, "topics", "clusters"]
    before = snapshot(locked, audited)
    if data.get("valid_until") != locked.valid_until:
        check_valid_until(data.get("valid_until"), timezone.localdate())
    chosen = _clusters_after(actor, locked.organisation, clusters, locked.clusters.all())
    for name in fields:
        setattr(locked, name, data[name])
    locked.save()
    locked.clusters.set(chosen)
    locked.topics.set(topics)
    changes = changes_between(before, snapshot(locked, audited))
    if changes:
        log_action(actor, "jobs.posting.changed", locked, changes=changes)
    if locked.status == Status.PUBLISHED and changes and needs_review(actor, locked):
        locked.status = Status.IN_REVIEW
        locked.save(update_fields=["status", "updated_at"])
        log_action(actor, "jobs.posting.returned_to_review", locked)
    refresh_search(locked)
    return locked


def _publish(actor, posting: JobPosting, *, reviewed: bool) -> None:
    now = timezone.now()
    posting.status = Status.PUBLISHED
    posting.published_at = posting.published_at or now
    posting.review_note = ""
    fields = ["status", "published_at", "review_note", "updated_at"]
    if reviewed:
        posting.reviewed_by, posting.reviewed_at = actor, now
        fields += ["reviewed_by", "reviewed_at"]
    posting.save(update_fields=fields)
    log_action(actor, "jobs.posting.published", posting)


@transaction.atomic
def submit_posting(actor, posting: JobPosting) -> JobPosting:
    """Publish a draft (or a rejected or withdrawn posting) or, where a cluster reviews,
    hand it to the cluster management."""
    locked = _locked(posting)
    if locked.status not in (Status.DRAFT, Status.REJECTED, Status.WITHDRAWN):
        raise ValidationError(_("This posting cannot be submitted in its present state."))
    if locked.valid_until < timezone.localdate():
        raise ValidationError(_("The posting's date has passed: please choose a new one first."))
    if needs_review(actor, locked):
        locked.status = Status.IN_REVIEW
        locked.save(update_fields=["status", "updated_at"])
        log_action(actor, "jobs.posting.submitted", locked)
    else:
        _publish(actor, locked, reviewed=False)
    return locked


def _mail_poster(kind: str, posting: JobPosting, **context) -> bool:
    """Mail the one who posted it; False when nobody can be reached (an erased login)."""
    poster = posting.posted_by
    if poster is None or not poster.is_active or not poster.email:
        return False
    queue_mail(
        kind,
        poster.email,
        {
            "title": posting.title,
            "organisation": posting.organisation.name,
            "posting_path": posting.get_absolute_url(),
            **context,
        },
    )
    return True


@transaction.atomic
def approve_posting(actor, posting: JobPosting) -> JobPosting:
    """The cluster management approves a posting in review: it is shown at once."""
    locked = _locked(posting)
    if locked.status != Status.IN_REVIEW:
        raise ValidationError(_("Only a posting in review can be approved."))
    _publish(actor, locked, reviewed=True)
    _mail_poster("jobs_posting_published", locked)
    return locked


@transaction.atomic
def reject_posting(actor, posting: JobPosting, reason: str) -> JobPosting:
    """The cluster management sends a posting back with the reason; the poster may
    change it and submit it again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give the reason, so that the poster can fix it."))
    locked = _locked(posting)
    if locked.status != Status.IN_REVIEW:
        raise ValidationError(_("Only a posting in review can be rejected."))
    locked.status = Status.REJECTED
    locked.review_note = reason
    locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
    locked.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at", "updated_at"])
    log_action(actor, "jobs.posting.rejected", locked, reason=reason)
    _mail_poster("jobs_posting_rejected", locked, reason=reason)
    return locked


@transaction.atomic
def withdraw_posting(actor, posting: JobPosting) -> JobPosting:
    """Take a posting off the board for good (the position is filled)."""
    locked = _locked(posting)
    if locked.status == Status.WITHDRAWN:
        return locked
    locked.status = Status.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
    log_action(actor, "jobs.posting.withdrawn", locked)
    return locked


def may_be_renewed(posting: JobPosting, today: datetime.date) -> bool:
    return posting.current_status(today) in (Status.PUBLISHED, Status.EXPIRED)


@transaction.atomic
def renew_posting(actor, posting: JobPosting, valid_until: datetime.date) -> JobPosting:
    """Show a published or expired posting longer (at most six months from today); an
    expired one returns to the board, and a new reminder goes out before the new date."""
    today = timezone.localdate()
    locked = _locked(posting)
    if not may_be_renewed(locked, today):
        raise ValidationError(_("Only a published or expired posting can be extended."))
    check_valid_until(valid_until, today)
    previous = locked.valid_until
    locked.valid_until = valid_until
    locked.status = Status.PUBLISHED
    locked.reminder_sent_at = None
    locked.save(update_fields=["valid_until", "status", "reminder_sent_at", "updated_at"])
    log_action(
        actor,
        "jobs.posting.renewed",
        locked,
        valid_until=[previous.isoformat(), valid_until.isoformat()],
    )
    return locked


def expire_postings(today: datetime.date) -> int:
    """Mark published postings past their date as expired (the board already hides them;
    this makes the state visible in lists and the back office)."""
    expired = 0
    candidates = JobPosting.objects.filter(status=Status.PUBLISHED, valid_until__lt=today)
    for posting_id in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            changed = JobPosting.objects.filter(
                pk=posting_id, status=Status.PUBLISHED, valid_until__lt=today
            ).update(status=Status.EXPIRED, updated_at=timezone.now())
            if changed:
                log_action(None, "jobs.posting.expired", JobPosting.objects.get(pk=posting_id))
                expired += 1
    return expired


def send_expiry_reminders(today: datetime.date) -> int:
    """Mail each poster once, in the week before their posting ends, with a link to
    extend it. The mark is set in the same transaction as the mail is queued, and only
    where it is not set yet, so two runs never remind twice."""
    due = JobPosting.objects.filter(
        status=Status.PUBLISHED,
        valid_until__gte=today,
        valid_until__lte=today + datetime.timedelta(days=REMINDER_DAYS),
        reminder_sent_at__isnull=True,
        posted_by__isnull=False,
    )
    sent = 0
    for posting_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            marked = JobPosting.objects.filter(pk=posting_id, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now()
            )
            if not marked:
                continue
            posting = JobPosting.objects.select_related("organisation", "posted_by").get(
                pk=posting_id
            )
            reached = _mail_poster(
                "jobs_expiry_reminder",
                posting,
                valid_until=posting.valid_until,
                renew_path=reverse("jobs:renew", kwargs={"slug": posting.slug}),
            )
            if reached:
                log_action(None, "jobs.posting.reminder_sent", posting)
                sent += 1
    return sent


def run_nightly(today: datetime.date | None = None) -> dict:
    """What `knotenpunkt jobs-reminders` does each night: expire, then remind."""
    today = today or timezone.localdate()
    return {"expired": expire_postings(today), "reminded": send_expiry_reminders(today)}


# --- search ---------------------------------------------------------------------------------


def _search_parts(posting: JobPosting) -> tuple[str, str, str]:
    topics = " ".join(
        " ".join([t.label_de, t.label_en, *t.synonym_list]) for t in posting.topics.all()
    )
    place = " ".join(
        p for p in (posting.city, posting.region.name if posting.region_id else "") if p
    )
    rest = f"{plain_text(posting.description)} {posting.organisation.name} {place}"
    return posting.title, topics, rest


def refresh_search(posting: JobPosting) -> None:
    """Keep the posting's search document (SQLite: folded words at word starts) and, on
    PostgreSQL, its weighted German tsvector (title A, topics B, the rest C)."""
    title, topics, rest = _search_parts(posting)
    document = " " + " ".join(words(f"{title} {topics} {rest}")) + " "
    update = {"search_document": document}
    if connection.vendor == "postgresql":
        update["search_vector"] = (
            SearchVector(Value(title, output_field=TextField()), weight="A", config="german")
            + SearchVector(Value(topics, output_field=TextField()), weight="B", config="german")
            + SearchVector(Value(rest, output_field=TextField()), weight="C", config="german")
        )
    JobPosting.objects.filter(pk=posting.pk).update(**update)
    posting.search_document = document


# --- the clusters' settings -------------------------------------------------------------------


@transaction.atomic
def save_cluster_settings(actor, cluster: Cluster, *, review_required: bool) -> ClusterJobSettings:
    """Whether the cluster's management reviews postings before they are shown. Postings
    already published stay; those submitted afterwards follow the new setting."""
    settings, _created = ClusterJobSettings.objects.select_for_update().get_or_create(
        cluster=cluster
    )
    if settings.review_required != review_required:
        settings.review_required = review_required
        settings.save(update_fields=["review_required", "updated_at"])
        log_action(actor, "jobs.settings.changed", cluster, review_required=review_required)
    return settings
