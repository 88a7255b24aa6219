"""What the accounts keep about a person: the login and the records of logging in.

Export (Art. 15) gives the login's data and every login record (successful logins,
failures, lock-out counters) kept under one of the person's addresses. Erasure (Art. 17)
deletes those records and scrubs and deactivates the login; it runs last, since the other
apps find the person's rows through the login and its address.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db.models import Q

from knotenpunkt.core.registry import identity_of, register_personal_data

# Logins; failed attempts counted towards the lock-out (until the next login); the log of
# failures (when AXES_ENABLE_ACCESS_FAILURE_LOG is set).
LOGIN_RECORDS = {
    "logins": AccessLog,
    "failed_attempts": AccessAttempt,
    "failure_log": AccessFailureLog,
}


def export_account(person) -> dict | None:
    user = person.user
    if user is None:
        return None
    return {
        "email": user.email,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_confirmed_at": user.email_confirmed_at.isoformat()
        if user.email_confirmed_at
        else None,
    }


def erase_account(person) -> None:
    """The login is kept as a deactivated, nameless row: the audit log and records that say
    who acted point at it and now name nobody."""
    user = person.user
    if user is None:
        return
    user.email = f"erased-{user.pk}@invalid.example"
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


register_personal_data(
    "account", export_account, erase_account, models=("accounts.User",), erase_last=True
)


def _records_of(person, model):
    # Login records are kept under the username as typed: any spelling of an address.
    condition = Q(pk__in=[])
    for address in identity_of(person).emails:
        condition |= Q(username__iexact=address)
    return model.objects.filter(condition).order_by("attempt_time", "pk")


def export_login_records(person) -> dict:
    return {
        kind: [
            {
                "time": record.attempt_time.isoformat(),
                "username": record.username,
                "ip_address": record.ip_address,
                "browser": record.user_agent,
            }
            for record in _records_of(person, model)
        ]
        for kind, model in LOGIN_RECORDS.items()
    }


def erase_login_records(person) -> None:
    for model in LOGIN_RECORDS.values():
        _records_of(person, model).delete()


register_personal_data(
    "login_records",
    export_login_records,
    erase_login_records,
    models=("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"),
)
