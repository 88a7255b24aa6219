from knotenpunkt.memberships.models.applications import DocumentAcceptance, MembershipApplication
from knotenpunkt.memberships.models.billing import BillingDetails, FeeCharge, FeeRun
from knotenpunkt.memberships.models.documents import ClusterDocument
from knotenpunkt.memberships.models.dunning import (
    DunningPause,
    PaymentRecord,
    Reminder,
    ReminderLevel,
)
from knotenpunkt.memberships.models.schedules import FeeOverride, FeeRate, FeeSchedule
from knotenpunkt.memberships.models.sepa import (
    DebitBatch,
    DebitReturn,
    DirectDebit,
    DirectDebitSettings,
    Mandate,
    PreNotification,
)

__all__ = [
    "BillingDetails",
    "ClusterDocument",
    "DebitBatch",
    "DebitReturn",
    "DirectDebit",
    "DirectDebitSettings",
    "DocumentAcceptance",
    "DunningPause",
    "FeeCharge",
    "FeeOverride",
    "FeeRate",
    "FeeRun",
    "FeeSchedule",
    "Mandate",
    "MembershipApplication",
    "PaymentRecord",
    "PreNotification",
    "Reminder",
    "ReminderLevel",
]
