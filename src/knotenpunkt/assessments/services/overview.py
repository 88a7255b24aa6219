"""What the staff dashboard shows of the label assessments."""

from knotenpunkt.assessments.models import Assessment


def dashboard_section(clusters: list) -> dict:
    """The assessments of the clusters in view that are not decided yet (registered in
    AssessmentsConfig.ready)."""
    open_ = Assessment.objects.filter(
        cluster__in=clusters,
        status__in=[Assessment.Status.PREPARING, Assessment.Status.SUBMITTED],
    ).select_related("cluster")
    return {"assessments": list(open_.order_by("due_on", "pk")[:5])}
