"""Background entry points of the matchmaking UI: a need was posted; the weekly summary."""

from django_tasks import task

from knotenpunkt.matching.models import Need
from knotenpunkt.matching.services import alerts
from knotenpunkt.matching.services.needs import refresh_suggestions


@task()
def need_posted_task(need_id: int) -> int:
    """Suggest providers for a new need (for the staff board) and alert fitting ones."""
    need = Need.objects.select_related("organisation", "cluster").filter(pk=need_id).first()
    if need is None or need.status != Need.Status.OPEN:
        return 0
    refresh_suggestions(need)
    return alerts.send_need_alerts(need_id)


@task()
def weekly_need_digest_task() -> int:
    """Run once a week: the summary for people who chose weekly alerts."""
    return alerts.send_weekly_digest()
