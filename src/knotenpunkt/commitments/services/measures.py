"""The commitments' figure for the KPIs: signatories at the year's end.

An organisation counts for a cluster when, at the end of 31 December (Europe/Berlin), it
holds a signature of one of the cluster's commitments that was made before and not
withdrawn by then, under any published version (a signatory asked to sign a newer version
is still one). It counts once however many commitments or versions it signed, and once for
several clusters taken together.
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.commitments.models import Signature
from knotenpunkt.core.registry import MeasureQuery, MeasureRow, register_measure

# The models these figures are computed from (core.registry.Measure.sources).
SOURCES = ("commitments.Signature", "commitments.Commitment", "directory.Membership")


def year_end(year: int) -> datetime.datetime:
    """The first moment after the year, in the installation's time zone."""
    return timezone.make_aware(datetime.datetime(year + 1, 1, 1))  # noqa: DTZ001


def _valid_at(moment: datetime.datetime, cluster_ids):
    return Signature.objects.filter(
        Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=moment),
        version__commitment__cluster_id__in=cluster_ids,
        version__published_at__isnull=False,
        signed_at__lt=moment,
    )


def signatories_per_cluster(query: MeasureQuery) -> dict:
    """{cluster id or None: {year: organisations}}, from one query over the signatures
    (a few per member organisation), checked against each year's end in Python."""
    result = {pk: dict.fromkeys(query.years, 0) for pk in [*query.cluster_ids, None]}
    if not query.cluster_ids or not query.years:
        return result
    signatures = list(
        Signature.objects.filter(
            version__commitment__cluster_id__in=query.cluster_ids,
            version__published_at__isnull=False,
            signed_at__lt=year_end(max(query.years)),
        ).values_list(
            "version__commitment__cluster_id", "organisation_id", "signed_at", "withdrawn_at"
        )
    )
    for year in query.years:
        moment = year_end(year)
        per_cluster: dict[int, set] = {pk: set() for pk in query.cluster_ids}
        for cluster, organisation, signed_at, withdrawn_at in signatures:
            if signed_at < moment and (withdrawn_at is None or withdrawn_at >= moment):
                per_cluster[cluster].add(organisation)
        for cluster, organisations in per_cluster.items():
            result[cluster][year] = len(organisations)
        result[None][year] = len(set().union(*per_cluster.values()))
    return result


def signatory_rows(clusters, year: int) -> list[MeasureRow]:
    """The organisations behind the figure, each with the commitments it had signed."""
    valid = _valid_at(year_end(year), [c.pk for c in clusters]).select_related(
        "organisation", "version__commitment"
    )
    signed: dict[int, tuple] = {}
    for signature in valid.order_by("organisation__name", "version__commitment__title"):
        organisation, titles = signed.setdefault(
            signature.organisation_id, (signature.organisation, [])
        )
        title = f"{signature.version.commitment.title} ({signature.version.number})"
        if title not in titles:
            titles.append(title)
    return [
        MeasureRow(
            label=organisation.name,
            url=organisation.get_absolute_url(),
            detail=", ".join(titles),
            value=1,
        )
        for organisation, titles in signed.values()
    ]


def register_measures() -> None:
    register_measure(
        "commitment_signatories",
        _("Signatories of commitments"),
        "count",
        signatories_per_cluster,
        rows=signatory_rows,
        definition=_(
            "Organisations that at the end of the year had signed one of the cluster's "
            "commitments (e.g. a code of digital ethics) and not withdrawn the signature, "
            "under any published version. Each organisation counts once, however many "
            "commitments it signed and however many of the clusters it belongs to."
        ),
        order=320,
        sources=SOURCES,
    )
