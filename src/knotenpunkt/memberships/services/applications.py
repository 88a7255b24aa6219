"""Applications for membership: submitted by a person of a registered organisation, reviewed
by the cluster's staff; approval admits the member through the directory's `admit_member`."""

import statistics
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core.audit import log_action
from knotenpunkt.core.charts import bar_chart
from knotenpunkt.directory.models import Cluster, Membership, Organisation, Position
from knotenpunkt.directory.services.changes import organisations_saved
from knotenpunkt.directory.services.memberships import admit_member
from knotenpunkt.memberships.models import (
    ClusterDocument,
    DocumentAcceptance,
    MembershipApplication,
)
from knotenpunkt.memberships.services.documents import current_documents
from knotenpunkt.memberships.services.schedules import rate_for, schedule_in_force
from knotenpunkt.outbox.services import queue_mail

# Free memberships are granted by staff (honorary members, partners), not applied for.
APPLICABLE_KINDS = (
    Membership.Kind.PAYING,
    Membership.Kind.STARTUP,
    Membership.Kind.STUDENT,
    Membership.Kind.COMPENSATING,
)
# What an applicant reads beside each kind; the fee rules document has the details.
KIND_CONDITIONS = {
    Membership.Kind.PAYING: gettext_lazy(
        "The regular membership. The yearly fee depends on the size of the organisation."
    ),
    Membership.Kind.STARTUP: gettext_lazy(
        "For young companies at a reduced fee. The fee rules say up to which age and size a "
        "company counts as a start-up; the staff may ask for proof, e.g. the register extract."
    ),
    Membership.Kind.STUDENT: gettext_lazy(
        "For student initiatives and young people in training, at a reduced or no fee. The "
        "staff may ask for proof of enrolment."
    ),
    Membership.Kind.COMPENSATING: gettext_lazy(
        "Instead of a fee, the organisation contributes in kind (rooms, talks, services). "
        "Describe the contribution under “why”; the staff agree it with you."
    ),
}
# How far in the past a desired start may lie (an application sent on the 3rd for the 1st).
START_GRACE_DAYS = 7
# And how far ahead.
START_MAX_DAYS_AHEAD = 2 * 365
MAX_MOTIVATION = 4000
MAX_STAFF_MESSAGE = 4000


# --- who may apply for what -----------------------------------------------------------------


