"""What the outbox keeps about a person: the mails sent to them, with their bodies.

Export (Art. 15) lists the mails to any of the person's addresses, with subject and text.
Erasure (Art. 17) deletes them (attachments go with them), and replaces the person's names,
addresses and numbers in mails to others that name them (a confirmation to an organisation's
admin that the person registered, say) by the pseudonym of the erased person record.
"""

from django.db.models import Q

from knotenpunkt.core.audit import mentioning, pseudonymised
from knotenpunkt.core.registry import identity_of, register_personal_data
from knotenpunkt.outbox.models import OutgoingMail


def _mails_to(identity):
    condition = Q(pk__in=[])
    for address in identity.emails:
        condition |= Q(to__iexact=address)
    return OutgoingMail.objects.filter(condition)


def export_outbox(person) -> list[dict]:
    return [
        {
            "to": mail.to,
            "subject": mail.subject,
            "text": mail.body_text,
            "status": mail.get_status_display(),
            "created": mail.created_at.isoformat(),
            "sent": mail.sent_at.isoformat() if mail.sent_at else None,
        }
        for mail in _mails_to(identity_of(person)).order_by("created_at", "pk")
    ]


def erase_outbox(person) -> None:
    identity = identity_of(person)
    _mails_to(identity).delete()
    naming = OutgoingMail.objects.filter(
        mentioning(identity.anywhere, "subject", "body_text", "body_html")
    )
    for mail in naming.select_for_update():
        for name in ("subject", "body_text", "body_html"):
            setattr(
                mail,
                name,
                pseudonymised(getattr(mail, name), identity.anywhere, identity.pseudonym),
            )
        mail.save(update_fields=["subject", "body_text", "body_html"])


register_personal_data(
    "outbox",
    export_outbox,
    erase_outbox,
    models=("outbox.OutgoingMail", "outbox.OutgoingMailAttachment"),
)
