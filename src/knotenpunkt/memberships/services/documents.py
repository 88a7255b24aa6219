"""The statutes and fee rules of a cluster: published as versions, never edited."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster
from knotenpunkt.memberships.models import ClusterDocument

MAX_TITLE = 200


def current_documents(cluster: Cluster) -> list[ClusterDocument]:
    """The newest version of each kind of document the cluster has published."""
    newest = {}
    for document in ClusterDocument.objects.filter(cluster=cluster).order_by("kind", "-version"):
        newest.setdefault(document.kind, document)
    return [newest[kind] for kind in ClusterDocument.Kind.values if kind in newest]


@transaction.atomic
def publish_document(
    actor, cluster: Cluster, *, kind: str, title: str, body: str, valid_from: date
) -> ClusterDocument:
    """Publish the next version of the cluster's statutes or fee rules (the first is 1).

    Earlier versions stay untouched: each acceptance points at the text that was read.
    """
    errors = {}
    title, body = title.strip(), body.strip()
    if kind not in ClusterDocument.Kind.values:
        errors["kind"] = _("Choose which document this is: statutes or fee rules.")
    if not title:
        errors["title"] = _("Give the document a title.")
    elif len(title) > MAX_TITLE:
        errors["title"] = _("The title can be at most %(n)s characters long.") % {"n": MAX_TITLE}
    if not body:
        errors["body"] = _("The text of the document is missing.")
    if valid_from is None:
        errors["valid_from"] = _("Say from which day the document is valid.")
    if errors:
        raise ValidationError(errors)
    # The cluster's row serialises two staff members publishing at once.
    Cluster.objects.select_for_update().get(pk=cluster.pk)
    latest = ClusterDocument.objects.filter(cluster=cluster, kind=kind).aggregate(v=Max("version"))
    document = ClusterDocument.objects.create(
        cluster=cluster,
        kind=kind,
        version=(latest["v"] or 0) + 1,
        title=title,
        body=body,
        valid_from=valid_from,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        actor,
        "memberships.document.published",
        document,
        cluster=cluster.name,
        kind=kind,
        version=document.version,
    )
    return document
