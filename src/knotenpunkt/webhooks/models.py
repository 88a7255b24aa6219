"""Subscriptions, the messages they receive and each delivery of a message.

A message is written once per event, a delivery per subscription that wants it; the
delivery row is also the log an owner reads (last response, error, duration).
"""

import base64
import json
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster, Organisation


class EventType(models.TextChoices):
    MEMBER_ADMITTED = "membership.admitted", _("Member admitted")
    MEMBER_LEFT = "membership.left", _("Member left")
    REGISTRATION_CONFIRMED = "registration.confirmed", _("Event registration confirmed")
    REGISTRATION_CANCELLED = "registration.cancelled", _("Event registration cancelled")
    NEED_POSTED = "need.posted", _("Need posted")
    CONTACT_ACCEPTED = "contact.accepted", _("Contact accepted")
    QUOTE_REQUEST_RECEIVED = "quote_request.received", _("Quote request received")
    ORDER_PLACED = "order.placed", _("Order placed")
    INVOICE_ISSUED = "invoice.issued", _("Invoice issued")
    INVOICE_PAID = "invoice.paid", _("Invoice paid")
    MAILING_SENT = "mailing.sent", _("Mailing sent")
    # Sent only by "send test event", to the one subscription asked.
    PING = "webhook.test", _("Test event")


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def new_message_id() -> str:
    return "msg_" + secrets.token_urlsafe(18)


class Subscription(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
    )
    url = models.URLField(_("address (URL)"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    event_types = models.JSONField(_("events"), default=list)
    # Kept readable: signing needs it, and the owner copies it into the receiver.
    secret = models.CharField(_("signing secret"), max_length=100, default=new_secret)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    is_active = models.BooleanField(_("active"), default=True)
    disabled_at = models.DateTimeField(_("switched off"), null=True, blank=True)
    disabled_reason = models.CharField(_("why switched off"), max_length=300, blank=True)
    # Deliveries given up in a row; a success resets it (auto-disable, docs/api.md).
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    # Set while a drain task for this subscription is queued, so that a burst of events
    # enqueues one task, not one per event.
    drain_queued = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, cluster__isnull=True)
                | Q(organisation__isnull=True, cluster__isnull=False),
                name="webhooks_subscription_one_owner",
            )
        ]

    def __str__(self):
        return self.url

    @property
    def owner(self):
        return self.organisation or self.cluster

    def event_type_labels(self) -> list[str]:
        labels = dict(EventType.choices)
        return [str(labels.get(code, code)) for code in self.event_types]


class Message(models.Model):
    id = models.CharField(primary_key=True, max_length=40, default=new_message_id)
    event_type = models.CharField(_("event"), max_length=40, db_index=True)
    payload = models.JSONField(_("content"))
    # The payload as the bytes that are signed and sent, the same on every attempt; kept so
    # that a delivery neither parses nor serialises JSON.
    body = models.TextField(editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cluster = models.ForeignKey(
        Cluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("webhook message")
        verbose_name_plural = _("webhook messages")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.event_type} {self.pk}"

    def save(self, *args, **kwargs):
        if not self.body:
            self.body = json.dumps(self.payload, separators=(",", ":"), ensure_ascii=False)
        super().save(*args, **kwargs)


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        FAILED = "failed", _("Failed, will be retried")
        SUCCEEDED = "succeeded", _("Delivered")
        GIVEN_UP = "given_up", _("Given up")

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    # A worker's claim on the row while it sends; an expired claim makes it due again.
    claim = models.CharField(max_length=32, blank=True, db_index=True, editable=False)
    leased_until = models.DateTimeField(null=True, blank=True, editable=False)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True)
    response_body = models.TextField(_("response (excerpt)"), blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True)
    manual = models.BooleanField(_("sent again by hand"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["subscription", "status", "next_attempt_at"], name="webhooks_due")
        ]

    def __str__(self):
        return f"{self.message_id} → {self.subscription_id}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.SENDING, self.Status.FAILED)
