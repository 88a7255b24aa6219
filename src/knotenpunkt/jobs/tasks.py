"""Background entry points of the jobs app; they only call services."""

from django_tasks import task

from knotenpunkt.jobs.services.digest import send_weekly_digest
from knotenpunkt.jobs.services.postings import run_nightly


@task()
def expire_and_remind() -> dict:
    """Mark postings past their date as expired and remind posters a week before the end
    (`knotenpunkt jobs-reminders`, nightly)."""
    return run_nightly()


@task()
def send_digest() -> dict:
    """Mail the week's new postings to the digest's subscribers (`knotenpunkt jobs-digest`,
    weekly)."""
    return {"sent": send_weekly_digest()}
