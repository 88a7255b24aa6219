"""Background entry points of interactions."""

from datetime import date

from django_tasks import task

from knotenpunkt.interactions.services.follow_ups import send_follow_up_reminders


@task()
def follow_up_reminders(today: str | None = None) -> dict:
    """The daily reminder of due follow-ups, for a worker that schedules it; `today` as
    YYYY-MM-DD, default today."""
    return send_follow_up_reminders(date.fromisoformat(today) if today else None)
