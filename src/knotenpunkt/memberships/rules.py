"""Who may apply, review, bill, collect and remind.

Staff of a cluster run its fees; an organisation's admin applies for it and gives its SEPA
mandate; any person working at an organisation may apply for it. Every staff list is
scoped by `directory.rules.clusters_looked_after`, so staff of one cluster never see
another's applications, mandates, debits or open items.
"""

import rules

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import (
    clusters_looked_after,
    is_cluster_staff,
    is_organisation_admin,
    is_staff_of_cluster,
    visible_organisations,
    works_at_an_organisation,
)
from knotenpunkt.memberships.models import (
    BillingDetails,
    ClusterDocument,
    DebitBatch,
    DirectDebit,
    DirectDebitSettings,
    DunningPause,
    FeeCharge,
    FeeRun,
    FeeSchedule,
    Mandate,
    MembershipApplication,
    PaymentRecord,
    Reminder,
    ReminderLevel,
)


def visible_applications(user):
    return MembershipApplication.objects.filter(cluster__in=clusters_looked_after(user))


def visible_documents(user):
    return ClusterDocument.objects.filter(cluster__in=clusters_looked_after(user))


def visible_schedules(user):
    return FeeSchedule.objects.filter(cluster__in=clusters_looked_after(user))


def visible_fee_runs(user):
    return FeeRun.objects.filter(cluster__in=clusters_looked_after(user))


def visible_fee_charges(user):
    return FeeCharge.objects.filter(membership__cluster__in=clusters_looked_after(user))


def visible_billing_details(user):
    """Billing details of the organisations staff see in the directory."""
    return BillingDetails.objects.filter(organisation__in=visible_organisations(user))


def visible_mandates(user):
    return Mandate.objects.filter(cluster__in=clusters_looked_after(user))


def visible_debit_batches(user):
    return DebitBatch.objects.filter(cluster__in=clusters_looked_after(user))


# sepa
def visible_direct_debit_settings(user):
    return DirectDebitSettings.objects.filter(cluster__in=clusters_looked_after(user))


def visible_direct_debits(user):
    return DirectDebit.objects.filter(batch__cluster__in=clusters_looked_after(user))


# dunning
def visible_reminder_levels(user):
    return ReminderLevel.objects.filter(cluster__in=clusters_looked_after(user))


def visible_reminders(user):
    return Reminder.objects.filter(invoice__cluster__in=clusters_looked_after(user))


def visible_dunning_pauses(user):
    return DunningPause.objects.filter(cluster__in=clusters_looked_after(user))


def visible_payment_records(user):
    return PaymentRecord.objects.filter(invoice__cluster__in=clusters_looked_after(user))


@rules.predicate
def is_staff_of_object_cluster(user, obj) -> bool:
    """For an application, schedule, run, mandate or batch: staff of its cluster."""
    return obj is not None and is_staff_of_cluster(user, obj.cluster)


@rules.predicate
def administers_mandate_organisation(user, mandate) -> bool:
    return mandate is not None and is_organisation_admin(user, mandate.organisation)


@rules.predicate
def follows_application(user, application) -> bool:
    """The person who applied, or an admin of the applying organisation."""
    if application is None or not user.is_authenticated:
        return False
    return application.applicant_id == user.pk or is_organisation_admin(
        user, application.organisation
    )


# Staff's overview pages (lists across their clusters).
rules.add_perm("memberships.view_fees", is_platform_admin | is_cluster_staff)
# Running a cluster's fees (object: the cluster): schedules, runs, exports, dunning.
rules.add_perm("memberships.manage_fees", is_platform_admin | is_staff_of_cluster)
# Reviewing one application, changing one mandate (object: the application or mandate).
rules.add_perm("memberships.review_application", is_platform_admin | is_staff_of_object_cluster)
rules.add_perm(
    "memberships.change_mandate",
    is_platform_admin | is_staff_of_object_cluster | administers_mandate_organisation,
)
# Applying (no object) and giving a mandate for an organisation (object: the organisation).
rules.add_perm("memberships.apply", works_at_an_organisation)
# Changing or withdrawing one application (object: the application).
rules.add_perm("memberships.change_application", follows_application)
rules.add_perm("memberships.give_mandate", is_organisation_admin)
