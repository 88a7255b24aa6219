"""What the mailings keep about a person: their subscriptions.

Export (Art. 15) lists them with their history dates; erasure (Art. 17) deletes them, since
an erased person must never be mailed again and a subscription has no figure worth keeping.
The consent records themselves belong to the privacy app.
"""

from knotenpunkt.core.registry import register_merge_relation, register_personal_data


def export_subscriptions(person) -> list[dict]:
    return [
        {
            "list": s.mailing_list.name,
            "cluster": str(s.mailing_list.cluster),
            "status": s.get_status_display(),
            "source": s.source,
            "requested_at": s.requested_at.isoformat(),
            "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
            "unsubscribed_at": s.unsubscribed_at.isoformat() if s.unsubscribed_at else None,
        }
        for s in person.subscriptions.select_related("mailing_list__cluster").order_by("pk")
    ]


def erase_subscriptions(person) -> None:
    person.subscriptions.all().delete()


register_personal_data(
    "mailing_subscriptions",
    export_subscriptions,
    erase_subscriptions,
    models=("mailings.Subscription",),
)
register_merge_relation("person", "mailings.Subscription", "person", unique_with=("mailing_list",))


def export_mailings_received(person) -> list[dict]:
    return [
        {
            "mailing": r.mailing.subject,
            "address": r.email,
            "status": r.get_status_display(),
            "sent_at": r.sent_at.isoformat() if r.sent_at else None,
        }
        for r in person.mailing_receipts.select_related("mailing").order_by("pk")
    ]


def erase_mailings_received(person) -> None:
    # The mailing's totals keep counting; who received it goes with the person.
    person.mailing_receipts.all().delete()


register_personal_data(
    "mailings_received",
    export_mailings_received,
    erase_mailings_received,
    models=("mailings.MailingRecipient",),
)
register_merge_relation("person", "mailings.MailingRecipient", "person", unique_with=("mailing",))
