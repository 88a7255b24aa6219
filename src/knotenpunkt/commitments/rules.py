"""Who publishes, signs and sees commitments.

Staff of a cluster write and publish its commitments; an organisation admin of a member
organisation signs (and withdraws) for it; everyone reads a published commitment and its
listed signatories. Staff lists are scoped by `directory.rules.clusters_looked_after`.
"""

import rules
from django.db.models import QuerySet

from knotenpunkt.commitments.models import Commitment, CommitmentVersion, Signature
from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import (
    clusters_looked_after,
    is_cluster_staff,
    is_organisation_admin,
    is_staff_of_cluster,
)


def visible_commitments(user) -> QuerySet[Commitment]:
    return Commitment.objects.filter(cluster__in=clusters_looked_after(user))


def visible_versions(user) -> QuerySet[CommitmentVersion]:
    return CommitmentVersion.objects.filter(commitment__cluster__in=clusters_looked_after(user))


def visible_signatures(user) -> QuerySet[Signature]:
    return Signature.objects.filter(version__commitment__cluster__in=clusters_looked_after(user))


@rules.predicate
def is_staff_of_commitment_cluster(user, commitment) -> bool:
    return commitment is not None and is_staff_of_cluster(user, commitment.cluster)


# Staff's list of their clusters' commitments.
rules.add_perm("commitments.view_commitments", is_platform_admin | is_cluster_staff)
# Writing a new commitment for a cluster (object: the cluster).
rules.add_perm("commitments.create_commitment", is_platform_admin | is_staff_of_cluster)
# Drafting and publishing versions, seeing every signature (object: the commitment).
rules.add_perm("commitments.manage_commitment", is_platform_admin | is_staff_of_commitment_cluster)
# Signing and withdrawing for an organisation (object: the organisation); that it is a
# member of the commitment's cluster is checked by the service.
rules.add_perm("commitments.sign", is_organisation_admin)
