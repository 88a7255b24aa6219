"""Membership lifecycle: admission, notice, end."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster, Membership, Organisation
from knotenpunkt.directory.services.listing_cache import directory_changed
from knotenpunkt.directory.services.search import refresh_search_index


@transaction.atomic
def admit_member(
    actor,
    organisation: Organisation,
    cluster: Cluster,
    *,
    kind: str,
    annual_fee: Decimal,
    start_date: date,
) -> Membership:
    """Start a membership; an organisation has at most one open membership per cluster.

    The organisation's row is locked so that two staff members admitting the same firm at
    once get one membership and a clear message, not a database error.
    """
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    close_expired_memberships(organisation)
    open_ones = Membership.objects.filter(organisation=organisation, cluster=cluster).exclude(
        status=Membership.Status.ENDED
    )
    if open_ones.exists():
        raise ValidationError(
            _("%(org)s already has an open membership in %(cluster)s."),
            params={"org": organisation, "cluster": cluster},
        )
    membership = Membership(
        organisation=organisation,
        cluster=cluster,
        kind=kind,
        annual_fee=annual_fee,
        start_date=start_date,
    )
    membership.full_clean()
    membership.save()
    refresh_search_index([organisation.pk])
    log_action(
        actor,
        "directory.membership.started",
        organisation,
        cluster=cluster.name,
        kind=kind,
        annual_fee=str(annual_fee),
    )
    return membership


def give_notice(actor, membership: Membership, end_date: date) -> Membership:
    """Record a notice of termination; the membership stays active until end_date."""
    return _set_end(
        actor,
        membership,
        end_date,
        Membership.Status.NOTICE_GIVEN,
        "directory.membership.notice_given",
    )


def end_membership(actor, membership: Membership, end_date: date) -> Membership:
    """Close a membership for good, effective end_date."""
    return _set_end(
        actor, membership, end_date, Membership.Status.ENDED, "directory.membership.ended"
    )


@transaction.atomic
def _set_end(actor, membership: Membership, end_date: date, status: str, action: str):
    if end_date < membership.start_date:
        raise ValidationError(_("The end cannot lie before the start of the membership."))
    membership.end_date = end_date
    membership.status = status
    membership.save(update_fields=["end_date", "status"])
    directory_changed()
    log_action(
        actor,
        action,
        membership.organisation,
        cluster=membership.cluster.name,
        end_date=end_date.isoformat(),
    )
    return membership


def close_expired_memberships(organisation: Organisation | None = None) -> int:
    """A notice turns into an exit once its end date has passed: mark those ended.

    Figures never depend on this status (they use the dates); it keeps the rule "one open
    membership per cluster" true, so a former member can be admitted again.
    """
    expired = Membership.objects.filter(
        status=Membership.Status.NOTICE_GIVEN, end_date__lt=timezone.localdate()
    )
    if organisation is not None:
        expired = expired.filter(organisation=organisation)
    closed = expired.update(status=Membership.Status.ENDED)
    if closed:
        directory_changed()
    return closed
