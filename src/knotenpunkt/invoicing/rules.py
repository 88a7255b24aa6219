"""Invoices are the cluster management's bookkeeping: only staff of the issuing cluster
see, download, cancel or mark them paid; members get theirs by mail. The recipients may
also fetch their own (the API): the admins of the organisation an invoice is addressed
to, and the person it is addressed to."""

import rules
from django.db.models import Q

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.models import Position
from knotenpunkt.directory.rules import (
    clusters_looked_after,
    is_cluster_staff,
    is_organisation_admin,
    is_own_person,
    is_staff_of_cluster,
)
from knotenpunkt.invoicing.models import Invoice


@rules.predicate
def is_staff_of_invoice_cluster(user, invoice) -> bool:
    return invoice is not None and is_staff_of_cluster(user, invoice.cluster)


def visible_invoices(user):
    """The invoices of the clusters the user looks after (the list, exports, the admin)."""
    return Invoice.objects.filter(cluster__in=clusters_looked_after(user))


@rules.predicate
def receives_invoice(user, invoice) -> bool:
    """The invoice is addressed to the user's person or to an organisation they administer."""
    if invoice is None:
        return False
    return is_own_person(user, invoice.person) or is_organisation_admin(user, invoice.organisation)


def invoices_received_by(user):
    """`receives_invoice` as a queryset: the invoices addressed to the user's person or to
    the organisations they currently administer."""
    if not user.is_authenticated:
        return Invoice.objects.none()
    administered = (
        Position.objects.current()
        .filter(person__user=user, person__erased_at__isnull=True, is_admin=True)
        .values("organisation")
    )
    return Invoice.objects.filter(Q(person__user=user) | Q(organisation__in=administered))


rules.add_perm("invoicing.view_received_invoice", receives_invoice)
rules.add_perm("invoicing.view_invoices", is_platform_admin | is_cluster_staff)
rules.add_perm("invoicing.manage_invoice", is_platform_admin | is_staff_of_invoice_cluster)
rules.add_perm("invoicing.export_bookings", is_platform_admin | is_staff_of_cluster)
