"""Sending messages to subscriptions: signed (Standard Webhooks), in batches per
subscription over one kept-alive connection, retried on a schedule, given up after it,
and a subscription switched off after repeated failure.

A drain task works through the due deliveries of one subscription. It claims a batch
(status "sending" with a token and a lease, so that two workers never send one delivery
twice and a crashed worker's claim runs out), sends them and writes the outcomes in bulk.
"""

import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import urllib3
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from standardwebhooks import Webhook

from knotenpunkt.webhooks.models import Delivery, Subscription
from knotenpunkt.webhooks.services import addresses

BATCH_SIZE = 500
LEASE = timedelta(minutes=10)
RESPONSE_EXCERPT = 2048
# After this many attempts in a row without an HTTP answer, the rest of a batch is not
# tried (each would wait for the timeout); they are retried on the schedule.
UNREACHABLE_AFTER = 3
OPEN = (Delivery.Status.PENDING, Delivery.Status.FAILED)


def retry_schedule() -> list[timedelta]:
    """The waits before the 2nd, 3rd, … attempt (WEBHOOKS_RETRY_SCHEDULE, seconds)."""
    return [timedelta(seconds=s) for s in settings.WEBHOOKS_RETRY_SCHEDULE]


def body_of(message) -> bytes:
    return message.body.encode()


def signed_headers(
    subscription: Subscription, message_id: str, body: bytes, now=None, signer=None
) -> dict:
    """The three Standard Webhooks headers for one attempt."""
    now = now or timezone.now()
    signature = (signer or Webhook(subscription.secret)).sign(message_id, now, body)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
        "content-type": "application/json",
        "user-agent": "Knotenpunkt-Webhooks/1",
    }


# --- which deliveries are due ---------------------------------------------------------


def due_condition(now) -> Q:
    return Q(status__in=OPEN, next_attempt_at__lte=now) | Q(
        status=Delivery.Status.SENDING, leased_until__lt=now
    )


def due_deliveries(now=None):
    """Every delivery due now, of active subscriptions (the sweeper's list)."""
    return Delivery.objects.filter(due_condition(now or timezone.now())).filter(
        subscription__is_active=True
    )


@dataclass
class Claimed:
    """A claimed delivery as the sender needs it: no model instance, no JSON parsing (a
    fan-out sends tens of thousands). Its attributes are named like Delivery's fields."""

    pk: int
    message_id: str
    attempts: int
    body: str
    status: str = Delivery.Status.SENDING
    next_attempt_at: object = None
    last_attempt_at: object = None
    delivered_at: object = None
    claim: str = ""
    leased_until: object = None
    response_status: int | None = None
    response_body: str = ""
    error: str = ""
    duration_ms: int | None = None