def organisations_for_application(user) -> QuerySet[Organisation]:
    """The organisations a user may apply for: those where they hold a current position."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=Position.objects.current()
        .filter(person__user=user, person__erased_at__isnull=True)
        .values("organisation")
    ).order_by("name")


def applications_of(user) -> QuerySet[MembershipApplication]:
    """The applications of the organisations a user works at, newest first."""
    return MembershipApplication.objects.filter(
        organisation__in=organisations_for_application(user)
    ).select_related("organisation", "cluster", "applicant")


def has_open_membership(organisation: Organisation, cluster: Cluster) -> bool:
    """Whether the organisation is a member of the cluster, or admitted and about to be
    (the rule `admit_member` enforces: one membership not ended per cluster)."""
    return (
        Membership.objects.filter(organisation=organisation, cluster=cluster)
        .exclude(status=Membership.Status.ENDED)
        .exclude(status=Membership.Status.NOTICE_GIVEN, end_date__lt=timezone.localdate())
        .exists()
    )


def fee_for(cluster: Cluster, kind: str, size_class: str, start_date: date) -> Decimal:
    """The yearly fee the schedule in force for the year of `start_date` sets for a kind and
    size class; 0 without a schedule or a rate (staff can set an individual fee)."""
    schedule = schedule_in_force(cluster, start_date.year)
    amount = rate_for(schedule, kind, size_class) if schedule is not None else None
    return amount if amount is not None else Decimal("0.00")


# --- the applicant ----------------------------------------------------------------------------


def _check_fields(
    *, kind: str, size_class: str, start_date: date | None, motivation: str
) -> dict[str, str]:
    errors = {}
    if kind not in APPLICABLE_KINDS:
        errors["kind"] = _("Choose the kind of membership you apply for.")
    if size_class not in Organisation.SizeClass.values:
        errors["size_class"] = _("Choose the size of your organisation.")
    today = timezone.localdate()
    if start_date is None:
        errors["start_date"] = _("Give the desired start of the membership.")
    elif start_date < today - timedelta(days=START_GRACE_DAYS):
        errors["start_date"] = _(
            "The desired start cannot lie more than %(days)s days in the past."
        ) % {"days": START_GRACE_DAYS}
    elif start_date > today + timedelta(days=START_MAX_DAYS_AHEAD):
        errors["start_date"] = _("The desired start can lie at most two years ahead.")
    if len(motivation) > MAX_MOTIVATION:
        errors["motivation"] = _("Please say why in at most %(n)s characters.") % {
            "n": MAX_MOTIVATION
        }
    return errors


def _missing_documents(cluster: Cluster, accepted_document_ids: Iterable) -> list[ClusterDocument]:
    accepted = {str(pk) for pk in accepted_document_ids}
    return [d for d in current_documents(cluster) if str(d.pk) not in accepted]


def _documents_error(missing: list[ClusterDocument]) -> str:
    return _("Please read and accept: %(documents)s.") % {
        "documents": ", ".join(f"{d.title} ({_('version')} {d.version})" for d in missing)
    }


def _record_acceptances(application: MembershipApplication, user) -> None:
    for document in current_documents(application.cluster):
        DocumentAcceptance.objects.get_or_create(
            application=application,
            document=document,
            defaults={"accepted_by": user if getattr(user, "is_authenticated", False) else None},
        )


@transaction.atomic
def submit_application(
    user,
    organisation: Organisation,
    cluster: Cluster,
    *,
    kind: str,
    size_class: str,
    start_date: date | None,
    motivation: str = "",
    accepted_document_ids: Iterable = (),
) -> MembershipApplication:
    """Apply for `organisation` to become a member of `cluster`, accepting the cluster's
    current statutes and fee rules; the staff and the applicant are mailed."""
    motivation = motivation.strip()
    errors = _check_fields(
        kind=kind, size_class=size_class, start_date=start_date, motivation=motivation
    )
    if not organisations_for_application(user).filter(pk=organisation.pk).exists():
        errors["organisation"] = _(
            "You can apply only for an organisation at which you currently hold a position."
        )
    # The organisation's row serialises two colleagues applying at the same moment.
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    if has_open_membership(organisation, cluster):
        errors["cluster"] = _("%(org)s is already a member of %(cluster)s.") % {
            "org": organisation.name,
            "cluster": cluster,
        }
    elif MembershipApplication.objects.filter(
        organisation=organisation,
        cluster=cluster,
        status__in=MembershipApplication.OPEN_STATUSES,
    ).exists():
        errors["cluster"] = _(
            "%(org)s has already applied to %(cluster)s. You find the application under "
            "“My applications”."
        ) % {"org": organisation.name, "cluster": cluster}
    if missing := _missing_documents(cluster, accepted_document_ids):
        errors["accepted_documents"] = _documents_error(missing)
    if errors:
        raise ValidationError(errors)
    application = MembershipApplication.objects.create(
        cluster=cluster,
        organisation=organisation,
        applicant=user,
        kind=kind,
        size_class=size_class,
        start_date=start_date,
        motivation=motivation,
    )
    _record_acceptances(application, user)
    log_action(
        user,
        "memberships.application.submitted",
        application,
        organisation=organisation.name,
        cluster=cluster.name,
        kind=kind,
        size_class=size_class,
        start_date=start_date.isoformat(),
    )
    _mail_staff(application, resubmitted=False)
    _mail_applicant(application, "memberships_application_received")
    return application


def _locked(application: MembershipApplication) -> MembershipApplication:
    return (
        MembershipApplication.objects.select_for_update(of=("self",))
        .select_related("organisation", "cluster", "applicant")
        .get(pk=application.pk)
    )


def _require_open(application: MembershipApplication) -> None:
    if not application.is_open:
        raise ValidationError(
            _("This application can no longer be changed (status: %(status)s).")
            % {"status": application.get_status_display()}
        )


@transaction.atomic
def resubmit(
    user,
    application: MembershipApplication,
    *,
    kind: str,
    size_class: str,
    start_date: date | None,
    motivation: str = "",
    accepted_document_ids: Iterable = (),
) -> MembershipApplication:
    """Change an open application (usually after the staff asked for changes) and send it
    to the staff again; documents published meanwhile must be accepted too."""
    application = _locked(application)
    _require_open(application)
    motivation = motivation.strip()
    errors = _check_fields(
        kind=kind, size_class=size_class, start_date=start_date, motivation=motivation
    )
    if missing := _missing_documents(application.cluster, accepted_document_ids):
        errors["accepted_documents"] = _documents_error(missing)
    if errors:
        raise ValidationError(errors)
    application.kind, application.size_class = kind, size_class
    application.start_date, application.motivation = start_date, motivation
    application.status = MembershipApplication.Status.SUBMITTED
    application.save(
        update_fields=["kind", "size_class", "start_date", "motivation", "status", "updated_at"]
    )
    _record_acceptances(application, user)
    log_action(
        user,
        "memberships.application.resubmitted",
        application,
        kind=kind,
        size_class=size_class,
        start_date=start_date.isoformat(),
    )
    _mail_staff(application, resubmitted=True)
    return application


@transaction.atomic
def withdraw(user, application: MembershipApplication) -> MembershipApplication:
    """The applicant takes an open application back."""
    application = _locked(application)
    _require_open(application)
    application.status = MembershipApplication.Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    log_action(user, "memberships.application.withdrawn", application)
    return application


# --- the staff --------------------------------------------------------------------------------


@transaction.atomic
def approve(actor, application: MembershipApplication) -> Membership:
    """Admit the organisation with the kind and fee the application and the schedule say,
    and mail it the way to give its SEPA mandate. If the desired start has passed, the
    membership starts on the day of the approval."""
    application = _locked(application)
    _require_open(application)
    organisation, cluster = application.organisation, application.cluster
    start_date = max(application.start_date, timezone.localdate())
    annual_fee = fee_for(cluster, application.kind, application.size_class, start_date)
    membership = admit_member(
        actor,
        organisation,
        cluster,
        kind=application.kind,
        annual_fee=annual_fee,
        start_date=start_date,
    )
    # The application's size fills a gap in the profile; a size already there is the
    # organisation's own statement and stays (the fee run bills by it).
    if not organisation.size_class:
        Organisation.objects.filter(pk=organisation.pk, size_class="").update(
            size_class=application.size_class
        )
        organisation.size_class = application.size_class
        organisations_saved([organisation.pk])
        log_action(
            actor,
            "directory.organisation.changed",
            organisation,
            changes={"size_class": ["", application.size_class]},
        )
    application.status = MembershipApplication.Status.APPROVED
    application.decided_at = timezone.now()
    application.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    application.membership = membership
    application.save(
        update_fields=["status", "decided_at", "decided_by", "membership", "updated_at"]
    )
    log_action(
        actor,
        "memberships.application.approved",
        application,
        kind=application.kind,
        annual_fee=str(annual_fee),
        start_date=start_date.isoformat(),
    )
    context = {
        "application": application,
        "organisation": organisation,
        "cluster": cluster,
        "membership": membership,
        "needs_mandate": annual_fee > 0,
    }
    recipients = [
        application.applicant.email if application.applicant_id else "",
        organisation.email,
    ]
    for address in dict.fromkeys(a for a in recipients if a):
        queue_mail("memberships_application_approved", address, context)
    return membership


def _staff_message(text: str, field: str, missing: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: missing})
    if len(text) > MAX_STAFF_MESSAGE:
        raise ValidationError(
            {field: _("Please write at most %(n)s characters.") % {"n": MAX_STAFF_MESSAGE}}
        )
    return text


@transaction.atomic
def ask_for_changes(actor, application: MembershipApplication, message: str):
    """Send the application back to the applicant with what should change."""
    message = _staff_message(message, "message", _("Say what the applicant should change or add."))
    application = _locked(application)
    _require_open(application)
    application.status = MembershipApplication.Status.CHANGES_REQUESTED
    application.staff_message = message
    application.save(update_fields=["status", "staff_message", "updated_at"])
    log_action(actor, "memberships.application.changes_requested", application, message=message)
    _mail_applicant(application, "memberships_application_changes_requested")
    return application


@transaction.atomic
def decline(actor, application: MembershipApplication, reason: str):
    """Decline the application; the reason is required and mailed to the applicant."""
    reason = _staff_message(reason, "reason", _("Give the reason for declining."))
    application = _locked(application)
    _require_open(application)
    application.status = MembershipApplication.Status.DECLINED
    application.staff_message = reason
    application.decided_at = timezone.now()
    application.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    application.save(
        update_fields=["status", "staff_message", "decided_at", "decided_by", "updated_at"]
    )
    log_action(actor, "memberships.application.declined", application, reason=reason)
    _mail_applicant(application, "memberships_application_declined")
    return application


# --- mail -------------------------------------------------------------------------------------


def staff_recipients(cluster: Cluster) -> list[str]:
    """Where a cluster's application mail goes: its general address, else its staff."""
    if cluster.email:
        return [cluster.email]
    addresses = cluster.staff.filter(is_active=True).exclude(email="").order_by("pk")
    return list(dict.fromkeys(addresses.values_list("email", flat=True)))


