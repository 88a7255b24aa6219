"""Background entry points of membership fees."""

from datetime import date

from django_tasks import task

from knotenpunkt.memberships.services import fee_mail
from knotenpunkt.memberships.services.daily import run_fees_daily


@task(queue_name="mail")
def mail_fee_invoices(run_id: int) -> None:
    """Mail a fee run's invoices (PDF and e-invoice data) after the run committed."""
    fee_mail.mail_run_invoices(run_id)


@task()
def fees_daily(today: str | None = None) -> dict:
    """The fees' daily round (settle collected debits, expire unused mandates, send due
    reminders) for a worker that schedules it; `today` as YYYY-MM-DD, default today."""
    return run_fees_daily(date.fromisoformat(today) if today else None)