def _claim(subscription: Subscription, now, limit: int) -> list[Claimed]:
    ids = list(
        Delivery.objects.filter(due_condition(now), subscription=subscription)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    if not ids:
        return []
    token = secrets.token_hex(16)
    Delivery.objects.filter(due_condition(now), pk__in=ids).update(
        status=Delivery.Status.SENDING, claim=token, leased_until=now + LEASE
    )
    rows = (
        Delivery.objects.filter(claim=token, status=Delivery.Status.SENDING)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", "message_id", "attempts", "next_attempt_at", "message__body")
    )
    return [
        Claimed(pk, message_id, attempts, body, next_attempt_at=next_attempt_at)
        for pk, message_id, attempts, next_attempt_at, body in rows
    ]


# --- sending --------------------------------------------------------------------------


@dataclass
class Outcome:
    status: int | None = None
    body: str = ""
    error: str = ""
    duration_ms: int = 0

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class Connection:
    """A kept-alive connection to a subscription's receiver, pinned to the address the
    SSRF check approved (the TLS certificate is still checked against the host name)."""

    def __init__(self, url: str):
        self.url = url
        parts = urlsplit(url)
        self.host = parts.hostname
        self.path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.host_header = parts.netloc.rsplit("@", 1)[-1]
        ip = addresses.resolve(url)[0]
        port = parts.port or (443 if parts.scheme == "https" else 80)
        timeout = urllib3.Timeout(connect=5.0, read=settings.WEBHOOKS_TIMEOUT_SECONDS)
        if parts.scheme == "https":
            self.pool = urllib3.HTTPSConnectionPool(
                str(ip),
                port,
                timeout=timeout,
                maxsize=1,
                retries=False,
                server_hostname=self.host,
                assert_hostname=self.host,
                cert_reqs="CERT_REQUIRED",
            )
        else:
            self.pool = urllib3.HTTPConnectionPool(
                str(ip), port, timeout=timeout, maxsize=1, retries=False
            )

    def post(self, body: bytes, headers: dict) -> Outcome:
        started = time.monotonic()
        outcome = Outcome()
        try:
            response = self.pool.urlopen(
                "POST",
                self.path,
                body=body,
                headers={**headers, "host": self.host_header},
                redirect=False,
                preload_content=False,
                retries=False,
            )
        except urllib3.exceptions.HTTPError as error:
            outcome.error = _connection_error(error)
        else:
            outcome.status = response.status
            try:
                excerpt = response.read(RESPONSE_EXCERPT, decode_content=False)
                # Read a little more to keep the connection; a long answer closes it.
                if len(response.read(65536, decode_content=False)) == 65536:
                    response.close()
            except (urllib3.exceptions.HTTPError, OSError) as error:
                excerpt = b""
                outcome.error = _connection_error(error)
            finally:
                response.release_conn()
            outcome.body = excerpt.decode("utf-8", errors="replace")
            if not outcome.ok and not outcome.error:
                outcome.error = _("The receiver answered with status %(status)s.") % {
                    "status": response.status
                }
        outcome.duration_ms = int((time.monotonic() - started) * 1000)
        return outcome

    def close(self):
        self.pool.close()


def _connection_error(error: Exception) -> str:
    if isinstance(error, urllib3.exceptions.NewConnectionError):
        return _("The connection failed: %(error)s") % {"error": str(error)[:300]}
    if isinstance(error, urllib3.exceptions.TimeoutError):
        return _("The receiver did not answer within the time limit.")
    if isinstance(error, urllib3.exceptions.SSLError):
        return _("The TLS connection failed: %(error)s") % {"error": str(error)[:300]}
    return _("The connection failed: %(error)s") % {"error": str(error)[:300]}


def _record(delivery: Claimed, outcome: Outcome, now, schedule: list[timedelta]) -> None:
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.claim = ""
    delivery.leased_until = None
    delivery.response_status = outcome.status
    delivery.response_body = outcome.body[:RESPONSE_EXCERPT]
    delivery.error = outcome.error[:500]
    delivery.duration_ms = outcome.duration_ms
    if outcome.ok:
        delivery.status = Delivery.Status.SUCCEEDED
        delivery.delivered_at = now
    elif delivery.attempts <= len(schedule):
        delivery.status = Delivery.Status.FAILED
        delivery.next_attempt_at = now + schedule[delivery.attempts - 1]
    else:
        delivery.status = Delivery.Status.GIVEN_UP


RECORDED_FIELDS = [
    "attempts",
    "last_attempt_at",
    "claim",
    "leased_until",
    "response_status",
    "response_body",
    "error",
    "duration_ms",
    "status",
    "delivered_at",
    "next_attempt_at",
]


def _write_outcomes(deliveries: list[Claimed]) -> None:
    """One UPDATE statement run for every delivery of a batch (bulk_update would build a
    CASE expression per row and field: slow for the fan-out's tens of thousands)."""
    fields = [Delivery._meta.get_field(name) for name in RECORDED_FIELDS]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    rows = [
        [field.get_db_prep_save(getattr(d, field.attname), connection) for field in fields] + [d.pk]
        for d in deliveries
    ]
    sql = f"UPDATE {quote(Delivery._meta.db_table)} SET {assignments} WHERE id = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def drain(subscription_id: int, *, max_batches: int | None = None) -> dict[str, int]:
    """Send every due delivery of one subscription; returns counts by outcome."""
    counts = {"succeeded": 0, "failed": 0, "given_up": 0}
    Subscription.objects.filter(pk=subscription_id, drain_queued=True).update(drain_queued=False)
    subscription = Subscription.objects.filter(pk=subscription_id, is_active=True).first()
    if subscription is None:
        return counts
    schedule = retry_schedule()
    connection = None
    batches = 0
    try:
        while max_batches is None or batches < max_batches:
            batches += 1
            now = timezone.now()
            claimed = _claim(subscription, now, BATCH_SIZE)
            if not claimed:
                break
            try:
                if connection is None:
                    connection = Connection(subscription.url)
                else:
                    # DNS may have changed since the last batch: check again.
                    addresses.resolve(subscription.url)
            except addresses.RefusedAddress as refusal:
                outcomes = [Outcome(error=str(refusal)) for _delivery in claimed]
            else:
                outcomes = _send_batch(subscription, connection, claimed)
            if _store_outcomes(subscription, claimed, outcomes, schedule, counts):
                break
    finally:
        if connection is not None:
            connection.close()
    return counts


def _send_batch(subscription, connection: Connection, claimed: list[Claimed]) -> list[Outcome]:
    outcomes, unreachable = [], 0
    signer = Webhook(subscription.secret)
    for delivery in claimed:
        if unreachable >= UNREACHABLE_AFTER:
            outcomes.append(
                Outcome(error=_("Not tried: the receiver did not answer the attempts before."))
            )
            continue
        body = delivery.body.encode()
        headers = signed_headers(subscription, delivery.message_id, body, signer=signer)
        outcome = connection.post(body, headers)
        unreachable = unreachable + 1 if outcome.status is None else 0
        outcomes.append(outcome)
    return outcomes


def _store_outcomes(subscription, claimed, outcomes, schedule, counts) -> bool:
    """Write a batch's outcomes; returns True if the subscription was switched off."""
    now = timezone.now()
    succeeded, retry_at, run = False, None, 0
    for delivery, outcome in zip(claimed, outcomes, strict=True):
        _record(delivery, outcome, now, schedule)
        if delivery.status == Delivery.Status.SUCCEEDED:
            counts["succeeded"] += 1
            succeeded, run = True, 0
        elif delivery.status == Delivery.Status.GIVEN_UP:
            counts["given_up"] += 1
            run += 1
        else:
            counts["failed"] += 1
            retry_at = min(retry_at or delivery.next_attempt_at, delivery.next_attempt_at)
    # Given up in a row at the end of the batch; a success in it resets the count.
    failures_in_a_row = run
    with transaction.atomic():
        _write_outcomes(claimed)
        if succeeded:
            Subscription.objects.filter(pk=subscription.pk).exclude(
                consecutive_failures=failures_in_a_row
            ).update(consecutive_failures=failures_in_a_row)
        elif failures_in_a_row:
            Subscription.objects.filter(pk=subscription.pk).update(
                consecutive_failures=F("consecutive_failures") + failures_in_a_row
            )
        if retry_at is not None:
            schedule_drain_at(subscription.pk, retry_at)
        if failures_in_a_row:
            return _disable_if_failing(subscription.pk)
    return False


def _disable_if_failing(subscription_id: int) -> bool:
    from knotenpunkt.webhooks.services.subscriptions import disable

    subscription = Subscription.objects.select_for_update().get(pk=subscription_id)
    limit = settings.WEBHOOKS_DISABLE_AFTER_GIVEN_UP
    if not subscription.is_active or subscription.consecutive_failures < limit:
        return False
    disable(
        None,
        subscription,
        _("%(count)s deliveries in a row failed after all retries.") % {"count": limit},
        notify=True,
    )
    return True


# --- enqueueing ------------------------------------------------------------------------


def schedule_drains(subscription_ids) -> None:
    """Enqueue a drain for each subscription that has none queued (call after commit)."""
    from knotenpunkt.webhooks.tasks import drain_subscription

    ids = list(
        Subscription.objects.filter(
            pk__in=list(subscription_ids), drain_queued=False, is_active=True
        ).values_list("pk", flat=True)
    )
    if not ids:
        return
    Subscription.objects.filter(pk__in=ids).update(drain_queued=True)
    for subscription_id in ids:
        drain_subscription.enqueue(subscription_id)


def schedule_drain_at(subscription_id: int, when) -> None:
    """A drain at `when` (a retry), enqueued after commit; backends that cannot defer
    leave it to the sweeper (`knotenpunkt send-webhooks`)."""
    from knotenpunkt.webhooks.tasks import drain_subscription

    if drain_subscription.get_backend().supports_defer:
        transaction.on_commit(
            lambda: drain_subscription.using(run_after=when).enqueue(subscription_id)
        )


def send_due(now=None) -> dict[str, int]:
    """The sweeper: drain every subscription with due deliveries in this process."""
    totals = {"succeeded": 0, "failed": 0, "given_up": 0}
    ids = set(due_deliveries(now).values_list("subscription_id", flat=True).distinct())
    for subscription_id in sorted(ids):
        for key, value in drain(subscription_id).items():
            totals[key] += value
    return totals
