"""The mailings app's models, by sub-domain; import them from here."""

from knotenpunkt.mailings.models.bounces import Bounce
from knotenpunkt.mailings.models.mailings import (
    Mailing,
    MailingBlock,
    MailingLink,
    MailingRecipient,
)
from knotenpunkt.mailings.models.segments import Segment
from knotenpunkt.mailings.models.subscriptions import MailingList, Subscription

__all__ = [
    "Bounce",
    "Mailing",
    "MailingBlock",
    "MailingLink",
    "MailingList",
    "MailingRecipient",
    "Segment",
    "Subscription",
]
