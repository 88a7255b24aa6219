"""Delivery reports from a mail provider, through django-anymail's tracking webhooks.

Anymail receives the provider's POST at /mailings/webhooks/<provider>/tracking/, checks
its authentication (basic auth with ANYMAIL["WEBHOOK_SECRET"], or the provider's
signature) and sends one normalised AnymailTrackingEvent per report on its `tracking`
signal. Connected once, on import from MailingsConfig.ready.
"""

from anymail.signals import EventType, tracking
from django.dispatch import receiver

from knotenpunkt.mailings.services import bounces

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
