"""Invoices are the cluster management's bookkeeping: only staff of the issuing cluster
see, download, cancel or mark them paid; members get theirs by mail."""

import rules

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import clusters_looked_after, is_cluster_staff, is_staff_of_cluster
from knotenpunkt.invoicing.models import Invoice


@rules.predicate
def is_staff_of_invoice_cluster(user, invoice) -> bool:
    return invoice is not None and is_staff_of_cluster(user, invoice.cluster)


def visible_invoices(user):
    """The invoices of the clusters the user looks after (the list, exports, the admin)."""
    return Invoice.objects.filter(cluster__in=clusters_looked_after(user))


rules.add_perm("invoicing.view_invoices", is_platform_admin | is_cluster_staff)
rules.add_perm("invoicing.manage_invoice", is_platform_admin | is_staff_of_invoice_cluster)
rules.add_perm("invoicing.export_bookings", is_platform_admin | is_staff_of_cluster)
