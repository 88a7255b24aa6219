"""Delivery reports from a mail provider, through django-anymail's tracking webhooks.

Anymail receives the provider's POST at /mailings/webhooks/<provider>/tracking/, checks
its authentication (basic auth with ANYMAIL["WEBHOOK_SECRET"], and the provider's
signature where it has one) and sends one normalised AnymailTrackingEvent per report on
its `tracking` signal. Connected once, on import from MailingsConfig.ready.

Without a secret anymail only warns and accepts anything, and a forged bounce or
complaint would unsubscribe people; so every webhook is refused until one is set
(`require_webhook_secret`, applied to anymail's URLs in mailings/webhook_urls.py), and
`knotenpunkt check --deploy` warns about it.
"""

import functools
import logging

from anymail.signals import EventType, tracking
from django.conf import settings
from django.core import checks
from django.dispatch import receiver
from django.http import HttpResponseForbidden

from knotenpunkt.mailings.services import bounces

log = logging.getLogger(__name__)

# Providers that do not keep our Message-ID header can carry it as metadata instead
# (Postmark: X-PM-Metadata-knp_message_id; Mailgun: X-Mailgun-Variables).
MESSAGE_ID_METADATA = "knp_message_id"

PERMANENT = {EventType.BOUNCED, EventType.REJECTED}
TEMPORARY = {EventType.DEFERRED}
LEAVING = {
    EventType.COMPLAINED: "provider: complaint",
    EventType.UNSUBSCRIBED: "provider: unsubscribe",
}


@receiver(tracking, dispatch_uid="knotenpunkt.mailings.tracking")
def handle_tracking_event(sender, event, esp_name, **kwargs) -> None:
    """Bounces suppress the address; a spam complaint or an unsubscribe at the provider
    ends every subscription of the people with that address. Opens, clicks and
    deliveries are not recorded per person."""
    address = (event.recipient or "").strip()
    if not address:
        return
    if event.event_type in LEAVING:
        bounces.unsubscribe_address(address, source=LEAVING[event.event_type])
        return
    if event.event_type not in PERMANENT | TEMPORARY:
        return
    permanent = event.event_type in PERMANENT and not _is_soft_bounce(event, esp_name)
    metadata = event.metadata if isinstance(event.metadata, dict) else {}
    message_id = str(metadata.get(MESSAGE_ID_METADATA) or event.message_id or "")
    bounces.record_bounce(
        address,
        permanent,
        message_id=message_id,
        diagnostic=str(event.mta_response or event.description or event.reject_reason or ""),
        source=f"webhook: {esp_name}",
        report_id=f"{esp_name}:{event.event_id}" if event.event_id else "",
    )


def _is_soft_bounce(event, esp_name: str) -> bool:
    # Anymail normalises Postmark's SoftBounce (mailbox full, quota exceeded) to "bounced"
    # like a hard one; it is temporary, and three of them suppress the address anyway.
    esp_event = event.esp_event if isinstance(event.esp_event, dict) else {}
    return esp_name == "Postmark" and esp_event.get("Type") == "SoftBounce"


def webhook_secret_configured() -> bool:
    secret = getattr(settings, "ANYMAIL", {}).get("WEBHOOK_SECRET")
    if isinstance(secret, list | tuple):
        return any(secret)
    return bool(secret)


def require_webhook_secret(view):
    """Refuse a provider's webhook (403) while no shared secret is configured."""

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        if not webhook_secret_configured():
            log.error(
                "Refused a mail provider webhook at %s: ANYMAIL_WEBHOOK_SECRET is not set.",
                request.path,
            )
            return HttpResponseForbidden(
                "Webhooks are disabled: ANYMAIL_WEBHOOK_SECRET is not set.",
                content_type="text/plain",
            )
        return view(request, *args, **kwargs)

    return guarded


@checks.register(checks.Tags.security, deploy=True)
def check_webhook_secret(app_configs=None, **kwargs):
    if webhook_secret_configured():
        return []
    return [
        checks.Warning(
            "ANYMAIL_WEBHOOK_SECRET is not set: the mail providers' delivery webhooks "
            "(/mailings/webhooks/<provider>/tracking/) refuse every request, so bounces "
            "and complaints reported by a provider are not processed.",
            hint="Set ANYMAIL_WEBHOOK_SECRET to a random 'user:password' and give the "
            "provider the webhook URL with these credentials (docs/operations.md).",
            id="knotenpunkt.W001",
        )
    ]
