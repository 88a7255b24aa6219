"""Who may work on label assessments: the staff of the assessed cluster, nobody else.

Every list and lookup goes through the `visible_…` querysets, built on
`directory.rules.clusters_looked_after`, so that staff of another cluster find nothing
(a 404, not a 403: no oracle for ids).
"""

import rules

from knotenpunkt.assessments.models import Assessment, Evidence, Indicator
from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import clusters_looked_after, is_cluster_staff, is_staff_of_cluster


def visible_assessments(user):
    return Assessment.objects.filter(cluster__in=clusters_looked_after(user))


def visible_indicators(user):
    return Indicator.objects.filter(assessment__cluster__in=clusters_looked_after(user))


def visible_evidence(user):
    return Evidence.objects.filter(indicator__assessment__cluster__in=clusters_looked_after(user))


@rules.predicate
def is_staff_of_assessed_cluster(user, assessment) -> bool:
    return assessment is not None and is_staff_of_cluster(user, assessment.cluster)


# The overview across the clusters a user looks after (no object).
rules.add_perm("assessments.view_assessments", is_platform_admin | is_cluster_staff)
# Starting an assessment for a cluster (object: the cluster).
rules.add_perm("assessments.start_assessment", is_platform_admin | is_staff_of_cluster)
# Everything on one assessment: indicators, evidence, the pack (object: the assessment).
rules.add_perm("assessments.work_on_assessment", is_platform_admin | is_staff_of_assessed_cluster)
