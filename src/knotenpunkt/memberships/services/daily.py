"""The fees' daily round: settle collected debits, expire unused mandates, send reminders.

Run by `knotenpunkt fees-daily` (cron or a systemd timer) or by the worker's task
`knotenpunkt.memberships.tasks.fees_daily`. The order matters: a debit the bank has
collected settles its invoice before the reminders look for unpaid ones. Every step is
idempotent, so running twice a day does no harm.
"""

from datetime import date

from django.utils import timezone

from knotenpunkt.directory.models import Cluster
from knotenpunkt.memberships.services.dunning import send_due_reminders
from knotenpunkt.memberships.services.mandates import expire_unused_mandates
from knotenpunkt.memberships.services.sepa_export import settle_collected_debits


def run_fees_daily(today: date | None = None, cluster: Cluster | None = None) -> dict:
    """One daily round; `cluster` limits the reminders (settling and mandate expiry
    always cover every cluster). Returns the counts the command prints."""
    today = today or timezone.localdate()
    settled = settle_collected_debits(today)
    expired = expire_unused_mandates(today)
    reminders = send_due_reminders(today, cluster)
    return {
        "settled": settled,
        "expired_mandates": expired,
        "reminders": reminders["reminders"],
        "skipped_no_address": reminders["skipped_no_address"],
    }