def _mail_staff(application: MembershipApplication, *, resubmitted: bool) -> None:
    context = {"application": application, "resubmitted": resubmitted}
    for address in staff_recipients(application.cluster):
        queue_mail("memberships_application_to_staff", address, context)


def _mail_applicant(application: MembershipApplication, kind: str) -> None:
    if application.applicant_id and application.applicant.email:
        queue_mail(kind, application.applicant.email, {"application": application})


# --- figures ----------------------------------------------------------------------------------


def _months_back(today: date, count: int) -> list[date]:
    """The first days of the last `count` months, oldest first, the current one last."""
    months, year, month = [], today.year, today.month
    for _i in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def application_figures(clusters: Iterable[Cluster], months: int = 12) -> dict:
    """Per month of the last `months`: applications submitted, approved and declined; the
    median days from submission to approval of those approved then; and how many are open."""
    today = timezone.localdate()
    firsts = _months_back(today, months)
    since = timezone.make_aware(datetime.combine(firsts[0], time.min))
    applications = MembershipApplication.objects.filter(cluster__in=list(clusters))
    rows = {
        first: {"month": first, "submitted": 0, "approved": 0, "declined": 0} for first in firsts
    }
    recent = applications.filter(Q(submitted_at__gte=since) | Q(decided_at__gte=since))
    approval_days = []
    for submitted_at, decided_at, status in recent.values_list(
        "submitted_at", "decided_at", "status"
    ):
        submitted_on = timezone.localdate(submitted_at)
        if submitted_at >= since:
            rows[submitted_on.replace(day=1)]["submitted"] += 1
        if decided_at is None or decided_at < since:
            continue
        decided_on = timezone.localdate(decided_at)
        if status == MembershipApplication.Status.APPROVED:
            rows[decided_on.replace(day=1)]["approved"] += 1
            approval_days.append((decided_on - submitted_on).days)
        elif status == MembershipApplication.Status.DECLINED:
            rows[decided_on.replace(day=1)]["declined"] += 1
    return {
        "months": list(rows.values()),
        "median_approval_days": statistics.median(approval_days) if approval_days else None,
        "approved_count": len(approval_days),
        "open": applications.filter(status__in=MembershipApplication.OPEN_STATUSES).count(),
    }


def dashboard_section(clusters: list[Cluster]) -> dict:
    """The staff dashboard's part on applications (registered in MembershipsConfig.ready)."""
    figures = application_figures(clusters)
    # Two series, the ones the chart styles have colours for; declines are in the table.
    figures["chart"] = bar_chart(
        [
            (date_format(row["month"], "M Y"), [row["submitted"], row["approved"]])
            for row in figures["months"]
        ],
        series=(_("Submitted"), _("Approved")),
    )
    return figures
